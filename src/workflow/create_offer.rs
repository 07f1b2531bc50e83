//! Step 2: the private offer for the buyers in buyer_ids.txt.

use super::changeset_step::{self, Slot};
use super::{inputs, missing, Ctx, StepReport};

const SLOT: Slot = Slot {
    step: "create-offer",
    get_id: |s| s.offer_changeset_id.clone(),
    set_id: |s, id| s.offer_changeset_id = id,
};

/// Renders and validates the private offer change set (no AWS call).
pub fn request(ctx: &Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<serde_json::Value> {
    let path = inputs::template_path(ctx.settings, &ctx.settings.config.offer_changeset);
    let buyers = inputs::buyers(ctx.settings)?;
    let vars = inputs::vars(ctx.settings, &ctx.state, Some(&buyers), overrides);
    inputs::changeset_request(ctx.printer, &path, &vars)
}

pub async fn run(ctx: &mut Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<StepReport> {
    run_with(ctx, overrides, None, None).await
}

/// The rendered request with the rate card's usage prices (checked against the product's
/// metered dimensions, read with DescribeEntity on `catalog`) in its UpdatePricingTerms
/// change. A run and its `--plan` both render the offer here.
pub async fn with_rate_card(
    ctx: &Ctx<'_>,
    catalog: &aws_sdk_marketplacecatalog::Client,
    overrides: &[(String, String)],
    path: &std::path::Path,
) -> anyhow::Result<serde_json::Value> {
    use crate::offer::rate_card;
    let text = std::fs::read_to_string(path).map_err(|e| {
        crate::exit::bad_input(format!("{}: cannot read rate card: {e}", path.display()))
    })?;
    let rates = rate_card::parse(path, &text)?;
    let mut request = request(ctx, overrides)?;
    let product = ctx.state.product_id.clone().unwrap_or_default();
    let entity = catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(&product)
        .send()
        .await
        .map_err(|e| crate::aws::describe_error("DescribeEntity", e))?;
    let document = entity
        .details_document()
        .map(crate::offer::read::from_document)
        .unwrap_or_default();
    rate_card::check(
        path,
        &rates,
        &rate_card::metered_dimensions(&document),
        &product,
    )?;
    rate_card::apply(&mut request, &rates)?;
    inputs::check_changeset(ctx.printer, path, &request)?;
    Ok(request)
}

/// The request with `percent` off every price, validated again.
pub fn discounted(
    ctx: &Ctx<'_>,
    mut request: serde_json::Value,
    percent: f64,
) -> anyhow::Result<serde_json::Value> {
    crate::offer::discount::apply(&mut request, percent)?;
    let path = inputs::template_path(ctx.settings, &ctx.settings.config.offer_changeset);
    inputs::check_changeset(ctx.printer, &path, &request)?;
    Ok(request)
}

/// The offer a run of this step sends when no earlier run saved one: the template, then the
/// rate card's usage prices (after DescribeEntity of the product on `catalog`), then the
/// discount. `--plan` (the workflow's and a campaign row's) renders it here too.
pub async fn render(
    ctx: &Ctx<'_>,
    catalog: &aws_sdk_marketplacecatalog::Client,
    overrides: &[(String, String)],
    rate_card: Option<&std::path::Path>,
    discount_percent: Option<f64>,
) -> anyhow::Result<serde_json::Value> {
    let request = match rate_card {
        Some(path) => with_rate_card(ctx, catalog, overrides, path).await?,
        None => request(ctx, overrides)?,
    };
    match discount_percent {
        Some(d) => discounted(ctx, request, d),
        None => Ok(request),
    }
}

/// Step 2, optionally with a rate card for the usage prices and a discount on every price
/// (see `offer::discount`).
pub async fn run_with(
    ctx: &mut Ctx<'_>,
    overrides: &[(String, String)],
    rate_card: Option<&std::path::Path>,
    discount_percent: Option<f64>,
) -> anyhow::Result<StepReport> {
    if let Some(id) = &ctx.state.offer_id {
        return Ok(StepReport::new(
            "create-offer",
            "skipped",
            format!("private offer {id} already created"),
        )
        .field("offer_id", id.clone())
        .field("offer_arn", ctx.state.offer_arn.clone()));
    }
    if ctx.state.product_id.is_none() {
        return Err(missing("PRODUCT_ID", "publish-product"));
    }
    // A saved request is re-sent as saved (its token dedupes it); only a fresh one is rendered.
    let fresh = match ctx.state.internal.pending.contains_key(SLOT.step) {
        true => request(ctx, overrides),
        false => {
            let catalog = ctx.clients.catalog.clone();
            render(ctx, &catalog, overrides, rate_card, discount_percent).await
        }
    };
    let out = changeset_step::run(ctx, &SLOT, fresh).await?;
    let offer = out
        .created_id("CreateOffer")
        .ok_or_else(|| anyhow::anyhow!("change set succeeded but reports no CreateOffer entity"))?;
    let arn = offer_arn(ctx, &offer).await?;
    ctx.state.offer_id = Some(offer.clone());
    ctx.state.offer_arn = Some(arn.clone());
    ctx.state.internal.pending.remove(SLOT.step);
    ctx.save()?;
    Ok(StepReport::new(
        "create-offer",
        "done",
        format!("created private offer {offer}"),
    )
    .field("offer_id", offer)
    .field("offer_arn", arn)
    .field("changeset_id", ctx.state.offer_changeset_id.clone()))
}

/// The released offer's ARN: from AWS's `Offer Released` event when the events queue brought
/// it with the change set's end, else from DescribeEntity.
async fn offer_arn(ctx: &Ctx<'_>, offer: &str) -> anyhow::Result<String> {
    let heard = crate::event::listen::current().and_then(|l| l.released_offer_arn(offer));
    if let Some(arn) = heard {
        return Ok(arn);
    }
    let entity = ctx
        .clients
        .catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(offer)
        .send()
        .await
        .map_err(|e| crate::aws::describe_error("DescribeEntity", e))?;
    entity
        .entity_arn()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("DescribeEntity returned no EntityArn for {offer}"))
}
