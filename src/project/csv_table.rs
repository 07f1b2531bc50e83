//! The one reader of the CSV files sellers hand to mpctl (campaigns, bulk refunds, usage,
//! opportunity imports): the header row (any order, any case) checked against the file's known
//! and required columns, every record handed over with its line and its fields' columns, every
//! problem kept as `(line, column, message)` so a file is reported whole, at once, as
//! `file:line:column: …` (exit 2, nothing sent).

use std::path::Path;

use crate::exit::bad_input;

/// `(line, column, message)`, 1-based.
pub type Problems = Vec<(u64, usize, String)>;

/// What a kind of CSV holds.
pub struct Table {
    /// Every column it may have (header names, lower case).
    pub columns: &'static [&'static str],
    /// The columns every file must have.
    pub required: &'static [&'static str],
    /// What one row is, for the empty file's message (`one refund`).
    pub row: &'static str,
}

/// Reads the file, naming it and `what` it holds when it cannot be read.
pub fn read(path: &Path, what: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| bad_input(format!("{}: cannot read the {what}: {e}", path.display())))
}

/// Parses `text` as `table`: `each(line, fields, problems)` checks one record (its fields as
/// `(header, column, value)`) and returns its row, pushing a problem for each thing wrong.
pub fn parse<R>(
    text: &str,
    table: &Table,
    mut each: impl FnMut(u64, &[(&str, usize, &str)], &mut Problems) -> Option<R>,
) -> Result<Vec<R>, Problems> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![(1, 1, format!("cannot read the header row: {e}"))]),
    };
    let mut problems = Problems::new();
    for (i, h) in headers.iter().enumerate() {
        if !table.columns.contains(&h.as_str()) {
            problems.push((1, i + 1, format!("unknown column '{h}'")));
        }
    }
    for needed in table.required {
        if !headers.iter().any(|h| h == needed) {
            problems.push((1, 1, format!("the header row has no '{needed}' column")));
        }
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                let fields: Vec<(&str, usize, &str)> = (headers.iter().zip(r.iter()).enumerate())
                    .map(|(i, (h, v))| (h.as_str(), i + 1, v))
                    .collect();
                rows.extend(each(line, &fields, &mut problems));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push((line, 1, format!("unreadable row: {e}")));
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        let message = format!("no rows: add {} per line after the header", table.row);
        problems.push((1, 1, message));
    }
    match problems.is_empty() {
        true => Ok(rows),
        false => Err(problems),
    }
}

/// `problems` as one bad-input error naming `path` (exit 2), with the columns `table` takes.
pub fn report(path: &Path, problems: &[(u64, usize, String)], table: &Table) -> anyhow::Error {
    let lines: Vec<String> = (problems.iter())
        .map(|(line, col, msg)| format!("{}:{line}:{col}: {msg}", path.display()))
        .collect();
    bad_input(format!(
        "{}\n  hint: fix these rows; nothing was sent (columns: {})",
        lines.join("\n"),
        table.columns.join(", ")
    ))
}
