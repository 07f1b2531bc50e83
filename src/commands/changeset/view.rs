//! DescribeChangeSet output as a typed result: the change set's facts in snake_case, each
//! change with its errors, the change's DetailsDocument passed through as AWS returns it.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::{ChangeStatus, ChangeSummary};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::offer::read::from_document;
use crate::output::{owned, table, Report};

/// An error AWS reported for one change.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeError {
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

/// The entity a change acts on.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeEntity {
    /// `Offer@1.0`, `SaaSProduct@1.0`, …
    #[serde(rename = "type")]
    pub entity_type: Option<String>,
    pub identifier: Option<String>,
}

/// One change of a change set.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Change {
    pub change_type: Option<String>,
    pub change_name: Option<String>,
    pub entity: ChangeEntity,
    /// Pass-through: the change's DetailsDocument as AWS returns it (PascalCase keys).
    pub details_document: Option<Value>,
    /// The change's Details string, when AWS returned that instead.
    pub details: Option<String>,
    pub errors: Vec<ChangeError>,
}

/// `changeset describe`, `wait`, `start --wait`: the change set and its changes.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ChangeSetView {
    pub change_set_id: Option<String>,
    pub change_set_arn: Option<String>,
    pub change_set_name: Option<String>,
    /// `VALIDATE` or `APPLY`.
    pub intent: Option<String>,
    /// `PREPARING`, `APPLYING`, `SUCCEEDED`, `CANCELLED`, `FAILED`.
    pub status: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub failure_code: Option<String>,
    pub failure_description: Option<String>,
    pub changes: Vec<Change>,
    /// Whether a FAILED or CANCELLED change set makes the document not ok (`wait`), or the
    /// document only describes it (`describe`).
    #[serde(skip)]
    pub must_succeed: bool,
}

fn change(c: &ChangeSummary) -> Change {
    Change {
        change_type: owned(c.change_type()),
        change_name: owned(c.change_name()),
        entity: ChangeEntity {
            entity_type: owned(c.entity().map(|e| e.r#type())),
            identifier: owned(c.entity().and_then(|e| e.identifier())),
        },
        details_document: c.details_document().map(from_document),
        details: owned(c.details()),
        errors: c
            .error_detail_list()
            .iter()
            .map(|e| ChangeError {
                error_code: owned(e.error_code()),
                error_message: owned(e.error_message()),
            })
            .collect(),
    }
}

impl ChangeSetView {
    pub fn new(out: &DescribeChangeSetOutput, must_succeed: bool) -> Self {
        ChangeSetView {
            change_set_id: owned(out.change_set_id()),
            change_set_arn: owned(out.change_set_arn()),
            change_set_name: owned(out.change_set_name()),
            intent: owned(out.intent().map(|i| i.as_str())),
            status: owned(out.status().map(|s| s.as_str())),
            start_time: owned(out.start_time()),
            end_time: owned(out.end_time()),
            failure_code: owned(out.failure_code().map(|f| f.as_str())),
            failure_description: owned(out.failure_description()),
            changes: out.change_set().iter().map(change).collect(),
            must_succeed,
        }
    }

    pub fn succeeded(&self) -> bool {
        self.status.as_deref() == Some(ChangeStatus::Succeeded.as_str())
    }
}

impl Report for ChangeSetView {
    fn ok(&self) -> bool {
        !self.must_succeed || self.succeeded()
    }

    fn text(&self) -> String {
        let mut lines = vec![format!(
            "change set {} ({}): {}{}",
            self.change_set_id.as_deref().unwrap_or_default(),
            self.change_set_name.as_deref().unwrap_or("unnamed"),
            self.status.as_deref().unwrap_or("?"),
            self.failure_code
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
        )];
        if let Some(d) = &self.failure_description {
            lines.push(format!("failure: {d}"));
        }
        // Changes that failed, by name: a later change failing only because it refers to one
        // says so in a few words rather than repeating the reference error (the cause is in
        // its own row, and once more in the error report).
        let failed: Vec<(usize, &str)> = self
            .changes
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.errors.is_empty())
            .filter_map(|(i, c)| Some((i, c.change_name.as_deref()?)))
            .collect();
        let rows: Vec<Vec<String>> = self
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| change_row(i, c, &failed))
            .collect();
        let headers = [
            "#",
            "CHANGE TYPE",
            "NAME",
            "ENTITY TYPE",
            "ENTITY",
            "ERRORS",
        ];
        lines.push(table(&headers, &rows));
        lines.join("\n")
    }
}

fn change_row(i: usize, c: &Change, failed: &[(usize, &str)]) -> Vec<String> {
    let errors: Vec<String> = c
        .errors
        .iter()
        .map(|e| {
            let message = e.error_message.as_deref().unwrap_or_default();
            let target = crate::aws::report::referenced_change(message);
            if let Some((n, name)) = failed.iter().find(|(_, name)| Some(*name) == target) {
                return format!("fails with change {n} ({name})");
            }
            format!(
                "{}: {}",
                e.error_code.as_deref().unwrap_or_default(),
                e.error_message.as_deref().unwrap_or_default()
            )
        })
        .collect();
    let or = |s: &Option<String>, d: &str| s.clone().unwrap_or_else(|| d.to_string());
    vec![
        i.to_string(),
        or(&c.change_type, ""),
        or(&c.change_name, "-"),
        or(&c.entity.entity_type, ""),
        or(&c.entity.identifier, "-"),
        if errors.is_empty() {
            "-".into()
        } else {
            errors.join("; ")
        },
    ]
}
