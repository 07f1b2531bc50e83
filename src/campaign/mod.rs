//! Campaigns: many deals from one CSV (`mpctl campaign run deals.csv`). Each row is a private
//! offer for its buyers and, with co-sell columns, an opportunity submitted for co-sell with
//! the offer associated. Every row is checked before the first request; rows then run
//! concurrently through the workflow's own steps, each with its own state file, under a
//! client-side rate limiter that keeps every operation within AWS's quotas and a cap on rows
//! (hence open change sets) in flight. A failed row never stops the others; the run ends with
//! a results file, and a re-run of the same command retries only unfinished or failed rows.

pub mod limiter;
mod pace;
mod plan;
pub mod progress;
pub mod rehearsal;
pub mod results;
pub mod row;
pub mod rows;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};

use crate::aws::watch::Watch;
use crate::exit::{bad_input, Failure};
use crate::output::{List, Printer, ResultPrinted};
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use results::{CampaignResults, Item};
use rows::Row;

/// A campaign's files, all next to its CSV: `deals.csv` → `deals.campaign/` (row state files)
/// and `deals.results.csv`.
pub struct Campaign {
    pub csv: PathBuf,
    pub dir: PathBuf,
    pub results: PathBuf,
}

impl Campaign {
    pub fn new(csv: &Path) -> Self {
        Campaign {
            csv: csv.to_path_buf(),
            dir: csv.with_extension("campaign"),
            results: csv.with_extension("results.csv"),
        }
    }
}

/// `campaign status`: the table from the state files (no AWS call).
pub fn status(csv: &Path) -> anyhow::Result<CampaignResults> {
    let c = Campaign::new(csv);
    let rows = rows::load(&c.csv)?;
    Ok(CampaignResults(List::new(results::collect(&c.dir, &rows)?)))
}

/// `campaign run`: check every row, plan/confirm, run what is not done, then write the
/// results file. `None` under `--plan` (the plan was the result). Under `--local`, a
/// rehearsal that keeps nothing (see [`rehearsal`]).
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    csv: &Path,
    parallel: usize,
) -> anyhow::Result<Option<CampaignResults>> {
    let rehearsal = rehearsal::Rehearsal::new(settings)?;
    let c = match &rehearsal {
        Some(r) => r.campaign(csv),
        None => Campaign::new(csv),
    };
    let rows = rows::load(&c.csv)?;
    let products = check_rows(settings, printer, &c, &rows)?;
    if rehearsal.is_none() {
        check_targets(settings, &c, &rows)?;
    }
    let done = results::collect(&c.dir, &rows)?;
    let todo: Vec<(&Row, &String)> = rows
        .iter()
        .zip(&products)
        .zip(&done)
        .filter(|(_, item)| !item.succeeded())
        .map(|(pair, _)| (pair.0, &pair.1 .0))
        .collect();
    if todo.is_empty() && !settings.plan {
        // Nothing to send: no confirmation to ask for (not even `--yes`), no connection to make.
        printer.info(format!(
            "campaign {}: all {} rows already succeeded; nothing sent",
            c.csv.display(),
            rows.len()
        ));
        results::write_csv(&c.results, &done)?;
        return Ok(Some(CampaignResults(List::new(done))));
    }
    refuse_samples(settings, &todo)?;
    crate::confirm::gate(settings)?;
    if settings.plan {
        plan::print(settings, printer, &c, &todo).await?;
        return Ok(None);
    }
    confirm(settings, printer, &c, &todo)?;
    std::fs::create_dir_all(&c.dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", c.dir.display()))?;
    let _lock = StateLock::acquire(&c.dir.join("campaign"))?;
    let todo = Todo {
        already: rows.len() - todo.len(),
        rows: todo,
        total: rows.len(),
    };
    run_rows(settings, printer, &c, todo, parallel, rehearsal.as_ref()).await?;
    let items: Vec<Item> = results::collect(&c.dir, &rows)?;
    results::write_csv(&c.results, &items)?;
    Ok(Some(CampaignResults(List::new(items))))
}

/// The rows a run works on (with their products), out of `total`, `already` done before.
struct Todo<'a> {
    rows: Vec<(&'a Row, &'a String)>,
    already: usize,
    total: usize,
}

/// Connects through the rate limiter and runs `todo`'s rows, `parallel` at a time.
async fn run_rows(
    settings: &Settings,
    printer: &Printer,
    c: &Campaign,
    todo: Todo<'_>,
    parallel: usize,
    rehearsal: Option<&rehearsal::Rehearsal>,
) -> anyhow::Result<()> {
    let attempt = settings.config.retry.attempt_timeout_seconds;
    let limiter = Arc::new(limiter::Limiter::new(
        Duration::from_secs_f64(attempt),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, _) = crate::aws::connect_with(settings, Some(&wrap)).await?;
    let published = match rehearsal {
        Some(r) => Some(r.publish(settings, printer, &clients).await?),
        None => None,
    };
    let period = round_period(
        settings.config.wait.initial_interval_seconds,
        limiter.rate("ListChangeSets"),
    );
    let shared = row::Shared {
        dir: c.dir.clone(),
        id: campaign_id(&c.dir)?,
        watch: Arc::new(Watch::new(clients.catalog.clone(), period)),
    };
    let quiet = Printer::new(settings.output, -1, false);
    let progress = progress::Progress::new(printer, todo.total, todo.already);
    stream::iter(todo.rows)
        .map(|(row, product)| {
            let (quiet, clients, progress, shared) = (&quiet, &clients, &progress, &shared);
            let product = published.as_ref().unwrap_or(product);
            async move {
                if crate::interrupt::is_interrupted() {
                    return; // After Ctrl-C no row starts; it stays queued for the re-run.
                }
                progress.started();
                let r = row::run(settings, quiet, clients, shared, row, product).await;
                progress.finished(row.line, &r);
            }
        })
        .buffer_unordered(parallel.max(1))
        .collect::<Vec<()>>()
        .await;
    Ok(())
}

/// The token a row's offer change set will carry, for `--plan`: derived from the campaign id
/// and the row's attempt, once the campaign has an id (its first run makes one; a plan does
/// not, and then shows the "generated" marker).
fn planned_token(c: &Campaign, row: &Row) -> Option<String> {
    let text = std::fs::read_to_string(c.dir.join("campaign.json")).ok()?;
    let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
    let id: uuid::Uuid = doc["id"].as_str()?.parse().ok()?;
    let state = row::RowFiles::new(&c.dir, row.line).state;
    let attempt = match state.exists() {
        true => State::load(&state).ok()?.internal.attempt("create-offer"),
        false => 0,
    };
    let seed = crate::workflow::tokens::Seed::new(id, row.line);
    Some(seed.token("create-offer", attempt))
}

/// The campaign's id, made once (before any request) and kept in `<dir>/campaign.json`: the
/// seed of its rows' idempotency tokens, so every re-run derives the same ones.
fn campaign_id(dir: &Path) -> anyhow::Result<uuid::Uuid> {
    let path = dir.join("campaign.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["id"].as_str().and_then(|s| s.parse().ok()))
            .ok_or_else(|| {
                bad_input(format!(
                    "{}: no campaign id in it (corrupt?)\n  hint: restore it; without it a re-run cannot recognise what this campaign already sent",
                    path.display()
                ))
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let id = uuid::Uuid::new_v4();
            let doc = serde_json::json!({ "id": id.to_string() });
            mpctl_atomic::write(&path, format!("{doc:#}\n").as_bytes(), |_| {})?;
            Ok(id)
        }
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// Checks every row (template, opportunity, product); all errors at once. Returns each row's
/// product id with its change set request.
fn check_rows(
    settings: &Settings,
    printer: &Printer,
    c: &Campaign,
    rows: &[Row],
) -> anyhow::Result<Vec<(String, serde_json::Value)>> {
    let project = match settings.local {
        // A rehearsal publishes its own product; the rows are checked with a stand-in id.
        true => State {
            product_id: Some(rehearsal::PLACEHOLDER.into()),
            ..State::default()
        },
        false => {
            let project = State::load(&settings.state_path)?;
            // Rows without a product use the project's: it must live where the run goes.
            if rows.iter().any(|r| r.product.is_none()) {
                settings.check_target(&project, &settings.state_path)?;
            }
            project
        }
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        let product = match settings.local {
            true => project.product_id.clone(),
            false => row.product.clone().or(project.product_id.clone()),
        };
        let Some(product) = product else {
            errors.push(format!(
                "{}:{}: no product: set the 'product' column or run `mpctl publish-product` first",
                c.csv.display(),
                row.line
            ));
            continue;
        };
        match row::check(settings, printer, row, &product) {
            Ok(request) => out.push((product, request)),
            Err(e) => errors.push(format!("{}:{}: {e}", c.csv.display(), row.line)),
        }
    }
    if !errors.is_empty() {
        return Err(bad_input(format!(
            "{}\n  nothing was sent",
            errors.join("\n")
        )));
    }
    Ok(out)
}

/// Against AWS, the rows' offers and opportunities must not carry the starter project's
/// sample values (see `project::samples`).
fn refuse_samples(settings: &Settings, todo: &[(&Row, &String)]) -> anyhow::Result<()> {
    if settings.is_loopback() {
        return Ok(());
    }
    let mut bodies = Vec::new();
    for (row, product) in todo {
        let quiet = Printer::new(settings.output, -1, false);
        bodies.push(row::check(settings, &quiet, row, product)?);
        if !row.cosell.is_empty() {
            bodies.push(row::opportunity_template(settings, row)?);
        }
    }
    crate::project::samples::refuse(settings, &bodies.iter().collect::<Vec<_>>())
}

/// One plan line, then `--yes` or a typed "yes" when the writes go to AWS.
fn confirm(
    settings: &Settings,
    printer: &Printer,
    c: &Campaign,
    todo: &[(&Row, &String)],
) -> anyhow::Result<()> {
    let mut buyers: Vec<&String> = todo.iter().flat_map(|(r, _)| &r.buyers).collect();
    buyers.sort();
    buyers.dedup();
    let opportunities = todo.iter().filter(|(r, _)| !r.cosell.is_empty()).count();
    let line = format!(
        "campaign {}: {} private offers for {} buyers, {opportunities} co-sell opportunities (each submitted, offer associated)",
        c.csv.display(),
        todo.len(),
        buyers.len()
    );
    crate::confirm::confirm(settings, printer, &[line])
}

/// Refuses a run whose rows were made on the other side of AWS from its target: a campaign rehearsed on the emulator must not count as
/// done on AWS. Before any request, with every such row named.
fn check_targets(settings: &Settings, c: &Campaign, rows: &[Row]) -> anyhow::Result<()> {
    let mut lines = Vec::new();
    let mut found = None;
    for row in rows {
        let path = row::RowFiles::new(&c.dir, row.line).state;
        if !path.exists() {
            continue;
        }
        if let Some(m) = settings.mismatch(&State::load(&path)?) {
            lines.push(row.line.to_string());
            found = Some(m);
        }
    }
    let Some(m) = found else {
        return Ok(());
    };
    Err(bad_input(format!(
        "{}: rows {} ran on {}, but this run goes to {}, where their offers do not exist; nothing was sent\n  hint: a rehearsal's rows are not the real ones: run the real campaign from a copy of the CSV under another name (its state goes next to it), or delete {} to start afresh",
        c.dir.display(),
        lines.join(", "),
        m.made,
        m.runs,
        c.dir.display()
    )))
}

/// After printing a run's results: exit 3 if a row failed or is not done (130 after Ctrl-C).
/// Under `--local` there is nothing to re-run: the rehearsal kept no state.
pub fn finish(settings: &Settings, csv: &Path, report: &CampaignResults) -> anyhow::Result<()> {
    let items = &report.0.items;
    let failed = items.iter().filter(|i| !i.succeeded()).count();
    if failed == 0 {
        return Ok(());
    }
    let message = match settings.local {
        true => format!(
            "{failed} of {} rows did not finish in the rehearsal (a --local run keeps nothing: fix what the table says and run it again)",
            items.len()
        ),
        false => format!(
            "{failed} of {} rows did not finish (see {}); re-run `{}` to retry only those",
            items.len(),
            Campaign::new(csv).results.display(),
            crate::resume::command_line()
        ),
    };
    let failure = match crate::interrupt::is_interrupted() {
        true => Failure::Interrupted(format!("interrupted: {message}")),
        false => Failure::ResourceFailed(message),
    };
    Err(ResultPrinted(failure.into()).into())
}

/// How often the shared watch lists the change sets in flight: the waiter's floor
/// (`wait.initial_interval_seconds`), but never more than [`LIST_SHARE`] of ListChangeSets'
/// quota, so a long campaign leaves the rest of that quota to the account's other callers
/// (the console, other tools) instead of holding it all for its whole run.
fn round_period(floor_seconds: f64, list_rate: f64) -> Duration {
    Duration::from_secs_f64(floor_seconds.max(1.0 / (LIST_SHARE * list_rate)))
}

/// The share of ListChangeSets' per-second quota a campaign's rounds may use.
const LIST_SHARE: f64 = 0.8;

#[cfg(test)]
mod tests {
    use super::round_period;
    use std::time::Duration;

    #[test]
    fn rounds_keep_to_four_fifths_of_the_list_quota() {
        // AWS's 5/s: at most 4 rounds a second, whatever the waiter's floor.
        assert_eq!(round_period(0.1, 5.0), Duration::from_millis(250));
        // A slower floor wins; a raised quota allows faster rounds.
        assert_eq!(round_period(1.0, 5.0), Duration::from_secs(1));
        assert_eq!(round_period(0.1, 50.0), Duration::from_millis(100));
    }
}
