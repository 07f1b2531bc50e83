//! A campaign's results: one item per row, read from the rows' state files alone (so
//! `campaign status` needs no AWS call), written as the results CSV, printed as a table, and
//! as `--output json` `{ok, count, items}`.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::row::{RowFiles, ERROR_KEY};
use super::rows::Row;
use crate::output::{List, Report};
use crate::project::state::State;

/// Where a row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Offer created (and, with co-sell columns, opportunity submitted and associated).
    Succeeded,
    /// The last attempt ended with an error (see `error`).
    Failed,
    /// Started and not done (e.g. the run was killed).
    Unfinished,
    /// Never started.
    Queued,
}

/// What happened to one row (`null`: not known yet, or no error).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Item {
    /// The row's line in the CSV.
    pub line: u64,
    pub status: RowStatus,
    /// The row's buyer accounts.
    pub buyers: Vec<String>,
    pub offer_id: Option<String>,
    pub offer_arn: Option<String>,
    pub opportunity_id: Option<String>,
    pub changeset_id: Option<String>,
    /// The last attempt's error (`status` is then `failed`).
    pub error: Option<String>,
}

/// One line of the results CSV: the item flattened (buyers space-separated, empty cells for
/// what is not known).
#[derive(Serialize)]
struct CsvLine<'a> {
    line: u64,
    status: RowStatus,
    buyers: String,
    offer_id: &'a str,
    offer_arn: &'a str,
    opportunity_id: &'a str,
    changeset_id: &'a str,
    error: &'a str,
}

impl<'a> From<&'a Item> for CsvLine<'a> {
    fn from(i: &'a Item) -> Self {
        let cell = |v: &'a Option<String>| v.as_deref().unwrap_or_default();
        CsvLine {
            line: i.line,
            status: i.status,
            buyers: i.buyers.join(" "),
            offer_id: cell(&i.offer_id),
            offer_arn: cell(&i.offer_arn),
            opportunity_id: cell(&i.opportunity_id),
            changeset_id: cell(&i.changeset_id),
            error: cell(&i.error),
        }
    }
}

impl Item {
    /// The row's item from its state file (`None`: the row never ran).
    pub fn new(row: &Row, state: Option<&State>) -> Item {
        let Some(s) = state else {
            return Item {
                line: row.line,
                status: RowStatus::Queued,
                buyers: row.buyers.clone(),
                offer_id: None,
                offer_arn: None,
                opportunity_id: None,
                changeset_id: None,
                error: None,
            };
        };
        let error = s.extra.get(ERROR_KEY).and_then(Value::as_str);
        let done = s.offer_arn.is_some()
            && (row.cosell.is_empty() || s.associated_offer_arn == s.offer_arn);
        Item {
            line: row.line,
            status: match (done, error) {
                (true, _) => RowStatus::Succeeded,
                (false, Some(_)) => RowStatus::Failed,
                (false, None) => RowStatus::Unfinished,
            },
            buyers: row.buyers.clone(),
            offer_id: s.offer_id.clone(),
            offer_arn: s.offer_arn.clone(),
            opportunity_id: s.opportunity_id.clone(),
            changeset_id: s.offer_changeset_id.clone(),
            error: error.map(str::to_string),
        }
    }

    pub fn succeeded(&self) -> bool {
        self.status == RowStatus::Succeeded
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
        w.serialize(CsvLine::from(item))?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(path, &bytes, |_| {})
}

/// `campaign run` and `campaign status`: every row's item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CampaignResults(pub List<Item>);

impl Report for CampaignResults {
    fn text(&self) -> String {
        text(&self.0.items)
    }

    /// False while a row failed or is not done.
    fn ok(&self) -> bool {
        self.0.items.iter().all(Item::succeeded)
    }
}

/// The text table, then one line of counts.
fn text(items: &[Item]) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.line.to_string(),
                status_word(i.status).to_string(),
                i.offer_id.clone().unwrap_or_default(),
                i.opportunity_id.clone().unwrap_or_default(),
                i.changeset_id.clone().unwrap_or_default(),
                i.error
                    .as_deref()
                    .and_then(|e| e.lines().next())
                    .unwrap_or("")
                    .to_string(),
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

fn status_word(s: RowStatus) -> &'static str {
    match s {
        RowStatus::Succeeded => "succeeded",
        RowStatus::Failed => "failed",
        RowStatus::Unfinished => "unfinished",
        RowStatus::Queued => "queued",
    }
}

/// `N rows: a succeeded, b failed, …`.
pub fn counts(items: &[Item]) -> String {
    let n = |s| items.iter().filter(|i| i.status == s).count();
    format!(
        "{} rows: {} succeeded, {} failed, {} unfinished, {} queued",
        items.len(),
        n(RowStatus::Succeeded),
        n(RowStatus::Failed),
        n(RowStatus::Unfinished),
        n(RowStatus::Queued)
    )
}
