//! Partner Central's EventBridge events (source `aws.partnercentral-selling`,
//! aws-events-cosell.md §A.6), recorded where the change happens: an opportunity created or
//! updated (by its partner, by an association, by a submission, or by AWS's review as the clock
//! moves), an engagement invitation created (a simulated referral), accepted, rejected or
//! expired. Each goes to the partner account that owns the resource; `detail.catalog` says
//! which catalog (AWS or Sandbox).
//!
//! Engagements (`hub`) add `Engagement Created`/`Updated`, `Engagement Member Added` (to every
//! member) and `Engagement Resource Snapshot Created` (to the snapshot's target members); a
//! partner-to-partner invitation's changes also reach its sender, as `participantType: Sender`.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::hub::{Engagement, Member, Snapshot, AWS};
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
        "senderAccountId": invitation.sender_id(),
        "receiverAccountId": invitation.receiver,
        "participantType": "Receiver",
        "payloadType": invitation.payload_type,
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

/// The same invitation change as its sending partner receives it (`participantType: Sender`);
/// nothing for AWS-sent invitations.
pub fn invitation_sender(
    outbox: &mut Outbox,
    invitation: &Invitation,
    what: &str,
    at: DateTime<Utc>,
) {
    let Some(sender) = invitation.sender.as_deref() else {
        return;
    };
    let inner = json!({
        "arn": invitation.arn,
        "id": invitation.id,
        "engagementId": invitation.engagement_id,
        "senderAccountId": sender,
        "receiverAccountId": invitation.receiver,
        "participantType": "Sender",
        "payloadType": invitation.payload_type,
    });
    outbox.record(Change {
        time: at,
        account: sender,
        source: PARTNER,
        detail_type: &format!("Engagement Invitation {what}"),
        resources: vec![invitation.arn.clone()],
        detail: json!({"catalog": invitation.catalog, "engagementInvitation": inner}),
    });
}

/// `Engagement Created` / `Engagement Updated` (`what`) for `account`, PascalCase inner keys as
/// AWS documents them.
pub fn engagement(
    outbox: &mut Outbox,
    e: &Engagement,
    what: &str,
    account: &str,
    at: DateTime<Utc>,
) {
    let stamp = crate::clock::catalog_time(at);
    let mut inner =
        json!({"engagementArn": e.arn, "engagementId": e.id, "ContextTypes": e.context_types()});
    if what == "Created" {
        inner["CreatedAt"] = json!(stamp);
        inner["CreatedBy"] = json!(e.created_by);
    } else {
        inner["LastModifiedAt"] = json!(stamp);
        inner["LastModifiedBy"] = json!(e.modified_by);
    }
    outbox.record(Change {
        time: at,
        account,
        source: PARTNER,
        detail_type: &format!("Engagement {what}"),
        resources: vec![e.arn.clone()],
        detail: json!({"catalog": e.catalog.as_str(), "engagement": inner}),
    });
}

/// `Engagement Member Added`, sent to every current member of `e` (the new one included).
pub fn member_added(outbox: &mut Outbox, e: &Engagement, member: &Member, at: DateTime<Utc>) {
    for to in e.members.iter().filter(|m| m.account != AWS) {
        outbox.record(Change {
            time: at,
            account: &to.account,
            source: PARTNER,
            detail_type: "Engagement Member Added",
            resources: vec![e.arn.clone()],
            detail: json!({"catalog": e.catalog.as_str(), "engagement": {"id": e.id},
                "engagementMember": {"accountId": member.account, "companyName": member.company}}),
        });
    }
}

/// `Engagement Resource Snapshot Created`, sent to the snapshot's target members.
pub fn snapshot_created(outbox: &mut Outbox, e: &Engagement, s: &Snapshot, at: DateTime<Utc>) {
    for to in s.targets.iter().filter(|a| a.as_str() != AWS) {
        outbox.record(Change {
            time: at,
            account: to,
            source: PARTNER,
            detail_type: "Engagement Resource Snapshot Created",
            resources: vec![s.arn.clone()],
            detail: json!({"schemaVersion": "1", "catalog": e.catalog.as_str(), "resourceSnapshot": {
                "arn": s.arn, "engagementId": e.id, "resourceType": s.resource_type,
                "resourceId": s.resource_id, "createdBy": s.created_by,
                "targetMemberAccounts": s.targets, "resourceSnapshotTemplateName": s.template}}),
        });
    }
}
