//! `invitation list|accept|reject`: AWS referrals as Partner Central engagement invitations.
//!
//! Accepting is a write that creates an opportunity, so it follows the workflow's resume rules:
//! the StartEngagementByAcceptingInvitationTask request and its ClientToken are saved in the
//! state file *before* they are sent, the task id right after, and the opportunity id
//! (`REFERRAL_OPPORTUNITY_ID`) when the task completes. A run killed anywhere re-sends the same
//! token, so AWS reports the original task instead of starting a second one.

use aws_sdk_partnercentralselling::types::{
    InvitationStatus, ListEngagementByAcceptingInvitationTaskSummary, ParticipantType, TaskStatus,
};
use aws_sdk_partnercentralselling::Client;
use serde_json::json;

use super::views;
use crate::aws::describe_error;
use crate::aws::wait::{Policy, Subject};
use crate::exit::{bad_input, Failure};
use crate::workflow::create_opportunity::pending_token;
use crate::workflow::Ctx;

/// The acceptable `RejectionReason`s. The model types the member as a free string (1–80
/// characters) but its documentation lists exactly these values.
pub const REJECTION_REASONS: &[&str] = &[
    "Customer problem unclear",
    "Next steps unclear",
    "Unable to support",
    "Duplicate of partner referral",
    "Other",
];

/// The canonical spelling of a `--reason` (matched ignoring case), or a bad-input error.
pub fn rejection_reason(input: &str) -> anyhow::Result<&'static str> {
    REJECTION_REASONS
        .iter()
        .find(|r| r.eq_ignore_ascii_case(input.trim()))
        .copied()
        .ok_or_else(|| {
            bad_input(format!(
                "--reason '{input}' is not a rejection reason Partner Central accepts\n  hint: use one of: {}",
                REJECTION_REASONS
                    .iter()
                    .map(|r| format!("\"{r}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// Every invitation the seller received, optionally only those with `status`.
pub async fn list(
    client: &Client,
    catalog: &str,
    status: Option<&str>,
) -> anyhow::Result<Vec<views::InvitationRow>> {
    let mut call = client
        .list_engagement_invitations()
        .catalog(catalog)
        .participant_type(ParticipantType::Receiver);
    if let Some(s) = status {
        call = call.status(InvitationStatus::from(s));
    }
    let mut pages = call.into_paginator().send();
    let mut found = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListEngagementInvitations", e))?;
        found.extend(
            page.engagement_invitation_summaries()
                .iter()
                .map(views::invitation_summary),
        );
    }
    Ok(found)
}

/// RejectEngagementInvitation with a reason already checked by `rejection_reason`.
pub async fn reject(client: &Client, catalog: &str, id: &str, reason: &str) -> anyhow::Result<()> {
    client
        .reject_engagement_invitation()
        .catalog(catalog)
        .identifier(id)
        .rejection_reason(reason)
        .send()
        .await
        .map_err(|e| describe_error("RejectEngagementInvitation", e))?;
    Ok(())
}

/// The outcome of `accept`: `skipped` when the state already records this acceptance.
pub struct Accepted {
    pub status: &'static str,
    /// The accept task; `None` when skipped.
    pub task: Option<views::AcceptTask>,
    pub opportunity_id: String,
}

/// Accepts invitation `id`: starts (or resumes) the accept task, waits for it, saves
/// `REFERRAL_OPPORTUNITY_ID` and `REFERRAL_INVITATION_ID`. A FAILED task exits 3.
pub async fn accept(ctx: &mut Ctx<'_>, id: &str) -> anyhow::Result<Accepted> {
    if ctx.state.referral_invitation_id.as_deref() == Some(id) {
        if let Some(opportunity) = ctx.state.referral_opportunity_id.clone() {
            return Ok(Accepted {
                status: "skipped",
                task: None,
                opportunity_id: opportunity,
            });
        }
    }
    let catalog = ctx.settings.catalog.as_str().to_string();
    let key = format!("invitation-accept/{id}");
    let token = pending_token(ctx, &key, &json!({"Identifier": id}))?;
    let task_id = match ctx.state.internal.pending[&key]["task_id"].as_str() {
        Some(t) => t.to_string(),
        None => {
            let sent = ctx
                .clients
                .partner
                .start_engagement_by_accepting_invitation_task()
                .catalog(&catalog)
                .client_token(token)
                .identifier(id)
                .send()
                .await;
            let out = match sent {
                Ok(out) => out,
                Err(e) => {
                    let refused = e.as_service_error().is_some();
                    let e = describe_error("StartEngagementByAcceptingInvitationTask", e);
                    // A refusal (no such invitation, not pending…) started nothing: the saved
                    // request is not in flight. Anything else may have reached AWS: kept.
                    if refused && !crate::aws::is_transient(&e) {
                        ctx.state.internal.pending.remove(&key);
                        ctx.save()?;
                    }
                    return Err(e);
                }
            };
            crate::crash::point("invitation-accept:after-start");
            let task = out.task_id().unwrap_or_default().to_string();
            if let Some(pending) = ctx.state.internal.pending.get_mut(&key) {
                pending["task_id"] = json!(task);
            }
            ctx.save()?;
            ctx.printer
                .info(format!("invitation accept: started task {task}"));
            task
        }
    };
    let summary = wait_for(ctx, &catalog, &task_id).await?;
    ctx.state.internal.pending.remove(&key);
    if summary.task_status() != Some(&TaskStatus::Complete) {
        ctx.save()?;
        return Err(Failure::ResourceFailed(format!(
            "accept task {task_id} for invitation {id} ended {}: {}: {}",
            summary.task_status().map(|s| s.as_str()).unwrap_or("?"),
            summary
                .reason_code()
                .map(|r| r.as_str())
                .unwrap_or("no reason code"),
            summary.message().unwrap_or("no message")
        ))
        .into());
    }
    let opportunity = summary.opportunity_id().unwrap_or_default().to_string();
    ctx.state.referral_opportunity_id = Some(opportunity.clone());
    ctx.state.referral_invitation_id = Some(id.to_string());
    ctx.save()?;
    Ok(Accepted {
        status: "done",
        task: Some(views::accept_task(&summary)),
        opportunity_id: opportunity,
    })
}

/// Polls ListEngagementByAcceptingInvitationTasks until the task leaves IN_PROGRESS.
async fn wait_for(
    ctx: &Ctx<'_>,
    catalog: &str,
    task: &str,
) -> anyhow::Result<ListEngagementByAcceptingInvitationTaskSummary> {
    let w = &ctx.settings.config.wait;
    let policy = Policy::from_config(w, w.timeout_seconds);
    let client = &ctx.clients.partner;
    let what = format!("accept task {task}");
    let subject = Subject {
        step: "invitation accept",
        what: &what,
        key: None,
        fresh: false,
    };
    let summary = || async {
        let out = client
            .list_engagement_by_accepting_invitation_tasks()
            .catalog(catalog)
            .task_identifier(task)
            .send()
            .await
            .map_err(|e| describe_error("ListEngagementByAcceptingInvitationTasks", e))?;
        Ok(out.task_summaries().first().cloned())
    };
    crate::aws::task::wait(
        ctx.printer,
        subject,
        policy,
        summary,
        |t| t.task_status(),
        &mut |_| Ok(()),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_match_ignoring_case_and_return_the_canonical_spelling() {
        assert_eq!(
            rejection_reason("duplicate of PARTNER referral").unwrap(),
            "Duplicate of partner referral"
        );
        let err = rejection_reason("Too busy").unwrap_err().to_string();
        assert!(err.contains("\"Unable to support\""), "{err}");
        assert_eq!(
            crate::exit::code_for(&rejection_reason("x").unwrap_err()) as i32,
            2
        );
    }
}
