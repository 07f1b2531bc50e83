//! Step 3: the Partner Central opportunity — create it, associate a solution, submit it for
//! co-sell (StartEngagementFromOpportunityTask) and wait for the task; in the Sandbox catalog,
//! simulate AWS's approval. Each sub-step records its result, so a resume continues where the
//! last run stopped, and the create and task requests reuse their saved ClientToken. An
//! opportunity created but not yet submitted is updated from the template before submission.

use aws_sdk_partnercentralselling::types::{
    AwsSubmission, ListEngagementFromOpportunityTaskSummary, SalesInvolvementType, SolutionStatus,
    TaskStatus, Visibility,
};
use serde_json::Value;

use super::{inputs, Ctx, StepReport};
use crate::aws::wait::{Policy, Subject};
use crate::aws::{describe_error, opportunity, opportunity_update};
use crate::exit::Failure;
use crate::settings::Catalog;

const STEP: &str = "create-opportunity";
/// Where the StartEngagementFromOpportunityTask request waits, saved, until its task id is.
const SUBMIT_KEY: &str = "create-opportunity/submit";

/// `overrides`: `run-all --var NAME=VALUE`, which reaches the opportunity template too.
pub async fn run(ctx: &mut Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<StepReport> {
    let done = ctx.state.engagement_id.is_some()
        && (ctx.settings.catalog != Catalog::Sandbox
            || ctx.state.review_status.as_deref() == Some("Approved"));
    if let (true, Some(id)) = (done, &ctx.state.opportunity_id) {
        return Ok(StepReport::new(
            STEP,
            "skipped",
            format!("opportunity {id} already submitted"),
        )
        .field("opportunity_id", id.clone()));
    }
    let vars = inputs::vars(ctx.settings, &ctx.state, None, overrides);
    let payload = inputs::opportunity_payload(ctx.settings, &vars)?;
    // A saved submission may have reached AWS (a run killed right after sending it): then the
    // opportunity may already be under review, which refuses updates; the resume re-sends
    // the saved submission instead, whose token names the same task.
    let submitting = ctx.state.engagement_task_id.is_some()
        || ctx.state.engagement_id.is_some()
        || ctx.state.internal.pending.contains_key(SUBMIT_KEY);
    let id = match ctx.state.opportunity_id.clone() {
        Some(id) if !submitting => {
            refresh(ctx, &id, &payload).await?;
            id
        }
        _ => create(ctx, &payload).await?,
    };
    associate_solution(ctx, &id).await?;
    submit(ctx, &id).await?;
    if ctx.settings.catalog == Catalog::Sandbox {
        approve(ctx, &id).await?;
    } else {
        ctx.printer.info(format!(
            "{STEP}: opportunity {id} is submitted; AWS reviews it in the AWS catalog"
        ));
    }
    Ok(StepReport::new(
        STEP,
        "done",
        format!("opportunity {id} submitted for co-sell"),
    )
    .field("opportunity_id", id)
    .field("solution_id", ctx.state.solution_id.clone())
    .field("engagement_id", ctx.state.engagement_id.clone())
    .field("review_status", ctx.state.review_status.clone()))
}

/// CreateOpportunity with a ClientToken saved before the call.
async fn create(ctx: &mut Ctx<'_>, payload: &Value) -> anyhow::Result<String> {
    if let Some(id) = &ctx.state.opportunity_id {
        return Ok(id.clone());
    }
    let key = format!("{STEP}/create");
    let token = pending_token(ctx, &key, payload)?;
    let saved = ctx.state.internal.pending[&key]["request"].clone();
    let call = ctx
        .clients
        .partner
        .create_opportunity()
        .catalog(ctx.settings.catalog.as_str())
        .client_token(&token);
    let call = opportunity::apply_create(&saved, call)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))?;
    crate::crash::point("create-opportunity:before-create");
    let out = call
        .send()
        .await
        .map_err(|e| describe_error("CreateOpportunity", e))?;
    crate::crash::point("create-opportunity:after-create");
    let id = out.id().to_string();
    ctx.state.opportunity_id = Some(id.clone());
    ctx.state.internal.pending.remove(&key);
    ctx.save()?;
    ctx.printer
        .info(format!("{STEP}: created opportunity {id}"));
    Ok(id)
}

/// Until it is submitted, the opportunity follows `opportunity.json`: a run that finds it
/// created but not submitted (e.g. after a FAILED engagement task and a fix to the template)
/// first replaces its members with the freshly rendered payload, so the fix is what AWS gets.
async fn refresh(ctx: &mut Ctx<'_>, id: &str, payload: &Value) -> anyhow::Result<()> {
    let catalog = ctx.settings.catalog.as_str().to_string();
    let client = &ctx.clients.partner;
    opportunity_update::update_with_retry(client, ctx.printer, &catalog, id, |current, call| {
        opportunity_update::update_from_payload(payload, current, client.create_opportunity(), call)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))
    })
    .await?;
    ctx.printer.info(format!(
        "{STEP}: updated opportunity {id} from the opportunity template"
    ));
    Ok(())
}

/// Saves `{token, request}` under `key` unless an earlier run did; returns the token.
pub(crate) fn pending_token(
    ctx: &mut Ctx<'_>,
    key: &str,
    request: &Value,
) -> anyhow::Result<String> {
    if let Some(t) = ctx
        .state
        .internal
        .pending
        .get(key)
        .and_then(|p| p["token"].as_str())
    {
        return Ok(t.to_string());
    }
    let token = ctx.token(key);
    ctx.state.internal.pending.insert(
        key.to_string(),
        serde_json::json!({"token": token, "request": request}),
    );
    ctx.save()?;
    Ok(token)
}

/// ListSolutions → the configured solution or the first Active one → AssociateOpportunity.
async fn associate_solution(ctx: &mut Ctx<'_>, id: &str) -> anyhow::Result<()> {
    if ctx.state.solution_id.is_some() {
        return Ok(());
    }
    let catalog = ctx.settings.catalog.as_str().to_string();
    let mut pages = ctx
        .clients
        .partner
        .list_solutions()
        .catalog(&catalog)
        .into_paginator()
        .send();
    let wanted = ctx.settings.config.solution_id.clone();
    let mut chosen = None;
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListSolutions", e))?;
        chosen = page
            .solution_summaries()
            .iter()
            .find(|s| match &wanted {
                Some(w) => s.id() == w,
                None => s.status() == &SolutionStatus::Active,
            })
            .map(|s| s.id().to_string());
        if chosen.is_some() {
            break;
        }
    }
    let solution = chosen.ok_or_else(|| match &wanted {
        Some(w) => {
            anyhow::anyhow!("solution {w} (config solution_id) is not in the {catalog} catalog")
        }
        None => anyhow::anyhow!(
            "no Active solution in the {catalog} catalog; create one in Partner Central"
        ),
    })?;
    ctx.clients
        .partner
        .associate_opportunity()
        .catalog(&catalog)
        .opportunity_identifier(id)
        .related_entity_type("Solutions".into())
        .related_entity_identifier(&solution)
        .send()
        .await
        .map_err(|e| describe_error("AssociateOpportunity", e))?;
    crate::crash::point("create-opportunity:after-associate-solution");
    ctx.state.solution_id = Some(solution.clone());
    ctx.save()?;
    ctx.printer
        .info(format!("{STEP}: associated solution {solution}"));
    Ok(())
}

/// StartEngagementFromOpportunityTask (Co-Sell, Full), then wait for the task.
async fn submit(ctx: &mut Ctx<'_>, id: &str) -> anyhow::Result<()> {
    if ctx.state.engagement_id.is_some() {
        return Ok(());
    }
    let catalog = ctx.settings.catalog.as_str().to_string();
    let started_now = ctx.state.engagement_task_id.is_none();
    if started_now {
        let key = SUBMIT_KEY;
        let token = pending_token(ctx, key, &serde_json::json!({"Identifier": id}))?;
        let submission = AwsSubmission::builder()
            .involvement_type(SalesInvolvementType::CoSell)
            .visibility(Visibility::Full)
            .build()?;
        crate::crash::point("create-opportunity:before-task-start");
        let out = ctx
            .clients
            .partner
            .start_engagement_from_opportunity_task()
            .catalog(&catalog)
            .client_token(token)
            .identifier(id)
            .aws_submission(submission)
            .send()
            .await
            .map_err(|e| describe_error("StartEngagementFromOpportunityTask", e))?;
        crate::crash::point("create-opportunity:after-task-start");
        let task = out.task_id().unwrap_or_default().to_string();
        ctx.state.engagement_task_id = Some(task.clone());
        ctx.state.internal.pending.remove(key);
        ctx.save()?;
        ctx.printer
            .info(format!("{STEP}: started engagement task {task}"));
    }
    let task = ctx.state.engagement_task_id.clone().unwrap_or_default();
    let summary = await_task(ctx, &catalog, (&task, id), started_now).await?;
    if summary.task_status() != Some(&TaskStatus::Complete) {
        // A failed task is over; the next run starts a new one after the fix.
        ctx.state.engagement_task_id = None;
        ctx.next_attempt(&format!("{STEP}/submit"));
        ctx.save()?;
        return Err(Failure::ResourceFailed(format!(
            "engagement task {task} ended {}: {}: {}",
            summary.task_status().map(|s| s.as_str()).unwrap_or("?"),
            summary
                .reason_code()
                .map(|r| r.as_str())
                .unwrap_or("no reason code"),
            summary.message().unwrap_or("no message")
        ))
        .into());
    }
    ctx.state.engagement_id = Some(summary.engagement_id().unwrap_or_default().to_string());
    ctx.state.review_status = Some("Submitted".into());
    ctx.save()?;
    Ok(())
}

/// Waits for engagement task `task` of `opportunity`, recording each new status it shows in the
/// state; with an events queue it wakes on the opportunity's events (`fresh`: this run started
/// the task).
async fn await_task(
    ctx: &mut Ctx<'_>,
    catalog: &str,
    (task, opportunity): (&str, &str),
    fresh: bool,
) -> anyhow::Result<ListEngagementFromOpportunityTaskSummary> {
    let w = &ctx.settings.config.wait;
    let policy = Policy::from_config(w, w.timeout_seconds);
    let client = &ctx.clients.partner.clone();
    let printer = ctx.printer;
    let what = format!("engagement task {task}");
    let subject = Subject {
        step: STEP,
        what: &what,
        key: Some(opportunity),
        fresh,
    };
    let list = || async {
        let out = client
            .list_engagement_from_opportunity_tasks()
            .catalog(catalog)
            .task_identifier(task)
            .send()
            .await
            .map_err(|e| describe_error("ListEngagementFromOpportunityTasks", e))?;
        Ok(out.task_summaries().first().cloned())
    };
    let mut seen = |status: &str| {
        let last = &mut ctx.state.internal.last_status;
        last.insert(task.to_string(), status.to_string());
        ctx.save()
    };
    let summary = crate::aws::task::wait(
        printer,
        subject,
        policy,
        list,
        |t| t.task_status(),
        &mut seen,
    )
    .await?;
    // The wait is over: what it last saw no longer matters (saved with the outcome).
    ctx.state.internal.last_status.remove(task);
    Ok(summary)
}

/// Sandbox only: GetOpportunity → full UpdateOpportunity with ReviewStatus Approved.
async fn approve(ctx: &mut Ctx<'_>, id: &str) -> anyhow::Result<()> {
    if ctx.state.review_status.as_deref() == Some("Approved") {
        return Ok(());
    }
    let catalog = ctx.settings.catalog.as_str().to_string();
    super::commit::update_life_cycle(ctx, &catalog, id, opportunity_update::to_approved).await?;
    crate::crash::point("create-opportunity:after-approve");
    ctx.state.review_status = Some("Approved".into());
    ctx.save()?;
    ctx.printer
        .info(format!("{STEP}: simulated AWS approval (Sandbox)"));
    Ok(())
}
