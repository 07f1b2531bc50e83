//! Step 1: the SaaS product and its public offer, from the product change set template.

use super::changeset_step::{self, Slot};
use super::{inputs, Ctx, StepReport};

const SLOT: Slot = Slot {
    step: "publish-product",
    get_id: |s| s.product_changeset_id.clone(),
    set_id: |s, id| s.product_changeset_id = id,
};

/// Renders and validates the product change set (no AWS call).
pub fn request(ctx: &Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<serde_json::Value> {
    let path = inputs::template_path(ctx.settings, &ctx.settings.config.product_changeset);
    let buyers = inputs::buyers(ctx.settings)?;
    let vars = inputs::vars(ctx.settings, &ctx.state, Some(&buyers), overrides);
    inputs::changeset_request(ctx.printer, &path, &vars)
}

pub async fn run(ctx: &mut Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<StepReport> {
    if let Some(id) = &ctx.state.product_id {
        return Ok(StepReport::new(
            "publish-product",
            "skipped",
            format!("product {id} already published"),
        )
        .field("product_id", id.clone()));
    }
    let fresh = request(ctx, overrides);
    let out = changeset_step::run(ctx, &SLOT, fresh).await?;
    let product = out.created_id("CreateProduct").ok_or_else(|| {
        anyhow::anyhow!("change set succeeded but reports no CreateProduct entity")
    })?;
    ctx.state.product_id = Some(product.clone());
    ctx.state.public_offer_id = out.created_id("CreateOffer");
    ctx.state.internal.pending.remove(SLOT.step);
    ctx.save()?;
    Ok(StepReport::new(
        "publish-product",
        "done",
        format!("published product {product}"),
    )
    .field("product_id", product)
    .field("public_offer_id", ctx.state.public_offer_id.clone())
    .field("changeset_id", ctx.state.product_changeset_id.clone()))
}
