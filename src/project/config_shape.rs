//! What each `config.json` key must hold, in words a person can act on. serde alone would say
//! "invalid type: string, expected f64"; this checks the parsed JSON against the same keys
//! first, so a wrong type names the key and an example of a right value, and a misspelt key
//! gets the closest real one.

use serde_json::Value;

/// The kind of value a key holds, with the words used when it is wrong.
#[derive(Clone, Copy)]
enum Kind {
    /// A JSON string; the text is an example.
    Text(&'static str),
    /// A JSON string or null.
    OptionalText(&'static str),
    /// A non-negative integer; (unit, example).
    Whole(&'static str, u32),
    /// Any JSON number; the text is an example.
    Seconds(&'static str),
    /// An object of `NAME: value` pairs.
    Variables,
    /// An object of `Operation: requests per second` pairs.
    Rates,
    /// A nested object with its own keys.
    Section(&'static [(&'static str, Kind)]),
}

const WAIT: &[(&str, Kind)] = &[
    ("initial_interval_seconds", Kind::Seconds("0.1")),
    ("max_interval_seconds", Kind::Seconds("30")),
    ("timeout_seconds", Kind::Seconds("3600")),
    ("agreement_timeout_seconds", Kind::Seconds("3600")),
    ("review_timeout_seconds", Kind::Seconds("0")),
];

const RETRY: &[(&str, Kind)] = &[
    ("max_attempts", Kind::Whole("attempts", 8)),
    ("initial_backoff_seconds", Kind::Seconds("0.5")),
    ("attempt_timeout_seconds", Kind::Seconds("30")),
    ("server_fault_retries", Kind::Whole("retries", 2)),
];

const CAMPAIGN: &[(&str, Kind)] = &[("quotas", Kind::Rates)];

const EVENTS: &[(&str, Kind)] = &[
    (
        "queue_url",
        Kind::OptionalText("\"https://sqs.us-east-1.amazonaws.com/111122223333/mpctl-events\""),
    ),
    ("fallback_seconds", Kind::Seconds("300")),
];

const TOP: &[(&str, Kind)] = &[
    ("catalog", Kind::Text("\"Sandbox\" or \"AWS\"")),
    ("region", Kind::OptionalText("\"us-east-1\"")),
    (
        "product_changeset",
        Kind::Text("\"changesets/saas-product.json\""),
    ),
    (
        "offer_changeset",
        Kind::Text("\"changesets/private-offer.json\""),
    ),
    (
        "opportunity_template",
        Kind::Text("\"changesets/opportunity.json\""),
    ),
    ("product_title", Kind::Text("\"Acme Analytics\"")),
    ("offer_name", Kind::Text("\"Acme private offer\"")),
    ("offer_description", Kind::Text("\"Two-year deal\"")),
    (
        "custom_eula_url",
        Kind::Text("\"https://example.com/eula.pdf\""),
    ),
    ("contract_duration_months", Kind::Whole("months", 12)),
    ("contract_duration_days", Kind::Whole("days", 365)),
    ("solution_id", Kind::OptionalText("\"S-0000001\"")),
    ("variables", Kind::Variables),
    ("buyer_profile", Kind::OptionalText("\"buyer\"")),
    ("wait", Kind::Section(WAIT)),
    ("retry", Kind::Section(RETRY)),
    ("campaign", Kind::Section(CAMPAIGN)),
    ("events", Kind::Section(EVENTS)),
];

/// A problem at a JSON path (`/wait/timeout_seconds`), in words.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// Checks the whole document: an object, known keys, each value of the right kind.
pub fn check(doc: &Value) -> Result<(), Problem> {
    if !doc.is_object() {
        return Err(Problem {
            path: String::new(),
            message: format!(
                "the file must be a JSON object of settings, like {{\"catalog\": \"Sandbox\"}}, not {}\n  hint: write {{}} to use every default",
                describe(doc)
            ),
        });
    }
    check_section(doc, TOP, "")
}

fn check_section(doc: &Value, keys: &[(&str, Kind)], prefix: &str) -> Result<(), Problem> {
    let Some(map) = doc.as_object() else {
        return Ok(());
    };
    for (key, value) in map {
        let path = format!("{prefix}/{key}");
        let Some((_, kind)) = keys.iter().find(|(k, _)| k == key) else {
            let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
            let hint = match crate::suggest::closest(key, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys here are: {}", names.join(", ")),
            };
            return Err(Problem {
                path,
                message: format!("unknown key `{key}`\n  hint: {hint}"),
            });
        };
        check_value(value, *kind, &path, key)?;
    }
    Ok(())
}

fn check_value(value: &Value, kind: Kind, path: &str, key: &str) -> Result<(), Problem> {
    let expected = match kind {
        Kind::Text(example) if !value.is_string() => format!("text in quotes, like {example}"),
        Kind::OptionalText(example) if !(value.is_string() || value.is_null()) => {
            format!("text in quotes, like {example}, or null")
        }
        Kind::Whole(unit, example) if value.as_u64().is_none_or(|n| n > u32::MAX.into()) => {
            format!("a whole number of {unit}, like {example}")
        }
        Kind::Seconds(example) if !value.is_number() => {
            format!("a number of seconds, like {example}")
        }
        Kind::Variables if !value.is_object() => {
            "an object of NAME: value pairs, like {\"OFFER_NAME\": \"Acme\"}".to_string()
        }
        Kind::Rates if value.is_object() => return check_rates(value, path),
        Kind::Rates => {
            "an object of operation: requests per second, like {\"AWSPartnerCentralSelling.CreateOpportunity\": 5}".to_string()
        }
        Kind::Section(keys) if value.is_object() => return check_section(value, keys, path),
        Kind::Section(keys) => format!("an object, like {{\"{}\": …}}", keys[0].0),
        _ => return Ok(()),
    };
    Err(Problem {
        path: path.to_string(),
        message: format!("{key} must be {expected}, not {}", describe(value)),
    })
}

/// Each quota is a number (its sign is checked with the other values in `Config::check`).
fn check_rates(value: &Value, path: &str) -> Result<(), Problem> {
    let bad = value
        .as_object()
        .into_iter()
        .flatten()
        .find(|(_, v)| !v.is_number());
    match bad {
        Some((op, v)) => Err(Problem {
            path: format!("{path}/{op}"),
            message: format!(
                "{op} must be a number of requests per second, like 5, not {}",
                describe(v)
            ),
        }),
        None => Ok(()),
    }
}

/// `[]` → "an array", `"soon"` → "the text \"soon\"".
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("{n}"),
        Value::String(s) => format!("the text \"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(doc: Value) -> String {
        let p = check(&doc).unwrap_err();
        format!("{}: {}", p.path, p.message)
    }

    #[test]
    fn words_for_each_kind() {
        let m = message(json!({"contract_duration_months": "12"}));
        assert!(m.contains("a whole number of months, like 12"), "{m}");
        let m = message(json!({"wait": {"timeout_seconds": "soon"}}));
        assert!(m.starts_with("/wait/timeout_seconds:"), "{m}");
        assert!(m.contains("a number of seconds"), "{m}");
        assert!(message(json!([])).contains("not an array"));
        assert!(message(json!({"wiat": {}})).contains("did you mean `wait`?"));
        assert!(check(&json!({"region": null, "retry": {"max_attempts": 3}})).is_ok());
    }
}
