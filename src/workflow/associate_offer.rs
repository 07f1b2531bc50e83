//! Step 4: attach the private offer (by ARN) to the opportunity.

use super::{missing, Ctx, StepReport};
use crate::aws::describe_error;

const STEP: &str = "associate-offer";

pub async fn run(ctx: &mut Ctx<'_>) -> anyhow::Result<StepReport> {
    let opp = ctx
        .state
        .opportunity_id
        .clone()
        .ok_or_else(|| missing("OPPORTUNITY_ID", "create-opportunity"))?;
    let arn = ctx
        .state
        .offer_arn
        .clone()
        .ok_or_else(|| missing("OFFER_ARN", "create-offer"))?;
    if ctx.state.associated_offer_arn.as_deref() == Some(arn.as_str()) {
        return Ok(StepReport::new(
            STEP,
            "skipped",
            format!("offer already associated with {opp}"),
        )
        .field("opportunity_id", opp)
        .field("offer_arn", arn));
    }
    ctx.clients
        .partner
        .associate_opportunity()
        .catalog(ctx.settings.catalog.as_str())
        .opportunity_identifier(&opp)
        .related_entity_type("AwsMarketplaceOffers".into())
        .related_entity_identifier(&arn)
        .send()
        .await
        .map_err(|e| describe_error("AssociateOpportunity", e))?;
    crate::crash::point("associate-offer:after-associate");
    ctx.state.associated_offer_arn = Some(arn.clone());
    ctx.save()?;
    Ok(StepReport::new(
        STEP,
        "done",
        format!("associated offer with opportunity {opp}"),
    )
    .field("opportunity_id", opp)
    .field("offer_arn", arn))
}
