//! AWS leads: engagement invitations with a LeadInvitation payload (aws-events-cosell §B.5).
//! Accepting one is AcceptEngagementInvitation (membership in AWS's engagement), then
//! StartOpportunityFromEngagementTask on the engagement's Lead context, which creates the
//! seller's draft opportunity; the command waits for that task.
//!
//! Resumable without the state file: the task's ClientToken is derived from the engagement and
//! context (`mpctl-lead-<engagement>-<context>`), so a run killed anywhere, or a second run,
//! sends the same token and Partner Central reports the original task instead of converting
//! the lead twice; an already accepted invitation is not accepted again.

use aws_sdk_partnercentralselling::types::{
    EngagementContextType, EngagementInvitationPayloadType, InvitationStatus,
    ListOpportunityFromEngagementTaskSummary, ParticipantType, TaskStatus,
};
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;

use super::views::stamp;
use serde_json::json;

use crate::aws::describe_error;
use crate::aws::wait::{Policy, Subject};
use crate::confirm::Planned;
use crate::exit::{bad_input, Failure};
use crate::output::{owned, Printer};
use crate::settings::Settings;

/// One lead (`lead list`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeadRow {
    pub invitation_id: String,
    pub status: Option<String>,
    pub engagement_id: Option<String>,
    pub title: Option<String>,
    /// RFC 3339.
    pub invited: Option<String>,
    pub expires: Option<String>,
}

/// Every lead in the seller's inbox, optionally only those with `status`.
pub async fn list(
    client: &Client,
    catalog: &str,
    status: Option<&str>,
) -> anyhow::Result<Vec<LeadRow>> {
    let mut call = client
        .list_engagement_invitations()
        .catalog(catalog)
        .participant_type(ParticipantType::Receiver)
        .payload_type(EngagementInvitationPayloadType::LeadInvitation);
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
                .map(|i| LeadRow {
                    invitation_id: i.id().to_string(),
                    status: i.status().map(|s| s.as_str().to_string()),
                    engagement_id: owned(i.engagement_id()),
                    title: owned(i.engagement_title()),
                    invited: stamp(i.invitation_date()),
                    expires: stamp(i.expiration_date()),
                }),
        );
    }
    Ok(found)
}

/// The outcome of [`accept`].
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeadAccepted {
    pub invitation_id: String,
    pub engagement_id: String,
    /// The Lead context converted.
    pub lead_context_id: String,
    /// The CustomerProject context the conversion added.
    pub context_id: Option<String>,
    /// `true` when this run sent AcceptEngagementInvitation (`false`: it was already accepted).
    pub accepted_now: bool,
    pub task_id: String,
    /// COMPLETE (FAILED exits 3).
    pub task_status: String,
    pub opportunity_id: String,
    pub resource_snapshot_job_id: Option<String>,
}

/// The lead's engagement and whether it is still pending; refuses what is not a lead.
pub async fn read_invitation(
    client: &Client,
    catalog: &str,
    id: &str,
) -> anyhow::Result<(String, bool)> {
    let got = client
        .get_engagement_invitation()
        .catalog(catalog)
        .identifier(id)
        .send()
        .await
        .map_err(|e| describe_error("GetEngagementInvitation", e))?;
    if got.payload_type() != Some(&EngagementInvitationPayloadType::LeadInvitation) {
        return Err(bad_input(format!(
            "{id} is not a lead (its payload is {}); nothing was sent\n  hint: answer AWS referrals with `mpctl invitation accept`",
            got.payload_type().map(|p| p.as_str()).unwrap_or("unknown")
        )));
    }
    let status = got.status().cloned();
    if !matches!(
        status,
        Some(InvitationStatus::Pending | InvitationStatus::Accepted)
    ) {
        return Err(Failure::ResourceFailed(format!(
            "lead {id} is {} and can no longer be accepted",
            status.map(|s| s.as_str().to_string()).unwrap_or_default()
        ))
        .into());
    }
    let engagement = got.engagement_id().unwrap_or_default().to_string();
    Ok((engagement, status == Some(InvitationStatus::Pending)))
}

/// The derived ClientToken of a lead's conversion.
pub fn token(engagement: &str, context: &str) -> String {
    format!("mpctl-lead-{engagement}-{context}")
}

/// What a run read before writing: the lead's engagement, whether it is still pending, and
/// (once accepted — only members read the engagement) its Lead context.
pub struct Prepared {
    pub engagement: String,
    pub pending: bool,
    pub context: Option<String>,
}

/// The reads `accept` needs, made before the plan or the confirmation.
pub async fn prepare(client: &Client, catalog: &str, id: &str) -> anyhow::Result<Prepared> {
    let (engagement, pending) = read_invitation(client, catalog, id).await?;
    let context = match pending {
        true => None,
        false => Some(lead_context(client, catalog, &engagement).await?),
    };
    Ok(Prepared {
        engagement,
        pending,
        context,
    })
}

/// The requests `accept` sends, as `--plan` shows them. [I] While the lead is pending its
/// engagement cannot be read (members only), so the conversion's context is shown as the one
/// it will be, `<the Lead context>`, and its token with it.
pub fn planned(catalog: &str, id: &str, p: &Prepared) -> Vec<Planned> {
    let mut out = Vec::new();
    if p.pending {
        out.push(Planned::new(
            "AcceptEngagementInvitation",
            "",
            json!({"Catalog": catalog, "Identifier": id}),
        ));
    }
    let context = p
        .context
        .clone()
        .unwrap_or_else(|| "<the Lead context>".into());
    out.push(Planned::new(
        "StartOpportunityFromEngagementTask",
        "",
        json!({"Catalog": catalog, "ClientToken": token(&p.engagement, &context),
            "Identifier": p.engagement, "ContextIdentifier": context}),
    ));
    out
}

/// Accepts the lead (if pending), converts its Lead context and waits for the task.
pub async fn accept(
    settings: &Settings,
    printer: &Printer,
    client: &Client,
    id: &str,
    p: Prepared,
) -> anyhow::Result<LeadAccepted> {
    let catalog = settings.catalog.as_str();
    let engagement = p.engagement;
    if p.pending {
        client
            .accept_engagement_invitation()
            .catalog(catalog)
            .identifier(id)
            .send()
            .await
            .map_err(|e| describe_error("AcceptEngagementInvitation", e))?;
        crate::crash::point("lead-accept:after-accept");
        printer.info(format!("lead {id}: accepted; engagement {engagement}"));
    }
    let context = match p.context {
        Some(c) => c,
        None => lead_context(client, catalog, &engagement).await?,
    };
    let started = client
        .start_opportunity_from_engagement_task()
        .catalog(catalog)
        .client_token(token(&engagement, &context))
        .identifier(&engagement)
        .context_identifier(&context)
        .send()
        .await
        .map_err(|e| describe_error("StartOpportunityFromEngagementTask", e))?;
    crate::crash::point("lead-accept:after-start");
    let task = started.task_id().unwrap_or_default().to_string();
    let done = wait_for(settings, printer, client, &task).await?;
    if done.task_status() != Some(&TaskStatus::Complete) {
        return Err(Failure::ResourceFailed(format!(
            "lead task {task} ended {}: {}: {}",
            done.task_status().map(|s| s.as_str()).unwrap_or("?"),
            done.reason_code()
                .map(|r| r.as_str())
                .unwrap_or("no reason code"),
            done.message().unwrap_or("no message")
        ))
        .into());
    }
    Ok(LeadAccepted {
        invitation_id: id.to_string(),
        engagement_id: engagement,
        lead_context_id: context,
        context_id: owned(done.context_id()),
        accepted_now: p.pending,
        task_id: task,
        task_status: "COMPLETE".into(),
        opportunity_id: done.opportunity_id().unwrap_or_default().to_string(),
        resource_snapshot_job_id: owned(done.resource_snapshot_job_id()),
    })
}

/// The id of the engagement's (first) Lead context.
async fn lead_context(client: &Client, catalog: &str, engagement: &str) -> anyhow::Result<String> {
    let got = client
        .get_engagement()
        .catalog(catalog)
        .identifier(engagement)
        .send()
        .await
        .map_err(|e| describe_error("GetEngagement", e))?;
    got.contexts()
        .iter()
        .find(|c| c.r#type() == &EngagementContextType::Lead)
        .and_then(|c| c.id().map(str::to_string))
        .ok_or_else(|| {
            Failure::ResourceFailed(format!("engagement {engagement} has no Lead context")).into()
        })
}

/// Polls ListOpportunityFromEngagementTasks until the task leaves IN_PROGRESS.
async fn wait_for(
    settings: &Settings,
    printer: &Printer,
    client: &Client,
    task: &str,
) -> anyhow::Result<ListOpportunityFromEngagementTaskSummary> {
    let w = &settings.config.wait;
    let policy = Policy::from_config(w, w.timeout_seconds);
    let catalog = settings.catalog.as_str();
    let what = format!("lead task {task}");
    let subject = Subject {
        step: "lead accept",
        what: &what,
        // No EventBridge event names a lead-conversion task: this wait polls.
        key: None,
        fresh: false,
    };
    let summary = || async {
        let out = client
            .list_opportunity_from_engagement_tasks()
            .catalog(catalog)
            .task_identifier(task)
            .send()
            .await
            .map_err(|e| describe_error("ListOpportunityFromEngagementTasks", e))?;
        Ok(out.task_summaries().first().cloned())
    };
    crate::aws::task::wait(
        printer,
        subject,
        policy,
        summary,
        |t| t.task_status(),
        &mut |_| Ok(()),
    )
    .await
}
