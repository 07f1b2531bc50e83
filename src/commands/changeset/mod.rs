//! `mpctl changeset …`: validate, render, start, wait for, describe, list and cancel any
//! Marketplace Catalog change set, plus `templates` (the embedded library). Loading and
//! rendering files lives in [`source`]; validation in [`validate`]; listings in [`list`];
//! DescribeChangeSet as a typed result in [`view`].

mod list;
mod source;
mod validate;
mod view;

pub use list::{ChangeSetList, TemplateList};
pub use validate::Validated;
pub use view::ChangeSetView;

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::ChangeStatus;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::aws::changeset::{start_call, CATALOG};
use crate::aws::wait::{self, Policy, Poll};
use crate::aws::{self, describe_error};
use crate::cli::{ChangesetCommand, StartArgs, WaitArgs};
use crate::exit::{bad_input, Failure};
use crate::output::{Printer, Report, ResultPrinted};
use crate::settings::Settings;
use crate::workflow::changeset_step::failure_report;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &ChangesetCommand,
) -> anyhow::Result<()> {
    match command {
        ChangesetCommand::Validate(args) => validate::run(settings, printer, args),
        ChangesetCommand::Render(args) => {
            let prepared = source::prepare(settings, &args.file, &args.template, &args.request)?;
            source::fail_on_errors(printer, &prepared)?;
            printer.print(&Rendered {
                request: prepared.request,
            });
            Ok(())
        }
        ChangesetCommand::Start(args) => start(settings, printer, args).await,
        ChangesetCommand::Wait(args) => wait_command(settings, printer, args).await,
        ChangesetCommand::Describe(args) => {
            let clients = aws::connect(settings).await?;
            let out = describe(&clients.catalog, &args.id).await?;
            printer.print(&ChangeSetView::new(&out, false));
            Ok(())
        }
        ChangesetCommand::List(args) => {
            printer.print(&list::list(settings, args).await?);
            Ok(())
        }
        ChangesetCommand::Cancel(args) => cancel(settings, printer, &args.id).await,
        ChangesetCommand::Templates => {
            printer.print(&list::templates());
            Ok(())
        }
    }
}

/// `changeset render`: the exact StartChangeSet request `start` would send.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Rendered {
    /// Pass-through: the StartChangeSet request (AWS's PascalCase keys).
    pub request: Value,
}

impl Report for Rendered {
    fn text(&self) -> String {
        serde_json::to_string_pretty(&self.request).unwrap_or_default()
    }
}

/// `changeset start`: the change set started, or with `--wait` the change set as it ended.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Started {
    Running(ChangeSetRef),
    Ended(ChangeSetView),
}

impl Report for Started {
    fn text(&self) -> String {
        match self {
            Started::Running(r) => r.text(),
            Started::Ended(v) => v.text(),
        }
    }

    fn ok(&self) -> bool {
        match self {
            Started::Running(r) => r.ok(),
            Started::Ended(v) => v.ok(),
        }
    }
}

/// `changeset start` without `--wait`, and `changeset cancel`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeSetRef {
    pub change_set_id: String,
    pub change_set_arn: Option<String>,
    /// `start` only: the idempotency token sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_request_token: Option<String>,
    #[serde(skip)]
    text: String,
}

impl Report for ChangeSetRef {
    fn text(&self) -> String {
        self.text.clone()
    }
}

async fn cancel(settings: &Settings, printer: &Printer, id: &str) -> anyhow::Result<()> {
    let clients = aws::connect(settings).await?;
    let out = clients
        .catalog
        .cancel_change_set()
        .catalog(CATALOG)
        .change_set_id(id)
        .send()
        .await
        .map_err(|e| describe_error("CancelChangeSet", e))?;
    let id = out.change_set_id().unwrap_or(id).to_string();
    printer.print(&ChangeSetRef {
        text: format!("cancelled change set {id}"),
        change_set_arn: out.change_set_arn().map(String::from),
        client_request_token: None,
        change_set_id: id,
    });
    Ok(())
}

/// `start`: validate, send StartChangeSet with the content-derived token, optionally wait.
async fn start(settings: &Settings, printer: &Printer, args: &StartArgs) -> anyhow::Result<()> {
    let prepared = source::prepare(settings, &args.file, &args.template, &args.request)?;
    source::fail_on_errors(printer, &prepared)?;
    let request = &prepared.request;
    let clients = aws::connect(settings).await?;
    let out = start_call(&clients.catalog, request)?
        .send()
        .await
        .map_err(|e| describe_error("StartChangeSet", e))?;
    let id = out
        .change_set_id()
        .filter(|id| !id.is_empty())
        .ok_or_else(|| anyhow::anyhow!("StartChangeSet returned no ChangeSetId"))?
        .to_string();
    let token = request.get("ClientRequestToken").and_then(Value::as_str);
    printer.info(format!(
        "started change set {id} (ClientRequestToken {})",
        token.unwrap_or("-")
    ));
    if !args.wait {
        printer.print(&Started::Running(ChangeSetRef {
            text: format!("change set {id} started; follow it with `mpctl changeset wait {id}`"),
            change_set_arn: out.change_set_arn().map(String::from),
            client_request_token: token.map(String::from),
            change_set_id: id,
        }));
        return Ok(());
    }
    let out = wait_terminal(settings, printer, &clients.catalog, &id, args.timeout).await?;
    let view = ChangeSetView::new(&out, true);
    printer.print(&Started::Ended(view.clone()));
    finish(&view, &out)
}

/// `wait ID`.
async fn wait_command(
    settings: &Settings,
    printer: &Printer,
    args: &WaitArgs,
) -> anyhow::Result<()> {
    let clients = aws::connect(settings).await?;
    let out = wait_terminal(settings, printer, &clients.catalog, &args.id, args.timeout).await?;
    let view = ChangeSetView::new(&out, true);
    printer.print(&view);
    finish(&view, &out)
}

/// After printing the ended change set: FAILED or CANCELLED exits 3 with each change's errors.
fn finish(view: &ChangeSetView, out: &DescribeChangeSetOutput) -> anyhow::Result<()> {
    if view.succeeded() {
        Ok(())
    } else {
        Err(ResultPrinted(Failure::ResourceFailed(failure_report(out)).into()).into())
    }
}

async fn describe(
    client: &aws_sdk_marketplacecatalog::Client,
    id: &str,
) -> anyhow::Result<DescribeChangeSetOutput> {
    client
        .describe_change_set()
        .catalog(CATALOG)
        .change_set_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeChangeSet", e))
}

/// Polls DescribeChangeSet until SUCCEEDED, FAILED or CANCELLED (exit 4 past the deadline).
async fn wait_terminal(
    settings: &Settings,
    printer: &Printer,
    client: &aws_sdk_marketplacecatalog::Client,
    id: &str,
    timeout: Option<f64>,
) -> anyhow::Result<DescribeChangeSetOutput> {
    let w = &settings.config.wait;
    let seconds = timeout.unwrap_or(w.timeout_seconds);
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(bad_input(format!(
            "--timeout {seconds}: must be a positive number of seconds"
        )));
    }
    let policy = Policy::from_config(w, seconds);
    wait::until(
        printer,
        &format!("change set {id}"),
        &format!("mpctl changeset wait {id}"),
        policy,
        || async {
            let out = describe(client, id).await?;
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
