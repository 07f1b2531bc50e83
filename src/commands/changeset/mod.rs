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

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use crate::aws::changeset::CATALOG;
use crate::aws::report::Outcome;
use crate::aws::runner::{self, NoJournal, Runner};
use crate::aws::{self, describe_error};
use crate::cli::{ChangesetCommand, StartArgs, WaitArgs};
use crate::confirm::{self, Planned};
use crate::exit::bad_input;
use crate::output::{Printer, Report, ResultPrinted};
use crate::settings::Settings;

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
            let out = runner::describe(&clients.catalog, &args.id).await?;
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
    let body = json!({"Catalog": CATALOG, "ChangeSetId": id});
    if confirm::single(settings, printer, Planned::new("CancelChangeSet", "", body))? {
        return Ok(());
    }
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
    let request = runner::with_token(&mut NoJournal, prepared.request)?;
    if confirm::plan_or_confirm(settings, printer, &[&request])? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    let info = |m: &str| printer.info(m);
    let run = Runner {
        client: &clients.catalog,
        watch: None,
        progress: printer,
        info: &info,
    };
    let started = run
        .start(&mut NoJournal, "changeset start", &request)
        .await?;
    let id = started.id;
    let token = request.get("ClientRequestToken").and_then(Value::as_str);
    if !args.wait {
        printer.print(&Started::Running(ChangeSetRef {
            text: format!("change set {id} started; follow it with `mpctl changeset wait {id}`"),
            change_set_arn: started.arn,
            client_request_token: token.map(String::from),
            change_set_id: id,
        }));
        return Ok(());
    }
    let out: Outcome = run
        .wait(&options(settings, args.timeout)?, &id, true)
        .await?
        .into();
    let view = ChangeSetView::new(&out.describe, true);
    printer.print(&Started::Ended(view));
    finish(out)
}

/// `wait ID`.
async fn wait_command(
    settings: &Settings,
    printer: &Printer,
    args: &WaitArgs,
) -> anyhow::Result<()> {
    let opts = options(settings, args.timeout)?;
    let clients = aws::connect(settings).await?;
    let info = |m: &str| printer.info(m);
    let run = Runner {
        client: &clients.catalog,
        watch: None,
        progress: printer,
        info: &info,
    };
    let out: Outcome = run.wait(&opts, &args.id, false).await?.into();
    printer.print(&ChangeSetView::new(&out.describe, true));
    finish(out)
}

/// After printing the ended change set: FAILED or CANCELLED exits 3 with the runner's failure
/// report.
fn finish(out: Outcome) -> anyhow::Result<()> {
    out.into_result()
        .map(drop)
        .map_err(|e| ResultPrinted(e).into())
}

/// The runner options for `--timeout` (default config.json's `wait.timeout_seconds`).
fn options(settings: &Settings, timeout: Option<f64>) -> anyhow::Result<runner::Options<'static>> {
    if let Some(seconds) = timeout {
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(bad_input(format!(
                "--timeout {seconds}: must be a positive number of seconds"
            )));
        }
    }
    Ok(runner::Options::from_settings(
        settings,
        "changeset",
        timeout,
    ))
}
