//! CancelAgreement (aws-postsale.md §3.4): the buyer ends its own pay-as-you-go agreement; the
//! agreement becomes CANCELLED at once and the Purchase Agreement Ended events go out. Usage
//! already recorded is still billed; no later charge is (see `invoices`).
//!
//! [I] Where the reference is silent:
//! - Pay-as-you-go means: the agreement has a UsageBasedPricingTerm and no upfront, schedule,
//!   recurring or variable-payment commitment (a FixedUpfrontPricingTerm priced 0 is no
//!   commitment). Anything else is `UNSUPPORTED_ACTION`, as are entitlements still pending
//!   (within `Timings::task_seconds` of acceptance) and the seller calling it.
//! - An agreement that is not ACTIVE, or that has a cancellation request pending, is a
//!   `ConflictException` (resourceType `Agreement`).
//! - The cancellation is synchronous (AWS's is "shortly after").

use serde_json::{json, Value};

use super::cancellation::{party, require, Side};
use super::input::{agreement_id, invalid};
use super::money::Money;
use super::store::{Agreement, Status};
use super::{events, Ctx};
use crate::clock;
use crate::wire::{ApiError, OpResult};

/// CancelAgreement.
pub(super) fn cancel(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = agreement_id(input)?;
    let (a, side) = party(ctx.state, id, ctx.caller)?;
    require(side, Side::Acceptor, "CancelAgreement")?;
    let conflict = |message: String| {
        Err(ApiError::conflict(message)
            .with("resourceId", id)
            .with("resourceType", "Agreement"))
    };
    if a.status != Status::Active {
        return conflict(format!("Agreement {id} is {}.", a.status.as_str()));
    }
    if let Some(r) = ctx.state.cancellations.pending_on(id) {
        return conflict(format!(
            "Agreement {id} has a pending cancellation request {}.",
            r.id
        ));
    }
    if !pay_as_you_go(a) {
        let message = format!(
            "Agreement {id} is not a pay-as-you-go agreement; ask the seller for a cancellation request."
        );
        return Err(invalid("UNSUPPORTED_ACTION", "agreementId", message));
    }
    if ctx.now < clock::after(a.acceptance_time, ctx.timings.task_seconds) {
        let message = format!("The entitlements of agreement {id} are still pending.");
        return Err(invalid("UNSUPPORTED_ACTION", "agreementId", message));
    }
    let now = ctx.now;
    if let Some(a) = ctx.state.get_mut(id) {
        a.status = Status::Cancelled;
        a.last_update_time = now;
    }
    if let Some(a) = ctx.state.get(id) {
        events::ended(ctx.outbox, a, now);
    }
    Ok(json!({}))
}

/// Whether `a` is usage-priced only ([I], see above).
pub(super) fn pay_as_you_go(a: &Agreement) -> bool {
    let kinds: Vec<(&str, &Value)> = (a.terms.iter())
        .filter_map(|t| t.as_object()?.iter().next())
        .map(|(k, v)| (k.as_str(), v))
        .collect();
    let commits = kinds.iter().any(|(k, v)| match *k {
        "configurableUpfrontPricingTerm"
        | "paymentScheduleTerm"
        | "recurringPaymentTerm"
        | "variablePaymentTerm" => true,
        "fixedUpfrontPricingTerm" => (v["price"].as_str())
            .and_then(Money::parse)
            .is_some_and(Money::is_positive),
        _ => false,
    });
    !commits && kinds.iter().any(|(k, _)| *k == "usageBasedPricingTerm")
}
