//! The Agreement service's EventBridge events (source `aws.agreement-marketplace`,
//! aws-events-cosell.md §A.5, aws-postsale.md §9): an agreement created (a buyer accepted) and
//! an agreement ended (expired, replaced), each sent to both parties with their role's suffix —
//! `- Proposer` to the seller, `- Acceptor` to the buyer — at the instant the change happened.
//!
//! [I] The ISV is always the proposer here (the emulator has no channel-partner offers), so no
//! `- Manufacturer` variant is recorded: AWS sends only the Proposer event when the ISV is both.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

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

fn announce(outbox: &mut Outbox, agreement: &Agreement, what: &str, at: DateTime<Utc>) {
    let detail = detail(agreement);
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

fn detail(a: &Agreement) -> Value {
    let time = |t: DateTime<Utc>| crate::clock::catalog_time(t);
    json!({
        "requestId": uuid::Uuid::new_v4().to_string(),
        "catalog": "AWSMarketplace",
        "agreement": {
            "id": a.id,
            "status": a.status.as_str(),
            "acceptanceTime": time(a.acceptance_time),
            "startTime": time(a.start_time),
            "endTime": time(a.end_time),
        },
        "product": a.resources.first().map(|r| json!({"id": r.id})),
        "acceptor": {"accountId": a.acceptor},
        "proposer": {"accountId": a.proposer},
        "offer": {"id": a.offer_id},
    })
}
