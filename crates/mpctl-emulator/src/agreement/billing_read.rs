//! The billing-adjustment reads (aws-postsale.md §3.2): GetBillingAdjustmentRequest and
//! ListBillingAdjustmentRequests, both for the seller only.
//!
//! [I] Where the reference is silent: the buyer calling Get gets `UNSUPPORTED_ACTION` (the one
//! documented wrong-party case), and List lists only the requests on agreements the caller
//! proposed, so a buyer's list is empty; a non-party's Get is ResourceNotFoundException. List
//! takes no `agreementId` as "all of the caller's", orders by `createdAt` then id, 50 a page,
//! and refuses `agreementType` together with another filter (`UNSUPPORTED_FILTERS`, §10 Q8).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::billing_data::Adjustment;
use super::cancellation::{party, require, Side};
use super::input::{invalid, max_results, member, opt_str};
use super::time::epoch;
use super::{paging, Ctx};
use crate::wire::{required_str, ApiError, OpResult};

/// The page size when `maxResults` is absent.
const DEFAULT_PAGE: usize = 50;

/// GetBillingAdjustmentRequest.
pub(super) fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let agreement_id = required_str(input, "agreementId")?;
    let id = required_str(input, "billingAdjustmentRequestId")?;
    let not_found = || {
        ApiError::not_found(format!(
            "Billing adjustment request {id} not found on agreement {agreement_id}."
        ))
        .with("resourceId", id)
        .with("resourceType", "BillingAdjustmentRequest")
    };
    let (_, side) = party(ctx.state, agreement_id, ctx.caller).map_err(|_| not_found())?;
    require(side, Side::Proposer, "GetBillingAdjustmentRequest")?;
    let r = (ctx.state.adjustments.list.iter())
        .find(|r| r.id == id && r.agreement_id == agreement_id)
        .ok_or_else(not_found)?;
    let mut out = json!({
        "billingAdjustmentRequestId": r.id,
        "agreementId": r.agreement_id,
        "adjustmentReasonCode": r.reason_code,
        "originalInvoiceId": r.invoice_id,
        "adjustmentAmount": r.amount,
        "currencyCode": r.currency,
        "status": r.status.as_str(),
        "createdAt": epoch(r.created_at),
        "updatedAt": epoch(r.updated_at),
    });
    if let Some(d) = &r.description {
        out["description"] = json!(d);
    }
    if let Some(m) = &r.status_message {
        out["statusMessage"] = json!(m);
    }
    Ok(out)
}

/// An optional timestamp member.
pub(super) fn opt_time(input: &Value, key: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    match member(input, key) {
        None => Ok(None),
        Some(v) => crate::clock::parse_json_instant(v)
            .map(Some)
            .ok_or_else(|| invalid("OTHER", key, format!("{key} must be a timestamp."))),
    }
}

/// ListBillingAdjustmentRequests.
pub(super) fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&*ctx.state, ctx.caller);
    let agreement_id = opt_str(input, "agreementId", "INVALID_AGREEMENT_ID")?;
    let status = opt_str(input, "status", "INVALID_STATUS")?;
    let agreement_type = opt_str(input, "agreementType", "INVALID_AGREEMENT_TYPE")?;
    let catalog = opt_str(input, "catalog", "INVALID_CATALOG")?;
    let after = opt_time(input, "createdAfter")?;
    let before = opt_time(input, "createdBefore")?;
    let others = agreement_id.is_some() || status.is_some() || after.is_some() || before.is_some();
    if agreement_type.is_some() && others {
        let message = "agreementType cannot be combined with other filters.";
        return Err(invalid("UNSUPPORTED_FILTERS", "agreementType", message));
    }
    let max = max_results(input, DEFAULT_PAGE)?;
    let mut items: Vec<(&Adjustment, &str)> = (state.adjustments.list.iter())
        .filter(|r| agreement_id.is_none_or(|id| r.agreement_id == id))
        .filter(|r| status.is_none_or(|s| r.status.as_str() == s))
        .filter(|r| {
            after.is_none_or(|t| r.created_at > t) && before.is_none_or(|t| r.created_at < t)
        })
        .filter(|_| catalog.is_none_or(|c| c == "AWSMarketplace"))
        .filter_map(|r| {
            let a = state.get(&r.agreement_id)?;
            let typed = agreement_type.is_none_or(|t| t == a.agreement_type);
            (a.proposer == caller && typed).then_some((r, a.agreement_type.as_str()))
        })
        .collect();
    items.sort_by(|(a, _), (b, _)| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let (page, next) = paging::page(&items, input, max)?;
    let summaries: Vec<Value> = (page.iter())
        .map(|(r, agreement_type)| {
            json!({
                "billingAdjustmentRequestId": r.id,
                "originalInvoiceId": r.invoice_id,
                "adjustmentAmount": r.amount,
                "currencyCode": r.currency,
                "status": r.status.as_str(),
                "agreementId": r.agreement_id,
                "createdAt": epoch(r.created_at),
                "updatedAt": epoch(r.updated_at),
                "agreementType": agreement_type,
                "catalog": "AWSMarketplace",
            })
        })
        .collect();
    let mut out = json!({ "items": summaries });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}
