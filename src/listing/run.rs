//! `listing pull|diff|plan|apply`, end to end: read the files (checked before connecting),
//! DescribeEntity each entity, compare, plan, and for `apply` confirm, start the change set
//! through the runner, wait, and compare again. Pull writes only after every entity was read,
//! so a failed read leaves no file half-updated.

use std::path::{Path, PathBuf};

use super::file::{self, ListingFile};
use super::live::{self, compare_all};
use super::plan::{self, Compared};
use super::report::{ListingApplied, ListingDiff, ListingPlan, ListingPulled, PulledFile};
use crate::exit::bad_input;
use crate::output::{List, Printer};
use crate::settings::Settings;
use serde_json::Value;

/// `listing pull ID… [--dir DIR]`: each entity into `DIR/ID.json`.
pub async fn pull(
    settings: &Settings,
    ids: &[String],
    dir: &Path,
) -> anyhow::Result<ListingPulled> {
    let clients = crate::aws::connect(settings).await?;
    let mut files: Vec<ListingFile> = Vec::new();
    for id in ids {
        files.push(live::to_file(
            dir,
            &live::describe(&clients.catalog, id).await?,
        ));
    }
    let mut items = Vec::new();
    for f in files {
        let text = f.render();
        let changed = std::fs::read_to_string(&f.path).ok().as_deref() != Some(text.as_str());
        if changed {
            f.write()?;
        }
        items.push(PulledFile {
            entity_id: f.id.clone(),
            entity_type: f.entity_type.clone(),
            path: f.path.display().to_string(),
            changed,
        });
    }
    Ok(ListingPulled {
        files: List::new(items),
    })
}

/// Reads the files, then compares each with its live entity.
async fn compared(
    settings: &Settings,
    files: &[PathBuf],
    dir: &Path,
) -> anyhow::Result<(Vec<ListingFile>, Vec<Compared>, crate::aws::Clients)> {
    let read = file::read_all(files, dir)?;
    let clients = crate::aws::connect(settings).await?;
    let compared = compare_all(&clients.catalog, read.clone()).await?;
    Ok((read, compared, clients))
}

/// `listing diff [FILE…]`.
pub async fn diff(
    settings: &Settings,
    files: &[PathBuf],
    dir: &Path,
) -> anyhow::Result<ListingDiff> {
    let (_, compared, _) = compared(settings, files, dir).await?;
    Ok(ListingDiff::of(&compared))
}

/// The planned change sets (more than 20 changes are split, see `plan::split`), each
/// validated (errors are bad input, warnings returned); empty when nothing differs.
fn planned(printer: &Printer, compared: &[Compared]) -> anyhow::Result<(Vec<Value>, Vec<String>)> {
    let Some(request) = plan::request(compared)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let parts = plan::split(&request);
    let n = parts.len();
    let label = |k: usize| match n {
        1 => "planned change set".to_string(),
        _ => format!("planned change set {}/{n}", k + 1),
    };
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for (k, part) in parts.iter().enumerate() {
        let (e, w) = plan::validate(part);
        errors.extend(e.iter().map(|d| format!("{}: {d}", label(k))));
        warnings.extend(w.iter().map(|d| format!("{}: {d}", label(k))));
    }
    if !errors.is_empty() {
        return Err(bad_input(format!(
            "{}\nnothing was sent",
            errors.join("\n")
        )));
    }
    warnings.iter().for_each(|w| printer.warn(w));
    Ok((parts, warnings))
}

/// `Type Identifier` of each change, in order, over every change set.
fn change_lines(requests: &[Value]) -> Vec<String> {
    requests
        .iter()
        .filter_map(|r| r["ChangeSet"].as_array())
        .flatten()
        .map(|c| {
            format!(
                "{} {}",
                c["ChangeType"].as_str().unwrap_or("-"),
                c["Entity"]["Identifier"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

/// `listing plan [FILE…]`: reads only.
pub async fn plan(
    settings: &Settings,
    printer: &Printer,
    files: &[PathBuf],
    dir: &Path,
) -> anyhow::Result<ListingPlan> {
    let (_, compared, _) = compared(settings, files, dir).await?;
    let (mut requests, warnings) = planned(printer, &compared)?;
    for r in requests.iter_mut() {
        r["ClientRequestToken"] = crate::aws::runner::token_for(r).into();
    }
    Ok(ListingPlan {
        diff: ListingDiff::of(&compared),
        changes: change_lines(&requests),
        request: requests.first().cloned(),
        requests,
        warnings,
    })
}

/// `listing apply [FILE…]`: `None` when `--plan` printed the plan instead.
pub async fn apply(
    settings: &Settings,
    printer: &Printer,
    files: &[PathBuf],
    dir: &Path,
) -> anyhow::Result<Option<ListingApplied>> {
    crate::confirm::gate(settings)?;
    let (read, compared, clients) = compared(settings, files, dir).await?;
    let reads = live::reads(&compared);
    let (requests, _) = planned(printer, &compared)?;
    if requests.is_empty() {
        if settings.plan {
            crate::confirm::print_plan_after_reads(printer, &reads, &[]);
            return Ok(None);
        }
        return Ok(Some(ListingApplied {
            changeset_id: None,
            changeset_ids: Vec::new(),
            status: None,
            changes: Vec::new(),
            after: ListingDiff::of(&compared),
        }));
    }
    let all: Vec<&Value> = requests.iter().collect();
    if crate::confirm::plan_or_confirm_after_reads(settings, printer, &all, &reads)? {
        return Ok(None);
    }
    // One change set after the other: each is waited for (a failure stops here, exit 3) before
    // the next starts, so AWS never sees two of them on the same entity at once.
    let mut outcomes = Vec::new();
    for request in &requests {
        let step = "listing apply";
        outcomes.push(
            crate::offer::submit::run(settings, printer, &clients.catalog, step, request).await?,
        );
    }
    let out = outcomes.last().expect("at least one change set").clone();
    let after = ListingDiff::of(&compare_all(&clients.catalog, read).await?);
    if after.count > 0 {
        printer.warn(format!(
            "listing apply: change set {} succeeded, but {} field(s) still differ (below)",
            out.id, after.count
        ));
    }
    Ok(Some(ListingApplied {
        changeset_id: Some(out.id),
        changeset_ids: outcomes.into_iter().map(|o| o.id).collect(),
        status: Some(out.status),
        changes: change_lines(&requests),
        after,
    }))
}
