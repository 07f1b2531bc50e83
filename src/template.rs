//! `{{VAR}}` templates. A JSON string that is exactly `"{{NAME}}"` becomes the variable's JSON
//! value (so `"{{BUYER_IDS}}"` becomes an array); `{{NAME}}` inside a longer string is replaced
//! by the value's text. Any variable left unresolved is an error naming its JSON path.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde_json::Value;

use crate::project::config::Config;
use crate::project::state::State;

/// Template variables by name.
pub type Vars = BTreeMap<String, Value>;

pub use mpctl_changeset::is_variable_name;

/// The built-in variables, then config `variables`, then state ids, then `--var` overrides.
pub fn variables(
    config: &Config,
    state: &State,
    buyers: Option<&[String]>,
    today: NaiveDate,
    overrides: &[(String, String)],
) -> Vars {
    let date = |days: i64| {
        Value::String(
            (today + Duration::days(days))
                .format("%Y-%m-%d")
                .to_string(),
        )
    };
    let mut vars = Vars::new();
    let mut put = |k: &str, v: Value| {
        vars.insert(k.to_string(), v);
    };
    put("CATALOG", Value::String(config.catalog.clone()));
    put(
        "CONTRACT_DURATION_MONTHS",
        Value::from(config.contract_duration_months),
    );
    put(
        "CONTRACT_DURATION_DAYS",
        Value::from(config.contract_duration_days),
    );
    put("EXPIRY_DATE", date(7));
    put("CHARGE_DATE_1", date(7));
    put("CHARGE_DATE_2", date(14));
    put("TARGET_CLOSE_DATE", date(30));
    put(
        "CUSTOM_EULA_URL",
        Value::String(config.custom_eula_url.clone()),
    );
    put("OFFER_NAME", Value::String(config.offer_name.clone()));
    put(
        "OFFER_DESCRIPTION",
        Value::String(config.offer_description.clone()),
    );
    put("PRODUCT_TITLE", Value::String(config.product_title.clone()));
    if let Some(b) = buyers {
        put("BUYER_IDS", Value::from(b.to_vec()));
    }
    for (k, v) in &config.variables {
        vars.insert(k.clone(), v.clone());
    }
    let ids = [
        ("PRODUCT_ID", &state.product_id),
        ("OFFER_ID", &state.offer_id),
        ("OFFER_ARN", &state.offer_arn),
        ("OPPORTUNITY_ID", &state.opportunity_id),
        ("SOLUTION_ID", &state.solution_id),
        ("AGREEMENT_ID", &state.agreement_id),
    ];
    for (k, v) in ids {
        if let Some(v) = v {
            vars.insert(k.to_string(), Value::String(v.clone()));
        }
    }
    for (k, v) in overrides {
        vars.insert(k.clone(), Value::String(v.clone()));
    }
    vars
}

/// An unresolved `{{NAME}}` at a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub name: String,
    pub path: String,
}

/// Renders `template`; returns every unresolved variable if any.
pub fn render(template: &Value, vars: &Vars) -> Result<Value, Vec<Unresolved>> {
    let mut missing = Vec::new();
    let out = render_at(template, vars, "", &mut missing);
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

fn render_at(v: &Value, vars: &Vars, path: &str, missing: &mut Vec<Unresolved>) -> Value {
    match v {
        Value::String(s) => render_string(s, vars, path, missing),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| render_at(x, vars, &format!("{path}/{i}"), missing))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, x)| {
                    let p = format!("{path}/{}", k.replace('~', "~0").replace('/', "~1"));
                    (k.clone(), render_at(x, vars, &p, missing))
                })
                .collect(),
        ),
        _ => v.clone(),
    }
}

fn render_string(s: &str, vars: &Vars, path: &str, missing: &mut Vec<Unresolved>) -> Value {
    if let Some(name) = whole_variable(s) {
        return match vars.get(name) {
            Some(v) => v.clone(),
            None => {
                missing.push(Unresolved {
                    name: name.to_string(),
                    path: path.to_string(),
                });
                Value::String(s.to_string())
            }
        };
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        out.push_str(&rest[..start]);
        match vars.get(name.trim()) {
            Some(Value::String(text)) => out.push_str(text),
            Some(other) => out.push_str(&other.to_string()),
            None => {
                missing.push(Unresolved {
                    name: name.trim().to_string(),
                    path: path.to_string(),
                });
                out.push_str(&rest[start..start + 4 + len]);
            }
        }
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
    Value::String(out)
}

/// `"{{NAME}}"` → `NAME`.
fn whole_variable(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    (!inner.contains("{{") && !inner.contains("}}")).then_some(inner)
}

/// `--var` names that no template of the command uses: a typo would otherwise be ignored and
/// the default used. `used` holds every `{{NAME}}` of those templates.
pub fn check_overrides(
    overrides: &[(String, String)],
    used: &std::collections::BTreeSet<String>,
    what: &str,
) -> Result<(), String> {
    for (name, _) in overrides {
        if used.contains(name) {
            continue;
        }
        let hint = match crate::suggest::closest(name, used.iter().map(String::as_str)) {
            Some(near) => format!("did you mean {near}?"),
            None if used.is_empty() => format!("{what} use no variables"),
            None => format!(
                "the variables {what} use are: {}",
                used.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        return Err(format!(
            "--var {name}: no template of this command uses {{{{{name}}}}} ({what})\n  hint: {hint}"
        ));
    }
    Ok(())
}

/// Parses `KEY=VALUE` from `--var`.
pub fn parse_var(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not KEY=VALUE"))?;
    if !is_variable_name(k) {
        return Err(format!("'{k}' is not a variable name (UPPER_SNAKE_CASE)"));
    }
    Ok((k.to_string(), v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> Vars {
        let mut v = Vars::new();
        v.insert("BUYER_IDS".into(), json!(["111122223333"]));
        v.insert("MONTHS".into(), json!(12));
        v.insert("NAME".into(), json!("Acme"));
        v
    }

    #[test]
    fn whole_string_takes_the_json_value() {
        let out = render(&json!({"B": "{{BUYER_IDS}}", "M": "{{MONTHS}}"}), &vars()).unwrap();
        assert_eq!(out, json!({"B": ["111122223333"], "M": 12}));
    }

    #[test]
    fn inside_a_string_is_textual() {
        let out = render(&json!(["P{{MONTHS}}M", "Offer for {{NAME}}"]), &vars()).unwrap();
        assert_eq!(out, json!(["P12M", "Offer for Acme"]));
    }

    #[test]
    fn unresolved_names_the_path() {
        let err = render(&json!({"A": [{"B": "x {{NOPE}}"}]}), &vars()).unwrap_err();
        assert_eq!(
            err,
            vec![Unresolved {
                name: "NOPE".into(),
                path: "/A/0/B".into()
            }]
        );
    }

    #[test]
    fn unused_var_suggests_the_closest() {
        let used = ["OFFER_NAME".to_string(), "BUYER_IDS".to_string()].into();
        let err =
            check_overrides(&[("OFER_NAME".into(), "x".into())], &used, "t.json").unwrap_err();
        assert!(err.contains("did you mean OFFER_NAME?"), "{err}");
        assert!(check_overrides(&[("OFFER_NAME".into(), "x".into())], &used, "t.json").is_ok());
    }

    #[test]
    fn var_flag_parsing() {
        assert_eq!(parse_var("A_B=1=2").unwrap(), ("A_B".into(), "1=2".into()));
        assert!(parse_var("lower=1").is_err());
        assert!(parse_var("NOEQUALS").is_err());
    }
}
