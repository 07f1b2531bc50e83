//! How one catalog's data moves forward as the clock does: engagement tasks finish, AWS reviews
//! submitted opportunities, invitations expire and accept tasks end — each change announced in
//! the outbox at the instant it happened. Kept apart from `dataset` (the data) so that the
//! record types do not import the data set that holds them.

use chrono::{DateTime, Utc};

use super::dataset::Dataset;
use super::events;
use super::invitation::{Invitation, ACCEPTED, PENDING};
use super::opportunity::Opportunity;
use super::review::APPROVED;
use super::tasks::{COMPLETE, FAILED};
use crate::clock::Timings;
use crate::ids;
use crate::outbox::Outbox;

/// Finishes every task, and moves every AWS review, whose time has come; each change to an
/// opportunity is announced (`Opportunity Updated`) at the instant it happened.
/// Whether anything changed.
pub fn advance(
    data: &mut Dataset,
    now: DateTime<Utc>,
    timings: &Timings,
    outbox: &mut Outbox,
) -> bool {
    let owner = (data.account.as_str(), data.catalog.as_str());
    let opportunities = &mut data.opportunities;
    let reviewing = data.reviewing.get_or_insert_with(|| {
        (opportunities.values())
            .filter(|o| o.review.submitted.is_some())
            .map(|o| o.id.clone())
            .collect()
    });
    let mut changed = false;
    for task in data.tasks.iter_mut().filter(|t| t.is_due(now)) {
        changed = true;
        if let Some(at) = task.finish(opportunities) {
            reviewing.insert(task.opportunity_id.clone());
            events::opportunity(outbox, owner, "Updated", &task.opportunity_id, at);
        }
    }
    // Only opportunities in review move, in id order (the order their events are recorded).
    for id in reviewing.clone() {
        let Some(o) = opportunities.get_mut(&id) else {
            reviewing.remove(&id);
            continue;
        };
        if super::aws_review::advance(o, now, timings.review_seconds) {
            changed = true;
            events::opportunity(outbox, owner, "Updated", &o.id, o.modified);
        }
        if o.review.submitted.is_none() {
            reviewing.remove(&id);
        }
    }
    changed | accept_tasks(data, now, outbox)
}

/// Expires invitations and finishes every accept task whose time has come; whether any did.
pub fn accept_tasks(data: &mut Dataset, now: DateTime<Utc>, outbox: &mut Outbox) -> bool {
    let mut changed = false;
    for invitation in &mut data.invitations {
        changed |= expire(invitation, now, outbox);
    }
    let due: Vec<usize> = (0..data.accept_tasks.len())
        .filter(|i| data.accept_tasks[*i].is_due(now))
        .collect();
    changed |= !due.is_empty();
    for i in due {
        finish(data, i, outbox);
    }
    changed
}

/// Expires a pending invitation whose time is up, announcing it at its expiration instant.
fn expire(invitation: &mut Invitation, now: DateTime<Utc>, outbox: &mut Outbox) -> bool {
    let pending = invitation.status == PENDING;
    invitation.expire_if_due(now);
    let expired = pending && invitation.status != PENDING;
    if expired {
        events::invitation(outbox, invitation, "Expired", invitation.expires);
        events::invitation_sender(outbox, invitation, "Expired", invitation.expires);
    }
    expired
}

fn finish(data: &mut Dataset, index: usize, outbox: &mut Outbox) {
    let (invitation_id, due) = {
        let t = &data.accept_tasks[index];
        (t.invitation_id.clone(), t.due)
    };
    let catalog = data.catalog;
    let new_id = data.new_opportunity_id();
    let Some(invitation) = data.invitations.iter_mut().find(|i| i.id == invitation_id) else {
        return fail(data, index, "The engagement invitation no longer exists.");
    };
    // An invitation that expired before the task ended cannot be accepted.
    expire(invitation, due, outbox);
    if invitation.status != PENDING {
        let message = format!(
            "Engagement invitation {invitation_id} is {} and can no longer be accepted.",
            invitation.status
        );
        return fail(data, index, &message);
    }
    invitation.status = ACCEPTED.to_string();
    events::invitation(outbox, invitation, "Accepted", due);
    let input = invitation.opportunity_input();
    let mut opportunity = Opportunity::new(&data.account, new_id.clone(), catalog, &input, due);
    opportunity.review.status = APPROVED.to_string();
    let owner = (data.account.as_str(), catalog.as_str());
    events::opportunity(outbox, owner, "Created", &new_id, due);
    data.opportunities.insert(new_id.clone(), opportunity);
    let task = &mut data.accept_tasks[index];
    task.status = COMPLETE.to_string();
    task.opportunity_id = Some(new_id);
    task.snapshot_job_id = Some(format!("job-{}", ids::alnum(13)));
}

fn fail(data: &mut Dataset, index: usize, message: &str) {
    let task = &mut data.accept_tasks[index];
    task.status = FAILED.to_string();
    task.failure = Some((
        "EngagementInvitationConflict".to_string(),
        message.to_string(),
    ));
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use serde_json::json;

    use super::super::accept_task::AcceptTask;
    use super::super::catalog_name::CatalogName;
    use super::super::invitation::EXPIRED;
    use super::*;

    fn referral(data: &Dataset, now: DateTime<Utc>) -> Invitation {
        let input = json!({"Origin": "AWS Referral",
                           "Customer": {"Account": {"CompanyName": "Acme"}},
                           "Project": {"Title": "Lake"}});
        Invitation::from_referral(&data.account, data.catalog, "O1", &input, now)
    }

    #[test]
    fn a_task_ending_after_the_invitation_expired_fails_without_an_opportunity() {
        let now = Utc::now();
        let mut data = Dataset::new(crate::ids::SELLER_ACCOUNT, CatalogName::Sandbox);
        let mut invitation = referral(&data, now);
        invitation.expires = now + Duration::seconds(1);
        let id = invitation.id.clone();
        data.invitations.push(invitation);
        let task = AcceptTask::new(
            crate::ids::SELLER_ACCOUNT,
            CatalogName::Sandbox,
            &id,
            now,
            now + Duration::seconds(2),
        );
        data.accept_tasks.push(task);
        let mut outbox = Outbox::default();
        accept_tasks(&mut data, now + Duration::seconds(5), &mut outbox);
        assert_eq!(data.invitations[0].status, EXPIRED);
        let expired = &outbox.events()[0];
        assert_eq!(expired.detail_type, "Engagement Invitation Expired");
        assert_eq!(expired.time, data.invitations[0].expires);
        let view = data.accept_tasks[0].view();
        assert_eq!(view["TaskStatus"], FAILED);
        assert_eq!(view["ReasonCode"], "EngagementInvitationConflict");
        assert!(view.get("OpportunityId").is_none());
        assert!(data.opportunities.is_empty());
    }

    #[test]
    fn a_completed_task_creates_an_approved_opportunity_and_accepts_the_invitation() {
        let now = Utc::now();
        let mut data = Dataset::new(crate::ids::SELLER_ACCOUNT, CatalogName::Sandbox);
        let invitation = referral(&data, now);
        let id = invitation.id.clone();
        data.invitations.push(invitation);
        data.accept_tasks.push(AcceptTask::new(
            crate::ids::SELLER_ACCOUNT,
            CatalogName::Sandbox,
            &id,
            now,
            now,
        ));
        let mut outbox = Outbox::default();
        accept_tasks(&mut data, now, &mut outbox);
        assert_eq!(data.invitations[0].status, ACCEPTED);
        let announced: Vec<&str> = outbox
            .events()
            .iter()
            .map(|e| e.detail_type.as_str())
            .collect();
        assert_eq!(
            announced,
            ["Engagement Invitation Accepted", "Opportunity Created"]
        );
        let opportunity = data.accept_tasks[0].opportunity_id.clone().expect("id");
        let created = data.opportunity(&opportunity).expect("created");
        assert_eq!(created.review.status, APPROVED);
        assert_eq!(
            created.get_str(&["Customer", "Account", "CompanyName"]),
            Some("Acme")
        );
    }
}
