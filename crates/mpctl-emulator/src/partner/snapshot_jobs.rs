//! Resource snapshot jobs: created `Stopped` (aws-events-cosell §B.3), `Running` after
//! StartResourceSnapshotJob, back to `Stopped` after StopResourceSnapshotJob; only a stopped job
//! is deleted (a running one is a `ConflictException`). While running, a job takes a new
//! snapshot revision whenever its opportunity changed (`advance`, as the clock moves) and
//! records `LastSuccessfulExecutionDate`; a job whose opportunity or engagement is gone records
//! `LastFailure` instead. Jobs belong to the account that created them.
//!
//! [I] Starting a running job or stopping a stopped one changes nothing (both are documented
//! idempotent); a second job for the same engagement, opportunity and template is a
//! `ConflictException`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::not_found;
use super::events;
use super::extras::{SnapshotJob, RUNNING, STOPPED};
use super::hub::Hub;
use super::opportunity::Opportunity;
use super::paging::{page, sort_spec};
use super::snapshots::{check_template, take};
use super::Ctx;
use crate::ids;
use crate::outbox::Outbox;
use crate::wire::{optional_str, required_str, ApiError, OpResult};

fn new_job(
    account: &str,
    catalog: CatalogName,
    engagement_id: &str,
    o: &Opportunity,
    template: &str,
    now: DateTime<Utc>,
) -> SnapshotJob {
    let id = format!("job-{}", ids::alnum(13));
    SnapshotJob {
        arn: ids::partner_arn(account, catalog.as_str(), "resource-snapshot-job", &id),
        id,
        engagement_id: engagement_id.to_string(),
        resource_type: "Opportunity".to_string(),
        resource_id: o.id.clone(),
        resource_arn: o.arn.clone(),
        template: template.to_string(),
        created_at: now,
        status: STOPPED.to_string(),
        last_success: None,
        last_failure: None,
        seen: None,
    }
}

/// A job the orchestrations start themselves: running, its first revision already taken.
pub fn running(
    account: &str,
    catalog: CatalogName,
    engagement_id: &str,
    o: &Opportunity,
    template: &str,
    now: DateTime<Utc>,
) -> SnapshotJob {
    let mut job = new_job(account, catalog, engagement_id, o, template, now);
    job.status = RUNNING.to_string();
    job.last_success = Some(now);
    job.seen = Some(o.modified);
    job
}

/// Takes a revision for every running job whose opportunity changed since its last one.
pub fn advance(hub: &mut Hub, data: &mut Dataset, now: DateTime<Utc>, outbox: &mut Outbox) -> bool {
    let mut changed = false;
    for job in data.extras.jobs.iter_mut().filter(|j| j.status == RUNNING) {
        let (Some(o), Some(e)) = (
            data.opportunities.get(&job.resource_id),
            hub.engagements.get_mut(&job.engagement_id),
        ) else {
            let failure = Some("The opportunity or the engagement no longer exists.".to_string());
            changed |= job.last_failure != failure;
            job.last_failure = failure;
            continue;
        };
        if job.seen == Some(o.modified) {
            continue;
        }
        let at = o.modified.max(job.seen.unwrap_or(o.modified)).min(now);
        let snapshot = take(e, o, &job.template, &data.account, at);
        events::snapshot_created(outbox, e, &snapshot, at);
        job.seen = Some(o.modified);
        job.last_success = Some(at);
        changed = true;
    }
    changed
}

impl Dataset {
    fn job_mut(&mut self, identifier: &str) -> Result<&mut SnapshotJob, ApiError> {
        self.extras
            .jobs
            .iter_mut()
            .find(|j| j.is(identifier))
            .ok_or_else(|| not_found("Resource snapshot job", identifier))
    }
}

/// CreateResourceSnapshotJob (`Stopped`); idempotent on `ClientToken`.
pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let engagement_id = required_str(input, "EngagementIdentifier")?;
    let resource = required_str(input, "ResourceIdentifier")?;
    let template = required_str(input, "ResourceSnapshotTemplateIdentifier")?;
    check_template(template)?;
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (data, hub, _) = ctx.parts(catalog);
    if let Some(reply) = data
        .extras
        .tokens("CreateResourceSnapshotJob")
        .replay(token, input)?
    {
        return Ok(reply.clone());
    }
    let engagement = hub.visible(catalog, engagement_id, &caller)?;
    let opportunity = data.opportunity(resource)?;
    let twin = data.extras.jobs.iter().any(|j| {
        j.engagement_id == engagement.id
            && j.resource_id == opportunity.id
            && j.template == template
    });
    if twin {
        return Err(ApiError::conflict(format!(
            "A snapshot job for {resource} with template {template} already exists in {engagement_id}."
        )));
    }
    let job = new_job(&caller, catalog, &engagement.id, opportunity, template, now);
    if let Some(tags) = input.get("Tags") {
        data.extras.tag(&job.arn, tags);
    }
    let reply = json!({"Id": job.id, "Arn": job.arn});
    data.extras.jobs.push(job);
    data.extras
        .tokens("CreateResourceSnapshotJob")
        .record(token, input, reply.clone());
    Ok(reply)
}

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "ResourceSnapshotJobIdentifier")?;
    Ok(ctx.data(catalog).job_mut(id)?.get_view(catalog.as_str()))
}

/// ListResourceSnapshotJobs; newest first by default (aws-events-cosell §B.2).
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let engagement = optional_str(input, "EngagementIdentifier");
    let status = optional_str(input, "Status");
    let mut found: Vec<&SnapshotJob> = data
        .extras
        .jobs
        .iter()
        .filter(|j| engagement.is_none_or(|e| j.engagement_id == e))
        .filter(|j| status.is_none_or(|s| j.status == s))
        .collect();
    let (_, descending) = sort_spec(input, "CreatedDate", true);
    found.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    if descending {
        found.reverse();
    }
    page(
        found.iter().map(|j| j.summary_view()).collect(),
        input,
        "ResourceSnapshotJobSummaries",
    )
}

/// StartResourceSnapshotJob: `Running`; the next advance takes a revision if the opportunity
/// changed since the job last copied it.
pub fn start(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "ResourceSnapshotJobIdentifier")?;
    let now = ctx.now;
    let (data, hub, outbox) = ctx.parts(catalog);
    data.job_mut(id)?.status = RUNNING.to_string();
    advance(hub, data, now, outbox);
    Ok(json!({}))
}

pub fn stop(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "ResourceSnapshotJobIdentifier")?;
    ctx.data(catalog).job_mut(id)?.status = STOPPED.to_string();
    Ok(json!({}))
}

/// DeleteResourceSnapshotJob: a stopped job only.
pub fn delete(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "ResourceSnapshotJobIdentifier")?;
    let data = ctx.data(catalog);
    let job = data.job_mut(id)?;
    if job.status == RUNNING {
        return Err(ApiError::conflict(format!(
            "Resource snapshot job {} is Running; stop it before deleting it.",
            job.id
        )));
    }
    let job_id = job.id.clone();
    data.extras.jobs.retain(|j| j.id != job_id);
    Ok(json!({}))
}
