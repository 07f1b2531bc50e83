//! EventBridge event patterns (aws-events-cosell.md part A-3): a JSON object mirroring the
//! event whose leaves are arrays of alternatives. Alternatives are values (exact, case-sensitive;
//! numbers by value) or one operator: `prefix`, `suffix`, `equals-ignore-case`, `anything-but`
//! (a value, a list, or `{prefix|suffix|equals-ignore-case: …}`), `numeric`, `exists`,
//! `wildcard`; `$or` combines sub-patterns. Fields combine with AND; an event array matches
//! when any element matches.
//!
//! [I] `cidr` is refused as an invalid pattern (no Marketplace event carries an IP address).

use serde_json::{Map, Value};

/// Parses and checks a pattern; the reason names what is wrong.
pub fn parse(text: &str) -> Result<Value, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("Filter is not valid JSON: {e}"))?;
    match &value {
        Value::Object(map) if !map.is_empty() => check_object(map)?,
        Value::Object(_) => return Err("Empty objects are not allowed".into()),
        _ => return Err("Filter is not an object".into()),
    }
    Ok(value)
}

fn check_object(map: &Map<String, Value>) -> Result<(), String> {
    for (key, value) in map {
        match (key.as_str(), value) {
            ("$or", Value::Array(subs)) if subs.len() >= 2 => {
                for sub in subs {
                    match sub {
                        Value::Object(m) if !m.is_empty() => check_object(m)?,
                        _ => return Err("$or must contain objects".into()),
                    }
                }
            }
            ("$or", _) => return Err("$or must be an array of at least 2 objects".into()),
            (_, Value::Object(m)) if !m.is_empty() => check_object(m)?,
            (_, Value::Array(alts)) if !alts.is_empty() => {
                alts.iter().try_for_each(|a| check_alternative(key, a))?
            }
            (_, Value::Array(_)) => return Err(format!("Empty arrays are not allowed at {key}")),
            _ => {
                return Err(format!(
                    "Match value must be String, number, true, false, or null at {key}"
                ))
            }
        }
    }
    Ok(())
}

fn check_alternative(key: &str, alt: &Value) -> Result<(), String> {
    let Value::Object(op) = alt else {
        return match alt {
            Value::Array(_) => Err(format!("Nested arrays are not allowed at {key}")),
            _ => Ok(()),
        };
    };
    let (name, arg) = single(op).ok_or_else(|| format!("Operators must have one key at {key}"))?;
    let ok = match name {
        "prefix" | "suffix" => arg.is_string() || ignore_case(arg).is_some(),
        "equals-ignore-case" | "wildcard" => arg.is_string(),
        "exists" => arg.is_boolean(),
        "numeric" => numeric_ranges(arg).is_some(),
        "anything-but" => match arg {
            Value::Object(inner) => single(inner).is_some_and(|(n, a)| {
                matches!(n, "prefix" | "suffix" | "equals-ignore-case" | "wildcard")
                    && a.is_string()
            }),
            Value::Array(vs) => {
                !vs.is_empty() && vs.iter().all(|v| !v.is_object() && !v.is_array())
            }
            _ => true,
        },
        _ => false,
    };
    match ok {
        true => Ok(()),
        false => Err(format!("Unrecognized match type {name} at {key}")),
    }
}

fn single(op: &Map<String, Value>) -> Option<(&str, &Value)> {
    (op.len() == 1).then(|| op.iter().next().map(|(k, v)| (k.as_str(), v)))?
}

/// `{"equals-ignore-case": "…"}` inside `prefix`/`suffix`.
fn ignore_case(arg: &Value) -> Option<&str> {
    arg.as_object()
        .and_then(single)
        .filter(|(k, _)| *k == "equals-ignore-case")
        .and_then(|(_, v)| v.as_str())
}

/// `[">", 0, "<=", 5]` as (operator, bound) pairs.
fn numeric_ranges(arg: &Value) -> Option<Vec<(&str, f64)>> {
    let items = arg.as_array()?;
    if items.is_empty() || items.len() % 2 != 0 {
        return None;
    }
    items
        .chunks(2)
        .map(|c| {
            let op = c[0]
                .as_str()
                .filter(|o| matches!(*o, "<" | "<=" | "=" | ">" | ">="))?;
            Some((op, c[1].as_f64()?))
        })
        .collect()
}

/// Whether `event` matches the (parsed) `pattern`.
pub fn matches(pattern: &Value, event: &Value) -> bool {
    let Some(map) = pattern.as_object() else {
        return false;
    };
    map.iter().all(|(key, p)| match (key.as_str(), p) {
        ("$or", Value::Array(subs)) => subs.iter().any(|s| matches(s, event)),
        (_, Value::Object(_)) => event.get(key).is_some_and(|e| matches(p, e)),
        (_, Value::Array(alts)) => leaf(alts, event.get(key)),
        _ => false,
    })
}

fn leaf(alts: &[Value], value: Option<&Value>) -> bool {
    let values: Vec<&Value> = match value {
        None => return alts.iter().any(|a| exists(a) == Some(false)),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    };
    alts.iter().any(|a| match exists(a) {
        Some(want) => want,
        None => values.iter().any(|v| alternative(a, v)),
    })
}

fn exists(alt: &Value) -> Option<bool> {
    alt.as_object()?.get("exists")?.as_bool()
}

fn alternative(alt: &Value, v: &Value) -> bool {
    let Value::Object(op) = alt else {
        return same(alt, v);
    };
    let Some((name, arg)) = single(op) else {
        return false;
    };
    let text = v.as_str();
    match name {
        "prefix" => text.is_some_and(|t| affix(arg, t, true)),
        "suffix" => text.is_some_and(|t| affix(arg, t, false)),
        "equals-ignore-case" => text
            .zip(arg.as_str())
            .is_some_and(|(t, a)| t.eq_ignore_ascii_case(a)),
        "wildcard" => text.zip(arg.as_str()).is_some_and(|(t, a)| wildcard(a, t)),
        "numeric" => v.as_f64().is_some_and(|n| {
            numeric_ranges(arg).is_some_and(|rs| rs.iter().all(|(op, b)| compare(n, op, *b)))
        }),
        "anything-but" => !anything_but_hits(arg, v),
        _ => false,
    }
}

fn anything_but_hits(arg: &Value, v: &Value) -> bool {
    match arg {
        Value::Array(vs) => vs.iter().any(|x| same(x, v)),
        Value::Object(_) => alternative(arg, v),
        other => same(other, v),
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn affix(arg: &Value, text: &str, prefix: bool) -> bool {
    let (needle, fold) = match (arg.as_str(), ignore_case(arg)) {
        (Some(s), _) => (s.to_string(), false),
        (None, Some(s)) => (s.to_lowercase(), true),
        _ => return false,
    };
    let hay = if fold {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    match prefix {
        true => hay.starts_with(&needle),
        false => hay.ends_with(&needle),
    }
}

fn compare(n: f64, op: &str, bound: f64) -> bool {
    match op {
        "<" => n < bound,
        "<=" => n <= bound,
        "=" => n == bound,
        ">" => n > bound,
        _ => n >= bound,
    }
}

/// `*` matches any run of characters.
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    let fits = text.len() >= first.len() + last.len();
    if !fits || !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
