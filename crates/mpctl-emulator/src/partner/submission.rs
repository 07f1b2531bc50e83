//! Submitting an opportunity to AWS: asynchronously (StartEngagementFromOpportunityTask, watched
//! with ListEngagementFromOpportunityTasks) or synchronously (SubmitOpportunity, same effect).

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::{validation, BUSINESS};
use super::paging::{page, sort_spec, string_list};
use super::review::{check_submittable, submission_blockers};
use super::tasks::{Task, IN_PROGRESS};
use super::Ctx;
use crate::clock;
use crate::wire::{required_str, ApiError, OpResult};

/// StartEngagementFromOpportunityTask. A retried request (same `ClientToken` and body) reports
/// the task it started, as it is now.
///
/// [I] An opportunity that is not awaiting submission is refused with a ValidationException
/// (`BUSINESS_VALIDATION_FAILED`, `INVALID_RESOURCE_STATE`) rather than a ConflictException:
/// Partner Central uses ConflictException for concurrent writes, which clients answer by
/// re-reading and retrying — and retrying cannot help here.
pub fn start(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let id = required_str(input, "Identifier")?;
    let (now, timings) = (ctx.now, ctx.timings);
    let seconds = timings.task_seconds;
    let (data, outbox) = ctx.data_and_outbox(catalog);
    if let Some(task_id) = data.task_tokens.replay(token, input)?.cloned() {
        return Ok(task_view(data, &task_id));
    }
    let opportunity = data.opportunity(id)?;
    check_submittable(opportunity)?;
    check_no_running_task(data, id)?;
    let blockers = submission_blockers(data.opportunity(id)?);
    let task = Task::new(
        &data.account,
        catalog,
        id,
        now,
        clock::after(now, seconds),
        blockers,
    );
    let mut task = task;
    task.reuse_engagement = data
        .extras
        .lead_tasks
        .iter()
        .find(|t| t.opportunity_id.as_deref() == Some(id))
        .map(|t| t.engagement_id.clone());
    let task_id = task.id.clone();
    let involvement = &input["AwsSubmission"];
    data.extras.involvement(id, involvement);
    data.task_tokens.record(token, input, task_id.clone());
    data.tasks.push(task);
    // A zero duration completes at once, as the real Sandbox did (aws-behavior §C).
    super::progress::advance(data, now, &timings, outbox);
    Ok(task_view(data, &task_id))
}

/// SubmitOpportunity: the same checks and outcome as a task, but synchronous, so missing
/// fields are a ValidationException instead of a FAILED task.
pub fn submit(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required_str(input, "Identifier")?;
    let now = ctx.now;
    let data = ctx.dataset(input)?;
    check_submittable(data.opportunity(id)?)?;
    check_no_running_task(data, id)?;
    let blockers = submission_blockers(data.opportunity(id)?);
    if !blockers.is_empty() {
        return Err(validation(BUSINESS, &blockers));
    }
    super::aws_review::submit(data.opportunity_mut(id)?, now);
    if let Some(reviewing) = &mut data.reviewing {
        reviewing.insert(id.to_string());
    }
    data.extras.involvement(id, input);
    let catalog = data.catalog;
    ctx.announce(catalog, "Updated", id);
    Ok(json!({}))
}

/// ListEngagementFromOpportunityTasks; [I] newest first unless `Sort` says otherwise.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let task_ids = string_list(input, "TaskIdentifier");
    let opportunity_ids = string_list(input, "OpportunityIdentifier");
    let statuses = string_list(input, "TaskStatus");
    let engagements = string_list(input, "EngagementIdentifier");
    let mut found: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| {
            task_ids.is_empty()
                || task_ids.contains(&t.id.as_str())
                || task_ids.contains(&t.arn.as_str())
        })
        .filter(|t| {
            opportunity_ids.is_empty() || opportunity_ids.contains(&t.opportunity_id.as_str())
        })
        .filter(|t| statuses.is_empty() || statuses.contains(&t.status.as_str()))
        .filter(|t| {
            engagements.is_empty() || t.engagement_id().is_some_and(|e| engagements.contains(&e))
        })
        .collect();
    let (_, descending) = sort_spec(input, "StartTime", true);
    found.sort_by_key(|t| t.start);
    if descending {
        found.reverse();
    }
    let views: Vec<Value> = found.iter().map(|t| t.view()).collect();
    page(views, input, "TaskSummaries")
}

/// [I] One submission at a time: a second one while a task runs is a concurrent write.
fn check_no_running_task(data: &Dataset, opportunity_id: &str) -> Result<(), ApiError> {
    let running = data
        .tasks
        .iter()
        .any(|t| t.opportunity_id == opportunity_id && t.status == IN_PROGRESS);
    if running {
        return Err(ApiError::conflict(format!(
            "A submission of opportunity {opportunity_id} is already in progress."
        )));
    }
    Ok(())
}

fn task_view(data: &Dataset, task_id: &str) -> Value {
    data.tasks
        .iter()
        .find(|t| t.id == task_id)
        .map(Task::view)
        .unwrap_or_else(|| json!({}))
}
