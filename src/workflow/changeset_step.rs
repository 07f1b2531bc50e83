//! Starting a change set idempotently and waiting for it: the shared core of publish-product
//! and create-offer. The rendered request, with its ClientRequestToken, is saved before
//! StartChangeSet; the change set id right after. A resume re-sends the saved request (the
//! token makes AWS return the same change set) or waits on the saved id.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::{ChangeStatus, FailureCode};
use serde_json::Value;

use super::Ctx;
use crate::aws::describe_error;
use crate::aws::wait::{self, Policy, Poll};
use crate::exit::Failure;

/// Which state fields a change set step uses.
pub struct Slot {
    /// Step name: key of the pending request and the resume command.
    pub step: &'static str,
    pub get_id: fn(&crate::project::state::State) -> Option<String>,
    pub set_id: fn(&mut crate::project::state::State, Option<String>),
}

/// Runs the step's change set to SUCCEEDED, starting it only if no earlier run did.
/// `fresh_request` (rendered and validated) is used only when no earlier run saved one.
pub async fn run(
    ctx: &mut Ctx<'_>,
    slot: &Slot,
    fresh_request: anyhow::Result<Value>,
) -> anyhow::Result<DescribeChangeSetOutput> {
    let mut fresh_request = Some(fresh_request);
    let limit = ctx.settings.config.retry.server_fault_retries;
    let mut server_faults = 0;
    loop {
        let id = match (slot.get_id)(&ctx.state) {
            Some(id) => {
                ctx.printer
                    .info(format!("{}: resuming change set {id}", slot.step));
                id
            }
            None => {
                let fresh = fresh_request
                    .take()
                    .unwrap_or_else(|| Err(anyhow::anyhow!("no change set request to start")));
                start(ctx, slot, fresh).await?
            }
        };
        let out = wait_terminal(ctx, slot.step, &id).await?;
        match out.status() {
            Some(ChangeStatus::Succeeded) => return Ok(out),
            Some(ChangeStatus::Failed)
                if out.failure_code() == Some(&FailureCode::ServerFault)
                    && server_faults < limit
                    && ctx.state.internal.pending.contains_key(slot.step) =>
            {
                // AWS failed the set on its side and applied nothing: the same content in a new
                // change set (new token — the old one names the failed set) is safe to start.
                server_faults += 1;
                ctx.printer.warn(format!(
                    "{}: change set {id} failed with SERVER_FAULT (nothing was applied); starting it again ({server_faults}/{limit})",
                    slot.step
                ));
                (slot.set_id)(&mut ctx.state, None);
                if let Some(request) = ctx.state.internal.pending.get_mut(slot.step) {
                    request["ClientRequestToken"] = Value::String(uuid::Uuid::new_v4().to_string());
                }
                ctx.save()?;
            }
            _ => {
                // A failed set is over: the next run renders and starts a new one.
                (slot.set_id)(&mut ctx.state, None);
                ctx.state.internal.pending.remove(slot.step);
                ctx.save()?;
                return Err(Failure::ResourceFailed(failure_report(&out)).into());
            }
        }
    }
}

async fn start(
    ctx: &mut Ctx<'_>,
    slot: &Slot,
    fresh_request: anyhow::Result<Value>,
) -> anyhow::Result<String> {
    let request = match ctx.state.internal.pending.get(slot.step) {
        Some(saved) => saved.clone(),
        None => {
            let mut request = fresh_request?;
            request["ClientRequestToken"] = Value::String(uuid::Uuid::new_v4().to_string());
            ctx.state
                .internal
                .pending
                .insert(slot.step.to_string(), request.clone());
            ctx.save()?;
            request
        }
    };
    let call = build_start(ctx, &request)?;
    crate::crash::point(&format!("{}:before-start", slot.step));
    let out = call
        .send()
        .await
        .map_err(|e| describe_error("StartChangeSet", e))?;
    crate::crash::point(&format!("{}:after-start", slot.step));
    let id = out.change_set_id().unwrap_or_default().to_string();
    if id.is_empty() {
        anyhow::bail!("StartChangeSet returned no ChangeSetId");
    }
    (slot.set_id)(&mut ctx.state, Some(id.clone()));
    ctx.save()?;
    ctx.printer
        .info(format!("{}: started change set {id}", slot.step));
    Ok(id)
}

/// Builds the StartChangeSet call from a request document.
pub fn build_start(
    ctx: &Ctx<'_>,
    request: &Value,
) -> anyhow::Result<
    aws_sdk_marketplacecatalog::operation::start_change_set::builders::StartChangeSetFluentBuilder,
> {
    crate::aws::changeset::start_call(&ctx.clients.catalog, request)
}

pub use crate::aws::changeset::to_document;

/// Polls DescribeChangeSet until SUCCEEDED, FAILED or CANCELLED.
pub async fn wait_terminal(
    ctx: &Ctx<'_>,
    step: &str,
    id: &str,
) -> anyhow::Result<DescribeChangeSetOutput> {
    let w = &ctx.settings.config.wait;
    let policy = Policy::from_config(w, w.timeout_seconds);
    let client = &ctx.clients.catalog;
    let resume = format!("mpctl {step}");
    wait::until(
        ctx.printer,
        &format!("change set {id}"),
        &resume,
        policy,
        || async {
            let out = client
                .describe_change_set()
                .catalog("AWSMarketplace")
                .change_set_id(id)
                .send()
                .await
                .map_err(|e| describe_error("DescribeChangeSet", e))?;
            Ok(match out.status() {
                Some(ChangeStatus::Succeeded | ChangeStatus::Failed | ChangeStatus::Cancelled) => {
                    Poll::Done(out)
                }
                other => Poll::Pending(other.map(|s| s.as_str().to_string()).unwrap_or_default()),
            })
        },
    )
    .await
}

/// Every change's ErrorDetailList, for a FAILED or CANCELLED set.
pub fn failure_report(out: &DescribeChangeSetOutput) -> String {
    let mut lines = vec![format!(
        "change set {} ended {}{}{}",
        out.change_set_id().unwrap_or_default(),
        out.status().map(|s| s.as_str()).unwrap_or("?"),
        out.failure_code()
            .map(|c| format!(" ({})", c.as_str()))
            .unwrap_or_default(),
        out.failure_description()
            .map(|d| format!(": {d}"))
            .unwrap_or_default(),
    )];
    for (i, change) in out.change_set().iter().enumerate() {
        for e in change.error_detail_list() {
            lines.push(format!(
                "  change {i} {} ({}): {}: {}",
                change
                    .change_name()
                    .or(change.change_type())
                    .unwrap_or_default(),
                change.entity().map(|e| e.r#type()).unwrap_or_default(),
                e.error_code().unwrap_or_default(),
                e.error_message().unwrap_or_default()
            ));
        }
    }
    lines.join("\n")
}

/// The id (without `@revision`) of the entity a change of `change_type` created.
pub fn created_id(out: &DescribeChangeSetOutput, change_type: &str) -> Option<String> {
    out.change_set()
        .iter()
        .find(|c| c.change_type() == Some(change_type))
        .and_then(|c| c.entity())
        .and_then(|e| e.identifier())
        .map(|id| id.split('@').next().unwrap_or(id).to_string())
}
