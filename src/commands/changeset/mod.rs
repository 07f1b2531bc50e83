//! `mpctl changeset …`: validate, render, start, wait for, describe, list and cancel any
//! Marketplace Catalog change set, plus `templates` (the embedded library). Loading and
//! rendering files lives in [`source`]; turning SDK output into text and JSON in [`view`].

mod source;
mod view;

pub use view::doc_json;

use aws_sdk_marketplacecatalog::types::Filter;
use serde_json::{json, Value};

use crate::aws::report::Outcome;
use crate::aws::runner::{self, NoJournal, Runner};
use crate::aws::{self, describe_error};
use crate::cli::{ChangesetCommand, ListChangeSetsArgs, StartArgs, ValidateArgs, WaitArgs};
use crate::confirm::{self, Planned};
use crate::exit::bad_input;
use crate::library;
use crate::output::{table, Printer, ResultPrinted};
use crate::settings::Settings;
use mpctl_changeset::Diagnostic;

/// The Marketplace Catalog name every call uses.
use crate::aws::changeset::CATALOG;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &ChangesetCommand,
) -> anyhow::Result<()> {
    match command {
        ChangesetCommand::Validate(args) => validate(settings, printer, args),
        ChangesetCommand::Render(args) => {
            let prepared = source::prepare(settings, &args.file, &args.template, &args.request)?;
            source::fail_on_errors(printer, &prepared)?;
            let text = serde_json::to_string_pretty(&prepared.request)?;
            printer.result(&text, &prepared.request);
            Ok(())
        }
        ChangesetCommand::Start(args) => start(settings, printer, args).await,
        ChangesetCommand::Wait(args) => wait_command(settings, printer, args).await,
        ChangesetCommand::Describe(args) => {
            let clients = aws::connect(settings).await?;
            let out = runner::describe(&clients.catalog, &args.id).await?;
            printer.result(&view::describe_text(&out), &view::describe_json(&out));
            Ok(())
        }
        ChangesetCommand::List(args) => list(settings, printer, args).await,
        ChangesetCommand::Cancel(args) => {
            let body = json!({"Catalog": CATALOG, "ChangeSetId": args.id});
            if confirm::single(settings, printer, Planned::new("CancelChangeSet", "", body))? {
                return Ok(());
            }
            let clients = aws::connect(settings).await?;
            let out = clients
                .catalog
                .cancel_change_set()
                .catalog(CATALOG)
                .change_set_id(&args.id)
                .send()
                .await
                .map_err(|e| describe_error("CancelChangeSet", e))?;
            let id = out.change_set_id().unwrap_or(&args.id);
            printer.result(
                &format!("cancelled change set {id}"),
                &json!({"ok": true, "ChangeSetId": id, "ChangeSetArn": out.change_set_arn()}),
            );
            Ok(())
        }
        ChangesetCommand::Templates => {
            templates(printer);
            Ok(())
        }
    }
}

/// `validate`: every file's diagnostics; exit 2 if any is an error.
fn validate(settings: &Settings, printer: &Printer, args: &ValidateArgs) -> anyhow::Result<()> {
    let mut files = Vec::new();
    let mut lines = Vec::new();
    let (mut errors, mut warnings, mut bad_files) = (0, 0, 0);
    source::check_var_flags(&args.files, &args.template)?;
    for file in &args.files {
        let diagnostics = source::diagnostics(settings, file, &args.template)?;
        let e = diagnostics.iter().filter(|d| d.is_error()).count();
        errors += e;
        warnings += diagnostics.len() - e;
        bad_files += usize::from(e > 0);
        for d in &diagnostics {
            lines.push(format!("{file}: {d}"));
        }
        files.push(json!({
            "file": file,
            "ok": e == 0,
            "errors": e,
            "warnings": diagnostics.len() - e,
            "diagnostics": diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
        }));
    }
    let summary = format!(
        "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
        args.files.len()
    );
    lines.push(summary.clone());
    let doc = json!({"ok": errors == 0, "errors": errors, "warnings": warnings, "files": files});
    printer.result(&lines.join("\n"), &doc);
    if errors > 0 {
        return Err(ResultPrinted(bad_input(format!(
            "{errors} validation error(s) in {bad_files} file(s); nothing was sent"
        )))
        .into());
    }
    Ok(())
}

pub fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity.to_string(),
        "code": d.code,
        "path": d.path,
        "message": d.message,
        "hint": d.hint,
        "change_index": d.change_index,
    })
}

/// `start`: validate, send StartChangeSet with the content-derived token, optionally wait.
async fn start(settings: &Settings, printer: &Printer, args: &StartArgs) -> anyhow::Result<()> {
    let prepared = source::prepare(settings, &args.file, &args.template, &args.request)?;
    source::fail_on_errors(printer, &prepared)?;
    let request = runner::with_token(&mut NoJournal, prepared.request)?;
    if crate::confirm::plan_or_confirm(settings, printer, &[&request])? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    let info = |m: &str| printer.info(m);
    let run = Runner {
        client: &clients.catalog,
        progress: printer,
        info: &info,
    };
    let started = run
        .start(&mut NoJournal, "changeset start", &request)
        .await?;
    let id = started.id;
    let token = request.get("ClientRequestToken").and_then(Value::as_str);
    if !args.wait {
        printer.result(
            &format!("change set {id} started; follow it with `mpctl changeset wait {id}`"),
            &json!({"ok": true, "ChangeSetId": id, "ChangeSetArn": started.arn,
                    "ClientRequestToken": token}),
        );
        return Ok(());
    }
    let out = run.wait(&options(settings, args.timeout)?, &id).await?;
    finish(printer, out.into())
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
        progress: printer,
        info: &info,
    };
    let out = run.wait(&opts, &args.id).await?;
    finish(printer, out.into())
}

/// Prints the ended change set; FAILED or CANCELLED exits 3 with the runner's failure report.
fn finish(printer: &Printer, out: Outcome) -> anyhow::Result<()> {
    let mut doc = view::describe_json(&out.describe);
    doc["ok"] = Value::Bool(out.succeeded());
    printer.result(&view::describe_text(&out.describe), &doc);
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

/// `list`: every page of ListChangeSets with the given filters.
async fn list(
    settings: &Settings,
    printer: &Printer,
    args: &ListChangeSetsArgs,
) -> anyhow::Result<()> {
    let clients = aws::connect(settings).await?;
    let mut call = clients.catalog.list_change_sets().catalog(CATALOG);
    for (name, value) in [
        ("Status", &args.status),
        ("EntityId", &args.entity),
        ("ChangeSetName", &args.name),
    ] {
        if let Some(v) = value {
            call = call.filter_list(Filter::builder().name(name).value_list(v).build());
        }
    }
    let items: Vec<_> = call
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListChangeSets", e))?;
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|c| {
            vec![
                c.change_set_id().unwrap_or_default().to_string(),
                c.status().map(|s| s.as_str()).unwrap_or("-").to_string(),
                c.change_set_name().unwrap_or("-").to_string(),
                c.start_time().unwrap_or("-").to_string(),
                c.entity_id_list().join(","),
            ]
        })
        .collect();
    let docs: Vec<Value> = items
        .iter()
        .map(|c| {
            json!({
                "ChangeSetId": c.change_set_id(),
                "ChangeSetArn": c.change_set_arn(),
                "ChangeSetName": c.change_set_name(),
                "Status": c.status().map(|s| s.as_str()),
                "StartTime": c.start_time(),
                "EndTime": c.end_time(),
                "EntityIdList": c.entity_id_list(),
                "FailureCode": c.failure_code().map(|f| f.as_str()),
            })
        })
        .collect();
    let text = if rows.is_empty() {
        "no change sets".to_string()
    } else {
        table(
            &["CHANGE SET", "STATUS", "NAME", "STARTED", "ENTITIES"],
            &rows,
        )
    };
    printer.result(
        &text,
        &json!({"ok": true, "count": docs.len(), "change_sets": docs}),
    );
    Ok(())
}

/// `templates`: the library with each template's variables and where they come from.
fn templates(printer: &Printer) {
    let mut rows = Vec::new();
    let mut docs = Vec::new();
    for t in library::TEMPLATES {
        let vars = library::variables(t.text);
        let described: Vec<String> = vars
            .iter()
            .map(|v| {
                let src = library::source_of(v);
                match src {
                    library::Source::Required => format!("{v}*"),
                    _ => v.clone(),
                }
            })
            .collect();
        rows.push(vec![
            format!("@{}", t.name),
            t.description.to_string(),
            described.join(" "),
        ]);
        docs.push(json!({
            "name": t.name,
            "file": format!("changesets/{}", t.file_name()),
            "description": t.description,
            "changeset": t.is_changeset,
            "derived_from": t.source,
            "variables": vars.iter().map(|v| json!({"name": v, "source": library::source_of(v).as_str()})).collect::<Vec<_>>(),
        }));
    }
    let text = format!(
        "{}\n\n* = must be supplied (--var NAME=VALUE or config.json \"variables\"); the others are built in, read from buyer_ids.txt, or saved in shared_env.json by the workflow.\nUse a template by name: mpctl changeset render @NAME",
        table(&["TEMPLATE", "DESCRIPTION", "VARIABLES"], &rows)
    );
    printer.result(&text, &json!({"ok": true, "templates": docs}));
}
