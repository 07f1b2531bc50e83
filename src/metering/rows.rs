//! The usage CSV: one usage record per row (`buyer,dimension,quantity,timestamp`; the buyer a
//! 12-digit account id or a license ARN). Every row is parsed here before anything is read or
//! sent ([`parse`]), then checked against the product as the Catalog and the service's clock
//! describe it ([`check`]): a metered dimension, a timestamp inside AWS's 6-hour window, one
//! row per buyer, dimension and hour's instant. Every problem is reported at once as
//! `file:line:column: message` (exit 2, nothing sent).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::product::Product;
use crate::project::csv_table::{self, Problems, Table};

/// The columns (header row, any order), all required.
pub const COLUMNS: &[&str] = &["buyer", "dimension", "quantity", "timestamp"];

/// Who a record is for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Buyer {
    /// `CustomerAWSAccountId`.
    Account(String),
    /// `LicenseArn`.
    License(String),
}

impl Buyer {
    pub fn as_str(&self) -> &str {
        match self {
            Buyer::Account(s) | Buyer::License(s) => s,
        }
    }
}

/// One parsed row.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line in the CSV.
    pub line: u64,
    pub buyer: Buyer,
    pub dimension: String,
    pub quantity: i32,
    pub at: DateTime<Utc>,
    /// The 1-based column of each field.
    pub columns: Vec<(&'static str, usize)>,
}

impl Row {
    /// The 1-based column of `field`.
    pub fn column(&self, field: &str) -> usize {
        (self.columns.iter().find(|(f, _)| *f == field)).map_or(1, |(_, c)| *c)
    }
}

/// The usage CSV's table.
pub const TABLE: Table = Table {
    columns: COLUMNS,
    required: COLUMNS,
    row: "one usage record",
};

/// `problems` as one bad-input error naming `path` (exit 2).
pub fn report(path: &Path, problems: &[(u64, usize, String)]) -> anyhow::Error {
    csv_table::report(path, problems, &TABLE)
}

/// Reads and parses every row; all problems in one bad-input error.
pub fn load(path: &Path) -> anyhow::Result<Vec<Row>> {
    let text = csv_table::read(path, "usage")?;
    parse(&text).map_err(|problems| report(path, &problems))
}

/// Parses the CSV text.
pub fn parse(text: &str) -> Result<Vec<Row>, Problems> {
    csv_table::parse(text, &TABLE, row)
}
/// One record's fields; pushes each problem and returns the row if it has none.
fn row(line: u64, fields: &[(&str, usize, &str)], problems: &mut Problems) -> Option<Row> {
    let before = problems.len();
    let mut bad = |col: usize, msg: String| problems.push((line, col, msg));
    let (mut buyer, mut dimension, mut quantity, mut at) = (None, None, None, None);
    let mut columns = Vec::new();
    for &(name, col, value) in fields {
        let Some(field) = COLUMNS.iter().find(|c| **c == name) else {
            continue;
        };
        columns.push((*field, col));
        match name {
            _ if value.is_empty() => bad(col, format!("'{name}' is empty")),
            "buyer" => match parse_buyer(value) {
                Some(b) => buyer = Some(b),
                None => bad(col, format!("'{value}' is neither a 12-digit AWS account id nor a license ARN (arn:aws:license-manager:…)")),
            },
            "dimension" if value.len() > 255 => bad(col, "dimension is longer than AWS's 255 characters".into()),
            "dimension" => dimension = Some(value.to_string()),
            "quantity" => match value.parse::<i32>() {
                Ok(n) if n >= 0 => quantity = Some(n),
                _ => bad(col, format!("quantity '{value}' is not a whole number from 0 to 2147483647")),
            },
            "timestamp" => match DateTime::parse_from_rfc3339(value) {
                Ok(t) => at = Some(t.with_timezone(&Utc)),
                Err(_) => bad(col, format!("timestamp '{value}' is not RFC 3339 (2026-12-07T10:00:00Z)")),
            },
            _ => {}
        }
    }
    if fields.len() < COLUMNS.len() {
        bad(1, "the row has fewer fields than the header".into());
    }
    if problems.len() != before {
        return None;
    }
    Some(Row {
        line,
        buyer: buyer?,
        dimension: dimension?,
        quantity: quantity?,
        at: at?,
        columns,
    })
}

fn parse_buyer(value: &str) -> Option<Buyer> {
    if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Buyer::Account(value.to_string()));
    }
    let license = value.starts_with("arn:aws") && value.contains(":license:");
    license.then(|| Buyer::License(value.to_string()))
}

/// The checks against the product and the service's clock: a metered dimension, a timestamp
/// AWS still accepts (less than 6 hours old, not ahead of its clock), and no two rows for the
/// same buyer, dimension and timestamp (AWS would keep only the first).
pub fn check(rows: &[&Row], product: &Product) -> Problems {
    let mut problems = Problems::new();
    let mut seen: BTreeMap<(&Buyer, &str, i64), u64> = BTreeMap::new();
    let oldest = product.now - Duration::hours(6);
    for r in rows {
        if !product.metered.contains(&r.dimension) {
            let known = product.metered.join(", ");
            let message = format!(
                "'{}' is not a metered dimension of {} (metered: {known})",
                r.dimension, product.id
            );
            problems.push((r.line, r.column("dimension"), message));
        }
        if r.at <= oldest || r.at > product.now + Duration::minutes(5) {
            let message = format!(
                "timestamp {} is outside AWS's window: from 6 hours before now ({}) to now",
                r.at.to_rfc3339(),
                product
                    .now
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            );
            problems.push((r.line, r.column("timestamp"), message));
        }
        let key = (&r.buyer, r.dimension.as_str(), r.at.timestamp());
        if let Some(first) = seen.insert(key, r.line) {
            let message = format!("line {first} has the same buyer, dimension and timestamp; AWS keeps one record of them");
            problems.push((r.line, r.column("timestamp"), message));
            seen.insert(key, first);
        }
    }
    problems.sort();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_line_and_column() {
        let text = "buyer,dimension,quantity,timestamp,colour\n\
                    111122223333,Small,3,2026-12-07T10:00:00Z,\n\
                    1111,Small,-1,yesterday,\n\
                    arn:aws:license-manager::1:license:l-1,,2,2026-12-07T10:00:00Z,\n";
        let problems = parse(text).unwrap_err();
        let at: Vec<(u64, usize)> = problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(at, [(1, 5), (3, 1), (3, 3), (3, 4), (4, 2)], "{problems:?}");
    }

    #[test]
    fn rows_are_checked_against_the_product_and_the_clock() {
        let text = "timestamp,buyer,dimension,quantity\n\
                    2026-12-07T10:00:00Z,111122223333,Small,3\n\
                    2026-12-07T10:00:00Z,111122223333,Small,4\n\
                    2026-12-07T01:00:00Z,111122223333,Large,1\n";
        let rows = parse(text).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-07T10:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let product = Product {
            id: "prod-a".into(),
            code: "c".into(),
            metered: vec!["Small".into()],
            now,
        };
        let refs: Vec<&Row> = rows.iter().collect();
        let at: Vec<(u64, usize)> = check(&refs, &product).iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(at, [(3, 1), (4, 1), (4, 3)]);
    }
}
