//! Step 5: find the buyer's purchase agreement on the private offer (SearchAgreements as the
//! proposer, filtered by OfferId); with `wait`, poll until an ACTIVE one exists.

use aws_sdk_marketplaceagreement::types::{AgreementViewSummary, Filter};

use super::{missing, Ctx, StepReport};
use crate::aws::describe_error;
use crate::aws::wait::{self, Policy, Poll};

const STEP: &str = "search-agreement";

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// One SearchAgreements pass over every page: the first ACTIVE agreement on the offer.
async fn find(ctx: &Ctx<'_>, offer: &str) -> anyhow::Result<Option<AgreementViewSummary>> {
    let mut pages = ctx
        .clients
        .agreement
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Proposer"))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .filters(filter("OfferId", offer))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("SearchAgreements", e))?;
        if let Some(a) = page
            .agreement_view_summaries()
            .iter()
            .find(|a| a.status().map(|s| s.as_str()) == Some("ACTIVE"))
        {
            return Ok(Some(a.clone()));
        }
    }
    Ok(None)
}

pub async fn run(
    ctx: &mut Ctx<'_>,
    wait_for_it: bool,
    timeout: Option<f64>,
) -> anyhow::Result<StepReport> {
    let offer = ctx
        .state
        .offer_id
        .clone()
        .ok_or_else(|| missing("OFFER_ID", "create-offer"))?;
    if let Some(id) = &ctx.state.agreement_id {
        return Ok(
            StepReport::new(STEP, "skipped", format!("agreement {id} already found"))
                .field("agreement_id", id.clone())
                .field("offer_id", offer),
        );
    }
    let found = if wait_for_it {
        let w = &ctx.settings.config.wait;
        let policy = Policy::from_config(w, timeout.unwrap_or(w.agreement_timeout_seconds));
        // The buyer may have accepted already (run-all gets here after the engagement task),
        // so the first check goes at once; SearchAgreements' quota is 5/s, hence its floor.
        let policy = Policy {
            first: std::time::Duration::ZERO,
            floor: policy.floor.max(std::time::Duration::from_millis(200)),
            ..policy
        };
        let what = format!("the buyer to accept offer {offer}");
        let c: &Ctx<'_> = ctx;
        Some(
            wait::until(
                ctx.printer,
                wait::Subject {
                    step: STEP,
                    what: &what,
                    key: Some(&offer),
                    fresh: false,
                },
                policy,
                || async {
                    Ok(match find(c, &offer).await? {
                        Some(a) => Poll::Done(a),
                        None => Poll::Pending("no ACTIVE agreement yet".into()),
                    })
                },
            )
            .await?,
        )
    } else {
        find(ctx, &offer).await?
    };
    let Some(agreement) = found else {
        return Ok(StepReport::new(
            STEP,
            "pending",
            format!("no ACTIVE agreement on offer {offer} yet; use --wait to poll"),
        )
        .field("agreement_id", None::<String>)
        .field("offer_id", offer));
    };
    let id = agreement.agreement_id().unwrap_or_default().to_string();
    crate::crash::point("search-agreement:after-found");
    ctx.state.agreement_id = Some(id.clone());
    ctx.save()?;
    let buyer = agreement
        .acceptor()
        .and_then(|a| a.account_id())
        .unwrap_or_default()
        .to_string();
    Ok(StepReport::new(
        STEP,
        "done",
        format!("buyer {buyer} accepted: agreement {id}"),
    )
    .field("agreement_id", id)
    .field("offer_id", offer)
    .field("acceptor_account_id", buyer))
}
