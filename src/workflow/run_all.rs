//! `run-all`: check every input first, then the six steps in order, each skipping what the
//! state file says is done. A second run after success makes no write call.

use super::{
    associate_offer, commit, create_offer, create_opportunity, publish_product, review,
    search_agreement, Ctx, StepReport,
};

/// Checks that a configured `buyer_profile` exists (no AWS call). Every template and input
/// the remaining steps need was rendered and checked before connecting
/// (`plan::check_offline`).
pub fn preflight(ctx: &Ctx<'_>) -> anyhow::Result<()> {
    crate::buyer::check_configured_profile(ctx.settings)
}

/// `review_timeout`: how long to wait for AWS's co-sell review (catalog AWS) after submission.
pub async fn run(
    ctx: &mut Ctx<'_>,
    overrides: &[(String, String)],
    review_timeout: Option<f64>,
) -> anyhow::Result<Vec<StepReport>> {
    let buyer = ctx.settings.config.buyer_profile.is_some();
    let total = 6 + usize::from(buyer);
    let mut n = 0;
    let mut next = |ctx: &Ctx<'_>, name: &str| {
        n += 1;
        ctx.printer.step(n, total, name);
    };
    let mut reports = Vec::new();
    next(ctx, "publish-product");
    let r = publish_product::run(ctx, overrides).await?;
    reports.push(announce(ctx, r)?);
    next(ctx, "create-offer");
    let r = create_offer::run(ctx, overrides).await?;
    reports.push(announce(ctx, r)?);
    next(ctx, "create-opportunity");
    let r = create_opportunity::run(ctx, overrides).await?;
    reports.push(announce(ctx, r)?);
    if let Some(id) = ctx.state.opportunity_id.clone() {
        review::await_approval(ctx, &id, review_timeout).await?;
    }
    next(ctx, "associate-offer");
    let r = associate_offer::run(ctx).await?;
    reports.push(announce(ctx, r)?);
    if buyer {
        next(ctx, "buyer-accept");
        let r = buyer_accept(ctx).await?;
        reports.push(announce(ctx, r)?);
    }
    next(ctx, "search-agreement");
    let r = search_agreement::run(ctx, true, None).await?;
    reports.push(announce(ctx, r)?);
    next(ctx, "commit");
    let r = commit::run(ctx, "Committed", review_timeout).await?;
    reports.push(announce(ctx, r)?);
    Ok(reports)
}

/// With `buyer_profile` configured, the buyer accepts the private offer (instead of a human).
async fn buyer_accept(ctx: &mut Ctx<'_>) -> anyhow::Result<StepReport> {
    const STEP: &str = "buyer-accept";
    if let Some(id) = &ctx.state.agreement_id {
        return Ok(StepReport::new(
            STEP,
            "skipped",
            format!("agreement {id} already found"),
        ));
    }
    let offer = ctx
        .state
        .offer_id
        .clone()
        .ok_or_else(|| super::missing("OFFER_ID", "create-offer"))?;
    let buyer = crate::buyer::connect(ctx.settings, &ctx.clients, None, None).await?;
    let done = crate::buyer::agree(ctx.settings, ctx.printer, &buyer, &offer, &[], None).await?;
    Ok(StepReport::new(
        STEP,
        "done",
        format!(
            "{} accepted offer {offer}: agreement {}",
            buyer.label, done.agreement_id
        ),
    )
    .field("agreement_id", done.agreement_id))
}

fn announce(ctx: &Ctx<'_>, report: StepReport) -> anyhow::Result<StepReport> {
    ctx.printer.info(format!(
        "[{}] {}: {}",
        report.status, report.step, report.summary
    ));
    if crate::interrupt::is_interrupted() {
        return Err(crate::exit::Failure::Interrupted(format!(
            "interrupted after {}; the state file is saved — resume with `{}`",
            report.step,
            crate::resume::command_line()
        ))
        .into());
    }
    Ok(report)
}
