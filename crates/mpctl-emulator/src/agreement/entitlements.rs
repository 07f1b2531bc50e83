//! GetAgreementEntitlements: what the buyer's agreement provisions.
//!
//! [I] Entitlements are `PENDING`/`PROVISIONING_IN_PROGRESS` for `Timings::task_seconds` after
//! acceptance, then `PROVISIONED`; an agreement that is no longer ACTIVE is `DEPROVISIONED`. Only
//! the agreement's acceptor and proposer may read them; anyone else gets AccessDeniedException.

use serde_json::{json, Value};

use super::store::Status;
use super::Ctx;
use crate::clock;
use crate::wire::OpResult;

/// GetAgreementEntitlements.
pub(super) fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (caller, now) = (ctx.caller, ctx.now);
    let id = super::input::agreement_id(input)?;
    let a = ctx.state.party_view(id, caller)?;
    let ready = clock::after(a.acceptance_time, ctx.timings.task_seconds);
    let (status, reason) = match a.status {
        Status::Active if now < ready => ("PENDING", "PROVISIONING_IN_PROGRESS"),
        Status::Active => ("PROVISIONED", "AGREEMENT_ACTIVE"),
        _ => ("DEPROVISIONED", "AGREEMENT_INACTIVE"),
    };
    let list: Vec<Value> = a
        .resources
        .iter()
        .map(|r| {
            json!({
                "resource": {"id": r.id, "type": r.kind},
                "type": "SaaS",
                "status": status,
                "statusReasonCode": reason,
            })
        })
        .collect();
    Ok(json!({ "agreementEntitlements": list }))
}
