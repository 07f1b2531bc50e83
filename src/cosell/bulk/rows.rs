//! The bulk opportunity CSV, shared by `opportunity export` (which writes it) and `opportunity
//! import` (which reads it): one opportunity per row, keyed by the CRM's id
//! (`partner_opportunity_id`, sent as PartnerOpportunityIdentifier). Every row is checked here
//! before anything is read or sent; every problem is reported at once as
//! `file:line:column: message` (exit 2).
//!
//! `review_status` and `aws_stage` are what export read (the partner's review status and AWS's
//! stage, GetAwsOpportunitySummary); [I] import ignores them: they are AWS's to set.

use std::collections::BTreeSet;
use std::path::Path;

use aws_sdk_partnercentralselling::types::{
    CountryCode, CurrencyCode, Industry, OpportunityType, Stage,
};
use serde_json::{json, Map, Value};

use crate::project::csv_table::{self, Table};

/// The columns, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "partner_opportunity_id",
    "opportunity_id",
    "title",
    "company",
    "industry",
    "website",
    "country",
    "business_problem",
    "opportunity_type",
    "stage",
    "target_close_date",
    "expected_monthly_spend",
    "currency",
    "review_status",
    "aws_stage",
];

/// What every row needs.
const REQUIRED: &[&str] = &[
    "partner_opportunity_id",
    "title",
    "company",
    "business_problem",
];

/// One checked row: its line, its fields by column name, and the column of each.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub fields: Vec<(&'static str, usize, String)>,
}

impl Row {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _, v)| *n == name && !v.is_empty())
            .map(|(_, _, v)| v.as_str())
    }

    /// The CRM key.
    pub fn key(&self) -> &str {
        self.get("partner_opportunity_id").unwrap_or_default()
    }

    /// The CreateOpportunity members this row sets (the API's own JSON shape, see
    /// `aws::opportunity::apply_create`).
    pub fn payload(&self) -> Value {
        let g = |k: &str| self.get(k).map(|v| json!(v));
        let mut account = Map::new();
        for (member, col) in [
            ("CompanyName", "company"),
            ("Industry", "industry"),
            ("WebsiteUrl", "website"),
        ] {
            if let Some(v) = g(col) {
                account.insert(member.into(), v);
            }
        }
        if let Some(c) = g("country") {
            account.insert("Address".into(), json!({ "CountryCode": c }));
        }
        let mut project =
            json!({"Title": g("title"), "CustomerBusinessProblem": g("business_problem")});
        if let Some(amount) = g("expected_monthly_spend") {
            project["ExpectedCustomerSpend"] = json!([{"Amount": amount,
                "CurrencyCode": g("currency").unwrap_or_else(|| json!("USD")),
                "Frequency": "Monthly", "TargetCompany": "AWS"}]);
        }
        let mut out = json!({"PartnerOpportunityIdentifier": self.key(), "Customer": {"Account": account}, "Project": project});
        if let Some(t) = g("opportunity_type") {
            out["OpportunityType"] = t;
        }
        let mut life = Map::new();
        for (member, col) in [("Stage", "stage"), ("TargetCloseDate", "target_close_date")] {
            if let Some(v) = g(col) {
                life.insert(member.into(), v);
            }
        }
        if !life.is_empty() {
            out["LifeCycle"] = Value::Object(life);
        }
        out
    }
}

pub use crate::project::csv_table::Problems;

/// The opportunity CSV's table.
pub const TABLE: Table = Table {
    columns: COLUMNS,
    required: REQUIRED,
    row: "one opportunity",
};

/// `problems` as one bad-input error naming `path` (exit 2).
pub fn report(path: &Path, problems: &[(u64, usize, String)]) -> anyhow::Error {
    csv_table::report(path, problems, &TABLE)
}

/// Reads and checks every row; all problems in one bad-input error.
pub fn load(path: &Path) -> anyhow::Result<Vec<Row>> {
    let text = csv_table::read(path, "opportunities")?;
    parse(&text).map_err(|problems| report(path, &problems))
}

/// Parses and checks the CSV text; a `partner_opportunity_id` twice is a problem of its
/// second line.
pub fn parse(text: &str) -> Result<Vec<Row>, Problems> {
    let mut keys = BTreeSet::new();
    csv_table::parse(text, &TABLE, |line, fields, problems| {
        let fields = (fields.iter())
            .filter_map(|&(h, col, v)| {
                let known = COLUMNS.iter().find(|c| **c == h);
                known.map(|c| (*c, col, v.to_string()))
            })
            .collect();
        let row = Row { line, fields };
        let before = problems.len();
        check_row(&row, problems);
        if !keys.insert(row.key().to_string()) && !row.key().is_empty() {
            let col = (row.fields.iter())
                .find(|f| f.0 == "partner_opportunity_id")
                .map_or(1, |f| f.1);
            let message = format!(
                "partner_opportunity_id '{}' appears on an earlier line",
                row.key()
            );
            problems.push((line, col, message));
        }
        (problems.len() == before).then_some(row)
    })
}

fn one_of(value: &str, allowed: &[&str]) -> Result<(), String> {
    match allowed.contains(&value) {
        true => Ok(()),
        false => Err(format!("'{value}' is not one of Partner Central's values")),
    }
}

/// The problem with one field's value, if any.
fn field_problem(name: &str, v: &str) -> Result<(), String> {
    let chars = v.chars().count();
    match name {
        "partner_opportunity_id" if chars > 64 => Err("longer than 64 characters".into()),
        "opportunity_id"
            if !(v.starts_with('O')
                && v.len() > 1
                && v[1..].bytes().all(|b| b.is_ascii_digit())) =>
        {
            Err(format!("'{v}' is not an opportunity id (O…)"))
        }
        "title" if chars > 255 => Err("longer than 255 characters".into()),
        "company" if chars > 120 => Err("longer than 120 characters".into()),
        "business_problem" if !(20..=2000).contains(&chars) => Err(format!(
            "{chars} characters; Partner Central wants 20 to 2000"
        )),
        "industry" => one_of(v, Industry::values()),
        "country" => one_of(v, CountryCode::values()),
        "opportunity_type" => one_of(v, OpportunityType::values()),
        "stage" => one_of(v, Stage::values()),
        "currency" => one_of(v, CurrencyCode::values()),
        "target_close_date" if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_err() => {
            Err(format!("'{v}' is not a date (YYYY-MM-DD)"))
        }
        "expected_monthly_spend"
            if v.parse::<f64>().map_or(true, |n| !n.is_finite() || n < 0.0) =>
        {
            Err(format!("'{v}' is not an amount"))
        }
        _ => Ok(()),
    }
}

fn check_row(row: &Row, problems: &mut Problems) {
    for (name, col, v) in &row.fields {
        if v.is_empty() {
            if REQUIRED.contains(name) {
                problems.push((row.line, *col, format!("'{name}' is empty")));
            }
            continue;
        }
        if let Err(m) = field_problem(name, v) {
            problems.push((row.line, *col, format!("{name}: {m}")));
        }
    }
    if row.fields.len() < REQUIRED.len() {
        problems.push((
            row.line,
            1,
            "the row has fewer fields than the header".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_line_and_column() {
        let text = "partner_opportunity_id,title,company,business_problem,stage,colour\n\
                    crm-1,Data lake,Acme,The billing system cannot scale at all.,Prospect,\n\
                    crm-2,Lake,Acme,too short,Maybe,\n\
                    crm-1,Again,Acme,The billing system cannot scale at all.,,\n";
        let problems = parse(text).unwrap_err();
        let at: Vec<(u64, usize)> = problems.iter().map(|p| (p.0, p.1)).collect();
        assert_eq!(at, [(1, 6), (3, 4), (3, 5), (4, 1)], "{problems:?}");
    }

    #[test]
    fn a_row_becomes_a_create_opportunity_payload() {
        let text = "partner_opportunity_id,title,company,business_problem,country,expected_monthly_spend\n\
                    crm-1,Data lake,Acme,The billing system cannot scale at all.,DE,1200\n";
        let rows = parse(text).unwrap();
        let p = rows[0].payload();
        assert_eq!(p["PartnerOpportunityIdentifier"], "crm-1");
        assert_eq!(p["Customer"]["Account"]["Address"]["CountryCode"], "DE");
        assert_eq!(
            p["Project"]["ExpectedCustomerSpend"][0]["CurrencyCode"],
            "USD"
        );
    }
}
