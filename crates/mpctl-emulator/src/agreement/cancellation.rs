//! Agreement cancellation requests (aws-postsale.md §3.1, §4.1, §5, §9): the seller asks, the
//! buyer accepts or rejects within 7 days, silence approves, the seller may withdraw; an approved
//! request ends the agreement as CANCELLED. Over the data in `cancel_data`, this module holds
//! the outputs, the lookups the operations share, and the clock's part (`advance`); the
//! operations are in `cancel_ops` (writes) and `cancel_read` (Get, List).
//!
//! [I] Where aws-postsale.md leaves it open, the emulator decides (the one list of them):
//! - A caller on the wrong side (the buyer sending or withdrawing, the seller accepting or
//!   rejecting) gets `ValidationException` `UNSUPPORTED_ACTION` (§2).
//! - A second request while one is PENDING_APPROVAL is a `ConflictException` naming the pending
//!   request (§3.1); a sent request on an agreement that is not ACTIVE is `INACTIVE_AGREEMENT`.
//! - `clientToken`s are kept per caller for 8 hours (§5): the same token with the same agreement,
//!   reason code and description returns the first call's output; with anything else it is a
//!   `ConflictException` (resourceType `AgreementCancellationRequest`).
//! - Approval ends the agreement at the same instant (AWS does it "asynchronously", shortly after).
//! - The only VALIDATION_FAILED the emulator can tell: the agreement stopped being ACTIVE (it
//!   expired or was replaced) while the request was pending; the request fails at that instant.
//!   AWS's documented cause, a renewal agreement, does not exist here (agreements renew in place).
//! - ListAgreementCancellationRequests returns the caller's requests on the `partyType` side in
//!   `createdAt` order, then id (§8), 50 a page by default; an `agreementId` filter the caller is
//!   no party to yields an empty list, as an unknown one does (§3.1).
//! - The buyer's 7 days run from `createdAt`; auto-approval happens at exactly `createdAt` + 7
//!   days, if the agreement is still ACTIVE then.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

pub(super) use super::cancel_data::{CancellationRequest, CrStatus, Token, BUYER_WINDOW_DAYS};
use super::events;
use super::input::invalid;
use super::store::{Agreement, AgreementState, Status};
use super::time::epoch;
use crate::outbox::Outbox;
use crate::wire::ApiError;

/// Which side of an agreement the caller is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Proposer,
    Acceptor,
}

/// The agreement `id` and the caller's side of it; a missing agreement and one the caller is no
/// party to are the same ResourceNotFoundException (aws-postsale.md §1.3).
pub(super) fn party<'a>(
    state: &'a AgreementState,
    id: &str,
    caller: &str,
) -> Result<(&'a Agreement, Side), ApiError> {
    let a = state
        .get(id)
        .ok_or_else(|| super::input::agreement_not_found(id))?;
    if a.proposer == caller {
        Ok((a, Side::Proposer))
    } else if a.acceptor == caller {
        Ok((a, Side::Acceptor))
    } else {
        Err(super::input::agreement_not_found(id))
    }
}

/// The index of request `id` on agreement `agreement_id` as `caller` may see it, and the caller's
/// side; anything else is ResourceNotFoundException (`AgreementCancellationRequest`).
pub(super) fn find(
    state: &AgreementState,
    agreement_id: &str,
    id: &str,
    caller: &str,
) -> Result<(usize, Side), ApiError> {
    let not_found = || {
        ApiError::not_found(format!(
            "Agreement cancellation request {id} not found on agreement {agreement_id}."
        ))
        .with("resourceId", id)
        .with("resourceType", "AgreementCancellationRequest")
    };
    let (_, side) = party(state, agreement_id, caller).map_err(|_| not_found())?;
    let index = state
        .cancellations
        .list
        .iter()
        .position(|r| r.id == id && r.agreement_id == agreement_id)
        .ok_or_else(not_found)?;
    Ok((index, side))
}

/// `UNSUPPORTED_ACTION` for a caller on the wrong side of the agreement ([I], see above).
pub(super) fn require(side: Side, wanted: Side, op: &str) -> Result<(), ApiError> {
    if side == wanted {
        return Ok(());
    }
    let who = match wanted {
        Side::Proposer => "the proposer",
        Side::Acceptor => "the acceptor",
    };
    Err(invalid(
        "UNSUPPORTED_ACTION",
        "agreementId",
        format!("Only {who} of the agreement may call {op}."),
    ))
}

/// Get's output (and the base of every write's).
pub(super) fn output(r: &CancellationRequest) -> Value {
    let mut out = json!({
        "agreementCancellationRequestId": r.id,
        "agreementId": r.agreement_id,
        "reasonCode": r.reason_code,
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
    out
}

/// Moves request `index` out of PENDING_APPROVAL at `at`, announces it, and for an approval
/// ends its agreement as CANCELLED (with its Purchase Agreement Ended events).
pub(super) fn settle(
    state: &mut AgreementState,
    index: usize,
    (status, message): (CrStatus, Option<String>),
    at: DateTime<Utc>,
    outbox: &mut Outbox,
) {
    let r = &mut state.cancellations.list[index];
    r.status = status;
    r.status_message = message;
    r.updated_at = at;
    let r = r.clone();
    if status == CrStatus::Approved {
        if let Some(a) = state.get_mut(&r.agreement_id) {
            a.status = Status::Cancelled;
            a.last_update_time = at;
        }
    }
    let Some(a) = state.get(&r.agreement_id) else {
        return;
    };
    events::cancellation(outbox, a, &r);
    if status == CrStatus::Approved {
        events::ended(outbox, a, at);
    }
}

/// The clock's part, before agreements expire: pending requests whose 7 days are over are
/// approved at that instant, if their agreement is still ACTIVE then.
pub(super) fn approve_due(
    state: &mut AgreementState,
    now: DateTime<Utc>,
    outbox: &mut Outbox,
) -> bool {
    let window = Duration::days(BUYER_WINDOW_DAYS);
    let due: Vec<(usize, DateTime<Utc>)> = (state.cancellations.list.iter().enumerate())
        .filter(|(_, r)| r.status == CrStatus::PendingApproval && r.created_at + window <= now)
        .map(|(i, r)| (i, r.created_at + window))
        .filter(|(i, at)| {
            let id = &state.cancellations.list[*i].agreement_id;
            state.get(id).is_some_and(|a| {
                a.status == Status::Active && (*at < a.end_time || a.auto_renews())
            })
        })
        .collect();
    let changed = !due.is_empty();
    for (index, at) in due {
        settle(state, index, (CrStatus::Approved, None), at, outbox);
    }
    changed
}

/// The clock's part, after agreements expire: pending requests whose agreement is no longer
/// ACTIVE fail validation at the instant it stopped being ACTIVE ([I], see above).
pub(super) fn fail_inactive(state: &mut AgreementState, outbox: &mut Outbox) -> bool {
    let failed: Vec<(usize, DateTime<Utc>, String)> = (state.cancellations.list.iter())
        .enumerate()
        .filter(|(_, r)| r.status == CrStatus::PendingApproval)
        .filter_map(|(i, r)| {
            let a = state.get(&r.agreement_id)?;
            (a.status != Status::Active).then(|| {
                let why = format!("Agreement {} is {}.", a.id, a.status.as_str());
                (i, a.last_update_time, why)
            })
        })
        .collect();
    let changed = !failed.is_empty();
    for (index, at, why) in failed {
        let outcome = (CrStatus::ValidationFailed, Some(why));
        settle(state, index, outcome, at, outbox);
    }
    changed
}
