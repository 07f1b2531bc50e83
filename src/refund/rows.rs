//! The bulk refund CSV: one refund per row (`agreement_id,invoice_id,amount,reason`, optional
//! `description` and `currency`). Every row is parsed here before anything is read or sent,
//! and every problem is reported at once as `file:line:column: message`.

use std::path::Path;

use crate::agreement::refund::{Ask, REASON_CODES};
use crate::agreement::refund_check;
use crate::project::csv_table::{self, Problems, Table};

/// The columns (header row, any order).
pub const COLUMNS: &[&str] = &[
    "agreement_id",
    "invoice_id",
    "amount",
    "reason",
    "description",
    "currency",
];

/// The columns every row needs.
const REQUIRED: &[&str] = &["agreement_id", "invoice_id", "amount", "reason"];

/// One checked row.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line in the CSV.
    pub line: u64,
    pub ask: Ask,
    /// The column of each field, for later problems (`invoice_id`, `amount`, `currency`).
    pub columns: Vec<(&'static str, usize)>,
}

impl Row {
    /// The 1-based column of `field` (1 when the file has no such column).
    pub fn column(&self, field: &str) -> usize {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(1, |(_, c)| *c)
    }
}

/// The refund CSV's table.
pub const TABLE: Table = Table {
    columns: COLUMNS,
    required: REQUIRED,
    row: "one refund",
};

/// `problems` as one bad-input error naming `path` (exit 2).
pub fn report(path: &Path, problems: &[(u64, usize, String)]) -> anyhow::Error {
    csv_table::report(path, problems, &TABLE)
}

/// Reads and checks every row; all problems in one bad-input error.
pub fn load(path: &Path) -> anyhow::Result<Vec<Row>> {
    let text = csv_table::read(path, "refunds")?;
    parse(&text).map_err(|problems| report(path, &problems))
}

/// Parses the CSV text.
pub fn parse(text: &str) -> Result<Vec<Row>, Problems> {
    csv_table::parse(text, &TABLE, check_row)
}
/// Checks one record's fields; pushes each problem and returns the row if it has none.
fn check_row(line: u64, fields: &[(&str, usize, &str)], problems: &mut Problems) -> Option<Row> {
    let before = problems.len();
    let mut bad = |col: usize, msg: String| problems.push((line, col, msg));
    let mut ask = Ask {
        agreement: String::new(),
        invoice: String::new(),
        amount: String::new(),
        currency: None,
        reason: String::new(),
        description: None,
    };
    let mut columns = Vec::new();
    for &(name, col, value) in fields {
        let Some(field) = COLUMNS.iter().find(|c| **c == name) else {
            continue;
        };
        columns.push((*field, col));
        match name {
            _ if value.is_empty() && REQUIRED.contains(&name) => {
                bad(col, format!("'{name}' is empty"))
            }
            "agreement_id" => match value.strip_prefix("agmt-") {
                Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    ask.agreement = value.into()
                }
                _ => bad(col, format!("'{value}' is not an agreement id (agmt-…)")),
            },
            "invoice_id" => ask.invoice = value.into(),
            "amount" => match refund_check::amount(value) {
                Ok(_) => ask.amount = value.into(),
                Err(m) => bad(col, m),
            },
            "reason" if REASON_CODES.contains(&value.to_ascii_uppercase().as_str()) => {
                ask.reason = value.to_ascii_uppercase()
            }
            "reason" => bad(
                col,
                format!(
                    "reason '{value}' is not one of AWS's: {}",
                    REASON_CODES.join(", ")
                ),
            ),
            "description" if value.chars().count() > 500 => bad(
                col,
                "description is longer than AWS's 500 characters".into(),
            ),
            "description" if !value.is_empty() => ask.description = Some(value.into()),
            "currency" if !value.is_empty() => ask.currency = Some(value.to_ascii_uppercase()),
            _ => {}
        }
    }
    if fields.len() < REQUIRED.len() {
        bad(1, "the row has fewer fields than the header".into());
    }
    (problems.len() == before).then_some(Row { line, ask, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_line_and_column() {
        let text = "agreement_id,invoice_id,amount,reason,colour\n\
                    agmt-abc,inv-1,25.00,other,\n\
                    agmt_bad,inv-2,-3,MAYBE,\n\
                    agmt-abc,,1e3,OTHER,\n";
        let problems = parse(text).unwrap_err();
        let at: Vec<(u64, usize)> = problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(
            at,
            [(1, 5), (3, 1), (3, 3), (3, 4), (4, 2), (4, 3)],
            "{problems:?}"
        );
    }

    #[test]
    fn rows_keep_their_line_and_normalised_reason() {
        let text = "invoice_id,agreement_id,amount,reason,currency\ninv-1,agmt-abc,25,other,usd\n";
        let rows = parse(text).unwrap();
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].ask.reason, "OTHER");
        assert_eq!(rows[0].ask.currency.as_deref(), Some("USD"));
        assert_eq!(rows[0].column("amount"), 3);
    }
}
