//! The Agreement service's EventBridge events (source `aws.agreement-marketplace`,
//! aws-events-cosell.md §A.5, aws-postsale.md §9): an agreement created (a buyer accepted) and
//! an agreement ended (expired, replaced, cancelled), and each step of a cancellation request
//! (`Agreement Cancellation Request <status> - <role>`; a validation failure reaches only the
//! proposer, as §9 lists), each sent to both parties with their role's suffix —
//! `- Proposer` to the seller, `- Acceptor` to the buyer — at the instant the change happened;
//! and a billing adjustment processed (`Purchase Agreement Billing Adjustment Completed - <role>`
//! to both, `… Failed - Proposer` to the seller only). A buyer's CancelAgreement is announced by
//! the Ended events. AWS documents no event for payment requests, purchase orders or charges
//! (§9), so none is recorded.
//!
//! [I] The ISV is always the proposer here (the emulator has no channel-partner offers), so no
//! `- Manufacturer` variant is recorded: AWS sends only the Proposer event when the ISV is both.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::billing_data::{Adjustment, BaStatus};
use super::cancel_data::{CancellationRequest, CrStatus};
use super::store::Agreement;
use crate::outbox::{Change, Outbox, AGREEMENT};

/// `Purchase Agreement Created - <role>` for both parties.
pub(super) fn created(outbox: &mut Outbox, agreement: &Agreement) {
    announce(outbox, agreement, "Created", agreement.acceptance_time);
}

/// `Purchase Agreement Ended - <role>` for both parties, with the agreement's new status.
pub(super) fn ended(outbox: &mut Outbox, agreement: &Agreement, at: DateTime<Utc>) {
    announce(outbox, agreement, "Ended", at);
}

/// `Agreement Cancellation Request <status> - <role>` for the request's current status, to both
/// parties (a validation failure to the proposer only), at its `updatedAt`; `resources` is empty
/// as in AWS's samples. Each role's `agreement` names the other party.
pub(super) fn cancellation(outbox: &mut Outbox, agreement: &Agreement, r: &CancellationRequest) {
    let time = |t: DateTime<Utc>| crate::clock::catalog_time(t);
    let request = json!({
        "id": r.id,
        "reasonCode": r.reason_code,
        "reasonMessage": r.description.clone().unwrap_or_default(),
        "statusCode": r.status.as_str(),
        "statusMessage": r.status_message.clone().unwrap_or_default(),
        "createdAt": time(r.created_at),
        "updatedAt": time(r.updated_at),
    });
    let mut parties = vec![
        (
            "Proposer",
            agreement.proposer.as_str(),
            "acceptorId",
            &agreement.acceptor,
        ),
        (
            "Acceptor",
            agreement.acceptor.as_str(),
            "proposerId",
            &agreement.proposer,
        ),
    ];
    if r.status == CrStatus::ValidationFailed {
        parties.truncate(1);
    }
    for (role, account, other_key, other) in parties {
        let mut about = json!({
            "id": agreement.id,
            "productId": agreement.resources.first().map(|p| p.id.clone()),
            "offerId": agreement.offer_id,
        });
        about[other_key] = json!(other);
        outbox.record(Change {
            time: r.updated_at,
            account,
            source: AGREEMENT,
            detail_type: &format!(
                "Agreement Cancellation Request {} - {role}",
                r.status.event_words()
            ),
            resources: Vec::new(),
            detail: json!({
                "requestId": crate::ids::uuid(),
                "catalog": "AWSMarketplace",
                "agreement": about,
                "agreementCancellationRequest": request,
            }),
        });
    }
}

/// `Purchase Agreement Billing Adjustment Completed - <role>` to both parties, or `… Failed -
/// Proposer` to the seller only, at the request's `updatedAt`; the amount is negative, as in
/// AWS's samples (the API's is positive).
pub(super) fn billing_adjustment(outbox: &mut Outbox, agreement: &Agreement, r: &Adjustment) {
    let (what, parties) = match r.status {
        BaStatus::Completed => (
            "Completed",
            vec![
                ("Proposer", agreement.proposer.as_str()),
                ("Acceptor", agreement.acceptor.as_str()),
            ],
        ),
        BaStatus::ValidationFailed => ("Failed", vec![("Proposer", agreement.proposer.as_str())]),
        BaStatus::Pending => return,
    };
    for (role, account) in parties {
        outbox.record(Change {
            time: r.updated_at,
            account,
            source: AGREEMENT,
            detail_type: &format!("Purchase Agreement Billing Adjustment {what} - {role}"),
            resources: Vec::new(),
            detail: json!({
                "requestId": crate::ids::uuid(),
                "catalog": "AWSMarketplace",
                "agreement": {"id": agreement.id},
                "billingAdjustmentRequest": {
                    "id": r.id,
                    "adjustmentAmount": format!("-{}", r.amount),
                    "currencyCode": r.currency,
                    "adjustmentReasonCode": r.reason_code,
                },
                "invoice": {"originalInvoiceId": r.invoice_id},
            }),
        });
    }
}

fn announce(outbox: &mut Outbox, agreement: &Agreement, what: &str, at: DateTime<Utc>) {
    let detail = match what {
        "Ended" => ended_detail(agreement),
        _ => detail(agreement),
    };
    let parties = [
        ("Proposer", agreement.proposer.as_str()),
        ("Acceptor", agreement.acceptor.as_str()),
    ];
    for (role, account) in parties {
        outbox.record(Change {
            time: at,
            account,
            source: AGREEMENT,
            detail_type: &format!("Purchase Agreement {what} - {role}"),
            resources: vec![format!(
                "arn:aws:aws-marketplace::aws:agreement:{}",
                agreement.id
            )],
            detail: detail.clone(),
        });
    }
}

/// *Ended* carries only the agreement's id and status, with the parties and the offer (§A.5).
fn ended_detail(a: &Agreement) -> Value {
    json!({
        "requestId": crate::ids::uuid(),
        "catalog": "AWSMarketplace",
        "agreement": {"id": a.id, "status": a.status.as_str()},
        "acceptor": {"accountId": a.acceptor},
        "proposer": {"accountId": a.proposer},
        "offer": {"id": a.offer_id},
    })
}

/// *Created*: the agreement with its intent (always `NEW` here: the emulator makes no renewals
/// or replacements), the product, the parties and the offer; `resaleAuthorization.id` is null
/// for a direct offer, as in AWS's sample.
fn detail(a: &Agreement) -> Value {
    let time = |t: DateTime<Utc>| crate::clock::catalog_time(t);
    json!({
        "requestId": crate::ids::uuid(),
        "catalog": "AWSMarketplace",
        "agreement": {
            "id": a.id,
            "intent": "NEW",
            "status": a.status.as_str(),
            "acceptanceTime": time(a.acceptance_time),
            "startTime": time(a.start_time),
            "endTime": time(a.end_time),
        },
        "product": a.resources.first().map(|r| json!({"id": r.id})),
        "resaleAuthorization": {"id": null},
        "acceptor": {"accountId": a.acceptor},
        "proposer": {"accountId": a.proposer},
        "offer": {"id": a.offer_id},
    })
}
