//! Rules on single values, found by member name anywhere in a change's details (the shapes type
//! them all as plain strings): AWS account ids, ISO-8601 durations, `YYYY-MM-DD` dates and
//! decimal-string prices; plus unresolved `{{VAR}}` template variables anywhere in the request.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::dates::{parse_date, parse_duration};
use super::diagnostic::{join, Diagnostic};
use super::shapes::short;

/// Members holding ISO-8601 durations (plus a rate card `Selector.Value` whose `Type` is
/// `Duration`): validity, free-trial and upfront-pricing terms.
const DURATIONS: &[&str] = &["AgreementDuration", "Duration", "ExpirationDuration"];

/// Members holding `YYYY-MM-DD` dates: offer/resale availability, validity terms, payment
/// schedules, resale buyer validity.
const DATES: &[&str] = &[
    "AvailabilityEndDate",
    "AgreementStartDate",
    "AgreementEndDate",
    "ChargeDate",
    "ExpirationDate",
    "MaximumAgreementStartDate",
];

/// Members holding amounts: AWS wants decimal strings (`"10.00"`), never JSON numbers.
const PRICES: &[&str] = &["Price", "ChargeAmount", "Percentage", "MarkupPercentage"];

/// Checks the values inside one change's details, found at pointer `base`.
pub fn check_details(details: &Value, base: &str, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    match details {
        Value::Object(members) => {
            for (key, value) in members {
                let path = join(base, key);
                check_member(members, key, value, &path, today, out);
                check_details(value, &path, today, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_details(item, &join(base, i), today, out);
            }
        }
        _ => {}
    }
}

fn check_member(
    parent: &Map<String, Value>,
    key: &str,
    value: &Value,
    path: &str,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    match key {
        "BuyerAccounts" => {
            for (i, id) in value.as_array().into_iter().flatten().enumerate() {
                account_id(
                    "INVALID_BUYER_ID",
                    "buyer account id",
                    id,
                    &join(path, i),
                    out,
                );
            }
        }
        "ResellerAccountId" => account_id(
            "INVALID_ACCOUNT_ID",
            "reseller account id",
            value,
            path,
            out,
        ),
        "Value" if parent.get("Type").and_then(Value::as_str) == Some("Duration") => {
            duration("Selector.Value", value, path, out);
        }
        k if DURATIONS.contains(&k) => duration(k, value, path, out),
        k if DATES.contains(&k) => date(k, value, path, today, out),
        k if PRICES.contains(&k) => price(k, value, path, out),
        _ => {}
    }
}

fn account_id(
    code: &'static str,
    what: &str,
    value: &Value,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let problem = match value {
        Value::String(s) if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) => return,
        Value::String(s) if s.bytes().all(|b| b.is_ascii_digit()) => {
            format!(
                "{what} {s:?} has {} digits; AWS account ids have 12",
                s.len()
            )
        }
        Value::String(s) => format!("{what} {s:?} is not 12 digits"),
        other => format!(
            "{what} must be a string of 12 digits, found {}",
            short(other)
        ),
    };
    out.push(
        Diagnostic::error(code, path, problem)
            .with_hint("write the 12-digit AWS account id as a string, keeping leading zeros, e.g. \"012345678901\""),
    );
}

fn duration(name: &str, value: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    let Some(s) = value.as_str() else { return };
    if let Err(why) = parse_duration(s) {
        out.push(
            Diagnostic::error(
                "INVALID_DURATION",
                path,
                format!("{name} {s:?} is not an ISO-8601 duration: {why}"),
            )
            .with_hint("write P<n>D, P<n>M or P<n>Y, e.g. P30D, P12M or P1Y"),
        );
    }
}

fn date(name: &str, value: &Value, path: &str, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(s) = value.as_str() else { return };
    match parse_date(s) {
        Err(why) => out.push(
            Diagnostic::error(
                "INVALID_DATE",
                path,
                format!("{name} {s:?} is not a date: {why}"),
            )
            .with_hint("write YYYY-MM-DD, e.g. 2030-12-31"),
        ),
        Ok(day) if day < today => out.push(
            Diagnostic::warning(
                "PAST_DATE",
                path,
                format!("{name} {s} is in the past (today is {today})"),
            )
            .with_hint(
                "AWS rejects dates in the past for new offers and schedules; use a future date",
            ),
        ),
        Ok(_) => {}
    }
}

fn price(name: &str, value: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    let message = match value {
        Value::String(s) if is_decimal(s) => return,
        Value::String(s) => format!("{name} {s:?} is not a decimal amount"),
        Value::Number(n) => format!("{name} is the JSON number {n}; amounts are decimal strings"),
        _ => return,
    };
    let hint = match value {
        Value::Number(n) => format!("write \"{n}\""),
        _ => "write digits with an optional fraction and no currency sign, e.g. \"10\" or \"0.25\""
            .to_string(),
    };
    out.push(Diagnostic::error("INVALID_PRICE", path, message).with_hint(hint));
}

/// `^\d+(\.\d+)?$`
fn is_decimal(s: &str) -> bool {
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// `UNRESOLVED_VARIABLE` for every string anywhere under `value` that still holds `{{NAME}}`.
pub fn check_variables(value: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(s) => {
            let names = variables_in(s);
            if names.is_empty() {
                return;
            }
            let flags: Vec<String> = names.iter().map(|n| format!("--var {n}=...")).collect();
            let what = if names.len() == 1 {
                "variable"
            } else {
                "variables"
            };
            out.push(
                Diagnostic::error(
                    "UNRESOLVED_VARIABLE",
                    path,
                    format!(
                        "unresolved template {what} {} in {}",
                        names.join(", "),
                        short(value)
                    ),
                )
                .with_hint(format!("pass {}", flags.join(" "))),
            );
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_variables(item, &join(path, i), out);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                check_variables(item, &join(path, key), out);
            }
        }
        _ => {}
    }
}

/// `UPPER_SNAKE_CASE`: the names a `--var` or config `variables` key may have.
pub fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && name.as_bytes()[0].is_ascii_uppercase()
}

/// The names of the `{{NAME}}` placeholders in `s` (spaces inside the braces allowed), in order,
/// each once.
pub fn variables_in(s: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let name = after[..close].trim();
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
            rest = &after[close + 2..];
        } else {
            rest = after;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn codes(details: Value) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        check_details(&details, "", today(), &mut out);
        out.into_iter().map(|d| (d.code, d.path)).collect()
    }

    #[test]
    fn decimals() {
        for ok in ["0", "10", "0.25", "170.00"] {
            assert!(is_decimal(ok), "{ok}");
        }
        for bad in ["", ".5", "5.", "-1", "1e3", "$5", "1,000", "1.2.3", " 1"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn values_are_found_by_member_name() {
        let got = codes(json!({
            "PositiveTargeting": {"BuyerAccounts": ["111111111111", "11111111111", 222222222222_u64]},
            "Terms": [{"Duration": "P12X", "Price": 3, "RateCards": [{"Selector": {"Type": "Duration", "Value": "12M"}}],
                       "Schedule": [{"ChargeDate": "2023-13-45", "ChargeAmount": "1.0"}]}],
            "AvailabilityEndDate": "2024-01-01",
            "ResellerAccountId": "abc"
        }));
        let want = [
            ("INVALID_BUYER_ID", "/PositiveTargeting/BuyerAccounts/1"),
            ("INVALID_BUYER_ID", "/PositiveTargeting/BuyerAccounts/2"),
            ("INVALID_DURATION", "/Terms/0/Duration"),
            ("INVALID_PRICE", "/Terms/0/Price"),
            ("INVALID_DURATION", "/Terms/0/RateCards/0/Selector/Value"),
            ("INVALID_DATE", "/Terms/0/Schedule/0/ChargeDate"),
            ("PAST_DATE", "/AvailabilityEndDate"),
            ("INVALID_ACCOUNT_ID", "/ResellerAccountId"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for w in want {
            assert!(
                got.iter().any(|(c, p)| (*c, p.as_str()) == w),
                "missing {w:?} in {got:?}"
            );
        }
    }

    #[test]
    fn selector_values_of_other_types_are_not_durations() {
        assert!(codes(json!({"Selector": {"Type": "Region", "Value": "us-east-1"}})).is_empty());
    }

    #[test]
    fn variables() {
        assert_eq!(variables_in("{{A}} and {{ B_2 }} and {{A}}"), ["A", "B_2"]);
        assert!(variables_in("{not} {{}} {{1x}} {{a b}}").is_empty());
        let mut out = Vec::new();
        check_variables(&json!({"x": ["ok", "{{BUYER_IDS}}"]}), "", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path, "/x/1");
        assert_eq!(out[0].hint.as_deref(), Some("pass --var BUYER_IDS=..."));
    }
}
