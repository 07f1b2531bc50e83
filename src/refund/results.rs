//! What became of each row of a bulk refund: read from the journal, printed (text or JSON) and
//! written next to the CSV as `refunds.results.csv` (atomically), the same columns flat.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use super::journal::{Journal, Status};
use super::rows::Row;
use crate::output::{table, List, Report};

/// One row's outcome (`null`: not known yet, or no error).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Item {
    /// The row's line in the CSV.
    pub line: u64,
    pub agreement_id: String,
    pub invoice_id: String,
    pub amount: String,
    /// `created` (AWS has the refund: `refund_id`), `sent` (sent, answer not recorded: the
    /// next run re-sends it with the same token, so AWS returns it rather than refund twice),
    /// `failed` (AWS refused it: `error`; the next run tries again) or `queued` (not sent).
    pub status: String,
    /// `ba-…`.
    pub refund_id: Option<String>,
    pub error: Option<String>,
}

impl Item {
    pub fn created(&self) -> bool {
        self.status == "created"
    }
}

/// `agreement bulk-refund`: every row's item.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RefundResults(pub List<Item>);

impl Report for RefundResults {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|i| {
                vec![
                    i.line.to_string(),
                    i.agreement_id.clone(),
                    i.invoice_id.clone(),
                    i.amount.clone(),
                    i.status.clone(),
                    i.refund_id.clone().unwrap_or_default(),
                    i.error.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let head = [
            "LINE",
            "AGREEMENT",
            "INVOICE",
            "AMOUNT",
            "STATUS",
            "REFUND",
            "ERROR",
        ];
        table(&head, &rows)
    }
}

/// `refunds.csv` → `refunds.results.csv`.
pub fn path_for(csv: &Path) -> PathBuf {
    let stem = csv.file_stem().unwrap_or_default().to_string_lossy();
    csv.with_file_name(format!("{stem}.results.csv"))
}

/// Every row's item from the journal; the results file written.
pub fn finish<'a>(
    csv: &Path,
    journal: &Journal,
    rows: impl Iterator<Item = (&'a Row, &'a String)>,
) -> anyhow::Result<RefundResults> {
    let mut items = Vec::new();
    for (row, token) in rows {
        let (status, refund_id, error) = match journal.get(token)?.map(|r| r.status) {
            Some(Status::Created(id)) => ("created", Some(id), None),
            Some(Status::Sent) => ("sent", None, None),
            Some(Status::Failed(code, m)) => ("failed", None, Some(format!("{code}: {m}"))),
            None => ("queued", None, None),
        };
        items.push(Item {
            line: row.line,
            agreement_id: row.ask.agreement.clone(),
            invoice_id: row.ask.invoice.clone(),
            amount: row.ask.amount.clone(),
            status: status.into(),
            refund_id,
            error,
        });
    }
    write_csv(&path_for(csv), &items)?;
    Ok(RefundResults(List::new(items)))
}

fn write_csv(path: &Path, items: &[Item]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "line",
        "agreement_id",
        "invoice_id",
        "amount",
        "status",
        "refund_id",
        "error",
    ])?;
    for i in items {
        w.write_record([
            i.line.to_string().as_str(),
            &i.agreement_id,
            &i.invoice_id,
            &i.amount,
            &i.status,
            i.refund_id.as_deref().unwrap_or_default(),
            i.error.as_deref().unwrap_or_default(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(path, &bytes, |_| {})
}
