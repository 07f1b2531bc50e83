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

/// The planned request, validated (errors are bad input, warnings returned).
fn planned(
    printer: &Printer,
    compared: &[Compared],
) -> anyhow::Result<(Option<Value>, Vec<String>)> {
    let Some(request) = plan::request(compared)? else {
        return Ok((None, Vec::new()));
    };
    let (errors, warnings) = plan::validate(&request);
    if !errors.is_empty() {
        let lines: Vec<String> = errors
            .iter()
            .map(|d| format!("planned change set: {d}"))
            .collect();
        return Err(bad_input(format!("{}\nnothing was sent", lines.join("\n"))));
    }
    let warnings: Vec<String> = warnings
        .iter()
        .map(|d| format!("planned change set: {d}"))
        .collect();
    warnings.iter().for_each(|w| printer.warn(w));
    Ok((Some(request), warnings))
}

/// `Type Identifier` of each change, in order.
fn change_lines(request: &Option<Value>) -> Vec<String> {
    request
        .as_ref()
        .and_then(|r| r["ChangeSet"].as_array())
        .into_iter()
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
    let (mut request, warnings) = planned(printer, &compared)?;
    if let Some(r) = request.as_mut() {
        r["ClientRequestToken"] = crate::aws::runner::token_for(r).into();
    }
    Ok(ListingPlan {
        diff: ListingDiff::of(&compared),
        changes: change_lines(&request),
        request,
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
    let (request, _) = planned(printer, &compared)?;
    let Some(request) = request else {
        if settings.plan {
            crate::confirm::print_plan_after_reads(printer, &reads, &[]);
            return Ok(None);
        }
        return Ok(Some(ListingApplied {
            changeset_id: None,
            status: None,
            changes: Vec::new(),
            after: ListingDiff::of(&compared),
        }));
    };
    if crate::confirm::plan_or_confirm_after_reads(settings, printer, &[&request], &reads)? {
        return Ok(None);
    }
    let out = crate::offer::submit::run(
        settings,
        printer,
        &clients.catalog,
        "listing apply",
        &request,
    )
    .await?;
    let after = ListingDiff::of(&compare_all(&clients.catalog, read).await?);
    if after.count > 0 {
        printer.warn(format!(
            "listing apply: change set {} succeeded, but {} field(s) still differ (below)",
            out.id, after.count
        ));
    }
    Ok(Some(ListingApplied {
        changeset_id: Some(out.id),
        status: Some(out.status),
        changes: change_lines(&Some(request)),
        after,
    }))
}
