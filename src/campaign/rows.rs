//! The campaign CSV: one deal per row. Every row is parsed and checked here, before the first
//! request, and every problem is reported at once as `file:line:column: message`, so a seller
//! fixes the whole file in one pass instead of discovering row 37's typo after 36 offers exist.

use std::path::{Path, PathBuf};

use crate::project::csv_table::{self, Problems, Table};

/// The columns a campaign CSV may have (header row, any order; only `buyers` is required).
pub const COLUMNS: &[&str] = &[
    "buyers",
    "product",
    "offer_template",
    "rate_card",
    "offer_name",
    "expiry",
    "duration_days",
    "discount_percent",
    "customer_company",
    "customer_website",
    "customer_country",
    "customer_postal_code",
    "customer_industry",
];

/// The co-sell columns: any of them set means the row also gets an opportunity.
const COSELL: &[&str] = &[
    "customer_company",
    "customer_website",
    "customer_country",
    "customer_postal_code",
    "customer_industry",
];

/// One checked deal.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// 1-based line in the CSV: the row's key (state file name, results, messages).
    pub line: u64,
    pub buyers: Vec<String>,
    pub product: Option<String>,
    pub offer_template: Option<PathBuf>,
    pub rate_card: Option<PathBuf>,
    pub offer_name: Option<String>,
    pub expiry: Option<String>,
    pub duration_days: Option<u32>,
    /// Percent off every price of the offer (0 < d < 100; see `offer::discount`).
    pub discount_percent: Option<f64>,
    /// `(column, value)` for the co-sell fields given; empty means no opportunity.
    pub cosell: Vec<(String, String)>,
}

impl Row {
    pub fn cosell_field(&self, column: &str) -> Option<&str> {
        self.cosell
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, v)| v.as_str())
    }
}

/// The campaign CSV's table.
const TABLE: Table = Table {
    columns: COLUMNS,
    required: &["buyers"],
    row: "one deal",
};

/// Reads and checks every row; all problems in one bad-input error (exit 2).
pub fn load(path: &Path) -> anyhow::Result<Vec<Row>> {
    let text = csv_table::read(path, "campaign")?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse(&text, &base).map_err(|problems| csv_table::report(path, &problems, &TABLE))
}

/// Parses the CSV text; relative file columns are resolved against `base`.
pub fn parse(text: &str, base: &Path) -> Result<Vec<Row>, Problems> {
    csv_table::parse(text, &TABLE, |line, fields, problems| {
        check_row(line, fields, base, problems)
    })
}
/// Checks one record's fields; pushes each problem and returns the row if it has none.
fn check_row(
    line: u64,
    fields: &[(&str, usize, &str)],
    base: &Path,
    problems: &mut Problems,
) -> Option<Row> {
    let before = problems.len();
    let mut row = Row {
        line,
        ..Row::default()
    };
    let mut bad = |col: usize, msg: String| problems.push((line, col, msg));
    for &(name, col, value) in fields {
        if value.is_empty() {
            continue;
        }
        match name {
            "buyers" => row.buyers = check_buyers(value, col, &mut bad),
            "product" if !value.starts_with("prod-") => {
                bad(col, format!("'{value}' is not a product id (prod-…)"))
            }
            "product" => row.product = Some(value.into()),
            "offer_template" | "rate_card" => {
                let p = base.join(value);
                if !p.is_file() {
                    bad(col, format!("{} does not exist", p.display()));
                } else if name == "rate_card" {
                    row.rate_card = Some(p);
                } else {
                    row.offer_template = Some(p);
                }
            }
            "offer_name" => row.offer_name = Some(value.into()),
            "expiry" => match mpctl_changeset::parse_date(value) {
                Ok(d) if d > chrono::Utc::now().date_naive() => row.expiry = Some(value.into()),
                Ok(_) => bad(col, format!("expiry {value} is not in the future")),
                Err(_) => bad(col, format!("'{value}' is not a date (YYYY-MM-DD)")),
            },
            "duration_days" => match value.parse::<u32>() {
                Ok(n) if n > 0 => row.duration_days = Some(n),
                _ => bad(
                    col,
                    format!("'{value}' is not a number of days (1 or more)"),
                ),
            },
            "discount_percent" => match value.parse::<f64>() {
                Ok(d) if d > 0.0 && d < 100.0 => row.discount_percent = Some(d),
                _ => bad(
                    col,
                    format!("discount_percent '{value}' must be a number above 0 and below 100 (e.g. 15 or 12.5)"),
                ),
            },
            c if COSELL.contains(&c) => row.cosell.push((c.to_string(), value.to_string())),
            _ => {}
        }
    }
    if row.buyers.is_empty() && !fields.iter().any(|f| f.0 == "buyers" && !f.2.is_empty()) {
        bad(1, "no buyer account: the 'buyers' column is empty".into());
    }
    if !row.cosell.is_empty() {
        for needed in ["customer_company", "customer_website", "customer_country"] {
            if row.cosell_field(needed).is_none() {
                bad(1, format!("co-sell fields need '{needed}' too"));
            }
        }
    }
    (problems.len() == before).then_some(row)
}

/// Buyer accounts separated by spaces or `;`: each 12 digits, none twice.
fn check_buyers(value: &str, col: usize, bad: &mut impl FnMut(usize, String)) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in value.split([' ', ';']).filter(|s| !s.is_empty()) {
        if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
            bad(col, format!("'{id}' is not a 12-digit AWS account id"));
        } else if out.iter().any(|x| x == id) {
            bad(col, format!("account {id} is listed twice"));
        } else {
            out.push(id.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_cell_is_reported_with_line_and_column() {
        let text = "buyers,offer_name,expiry\n111122223333,a,2099-01-01\n12345,b,tomorrow\n444455556666,c,\n";
        let errors = parse(text, Path::new(".")).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].0, errors[0].1), (3, 1));
        assert_eq!((errors[1].0, errors[1].1), (3, 3));
    }

    #[test]
    fn cosell_needs_company_website_and_country() {
        let text = "buyers,customer_company\n111122223333;444455556666,Acme\n";
        let errors = parse(text, Path::new(".")).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        let ok = "buyers,customer_company,customer_website,customer_country\n111122223333 444455556666,Acme,https://acme.example,US\n";
        let rows = parse(ok, Path::new(".")).unwrap();
        assert_eq!(rows[0].buyers.len(), 2);
        assert_eq!(rows[0].line, 2);
    }
}
