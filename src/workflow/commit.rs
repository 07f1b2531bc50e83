//! Step 6: move the opportunity to Committed (or `--stage`). UpdateOpportunity replaces the
//! whole opportunity and is locked by LastModifiedDate, so every update re-reads it, carries
//! every field over, and retries after a ConflictException.

use aws_sdk_partnercentralselling::types::{LifeCycle, Stage};

use super::{missing, Ctx, StepReport};
use crate::aws::{describe_error, error_code, opportunity};

const STEP: &str = "commit";
/// Attempts at a read-modify-write before giving up on concurrent modification.
const CONFLICT_RETRIES: u32 = 5;

pub async fn run(ctx: &mut Ctx<'_>, stage: &str) -> anyhow::Result<StepReport> {
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
    let catalog = ctx.settings.catalog.clone();
    let target = Stage::from(stage);
    let changed = update_life_cycle(ctx, &catalog, &id, |lc| {
        if lc.stage.as_ref() == Some(&target) {
            return false;
        }
        lc.stage = Some(target.clone());
        true
    })
    .await?;
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

/// Get → edit the lifecycle → full Update, retried on ConflictException. `edit` returns false
/// when the opportunity is already as wanted (no write). Returns whether a write happened.
pub async fn update_life_cycle(
    ctx: &Ctx<'_>,
    catalog: &str,
    id: &str,
    mut edit: impl FnMut(&mut LifeCycle) -> bool,
) -> anyhow::Result<bool> {
    let client = &ctx.clients.partner;
    for attempt in 1..=CONFLICT_RETRIES {
        let current = client
            .get_opportunity()
            .catalog(catalog)
            .identifier(id)
            .send()
            .await
            .map_err(|e| describe_error("GetOpportunity", e))?;
        let mut lc = opportunity::editable_life_cycle(&current);
        if !edit(&mut lc) {
            return Ok(false);
        }
        let call = opportunity::update_from(&current, lc, client.update_opportunity());
        match call.send().await {
            Ok(_) => return Ok(true),
            Err(e)
                if error_code(&e).as_deref() == Some("ConflictException")
                    && attempt < CONFLICT_RETRIES =>
            {
                ctx.printer.detail(format!(
                    "opportunity {id} changed meanwhile; re-reading (attempt {attempt})"
                ));
            }
            Err(e) => return Err(describe_error("UpdateOpportunity", e)),
        }
    }
    unreachable!("the last attempt returns")
}
