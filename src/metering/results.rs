//! What became of each row of a usage CSV: read from the journal, printed (text or JSON) and
//! written next to the CSV as `usage.results.csv` (atomically), the same columns flat.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use super::journal::{Journal, Status};
use super::rows::Row;
use crate::output::{table, List, Report};

/// One row's outcome.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Item {
    /// The row's line in the CSV.
    pub line: u64,
    /// 12-digit account id or license ARN.
    pub buyer: String,
    pub dimension: String,
    pub quantity: i32,
    /// RFC 3339.
    pub timestamp: String,
    /// `metered` (AWS recorded it: `metering_record_id`), `sent` (answer not recorded: the
    /// next run sends it again and AWS answers with its record), `not-subscribed` (no active
    /// agreement; the next run tries again), `duplicate` (another quantity was recorded for the
    /// same buyer, dimension and time), `failed` (the next run tries again) or `queued`.
    pub status: String,
    pub metering_record_id: Option<String>,
    pub error: Option<String>,
}

impl Item {
    pub fn metered(&self) -> bool {
        self.status == "metered"
    }
}

/// `metering send`: every row's item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UsageResults(pub List<Item>);

impl Report for UsageResults {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = (self.0.items.iter())
            .map(|i| {
                vec![
                    i.line.to_string(),
                    i.buyer.clone(),
                    i.dimension.clone(),
                    i.quantity.to_string(),
                    i.timestamp.clone(),
                    i.status.clone(),
                    i.metering_record_id.clone().unwrap_or_default(),
                    i.error.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let head = [
            "LINE",
            "BUYER",
            "DIMENSION",
            "QUANTITY",
            "TIMESTAMP",
            "STATUS",
            "RECORD",
            "ERROR",
        ];
        table(&head, &rows)
    }
}

/// `usage.csv` → `usage.results.csv`.
pub fn path_for(csv: &Path) -> PathBuf {
    let stem = csv.file_stem().unwrap_or_default().to_string_lossy();
    csv.with_file_name(format!("{stem}.results.csv"))
}

/// Every row's item from the journal; the results file written.
pub fn finish<'a>(
    csv: &Path,
    journal: &Journal,
    rows: impl Iterator<Item = (&'a Row, &'a String)>,
) -> anyhow::Result<UsageResults> {
    let mut items = Vec::new();
    for (row, key) in rows {
        let (status, id, error) = match journal.get(key)? {
            Some(Status::Metered(id)) => ("metered".to_string(), Some(id), None),
            Some(Status::Sent) => ("sent".to_string(), None, None),
            Some(Status::Refused(s, e)) => (s, None, Some(e)),
            None => ("queued".to_string(), None, None),
        };
        items.push(Item {
            line: row.line,
            buyer: row.buyer.as_str().to_string(),
            dimension: row.dimension.clone(),
            quantity: row.quantity,
            timestamp: row.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            status,
            metering_record_id: id,
            error,
        });
    }
    write_csv(&path_for(csv), &items)?;
    Ok(UsageResults(List::new(items)))
}

fn write_csv(path: &Path, items: &[Item]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "line",
        "buyer",
        "dimension",
        "quantity",
        "timestamp",
        "status",
        "metering_record_id",
        "error",
    ])?;
    for i in items {
        w.write_record([
            i.line.to_string().as_str(),
            &i.buyer,
            &i.dimension,
            &i.quantity.to_string(),
            &i.timestamp,
            &i.status,
            i.metering_record_id.as_deref().unwrap_or_default(),
            i.error.as_deref().unwrap_or_default(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(path, &bytes, |_| {})
}
