//! Step 6: move the opportunity to Committed (or `--stage`). UpdateOpportunity replaces the
//! whole opportunity and is locked by LastModifiedDate, so every update re-reads it, carries
//! every field over, and retries after a ConflictException.

use aws_sdk_partnercentralselling::types::LifeCycle;

use super::{missing, Ctx, StepReport};
use crate::aws::opportunity_update;

const STEP: &str = "commit";

/// In catalog `AWS`, first waits (up to `review_timeout`) for AWS to approve the opportunity:
/// AWS refuses every update while it reviews.
pub async fn run(
    ctx: &mut Ctx<'_>,
    stage: &str,
    review_timeout: Option<f64>,
) -> anyhow::Result<StepReport> {
    let id = ctx
        .state
        .opportunity_id
        .clone()
        .ok_or_else(|| missing("OPPORTUNITY_ID", "create-opportunity"))?;
    if ctx.state.opportunity_stage.as_deref() == Some(stage) {
        return Ok(StepReport::new(
            STEP,
            "skipped",
            format!("opportunity {id} is already {stage}"),
        )
        .field("opportunity_id", id)
        .field("stage", stage));
    }
    super::review::await_approval(ctx, &id, review_timeout).await?;
    let catalog = ctx.settings.catalog.as_str().to_string();
    let edit = opportunity_update::to_stage(stage);
    let changed = update_life_cycle(ctx, &catalog, &id, edit).await?;
    crate::crash::point("commit:after-update");
    ctx.state.opportunity_stage = Some(stage.to_string());
    ctx.save()?;
    let status = if changed { "done" } else { "skipped" };
    Ok(
        StepReport::new(STEP, status, format!("opportunity {id} is {stage}"))
            .field("opportunity_id", id)
            .field("stage", stage),
    )
}

/// Get → edit the lifecycle → full Update, retried on ConflictException (see
/// `opportunity_update::update_life_cycle`, shared with `mpctl opportunity set-stage`).
pub async fn update_life_cycle(
    ctx: &Ctx<'_>,
    catalog: &str,
    id: &str,
    edit: impl FnMut(&mut LifeCycle) -> bool,
) -> anyhow::Result<bool> {
    opportunity_update::update_life_cycle(&ctx.clients.partner, ctx.printer, catalog, id, edit)
        .await
}
