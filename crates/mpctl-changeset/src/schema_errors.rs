//! jsonschema's validation errors as diagnostics people can act on: the exact node, the
//! expected and found types in words, values cut short.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::ValidationError;
use serde_json::Value;

use super::diagnostic::Diagnostic;

/// Turns one jsonschema error into diagnostics. The shapes spell every optional member as
/// `anyOf: [<shape>, null]`, so an error deep inside an optional member surfaces as an `anyOf`
/// failure on the member; when only one branch fits the instance's JSON type, its own errors
/// are reported instead, which points at the exact offending node.
pub(crate) fn schema_errors(error: &ValidationError<'_>, base: &str, out: &mut Vec<Diagnostic>) {
    let at = error.instance_path.as_str();
    let message = match &error.kind {
        ValidationErrorKind::AnyOf { context } => {
            let fitting: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().any(|e| is_type_error_at(e, at)))
                .collect();
            if let [branch] = fitting.as_slice() {
                for e in branch.iter() {
                    schema_errors(e, base, out);
                }
                return;
            }
            any_of_message(error, context, at)
        }
        _ => message(error),
    };
    let hint = match &error.kind {
        ValidationErrorKind::Required { property } => {
            Some(format!("add {property} to this object"))
        }
        _ => None,
    };
    let mut d = Diagnostic::error("SCHEMA", format!("{base}{at}"), message);
    d.hint = hint;
    out.push(d);
}

/// No branch of an `anyOf` fits: the types its branches expected at this node.
fn any_of_message(
    error: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
    at: &str,
) -> String {
    let mut expected: Vec<String> = context
        .iter()
        .flatten()
        .filter(|e| e.instance_path.as_str() == at)
        .filter_map(|e| match &e.kind {
            ValidationErrorKind::Type { kind } => Some(type_names(kind)),
            _ => None,
        })
        .collect();
    expected.dedup();
    if expected.is_empty() {
        format!(
            "{} does not match any allowed shape",
            short(&error.instance)
        )
    } else {
        format!(
            "expected {}, found {}",
            expected.join(" or "),
            typed(&error.instance)
        )
    }
}

/// Every other error kind, in words.
fn message(error: &ValidationError<'_>) -> String {
    match &error.kind {
        ValidationErrorKind::Type { kind } => {
            format!(
                "expected {}, found {}",
                type_names(kind),
                typed(&error.instance)
            )
        }
        ValidationErrorKind::Required { property } => {
            format!("missing required member {property}")
        }
        ValidationErrorKind::Enum { options } => {
            format!("{} is not one of {}", short(&error.instance), list(options))
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
            let n = error.instance.as_array().map_or(0, Vec::len);
            let bound = if matches!(error.kind, ValidationErrorKind::MinItems { .. }) {
                "at least"
            } else {
                "at most"
            };
            format!("has {n} item(s); {bound} {limit} expected")
        }
        ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MaxLength { limit } => {
            let n = error.instance.as_str().map_or(0, |s| s.chars().count());
            let bound = if matches!(error.kind, ValidationErrorKind::MinLength { .. }) {
                "at least"
            } else {
                "at most"
            };
            format!(
                "{} is {n} character(s); {bound} {limit} expected",
                short(&error.instance)
            )
        }
        _ => truncate(&error.to_string(), 200),
    }
}

fn is_type_error_at(e: &ValidationError<'_>, at: &str) -> bool {
    matches!(e.kind, ValidationErrorKind::Type { .. }) && e.instance_path.as_str() == at
}

fn type_names(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.to_string(),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn list(options: &Value) -> String {
    match options.as_array() {
        Some(items) => items.iter().map(short).collect::<Vec<_>>().join(", "),
        None => short(options),
    }
}

/// A value as JSON, cut short: messages name the value without dumping whole documents.
pub(crate) fn short(value: &Value) -> String {
    truncate(&value.to_string(), 60)
}

/// `number 3`, `string "x"`, `object {…}`.
fn typed(value: &Value) -> String {
    let kind = match value {
        Value::Null => return "null".into(),
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    format!("{kind} {}", short(value))
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}
