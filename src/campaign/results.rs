//! A campaign's results: one item per row, read from the rows' state files alone (so
//! `campaign status` needs no AWS call), written as the results CSV, printed as a table, and
//! as `--output json` `{ok, count, items}`.

use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};

use super::row::{RowFiles, ERROR_KEY};
use super::rows::Row;
use crate::project::state::State;

/// What happened to one row.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub line: u64,
    /// `succeeded`, `failed`, `unfinished` (started, not done) or `queued` (never started).
    pub status: &'static str,
    pub buyers: String,
    pub offer_id: String,
    pub offer_arn: String,
    pub opportunity_id: String,
    pub changeset_id: String,
    pub error: String,
}

impl Item {
    /// The row's item from its state file (`None`: the row never ran).
    pub fn new(row: &Row, state: Option<&State>) -> Item {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let Some(s) = state else {
            return Item {
                line: row.line,
                status: "queued",
                buyers: row.buyers.join(" "),
                offer_id: String::new(),
                offer_arn: String::new(),
                opportunity_id: String::new(),
                changeset_id: String::new(),
                error: String::new(),
            };
        };
        let error = s.extra.get(ERROR_KEY).and_then(Value::as_str);
        let done = s.offer_arn.is_some()
            && (row.cosell.is_empty() || s.associated_offer_arn == s.offer_arn);
        Item {
            line: row.line,
            status: match (done, error) {
                (true, _) => "succeeded",
                (false, Some(_)) => "failed",
                (false, None) => "unfinished",
            },
            buyers: row.buyers.join(" "),
            offer_id: text(&s.offer_id),
            offer_arn: text(&s.offer_arn),
            opportunity_id: text(&s.opportunity_id),
            changeset_id: text(&s.offer_changeset_id),
            error: error.unwrap_or_default().to_string(),
        }
    }

    pub fn succeeded(&self) -> bool {
        self.status == "succeeded"
    }
}

/// Every row's item, from the state files in `dir`.
pub fn collect(dir: &Path, rows: &[Row]) -> anyhow::Result<Vec<Item>> {
    rows.iter()
        .map(|row| {
            let path = RowFiles::new(dir, row.line).state;
            let state = path.exists().then(|| State::load(&path)).transpose()?;
            Ok(Item::new(row, state.as_ref()))
        })
        .collect()
}

/// The results CSV, written atomically.
pub fn write_csv(path: &Path, items: &[Item]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for item in items {
        w.serialize(item)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(path, &bytes, |_| {})
}

/// The `--output json` document.
pub fn json(items: &[Item]) -> Value {
    json!({
        "ok": items.iter().all(Item::succeeded),
        "count": items.len(),
        "items": items,
    })
}

/// The text table, then one line of counts.
pub fn text(items: &[Item]) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.line.to_string(),
                i.status.to_string(),
                i.offer_id.clone(),
                i.opportunity_id.clone(),
                i.changeset_id.clone(),
                i.error.lines().next().unwrap_or("").to_string(),
            ]
        })
        .collect();
    let table = crate::output::table(
        &[
            "LINE",
            "STATUS",
            "OFFER",
            "OPPORTUNITY",
            "CHANGE SET",
            "ERROR",
        ],
        &rows,
    );
    format!("{table}\n{}", counts(items))
}

/// `N rows: a succeeded, b failed, …`.
pub fn counts(items: &[Item]) -> String {
    let n = |s: &str| items.iter().filter(|i| i.status == s).count();
    format!(
        "{} rows: {} succeeded, {} failed, {} unfinished, {} queued",
        items.len(),
        n("succeeded"),
        n("failed"),
        n("unfinished"),
        n("queued")
    )
}
