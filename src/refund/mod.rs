//! Bulk refunds from a CSV (`mpctl agreement bulk-refund refunds.csv`), the way AWS's own
//! billing-adjustment sample sends them, with nothing left to chance: every row is parsed
//! (`rows`), then every refund still to send is checked against its invoice as AWS reports it
//! now — what remains refundable, the currency and its precision — and all problems are
//! reported at once (`file:line:column`, exit 2, nothing sent). The refunds then go out five
//! per call and one agreement per call (AWS's limits), within BatchCreateBillingAdjustmentRequest's
//! 2 calls a second (the campaign rate limiter), each recorded in the journal (`journal`) before
//! and after its call, so a re-run after a crash or Ctrl-C never refunds twice. The run ends
//! with a results file next to the CSV (`refunds.results.csv`), like a campaign's.

pub mod journal;
pub mod results;
pub mod rows;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::agreement::invoice::{self, Invoice};
use crate::agreement::refund::{self as refunds, BATCH};
use crate::agreement::refund_check;
use crate::campaign::limiter::Limiter;
use crate::confirm::{self, Planned};
use crate::output::Printer;
use crate::settings::Settings;
use journal::{Journal, Status};
use results::RefundResults;
use rows::Row;

/// One row with the token that makes it idempotent.
struct Keyed {
    row: Row,
    token: String,
}

/// Every row's token: identical refunds in one CSV are told apart by their occurrence.
fn keyed(rows: Vec<Row>) -> Vec<Keyed> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    rows.into_iter()
        .map(|row| {
            let first = refunds::token(&row.ask, 0);
            let n = seen.entry(first).or_default();
            let token = refunds::token(&row.ask, *n);
            *n += 1;
            Keyed { row, token }
        })
        .collect()
}

/// What a run did: every row's outcome, and how sending ended (an AWS error or Ctrl-C
/// stops it; the results are written either way).
pub type Outcome = (RefundResults, anyhow::Result<()>);

/// `agreement bulk-refund FILE`: the outcome, or `None` under `--plan`.
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    csv: &Path,
) -> anyhow::Result<Option<Outcome>> {
    let rows = keyed(rows::load(csv)?);
    let journal = Journal::peek(csv)?;
    let mut todo = Vec::new();
    for k in &rows {
        match journal.get(&k.token)?.map(|r| r.status) {
            Some(Status::Created(_)) => {}
            _ => todo.push(k),
        }
    }
    if todo.is_empty() {
        let report = results::finish(csv, &journal, rows.iter().map(|k| (&k.row, &k.token)))?;
        return Ok(Some((report, Ok(()))));
    }
    confirm::gate(settings)?;
    let limiter = Arc::new(Limiter::new(
        Duration::from_secs_f64(settings.config.retry.attempt_timeout_seconds),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, _) = crate::aws::connect_with(settings, Some(&wrap)).await?;
    let (invoices, pending, reads) = read_invoices(&clients.agreement, &todo).await?;
    let currencies = check(csv, &journal, &todo, (&invoices, &pending))?;
    let batches = batches(&todo, &currencies);
    let planned: Vec<Planned> = batches
        .iter()
        .map(|b| Planned::new("BatchCreateBillingAdjustmentRequest", "", b.body.clone()))
        .collect();
    let lines = confirmation(&todo, &currencies);
    if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
        return Ok(None);
    }
    let mut journal = journal.persist(csv)?;
    let sent = send(printer, &clients.agreement, &mut journal, &batches).await;
    let report = results::finish(csv, &journal, rows.iter().map(|k| (&k.row, &k.token)))?;
    Ok(Some((report, sent)))
}

/// Every invoice and pending refund of every agreement the refunds still to send name (two
/// reads per agreement), and the reads named for the plan.
async fn read_invoices(
    client: &aws_sdk_marketplaceagreement::Client,
    todo: &[&Keyed],
) -> anyhow::Result<(Vec<Invoice>, Vec<refunds::Refund>, Vec<String>)> {
    let mut agreements: Vec<&str> = todo.iter().map(|k| k.row.ask.agreement.as_str()).collect();
    agreements.sort();
    agreements.dedup();
    let (mut all, mut pending, mut reads) = (Vec::new(), Vec::new(), Vec::new());
    for a in agreements {
        all.extend(invoice::list(client, a, None).await?);
        pending.extend(refunds::list(client, Some(a), Some("PENDING")).await?);
        reads.push(format!("ListAgreementInvoiceLineItems {a}"));
        reads.push(format!("ListBillingAdjustmentRequests {a} (PENDING)"));
    }
    Ok((all, pending, reads))
}

/// The refunds never sent are checked against their invoices; those sent before (a crash
/// between the call and its answer) are not, since AWS may already count them. Every
/// problem at once, exit 2. Returns each refund's currency (its invoice's).
fn check(
    csv: &Path,
    journal: &Journal,
    todo: &[&Keyed],
    (invoices, pending): (&[Invoice], &[refunds::Refund]),
) -> anyhow::Result<Vec<String>> {
    let mut fresh = Vec::new();
    for (i, k) in todo.iter().enumerate() {
        if !matches!(journal.get(&k.token)?.map(|r| r.status), Some(Status::Sent)) {
            fresh.push(i);
        }
    }
    let asks: Vec<_> = fresh.iter().map(|&i| todo[i].row.ask.clone()).collect();
    let mut problems = refund_check::check(&asks, invoices)
        .err()
        .unwrap_or_default();
    problems.extend(refund_check::one_at_a_time(&asks, pending));
    problems.sort_by_key(|p| p.index);
    if !problems.is_empty() {
        let at: Vec<(u64, usize, String)> = problems
            .into_iter()
            .map(|p| {
                let row = &todo[fresh[p.index]].row;
                (row.line, row.column(p.field), p.message)
            })
            .collect();
        return Err(rows::report(csv, &at));
    }
    Ok(todo
        .iter()
        .map(|k| {
            let ask = &k.row.ask;
            invoices
                .iter()
                .find(|i| i.agreement_id == ask.agreement && i.invoice_id == ask.invoice)
                .and_then(|i| i.currency_code.clone())
                .unwrap_or_default()
        })
        .collect())
}

/// One call: its entries' tokens and lines, and its body.
struct Batch {
    rows: Vec<(String, u64)>,
    body: serde_json::Value,
}

/// At most [`BATCH`] entries and one agreement per call, agreements in the CSV's order.
fn batches(todo: &[&Keyed], currencies: &[String]) -> Vec<Batch> {
    let mut by_agreement: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, k) in todo.iter().enumerate() {
        let a = k.row.ask.agreement.as_str();
        match by_agreement.iter_mut().find(|(x, _)| *x == a) {
            Some((_, v)) => v.push(i),
            None => by_agreement.push((a, vec![i])),
        }
    }
    let mut out = Vec::new();
    for (_, indexes) in by_agreement {
        for chunk in indexes.chunks(BATCH) {
            let entries: Vec<_> = chunk
                .iter()
                .map(|&i| refunds::entry_body(&todo[i].row.ask, &currencies[i], &todo[i].token))
                .collect();
            out.push(Batch {
                rows: chunk
                    .iter()
                    .map(|&i| (todo[i].token.clone(), todo[i].row.line))
                    .collect(),
                body: refunds::batch_body(&entries),
            });
        }
    }
    out
}

/// One line per refund, and the totals: a refund cannot be undone.
fn confirmation(todo: &[&Keyed], currencies: &[String]) -> Vec<String> {
    let mut totals: BTreeMap<&str, mpctl_facts::money::Money> = BTreeMap::new();
    let mut lines: Vec<String> = todo
        .iter()
        .zip(currencies)
        .map(|(k, cur)| {
            let a = &k.row.ask;
            if let Some(m) = mpctl_facts::money::Money::parse(&a.amount) {
                let t = totals.entry(cur.as_str()).or_default();
                *t = t.plus(m);
            }
            format!(
                "line {}: refund {} {cur} of invoice {} on agreement {}",
                k.row.line, a.amount, a.invoice, a.agreement
            )
        })
        .collect();
    let sums: Vec<String> = totals.iter().map(|(c, t)| format!("{t} {c}")).collect();
    lines.push(format!(
        "{} refund(s), {} in all; a refund cannot be undone",
        todo.len(),
        sums.join(" + ")
    ));
    lines
}

/// Sends every batch, journaling each before and after its call. Stops at the first call
/// that fails (its refunds stay `sent`: the next run re-sends them with the same tokens) or
/// after Ctrl-C.
async fn send(
    printer: &Printer,
    client: &aws_sdk_marketplaceagreement::Client,
    journal: &mut Journal,
    batches: &[Batch],
) -> anyhow::Result<()> {
    for (n, b) in batches.iter().enumerate() {
        if crate::interrupt::is_interrupted() {
            return Err(crate::exit::Failure::Interrupted(
                "interrupted: the refunds not sent yet are in the results file; re-run the same command to send them".into(),
            )
            .into());
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        journal.sent(&b.rows, &now)?;
        crate::crash::point("bulk-refund:after-journal");
        let entries: Vec<_> = b.body["billingAdjustmentRequestEntries"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let answer = refunds::send(client, &entries).await?;
        crate::crash::point("bulk-refund:after-send");
        journal.answered(&answer.created, &answer.errors)?;
        printer.info(format!(
            "[{}/{}] {} refund(s) created, {} refused",
            n + 1,
            batches.len(),
            answer.created.len(),
            answer.errors.len()
        ));
    }
    Ok(())
}
