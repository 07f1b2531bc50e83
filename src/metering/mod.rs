//! Metered usage from a CSV (`mpctl metering send usage.csv --product prod-…`), what a SaaS
//! product's billing job does with BatchMeterUsage, with nothing left to chance: every row is
//! parsed (`rows`), the product read from the Catalog (`product`: its ProductCode, metered
//! dimensions, and the service's clock), every row checked against it and all problems
//! reported at once (`file:line:column`, exit 2, nothing sent). The records then go out 25 per
//! call (AWS's limit) within BatchMeterUsage's 10 calls a second (the campaign rate limiter),
//! each call recorded in the journal (`journal`) before and after it, so a re-run after a crash
//! or Ctrl-C sends only what is left and AWS records each row once. The run ends with a results
//! file next to the CSV (`usage.results.csv`).

pub mod journal;
pub mod product;
pub mod results;
pub mod rows;
pub mod send;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::campaign::limiter::Limiter;
use crate::confirm::{self, Planned};
use crate::output::Printer;
use crate::settings::Settings;
use journal::{Journal, Status};
use product::Product;
use results::UsageResults;
use rows::Row;

/// One row with the key that makes it idempotent.
struct Keyed {
    row: Row,
    key: String,
}

/// Every row's key, from its content and the product code.
fn keyed(rows: Vec<Row>, code: &str) -> Vec<Keyed> {
    (rows.into_iter())
        .map(|row| {
            let seed = serde_json::json!({
                "product": code, "buyer": row.buyer.as_str(), "dimension": row.dimension,
                "timestamp": row.at.timestamp(), "quantity": row.quantity,
            });
            let key = crate::aws::runner::token_for(&seed);
            Keyed { row, key }
        })
        .collect()
}

/// What a run did: every row's outcome, and how sending ended.
pub type Outcome = (UsageResults, anyhow::Result<()>);

/// `metering send FILE --product ID`: the outcome, or `None` under `--plan`.
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    (csv, product_id): (&Path, &str),
) -> anyhow::Result<Option<Outcome>> {
    let parsed = rows::load(csv)?;
    confirm::gate(settings)?;
    let limiter = Arc::new(Limiter::new(
        Duration::from_secs_f64(settings.config.retry.attempt_timeout_seconds),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, _) = crate::aws::connect_with(settings, Some(&wrap)).await?;
    let product = product::read(&clients.catalog, product_id).await?;
    let rows = keyed(parsed, &product.code);
    let journal = Journal::peek(csv)?;
    let mut todo = Vec::new();
    for k in &rows {
        if !journal.get(&k.key)?.is_some_and(|s| s.is_final()) {
            todo.push(k);
        }
    }
    let all = || rows.iter().map(|k| (&k.row, &k.key));
    if todo.is_empty() {
        return Ok(Some((results::finish(csv, &journal, all())?, Ok(()))));
    }
    check(csv, &journal, &todo, &product)?;
    let batches: Vec<&[&Keyed]> = todo.chunks(send::BATCH).collect();
    let planned = plan(&product, &batches).await?;
    let reads = [format!("DescribeEntity {product_id}")];
    let lines = confirmation(&todo, &product, batches.len());
    if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
        return Ok(None);
    }
    let mut journal = journal.persist(csv)?;
    let sent = send_all(
        printer,
        &clients.metering,
        &mut journal,
        (&product, &batches),
    )
    .await;
    let report = results::finish(csv, &journal, all())?;
    Ok(Some((report, sent)))
}

/// The rows to send afresh (never sent, or refused before) are checked against the product and
/// the clock; those sent but never answered (a crash between the call and its answer) are not:
/// AWS may already hold them, and a re-send only fetches the record. Every problem at once,
/// exit 2.
fn check(csv: &Path, journal: &Journal, todo: &[&Keyed], product: &Product) -> anyhow::Result<()> {
    let mut fresh = Vec::new();
    for k in todo {
        if journal.get(&k.key)? != Some(Status::Sent) {
            fresh.push(&k.row);
        }
    }
    let problems = rows::check(&fresh, product);
    match problems.is_empty() {
        true => Ok(()),
        false => Err(rows::report(csv, &problems)),
    }
}

/// Each call's body as the SDK serializes it, for `--plan`.
async fn plan(product: &Product, batches: &[&[&Keyed]]) -> anyhow::Result<Vec<Planned>> {
    let renderer = crate::aws::render::Renderer::new();
    let mut planned = Vec::new();
    for b in batches {
        let rows: Vec<&Row> = b.iter().map(|k| &k.row).collect();
        let request = send::request(&renderer.metering, &product.code, &rows)?;
        let body = renderer.body(request.send()).await?;
        planned.push(Planned::new("BatchMeterUsage", "", body));
    }
    Ok(planned)
}

/// The summary a seller confirms: usage becomes charges on the buyers' invoices.
fn confirmation(todo: &[&Keyed], product: &Product, calls: usize) -> Vec<String> {
    let mut buyers: Vec<&str> = todo.iter().map(|k| k.row.buyer.as_str()).collect();
    buyers.sort();
    buyers.dedup();
    vec![format!(
        "{} usage record(s) of product {} (ProductCode {}) for {} buyer(s), in {calls} BatchMeterUsage call(s); AWS bills them on the buyers' next invoices",
        todo.len(),
        product.id,
        product.code,
        buyers.len()
    )]
}

/// Sends every batch, journaling each before and after its call. Stops at the first call that
/// fails (its rows stay `sent`: the next run sends them again) or after Ctrl-C.
async fn send_all(
    printer: &Printer,
    client: &aws_sdk_marketplacemetering::Client,
    journal: &mut Journal,
    (product, batches): (&Product, &[&[&Keyed]]),
) -> anyhow::Result<()> {
    for (n, b) in batches.iter().enumerate() {
        if crate::interrupt::is_interrupted() {
            return Err(crate::exit::Failure::Interrupted(
                "interrupted: the rows not sent yet are in the results file; re-run the same command to send them".into(),
            )
            .into());
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let keys: Vec<(String, u64)> = b.iter().map(|k| (k.key.clone(), k.row.line)).collect();
        journal.sent(&keys, &now)?;
        crate::crash::point("metering-send:after-journal");
        let rows: Vec<&Row> = b.iter().map(|k| &k.row).collect();
        let statuses = send::send(client, &product.code, &rows).await?;
        crate::crash::point("metering-send:after-send");
        let metered = statuses
            .iter()
            .filter(|s| matches!(s, Status::Metered(_)))
            .count();
        let answers: Vec<(String, Status)> =
            (keys.into_iter().map(|k| k.0)).zip(statuses).collect();
        journal.answered(&answers)?;
        crate::crash::point("metering-send:after-answer");
        printer.info(format!(
            "[{}/{}] {metered} of {} record(s) metered",
            n + 1,
            batches.len(),
            b.len()
        ));
    }
    Ok(())
}
