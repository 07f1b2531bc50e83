//! DescribeChangeSet output as text (header + one row per change with its errors) and as
//! JSON (the API's field names), and Smithy documents back to JSON.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_smithy_types::{Document, Number};
use serde_json::{json, Map, Value};

use crate::output::table;

/// Smithy Document → serde_json.
pub fn doc_json(d: &Document) -> Value {
    match d {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(Number::PosInt(n)) => Value::from(*n),
        Document::Number(Number::NegInt(n)) => Value::from(*n),
        Document::Number(Number::Float(f)) => Value::from(*f),
        Document::String(s) => Value::String(s.clone()),
        Document::Array(a) => Value::Array(a.iter().map(doc_json).collect()),
        Document::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), doc_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

pub fn describe_json(out: &DescribeChangeSetOutput) -> Value {
    let changes: Vec<Value> = out
        .change_set()
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("ChangeType".into(), json!(c.change_type()));
            m.insert("ChangeName".into(), json!(c.change_name()));
            m.insert(
                "Entity".into(),
                json!({
                    "Type": c.entity().map(|e| e.r#type()),
                    "Identifier": c.entity().and_then(|e| e.identifier()),
                }),
            );
            if let Some(d) = c.details_document() {
                m.insert("DetailsDocument".into(), doc_json(d));
            } else if let Some(d) = c.details() {
                m.insert("Details".into(), json!(d));
            }
            m.insert(
                "ErrorDetailList".into(),
                Value::Array(
                    c.error_detail_list()
                        .iter()
                        .map(|e| json!({"ErrorCode": e.error_code(), "ErrorMessage": e.error_message()}))
                        .collect(),
                ),
            );
            Value::Object(m)
        })
        .collect();
    json!({
        "ok": true,
        "ChangeSetId": out.change_set_id(),
        "ChangeSetArn": out.change_set_arn(),
        "ChangeSetName": out.change_set_name(),
        "Intent": out.intent().map(|i| i.as_str()),
        "Status": out.status().map(|s| s.as_str()),
        "StartTime": out.start_time(),
        "EndTime": out.end_time(),
        "FailureCode": out.failure_code().map(|f| f.as_str()),
        "FailureDescription": out.failure_description(),
        "ChangeSet": changes,
    })
}

pub fn describe_text(out: &DescribeChangeSetOutput) -> String {
    let mut lines = vec![format!(
        "change set {} ({}): {}{}",
        out.change_set_id().unwrap_or_default(),
        out.change_set_name().unwrap_or("unnamed"),
        out.status().map(|s| s.as_str()).unwrap_or("?"),
        out.failure_code()
            .map(|c| format!(" ({})", c.as_str()))
            .unwrap_or_default(),
    )];
    if let Some(d) = out.failure_description() {
        lines.push(format!("failure: {d}"));
    }
    let rows: Vec<Vec<String>> = out
        .change_set()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let errors: Vec<String> = c
                .error_detail_list()
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e.error_code().unwrap_or_default(),
                        e.error_message().unwrap_or_default()
                    )
                })
                .collect();
            vec![
                i.to_string(),
                c.change_type().unwrap_or_default().to_string(),
                c.change_name().unwrap_or("-").to_string(),
                c.entity()
                    .map(|e| e.r#type())
                    .unwrap_or_default()
                    .to_string(),
                c.entity()
                    .and_then(|e| e.identifier())
                    .unwrap_or("-")
                    .to_string(),
                if errors.is_empty() {
                    "-".into()
                } else {
                    errors.join("; ")
                },
            ]
        })
        .collect();
    lines.push(table(
        &[
            "#",
            "CHANGE TYPE",
            "NAME",
            "ENTITY TYPE",
            "ENTITY",
            "ERRORS",
        ],
        &rows,
    ));
    lines.join("\n")
}
