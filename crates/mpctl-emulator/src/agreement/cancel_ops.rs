//! The cancellation-request writes (aws-postsale.md §3.1): SendAgreementCancellationRequest and
//! CancelAgreementCancellationRequest (the seller), AcceptAgreementCancellationRequest and
//! RejectAgreementCancellationRequest (the buyer). The members' shapes are checked by the table;
//! the semantic errors and the [I] choices are listed in `cancellation`.

use serde_json::{json, Value};

use super::cancellation::{
    find, output, party, require, settle, CancellationRequest, CrStatus, Side, Token,
};
use super::input::{invalid, opt_str};
use super::requests::Requests;
use super::store::Status;
use super::{events, Ctx};
use crate::ids;
use crate::wire::{required_str, ApiError, OpResult};

/// SendAgreementCancellationRequest.
pub(super) fn send(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (caller, now) = (ctx.caller, ctx.now);
    let agreement_id = required_str(input, "agreementId")?;
    let reason_code = required_str(input, "reasonCode")?;
    let description = opt_str(input, "description", "INVALID_DESCRIPTION")?;
    let fingerprint = json!({
        "agreementId": agreement_id, "reasonCode": reason_code, "description": description,
    });
    let key = opt_str(input, "clientToken", "INVALID_CLIENT_TOKEN")?
        .map(|t| Requests::token_key(caller, t));
    if let Some(seen) = key
        .as_deref()
        .and_then(|k| ctx.state.cancellations.token(k, now))
    {
        if seen.request == fingerprint {
            return Ok(seen.output.clone());
        }
        let id = seen.output["agreementCancellationRequestId"].clone();
        return Err(ApiError::conflict(
            "The clientToken was already used with different parameters.",
        )
        .with("resourceId", id)
        .with("resourceType", "AgreementCancellationRequest"));
    }
    let (agreement, side) = party(ctx.state, agreement_id, caller)?;
    require(side, Side::Proposer, "SendAgreementCancellationRequest")?;
    if agreement.status != Status::Active {
        return Err(invalid(
            "INACTIVE_AGREEMENT",
            "agreementId",
            format!("Agreement {agreement_id} is {}.", agreement.status.as_str()),
        ));
    }
    if let Some(pending) = ctx.state.cancellations.pending_on(agreement_id) {
        return Err(ApiError::conflict(format!(
            "Agreement {agreement_id} already has a pending cancellation request {}.",
            pending.id
        ))
        .with("resourceId", pending.id.clone())
        .with("resourceType", "AgreementCancellationRequest"));
    }
    let request = CancellationRequest {
        id: format!("acr-{}", ids::alnum(25)),
        agreement_id: agreement_id.to_string(),
        reason_code: reason_code.to_string(),
        description: description.map(str::to_string),
        status: CrStatus::PendingApproval,
        status_message: None,
        created_at: now,
        updated_at: now,
    };
    let out = output(&request);
    events::cancellation(ctx.outbox, agreement, &request);
    let cancellations = &mut ctx.state.cancellations;
    cancellations.list.push(request);
    if let Some(key) = key {
        let token = Token {
            at: now,
            request: fingerprint,
            output: out.clone(),
        };
        cancellations.tokens.insert(key, token);
    }
    Ok(out)
}

/// CancelAgreementCancellationRequest: the seller withdraws; `statusMessage` keeps the reason.
pub(super) fn withdraw(ctx: &mut Ctx, input: &Value) -> OpResult {
    let reason = required_str(input, "cancellationReason")?.to_string();
    answer(
        ctx,
        input,
        Side::Proposer,
        (CrStatus::Cancelled, Some(reason)),
    )
}

/// AcceptAgreementCancellationRequest: approved now, the agreement ends as CANCELLED.
pub(super) fn accept(ctx: &mut Ctx, input: &Value) -> OpResult {
    answer(ctx, input, Side::Acceptor, (CrStatus::Approved, None))
}

/// RejectAgreementCancellationRequest: `statusMessage` is the buyer's reason; the agreement
/// stays ACTIVE and the seller may send another request.
pub(super) fn reject(ctx: &mut Ctx, input: &Value) -> OpResult {
    let reason = required_str(input, "rejectionReason")?.to_string();
    answer(
        ctx,
        input,
        Side::Acceptor,
        (CrStatus::Rejected, Some(reason)),
    )
}

/// Moves a PENDING_APPROVAL request the caller may answer to `outcome`; anything else pending
/// is a ConflictException.
fn answer(
    ctx: &mut Ctx,
    input: &Value,
    wanted: Side,
    outcome: (CrStatus, Option<String>),
) -> OpResult {
    let agreement_id = required_str(input, "agreementId")?;
    let id = required_str(input, "agreementCancellationRequestId")?;
    let (index, side) = find(ctx.state, agreement_id, id, ctx.caller)?;
    let op = match outcome.0 {
        CrStatus::Cancelled => "CancelAgreementCancellationRequest",
        CrStatus::Approved => "AcceptAgreementCancellationRequest",
        _ => "RejectAgreementCancellationRequest",
    };
    require(side, wanted, op)?;
    let current = ctx.state.cancellations.list[index].status;
    if current != CrStatus::PendingApproval {
        return Err(ApiError::conflict(format!(
            "Agreement cancellation request {id} is {}, not PENDING_APPROVAL.",
            current.as_str()
        ))
        .with("resourceId", id)
        .with("resourceType", "AgreementCancellationRequest"));
    }
    settle(ctx.state, index, outcome, ctx.now, ctx.outbox);
    Ok(output(&ctx.state.cancellations.list[index]))
}
