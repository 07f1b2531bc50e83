//! The typed-result contract: every command returns a value implementing [`Report`]; the
//! printer renders it once, as text or as one JSON document `{"ok": …, …fields}`. Lists share
//! one shape, [`List`] (`count` + `items`), so scripts read every list the same way. The JSON
//! Schema of each document is generated from these types (see `commands::schema`).

use schemars::JsonSchema;
use serde::Serialize;

/// A command's result.
pub trait Report: Serialize {
    /// The text rendering for people.
    fn text(&self) -> String;

    /// False when the document itself reports a failure (validation errors, a FAILED change
    /// set, a partial batch); the command then also returns an error so the exit code says so.
    fn ok(&self) -> bool {
        true
    }
}

/// The JSON document of a result: `ok` first, then the result's own fields.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Doc<T> {
    /// True when the command did what was asked.
    pub ok: bool,
    #[serde(flatten)]
    pub body: T,
}

/// Every list in the JSON contract: `{"count": N, "items": [...]}` (plus `ok`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct List<T> {
    /// Number of items.
    pub count: usize,
    pub items: Vec<T>,
}

impl<T> List<T> {
    pub fn new(items: Vec<T>) -> Self {
        List {
            count: items.len(),
            items,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        List::new(iter.into_iter().collect())
    }
}

/// An SDK accessor's `Option<&str>` as a result field (results own their strings).
pub fn owned(s: Option<&str>) -> Option<String> {
    s.map(String::from)
}

/// A JSON document as it goes to stdout.
pub fn to_json<R: Report>(report: &R) -> String {
    let doc = Doc {
        ok: report.ok(),
        body: report,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
