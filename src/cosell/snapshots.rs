//! Resource snapshots and snapshot jobs inside an engagement (aws-events-cosell §B.2-§B.4):
//! taking a snapshot of an opportunity (CreateResourceSnapshot), reading one's payload
//! (GetResourceSnapshot), and the jobs that take a new revision whenever the opportunity changes
//! (Create/Start/Stop/Delete/Get/ListResourceSnapshotJobs). Write bodies are built here as the
//! API's JSON (what `--plan` shows) and the SDK requests from those same bodies.
//!
//! [I] CreateResourceSnapshot's ClientToken is derived from its body and the opportunity's
//! LastModifiedDate: a re-run while the opportunity is unchanged is the same request (AWS answers
//! with the first snapshot), a run after a change takes the next revision. A job's token is
//! derived from its body alone (one job per engagement, opportunity and template).

use aws_sdk_partnercentralselling::types::{ResourceSnapshotPayload, ResourceType};
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use super::views::stamp;
use crate::aws::describe_error;
use crate::aws::runner::token_for;
use crate::output::owned;

/// The CreateResourceSnapshot body; `modified` is the opportunity's LastModifiedDate.
pub fn snapshot_body(
    catalog: &str,
    engagement: &str,
    opportunity: &str,
    template: &str,
    modified: &str,
) -> Value {
    let mut body = json!({"Catalog": catalog, "EngagementIdentifier": engagement,
        "ResourceType": "Opportunity", "ResourceIdentifier": opportunity,
        "ResourceSnapshotTemplateIdentifier": template});
    let mut seed = body.clone();
    seed["OpportunityLastModifiedDate"] = json!(modified);
    body["ClientToken"] = json!(token_for(&seed));
    body
}

fn s(v: &Value, k: &str) -> String {
    v[k].as_str().unwrap_or_default().to_string()
}

/// Sends CreateResourceSnapshot; returns the snapshot's ARN and revision.
pub async fn create_snapshot(client: &Client, body: &Value) -> anyhow::Result<(String, i32)> {
    let out = client
        .create_resource_snapshot()
        .catalog(s(body, "Catalog"))
        .engagement_identifier(s(body, "EngagementIdentifier"))
        .resource_type(ResourceType::from(s(body, "ResourceType").as_str()))
        .resource_identifier(s(body, "ResourceIdentifier"))
        .resource_snapshot_template_identifier(s(body, "ResourceSnapshotTemplateIdentifier"))
        .client_token(s(body, "ClientToken"))
        .send()
        .await
        .map_err(|e| describe_error("CreateResourceSnapshot", e))?;
    Ok((
        out.arn().unwrap_or_default().to_string(),
        out.revision().unwrap_or_default(),
    ))
}

/// One snapshot with its payload (`engagement snapshot-show`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SnapshotDetail {
    pub engagement_id: String,
    pub resource_id: Option<String>,
    pub template: Option<String>,
    pub revision: Option<i32>,
    pub created_by: Option<String>,
    /// RFC 3339.
    pub created: Option<String>,
    pub arn: Option<String>,
    pub target_members: Vec<String>,
    /// OpportunitySummary: `opportunity_type`, `stage`, `review_status`, `target_close_date`,
    /// `next_steps`, `company`, `customer_use_case`, `delivery_models`; AWS's full view:
    /// `aws_stage`, `involvement_type`; null for another payload.
    pub payload: Value,
}

/// GetResourceSnapshot: `revision`, or the latest.
pub async fn show(
    client: &Client,
    catalog: &str,
    engagement: &str,
    opportunity: &str,
    template: &str,
    revision: Option<i32>,
) -> anyhow::Result<SnapshotDetail> {
    let out = client
        .get_resource_snapshot()
        .catalog(catalog)
        .engagement_identifier(engagement)
        .resource_type(ResourceType::Opportunity)
        .resource_identifier(opportunity)
        .resource_snapshot_template_identifier(template)
        .set_revision(revision)
        .send()
        .await
        .map_err(|e| describe_error("GetResourceSnapshot", e))?;
    Ok(SnapshotDetail {
        engagement_id: out.engagement_id().unwrap_or(engagement).to_string(),
        resource_id: owned(out.resource_id()),
        template: owned(out.resource_snapshot_template_name()),
        revision: out.revision(),
        created_by: owned(out.created_by()),
        created: stamp(out.created_at()),
        arn: owned(out.arn()),
        target_members: out.target_member_accounts().to_vec(),
        payload: payload(out.payload()),
    })
}

fn payload(p: Option<&ResourceSnapshotPayload>) -> Value {
    match p {
        Some(ResourceSnapshotPayload::OpportunitySummary(o)) => {
            let life = o.lifecycle();
            let project = o.project();
            json!({
                "opportunity_type": o.opportunity_type().map(|t| t.as_str()),
                "stage": life.and_then(|l| l.stage()).map(|x| x.as_str()),
                "review_status": life.and_then(|l| l.review_status()).map(|x| x.as_str()),
                "target_close_date": life.and_then(|l| l.target_close_date()),
                "next_steps": life.and_then(|l| l.next_steps()),
                "company": o.customer().and_then(|c| c.account()).map(|a| a.company_name()),
                "customer_use_case": project.and_then(|p| p.customer_use_case()),
                "delivery_models": project.map(|p| p.delivery_models().iter().map(|d| d.as_str()).collect::<Vec<_>>()),
            })
        }
        Some(ResourceSnapshotPayload::AwsOpportunitySummaryFullView(a)) => json!({
            "aws_stage": a.life_cycle().and_then(|l| l.stage()).map(|x| x.as_str()),
            "involvement_type": a.involvement_type().map(|x| x.as_str()),
        }),
        _ => Value::Null,
    }
}

/// The CreateResourceSnapshotJob body, its token derived from the rest.
pub fn job_body(catalog: &str, engagement: &str, opportunity: &str, template: &str) -> Value {
    let mut body = json!({"Catalog": catalog, "EngagementIdentifier": engagement,
        "ResourceType": "Opportunity", "ResourceIdentifier": opportunity,
        "ResourceSnapshotTemplateIdentifier": template});
    body["ClientToken"] = json!(token_for(&body));
    body
}

/// Sends CreateResourceSnapshotJob; returns the job's id.
pub async fn create_job(client: &Client, body: &Value) -> anyhow::Result<String> {
    let out = client
        .create_resource_snapshot_job()
        .catalog(s(body, "Catalog"))
        .engagement_identifier(s(body, "EngagementIdentifier"))
        .resource_type(ResourceType::from(s(body, "ResourceType").as_str()))
        .resource_identifier(s(body, "ResourceIdentifier"))
        .resource_snapshot_template_identifier(s(body, "ResourceSnapshotTemplateIdentifier"))
        .client_token(s(body, "ClientToken"))
        .send()
        .await
        .map_err(|e| describe_error("CreateResourceSnapshotJob", e))?;
    Ok(out.id().unwrap_or_default().to_string())
}

/// What Start, Stop and DeleteResourceSnapshotJob do to a job.
#[derive(Debug, Clone, Copy)]
pub enum JobAction {
    Start,
    Stop,
    Delete,
}

impl JobAction {
    pub fn operation(self) -> &'static str {
        match self {
            JobAction::Start => "StartResourceSnapshotJob",
            JobAction::Stop => "StopResourceSnapshotJob",
            JobAction::Delete => "DeleteResourceSnapshotJob",
        }
    }

    /// The body (the three take the same members, and no ClientToken).
    pub fn body(self, catalog: &str, job: &str) -> Value {
        json!({"Catalog": catalog, "ResourceSnapshotJobIdentifier": job})
    }

    pub async fn send(self, client: &Client, body: &Value) -> anyhow::Result<()> {
        let (catalog, job) = (s(body, "Catalog"), s(body, "ResourceSnapshotJobIdentifier"));
        let op = self.operation();
        match self {
            JobAction::Start => client
                .start_resource_snapshot_job()
                .catalog(catalog)
                .resource_snapshot_job_identifier(job)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| describe_error(op, e)),
            JobAction::Stop => client
                .stop_resource_snapshot_job()
                .catalog(catalog)
                .resource_snapshot_job_identifier(job)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| describe_error(op, e)),
            JobAction::Delete => client
                .delete_resource_snapshot_job()
                .catalog(catalog)
                .resource_snapshot_job_identifier(job)
                .send()
                .await
                .map(|_| ())
                .map_err(|e| describe_error(op, e)),
        }
    }
}

/// One snapshot job (`engagement snapshot-jobs`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct JobRow {
    pub job_id: String,
    pub engagement_id: Option<String>,
    /// `Running` or `Stopped`.
    pub status: Option<String>,
    pub resource_id: Option<String>,
    pub template: Option<String>,
    /// RFC 3339: when the job last took (or confirmed) a revision.
    pub last_success: Option<String>,
    pub last_failure: Option<String>,
    pub arn: Option<String>,
}

/// ListResourceSnapshotJobs of an engagement (every page), each read with
/// GetResourceSnapshotJob for its opportunity, template and last run.
pub async fn jobs(client: &Client, catalog: &str, engagement: &str) -> anyhow::Result<Vec<JobRow>> {
    let mut pages = client
        .list_resource_snapshot_jobs()
        .catalog(catalog)
        .engagement_identifier(engagement)
        .into_paginator()
        .send();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListResourceSnapshotJobs", e))?;
        ids.extend(
            page.resource_snapshot_job_summaries()
                .iter()
                .filter_map(|j| j.id().map(String::from)),
        );
    }
    let mut out = Vec::new();
    for id in ids {
        let j = client
            .get_resource_snapshot_job()
            .catalog(catalog)
            .resource_snapshot_job_identifier(&id)
            .send()
            .await
            .map_err(|e| describe_error("GetResourceSnapshotJob", e))?;
        out.push(JobRow {
            job_id: id,
            engagement_id: owned(j.engagement_id()),
            status: j.status().map(|x| x.as_str().to_string()),
            resource_id: owned(j.resource_id()),
            template: owned(j.resource_snapshot_template_name()),
            last_success: stamp(j.last_successful_execution_date()),
            last_failure: owned(j.last_failure()),
            arn: owned(j.arn()),
        });
    }
    Ok(out)
}
