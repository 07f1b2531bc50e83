//! What became of each row of an opportunity import: read from the journal, printed (text or
//! JSON) and written next to the CSV as `opps.results.csv` (atomically), the same columns flat.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use super::journal::Journal;
use super::rows::Row;
use crate::output::{table, List, Report};

/// One row's outcome.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Item {
    /// The row's line in the CSV.
    pub line: u64,
    pub partner_opportunity_id: String,
    /// `created` or `updated` (by this run), `done` (by an earlier run, unchanged since),
    /// `sent` (sent, answer not recorded: the next run re-sends it with the same token),
    /// `failed` (refused: `error`; the next run tries again) or `queued` (not sent).
    pub status: String,
    pub opportunity_id: Option<String>,
    pub error: Option<String>,
}

/// `opportunity import`: every row's item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ImportResults(pub List<Item>);

impl ImportResults {
    /// Whether every row is in Partner Central.
    pub fn complete(&self) -> bool {
        self.0
            .items
            .iter()
            .all(|i| matches!(i.status.as_str(), "created" | "updated" | "done"))
    }
}

impl Report for ImportResults {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|i| {
                vec![
                    i.line.to_string(),
                    i.partner_opportunity_id.clone(),
                    i.status.clone(),
                    i.opportunity_id.clone().unwrap_or_default(),
                    i.error.clone().unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &["LINE", "PARTNER ID", "STATUS", "OPPORTUNITY", "ERROR"],
            &rows,
        )
    }
}

/// `opps.csv` → `opps.results.csv`.
pub fn path_for(csv: &Path) -> PathBuf {
    let stem = csv.file_stem().unwrap_or_default().to_string_lossy();
    csv.with_file_name(format!("{stem}.results.csv"))
}

/// Every row's item from the journal and this run's actions; the results file written.
pub fn finish(
    csv: &Path,
    journal: &Journal,
    rows: &[Row],
    this_run: &BTreeMap<String, &'static str>,
) -> anyhow::Result<ImportResults> {
    let mut items = Vec::new();
    for row in rows {
        let record = journal.get(row.key())?;
        let status = match (&record, this_run.get(row.key())) {
            (_, Some(what)) => what.to_string(),
            (Some(r), None) => r.status.clone(),
            (None, None) => "queued".to_string(),
        };
        items.push(Item {
            line: row.line,
            partner_opportunity_id: row.key().to_string(),
            status,
            opportunity_id: record.as_ref().and_then(|r| r.opportunity_id.clone()),
            error: record.and_then(|r| r.error),
        });
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "line",
        "partner_opportunity_id",
        "status",
        "opportunity_id",
        "error",
    ])?;
    for i in &items {
        let line = i.line.to_string();
        let id = i.opportunity_id.as_deref().unwrap_or_default();
        w.write_record([
            line.as_str(),
            &i.partner_opportunity_id,
            &i.status,
            id,
            i.error.as_deref().unwrap_or_default(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(&path_for(csv), &bytes, |_| {})?;
    Ok(ImportResults(List::new(items)))
}
