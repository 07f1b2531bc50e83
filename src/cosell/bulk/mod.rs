//! Bulk opportunities from and to a CSV, for sellers who keep their deals in a CRM (AWS's own
//! samples ship such scripts): `opportunity export FILE` writes every opportunity of the
//! catalog, with AWS's stage where AWS has one (`export`); `opportunity import FILE` creates or
//! updates one opportunity per row (`rows`), idempotent per row: every row is checked first
//! (`file:line:column`, exit 2, nothing sent), then each row still to send goes out within
//! Partner Central's 1 write a second (the campaign rate limiter), recorded in the journal
//! (`journal`) before and after its call, so a re-run after a kill never creates an
//! opportunity twice. The run ends with a results file next to the CSV (`opps.results.csv`).
//!
//! [I] A row updates an opportunity when the journal knows its id (an earlier import) or its
//! `opportunity_id` exists in this account; otherwise it creates one. An update replaces the
//! opportunity's members with the row's, as UpdateOpportunity itself does (the CSV is the CRM's
//! copy); a row the journal has done with the same content is not sent again.

pub mod export;
pub mod journal;
pub mod results;
pub mod rows;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_partnercentralselling::Client;
use serde_json::{json, Value};

use crate::aws::opportunity::apply_create;
use crate::aws::opportunity_update::{read, update_from_payload};
use crate::aws::runner::token_for;
use crate::aws::{describe_error, is_transient};
use crate::campaign::limiter::Limiter;
use crate::confirm::{self, Planned};
use crate::output::Printer;
use crate::settings::Settings;
use journal::Journal;
use results::ImportResults;
use rows::Row;

/// What a row needs: nothing, a create (with its token) or an update of an opportunity.
#[derive(Debug, Clone)]
enum Action {
    Skip,
    Create(String),
    Update(String),
}

/// A row, its content digest and its action.
struct Planned1 {
    row: Row,
    digest: String,
    action: Action,
}

/// The derived ClientToken of a row's CreateOpportunity: its key alone.
pub fn create_token(key: &str) -> String {
    token_for(&json!({"mpctlImport": key}))
}

/// What a run did: every row's outcome, and how sending ended.
pub type Outcome = (ImportResults, anyhow::Result<()>);

/// `opportunity import FILE`: the outcome, or `None` under `--plan`.
pub async fn import(
    settings: &Settings,
    printer: &Printer,
    csv: &Path,
) -> anyhow::Result<Option<Outcome>> {
    let rows = rows::load(csv)?;
    let journal = Journal::peek(csv)?;
    let done = BTreeMap::new();
    if rows.iter().all(|r| unchanged(&journal, r).unwrap_or(false)) {
        return Ok(Some((
            results::finish(csv, &journal, &rows, &done)?,
            Ok(()),
        )));
    }
    confirm::gate(settings)?;
    let limiter = Arc::new(Limiter::new(
        Duration::from_secs_f64(settings.config.retry.attempt_timeout_seconds),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, _) = crate::aws::connect_with(settings, Some(&wrap)).await?;
    let catalog = settings.catalog.as_str();
    let (plan, reads) = plan(&clients.partner, catalog, &journal, rows.clone()).await?;
    let planned: Vec<Planned> = plan.iter().filter_map(|p| planned(catalog, p)).collect();
    let lines: Vec<String> = plan.iter().filter_map(describe).collect();
    if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
        return Ok(None);
    }
    let mut journal = journal.persist(csv)?;
    let mut done = done;
    let sent = send(
        printer,
        &clients.partner,
        catalog,
        &mut journal,
        &plan,
        &mut done,
    )
    .await;
    let report = results::finish(csv, &journal, &rows, &done)?;
    Ok(Some((report, sent)))
}

fn digest(row: &Row) -> String {
    token_for(&row.payload())
}

fn unchanged(journal: &Journal, row: &Row) -> anyhow::Result<bool> {
    Ok(journal
        .get(row.key())?
        .is_some_and(|r| r.status == "done" && r.digest == digest(row)))
}

/// Every row's action; the reads it took (GetOpportunity of each `opportunity_id` the journal
/// does not already map).
async fn plan(
    client: &Client,
    catalog: &str,
    journal: &Journal,
    rows: Vec<Row>,
) -> anyhow::Result<(Vec<Planned1>, Vec<String>)> {
    let (mut out, mut reads) = (Vec::new(), Vec::new());
    for row in rows {
        let digest = digest(&row);
        let record = journal.get(row.key())?;
        let known = record.as_ref().and_then(|r| r.opportunity_id.clone());
        let action = match (&record, known, row.get("opportunity_id")) {
            (Some(r), _, _) if r.status == "done" && r.digest == digest => Action::Skip,
            (_, Some(id), _) => Action::Update(id),
            (_, None, Some(id)) => {
                reads.push(format!("GetOpportunity {id}"));
                match read(client, catalog, id).await {
                    Ok(_) => Action::Update(id.to_string()),
                    Err(e) if is_transient(&e) => return Err(e),
                    Err(_) => Action::Create(create_token(row.key())),
                }
            }
            _ => Action::Create(create_token(row.key())),
        };
        out.push(Planned1 {
            row,
            digest,
            action,
        });
    }
    Ok((out, reads))
}

fn planned(catalog: &str, p: &Planned1) -> Option<Planned> {
    let mut body = p.row.payload();
    body["Catalog"] = json!(catalog);
    match &p.action {
        Action::Skip => None,
        Action::Create(token) => {
            body["ClientToken"] = json!(token);
            Some(Planned::new("CreateOpportunity", "", body))
        }
        Action::Update(id) => {
            body["Identifier"] = json!(id);
            body["LastModifiedDate"] = json!("<read just before the update>");
            Some(Planned::new("UpdateOpportunity", "", body))
        }
    }
}

fn describe(p: &Planned1) -> Option<String> {
    let (line, key) = (p.row.line, p.row.key());
    let company = p.row.get("company").unwrap_or_default();
    match &p.action {
        Action::Skip => None,
        Action::Create(_) => Some(format!(
            "line {line}: create the opportunity {key} ({company})"
        )),
        Action::Update(id) => Some(format!(
            "line {line}: update opportunity {id} from {key} ({company})"
        )),
    }
}

/// Sends every row still to send, journaling each before and after its call. A refusal of one
/// row is recorded and the run goes on; anything else (the network, throttling after retries,
/// Ctrl-C) stops it, the row staying `sent` for the next run.
async fn send(
    printer: &Printer,
    client: &Client,
    catalog: &str,
    journal: &mut Journal,
    plan: &[Planned1],
    done: &mut BTreeMap<String, &'static str>,
) -> anyhow::Result<()> {
    let todo: Vec<&Planned1> = plan
        .iter()
        .filter(|p| !matches!(p.action, Action::Skip))
        .collect();
    for (n, p) in todo.iter().enumerate() {
        if crate::interrupt::is_interrupted() {
            return Err(crate::exit::Failure::Interrupted(
                "interrupted: the rows not sent yet are in the results file; re-run the same command to send them".into(),
            )
            .into());
        }
        let key = p.row.key();
        journal.sent(key, &p.digest)?;
        crate::crash::point("opportunity-import:after-journal");
        let sent = send_one(client, catalog, p).await;
        crate::crash::point("opportunity-import:after-send");
        match sent {
            Ok((id, what)) => {
                journal.answered(key, Ok(&id))?;
                done.insert(key.to_string(), what);
                printer.info(format!(
                    "[{}/{}] line {}: {what} {id}",
                    n + 1,
                    todo.len(),
                    p.row.line
                ));
            }
            Err(e) if is_transient(&e) || crate::interrupt::is_interrupted() => return Err(e),
            Err(e) => {
                journal.answered(key, Err(&format!("{e:#}")))?;
                printer.warn(format!("line {}: {e:#}", p.row.line));
            }
        }
    }
    Ok(())
}

/// One row's call: the opportunity id and `created` or `updated`.
async fn send_one(
    client: &Client,
    catalog: &str,
    p: &Planned1,
) -> anyhow::Result<(String, &'static str)> {
    let payload: Value = p.row.payload();
    let bad =
        |e: crate::aws::opportunity::PayloadError| anyhow::anyhow!("{}: {}", e.path, e.message);
    match &p.action {
        Action::Create(token) => {
            let call = client
                .create_opportunity()
                .catalog(catalog)
                .client_token(token);
            let out = apply_create(&payload, call)
                .map_err(bad)?
                .send()
                .await
                .map_err(|e| describe_error("CreateOpportunity", e))?;
            Ok((out.id().to_string(), "created"))
        }
        Action::Update(id) => {
            let current = read(client, catalog, id).await?;
            let call = update_from_payload(
                &payload,
                &current,
                client.create_opportunity(),
                client.update_opportunity(),
            )
            .map_err(bad)?;
            call.send()
                .await
                .map_err(|e| describe_error("UpdateOpportunity", e))?;
            Ok((id.clone(), "updated"))
        }
        Action::Skip => unreachable!("skipped rows are not sent"),
    }
}
