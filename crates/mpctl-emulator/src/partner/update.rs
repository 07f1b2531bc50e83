//! UpdateOpportunity: optimistic concurrency on `LastModifiedDate`, review-state rules, then a
//! full replacement of the updatable members (omitted ones are gone afterwards).

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::errors::{code, request_field};
use super::opportunity::Opportunity;
use super::review;
use super::time::{parse_instant, wire};
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

pub fn update(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "Identifier")?;
    let now = ctx.now;
    let opportunity = ctx.data(catalog).opportunity_mut(id)?;
    check_not_stale(opportunity, input)?;
    let status = review::check_update(catalog, &opportunity.review.status, input)?;
    opportunity.replace_fields(input, now);
    if catalog == CatalogName::Sandbox {
        take_simulated_review(opportunity, status, input);
    }
    opportunity.touch(now);
    let reply = json!({"Id": opportunity.id, "LastModifiedDate": wire(opportunity.modified)});
    ctx.announce(catalog, "Updated", id);
    Ok(reply)
}

/// The caller must have seen the latest version: its `LastModifiedDate` has to be the stored
/// instant (compared as instants, whatever precision or offset the client sent it back in).
fn check_not_stale(opportunity: &Opportunity, input: &Value) -> Result<(), ApiError> {
    let sent = input
        .get("LastModifiedDate")
        .and_then(parse_instant)
        .ok_or_else(|| {
            request_field(
                "LastModifiedDate",
                code::INVALID_VALUE,
                "LastModifiedDate must be a timestamp.",
            )
        })?;
    if sent != opportunity.modified {
        return Err(ApiError::conflict(format!(
            "Opportunity {} was modified at {}; the request was based on {}. Get the opportunity and retry.",
            opportunity.id,
            crate::clock::partner_time(opportunity.modified),
            crate::clock::partner_time(sent),
        )));
    }
    Ok(())
}

/// In Sandbox the client plays AWS's reviewer: it owns the review status, comments and reason,
/// which a full replacement sets like any other member.
fn take_simulated_review(opportunity: &mut Opportunity, status: String, input: &Value) {
    let life_cycle = input.get("LifeCycle");
    let member = |key: &str| {
        life_cycle
            .and_then(|l| l.get(key))
            .filter(|v| !v.is_null())
            .cloned()
    };
    opportunity.review.status = status;
    opportunity.review.comments = member("ReviewComments");
    opportunity.review.reason = member("ReviewStatusReason");
}
