//! The payment-request reads (aws-postsale.md §3.3): GetAgreementPaymentRequest for either party
//! and ListAgreementPaymentRequests for the side `partyType` names, plus the lookup and output
//! the writes (`payment_requests`) share.
//!
//! [I] Where the reference is silent: a non-party's Get, and a request id under another
//! agreement, are ResourceNotFoundException (`PaymentRequest`); List returns the caller's
//! requests on its `partyType` side in `createdAt` order, then id, 50 a page, and an
//! `agreementId` the caller is no party to yields an empty list.

use serde_json::{json, Value};

use super::cancellation::{party, Side};
use super::input::{invalid, max_results, opt_str};
use super::payment_data::PaymentRequest;
use super::store::AgreementState;
use super::time::epoch;
use super::{paging, Ctx};
use crate::wire::{required_str, ApiError, OpResult};

/// The page size when `maxResults` is absent (the model's documented default).
const DEFAULT_PAGE: usize = 50;

/// The index of request `id` on agreement `agreement_id` as `caller` may see it, and the
/// caller's side; anything else is ResourceNotFoundException (`PaymentRequest`).
pub(super) fn find(
    state: &AgreementState,
    agreement_id: &str,
    id: &str,
    caller: &str,
) -> Result<(usize, Side), ApiError> {
    let not_found = || {
        ApiError::not_found(format!(
            "Payment request {id} not found on agreement {agreement_id}."
        ))
        .with("resourceId", id)
        .with("resourceType", "PaymentRequest")
    };
    let (_, side) = party(state, agreement_id, caller).map_err(|_| not_found())?;
    let index = (state.payments.list.iter())
        .position(|r| r.id == id && r.agreement_id == agreement_id)
        .ok_or_else(not_found)?;
    Ok((index, side))
}

/// The members every output shares (the writes' outputs; Get adds `statusMessage`, `chargeId`).
pub(super) fn output(r: &PaymentRequest) -> Value {
    let mut out = json!({
        "paymentRequestId": r.id,
        "agreementId": r.agreement_id,
        "status": r.status.as_str(),
        "name": r.name,
        "chargeAmount": r.amount,
        "currencyCode": r.currency,
        "createdAt": epoch(r.created_at),
        "updatedAt": epoch(r.updated_at),
    });
    if let Some(d) = &r.description {
        out["description"] = json!(d);
    }
    out
}

/// GetAgreementPaymentRequest.
pub(super) fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let agreement_id = required_str(input, "agreementId")?;
    let id = required_str(input, "paymentRequestId")?;
    let (index, _) = find(ctx.state, agreement_id, id, ctx.caller)?;
    let r = &ctx.state.payments.list[index];
    let mut out = output(r);
    if let Some(m) = &r.status_message {
        out["statusMessage"] = json!(m);
    }
    if let Some(c) = &r.charge_id {
        out["chargeId"] = json!(c);
    }
    Ok(out)
}

/// ListAgreementPaymentRequests.
pub(super) fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&*ctx.state, ctx.caller);
    let party_type = required_str(input, "partyType")?;
    if !matches!(party_type, "Proposer" | "Acceptor") {
        let message = format!("partyType must be Proposer or Acceptor, got {party_type}.");
        return Err(invalid("INVALID_PARTY_TYPE", "partyType", message));
    }
    let agreement_id = opt_str(input, "agreementId", "INVALID_AGREEMENT_ID")?;
    let status = opt_str(input, "status", "INVALID_PAYMENT_REQUEST_STATUS")?;
    let agreement_type = opt_str(input, "agreementType", "INVALID_AGREEMENT_TYPE")?;
    let catalog = opt_str(input, "catalog", "INVALID_CATALOG")?;
    let max = max_results(input, DEFAULT_PAGE)?;
    let mut items: Vec<&PaymentRequest> = (state.payments.list.iter())
        .filter(|r| agreement_id.is_none_or(|id| r.agreement_id == id))
        .filter(|r| status.is_none_or(|s| r.status.as_str() == s))
        .filter(|_| catalog.is_none_or(|c| c == "AWSMarketplace"))
        .filter(|r| {
            state.get(&r.agreement_id).is_some_and(|a| {
                let on_side = match party_type {
                    "Proposer" => a.proposer == caller,
                    _ => a.acceptor == caller,
                };
                on_side && agreement_type.is_none_or(|t| t == a.agreement_type)
            })
        })
        .collect();
    items.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let (page, next) = paging::page(&items, input, max)?;
    let summaries: Vec<Value> = (page.iter())
        .map(|r| {
            let mut s = output(r);
            if let Some(o) = s.as_object_mut() {
                o.remove("description");
            }
            if let Some(c) = &r.charge_id {
                s["chargeId"] = json!(c);
            }
            s
        })
        .collect();
    let mut out = json!({ "items": summaries });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}
