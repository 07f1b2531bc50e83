//! Partner Central's EventBridge events (source `aws.partnercentral-selling`,
//! aws-events-cosell.md §A.6), recorded where the change happens: an opportunity created or
//! updated (by its partner, by an association, by a submission, or by AWS's review as the clock
//! moves), an engagement invitation created (a simulated referral), accepted, rejected or
//! expired. Each goes to the partner account that owns the resource; `detail.catalog` says
//! which catalog (AWS or Sandbox).
//!
//! [I] Engagement, member and snapshot events (Engagement Created, Member Added, Resource
//! Snapshot Created) are not recorded: the emulator keeps no engagements or snapshots yet.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::invitation::Invitation;
use crate::outbox::{Change, Outbox, PARTNER};

/// `Opportunity Created` or `Opportunity Updated` (`what`) for `account`'s opportunity `id`.
pub fn opportunity(
    outbox: &mut Outbox,
    (account, catalog): (&str, &str),
    what: &str,
    id: &str,
    at: DateTime<Utc>,
) {
    outbox.record(Change {
        time: at,
        account,
        source: PARTNER,
        detail_type: &format!("Opportunity {what}"),
        resources: Vec::new(),
        detail: json!({"schemaVersion": "1", "catalog": catalog, "opportunity": {"identifier": id}}),
    });
}

/// `Engagement Invitation <what>` (Created, Accepted, Rejected, Expired) for its receiver.
pub fn invitation(outbox: &mut Outbox, invitation: &Invitation, what: &str, at: DateTime<Utc>) {
    let mut inner = json!({
        "arn": invitation.arn,
        "id": invitation.id,
        "engagementId": invitation.engagement_id,
        "senderAccountId": super::invitation::SENDER_ACCOUNT,
        "receiverAccountId": invitation.receiver,
        "participantType": "Receiver",
        "payloadType": "OpportunityInvitation",
    });
    if what == "Created" {
        inner["senderCompanyName"] = json!("AWS");
        inner["expirationDate"] = json!(crate::clock::catalog_time(invitation.expires));
    }
    outbox.record(Change {
        time: at,
        account: &invitation.receiver,
        source: PARTNER,
        detail_type: &format!("Engagement Invitation {what}"),
        resources: vec![invitation.arn.clone()],
        detail: json!({"catalog": invitation.catalog, "engagementInvitation": inner}),
    });
}
