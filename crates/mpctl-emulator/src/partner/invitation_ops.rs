//! The engagement-invitation operations: GetEngagementInvitation, ListEngagementInvitations,
//! RejectEngagementInvitation, AcceptEngagementInvitation, and the asynchronous acceptance
//! StartEngagementByAcceptingInvitationTask / ListEngagementByAcceptingInvitationTasks.
//!
//! [I] Answering an invitation that is no longer `PENDING` (accepted, rejected, expired) is a
//! `ConflictException`, the model's error for "a conflict with the target resource's current
//! state"; so is a second accept task while one runs for the same invitation.

use serde_json::{json, Value};

use super::accept_task::AcceptTask;
use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::{code, not_found, request_field};
use super::events;
use super::invitation::{Invitation, ACCEPTED, LEAD_INVITATION, PENDING, REJECTED};
use super::model;
use super::paging::{page, sort_spec, string_list};
use super::tasks::IN_PROGRESS;
use super::Ctx;
use crate::clock;
use crate::wire::{optional_str, required_str, ApiError, OpResult};

impl Dataset {
    fn invitation(&self, identifier: &str) -> Result<&Invitation, ApiError> {
        self.invitations
            .iter()
            .find(|i| i.is(identifier))
            .ok_or_else(|| not_found("Engagement invitation", identifier))
    }

    fn invitation_mut(&mut self, identifier: &str) -> Result<&mut Invitation, ApiError> {
        self.invitations
            .iter_mut()
            .find(|i| i.is(identifier))
            .ok_or_else(|| not_found("Engagement invitation", identifier))
    }
}

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required_str(input, "Identifier")?;
    Ok(ctx.dataset(input)?.invitation(id)?.get_view())
}

/// ListEngagementInvitations: `RECEIVER` lists the caller's inbox, `SENDER` the invitations
/// the caller sent (whoever received them); [I] newest first unless `Sort` says otherwise.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let participant = required_str(input, "ParticipantType")?;
    let catalog = CatalogName::from_input(input)?;
    let caller = ctx.caller.to_string();
    let sent;
    let found: Vec<&Invitation> = if participant == "SENDER" {
        sent = ctx.state.all_invitations(catalog);
        sent.into_iter()
            .filter(|i| i.sender.as_deref() == Some(caller.as_str()))
            .collect()
    } else {
        ctx.data(catalog).invitations.iter().collect()
    };
    let views = filtered(found, input)
        .iter()
        .map(|i| i.summary_as(participant))
        .collect();
    page(views, input, "EngagementInvitationSummaries")
}

fn filtered<'a>(all: Vec<&'a Invitation>, input: &Value) -> Vec<&'a Invitation> {
    let statuses = string_list(input, "Status");
    let payload_types = string_list(input, "PayloadType");
    let engagements = string_list(input, "EngagementIdentifier");
    let senders = string_list(input, "SenderAwsAccountId");
    let mut found: Vec<&Invitation> = all
        .into_iter()
        .filter(|i| statuses.is_empty() || statuses.contains(&i.status.as_str()))
        .filter(|i| payload_types.is_empty() || payload_types.contains(&i.payload_type.as_str()))
        .filter(|i| engagements.is_empty() || engagements.contains(&i.engagement_id.as_str()))
        .filter(|i| senders.is_empty() || senders.contains(&i.sender_id()))
        .collect();
    let (_, descending) = sort_spec(input, "InvitationDate", true);
    found.sort_by(|a, b| (a.invited, &a.id).cmp(&(b.invited, &b.id)));
    if descending {
        found.reverse();
    }
    found
}

/// RejectEngagementInvitation. The model types `RejectionReason` as a free string but documents
/// its acceptable values; the emulator enforces that list, read from the model's documentation.
pub fn reject(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required_str(input, "Identifier")?;
    let reason = optional_str(input, "RejectionReason");
    if let Some(reason) = reason {
        let allowed =
            model::documented_values("RejectEngagementInvitationRequest", "RejectionReason");
        if !allowed.iter().any(|a| a == reason) {
            return Err(request_field(
                "RejectionReason",
                code::INVALID_ENUM_VALUE,
                format!(
                    "RejectionReason '{reason}' is not valid; use one of: {}.",
                    allowed.join(", ")
                ),
            ));
        }
    }
    let now = ctx.now;
    let catalog = CatalogName::from_input(input)?;
    let (data, outbox) = ctx.data_and_outbox(catalog);
    let invitation = data.invitation_mut(id)?;
    check_pending(invitation)?;
    invitation.status = REJECTED.to_string();
    invitation.rejection_reason = reason.map(str::to_string);
    events::invitation(outbox, invitation, "Rejected", now);
    events::invitation_sender(outbox, invitation, "Rejected", now);
    Ok(json!({}))
}

/// AcceptEngagementInvitation: accepts at once; [I] unlike the accept task, it creates no
/// opportunity (the partner gains access to the engagement only).
pub fn accept(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required_str(input, "Identifier")?;
    let now = ctx.now;
    let (data, outbox) = ctx.data_and_outbox(CatalogName::from_input(input)?);
    check_no_running_task(data, id)?;
    let invitation = data.invitation_mut(id)?;
    check_pending(invitation)?;
    invitation.status = ACCEPTED.to_string();
    events::invitation(outbox, invitation, "Accepted", now);
    Ok(json!({}))
}

/// StartEngagementByAcceptingInvitationTask. A retried request (same `ClientToken` and body)
/// reports the task it started, as it is now.
pub fn start_task(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let identifier = required_str(input, "Identifier")?;
    let (now, seconds) = (ctx.now, ctx.timings.task_seconds);
    let (data, outbox) = ctx.data_and_outbox(catalog);
    if let Some(task_id) = data.accept_tokens.replay(token, input)?.cloned() {
        return Ok(task_view(data, &task_id));
    }
    let invitation_id = data.invitation(identifier)?.id.clone();
    check_pending(data.invitation(identifier)?)?;
    check_not_lead(data.invitation(identifier)?)?;
    check_no_running_task(data, &invitation_id)?;
    let task = AcceptTask::new(
        &data.account,
        catalog,
        &invitation_id,
        now,
        clock::after(now, seconds),
    );
    let task_id = task.id.clone();
    data.accept_tokens.record(token, input, task_id.clone());
    data.accept_tasks.push(task);
    super::progress::accept_tasks(data, now, outbox);
    Ok(task_view(data, &task_id))
}

/// ListEngagementByAcceptingInvitationTasks; [I] newest first unless `Sort` says otherwise.
pub fn list_tasks(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let task_ids = string_list(input, "TaskIdentifier");
    let statuses = string_list(input, "TaskStatus");
    let opportunities = string_list(input, "OpportunityIdentifier");
    let invitations = string_list(input, "EngagementInvitationIdentifier");
    let invitation_matches = |t: &AcceptTask| {
        invitations.is_empty()
            || invitations.iter().any(|i| {
                *i == t.invitation_id
                    || data
                        .invitations
                        .iter()
                        .any(|inv| inv.id == t.invitation_id && inv.arn == *i)
            })
    };
    let mut found: Vec<&AcceptTask> = data
        .accept_tasks
        .iter()
        .filter(|t| task_ids.is_empty() || task_ids.iter().any(|i| t.is(i)))
        .filter(|t| statuses.is_empty() || statuses.contains(&t.status.as_str()))
        .filter(|t| {
            opportunities.is_empty()
                || t.opportunity_id
                    .as_deref()
                    .is_some_and(|o| opportunities.contains(&o))
        })
        .filter(|t| invitation_matches(t))
        .collect();
    let (_, descending) = sort_spec(input, "StartTime", true);
    found.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    if descending {
        found.reverse();
    }
    let views: Vec<Value> = found.iter().map(|t| t.view()).collect();
    page(views, input, "TaskSummaries")
}

/// [I] A lead is accepted with AcceptEngagementInvitation and becomes an opportunity through
/// StartOpportunityFromEngagementTask (aws-events-cosell §B.5); the accept task, which creates
/// an opportunity from an `OpportunityInvitation`, refuses it.
fn check_not_lead(invitation: &Invitation) -> Result<(), ApiError> {
    if invitation.payload_type != LEAD_INVITATION {
        return Ok(());
    }
    Err(super::errors::business(
        "Identifier",
        code::ACTION_NOT_PERMITTED,
        format!(
            "Engagement invitation {} is a LeadInvitation: accept it with AcceptEngagementInvitation, then StartOpportunityFromEngagementTask.",
            invitation.id
        ),
    ))
}

fn check_pending(invitation: &Invitation) -> Result<(), ApiError> {
    if invitation.status == PENDING {
        return Ok(());
    }
    Err(ApiError::conflict(format!(
        "Engagement invitation {} is {}; only PENDING invitations can be accepted or rejected.",
        invitation.id, invitation.status
    )))
}

fn check_no_running_task(data: &Dataset, invitation_id: &str) -> Result<(), ApiError> {
    let running = data.accept_tasks.iter().any(|t| {
        t.status == IN_PROGRESS
            && data
                .invitations
                .iter()
                .any(|i| i.id == t.invitation_id && i.is(invitation_id))
    });
    if running {
        return Err(ApiError::conflict(format!(
            "Engagement invitation {invitation_id} is already being accepted by a running task."
        )));
    }
    Ok(())
}

fn task_view(data: &Dataset, task_id: &str) -> Value {
    data.accept_tasks
        .iter()
        .find(|t| t.id == task_id)
        .map(AcceptTask::view)
        .unwrap_or_else(|| json!({}))
}
