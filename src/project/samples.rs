//! The sample values a starter project carries (`mpctl init`, the template library): AWS's
//! documentation account 111122223333, the sample EULA, logo, video and fulfilment URLs, the
//! sample product title and the sample customer. They are fine on an emulator; against AWS a
//! request carrying one would publish a listing or an offer with them, so it is refused before
//! anything is sent (exit 2), naming the file and key or line to edit.

use std::path::Path;

use serde_json::Value;

use crate::exit::bad_input;
use crate::settings::Settings;

/// A sample value (whole, or the start of a URL) and what it is.
const SAMPLES: &[(&str, &str)] = &[
    ("111122223333", "AWS's documentation example account"),
    (
        "https://s3.amazonaws.com/sample-bucket/",
        "the sample EULA URL",
    ),
    (
        "https://s3.amazonaws.com/logos/sample.png",
        "the sample logo URL",
    ),
    ("https://sample.amazonaws.com/", "a sample URL"),
    ("Example Buyer Corp", "the sample customer"),
    ("https://buyer.example.com", "the sample customer's website"),
    ("mpctl sample SaaS product", "the sample product title"),
];

fn sample(s: &str) -> Option<&'static str> {
    SAMPLES
        .iter()
        .find(|(v, _)| s == *v || (v.ends_with('/') && s.starts_with(v)))
        .map(|(_, what)| *what)
}

/// Every string in `v` that is a sample, with its JSON pointer.
fn found(v: &Value, at: &str, out: &mut Vec<(String, String, &'static str)>) {
    match v {
        Value::String(s) => {
            if let Some(what) = sample(s) {
                out.push((at.to_string(), s.clone(), what));
            }
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| found(x, &format!("{at}/{i}"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| found(x, &format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// Where `value` comes from among the project's files: `file: "key"` or `file:line`.
fn source(settings: &Settings, value: &str) -> Option<String> {
    if let Ok(Value::Object(config)) = serde_json::to_value(&settings.config) {
        if let Some((key, _)) = config.iter().find(|(_, v)| v.as_str() == Some(value)) {
            return Some(format!("{}: \"{key}\"", settings.config_path.display()));
        }
    }
    let c = &settings.config;
    let files = [
        settings.buyers_path.clone(),
        crate::workflow::inputs::template_path(settings, &c.product_changeset),
        crate::workflow::inputs::template_path(settings, &c.offer_changeset),
        crate::workflow::inputs::template_path(settings, &c.opportunity_template),
    ];
    files.iter().find_map(|f| line_of(f, value))
}

fn line_of(path: &Path, value: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let n = text.lines().position(|l| l.contains(value))?;
    Some(format!("{}:{}", path.display(), n + 1))
}

/// Against AWS, refuses requests that carry a sample value (exit 2, nothing sent).
pub fn refuse(settings: &Settings, requests: &[&Value]) -> anyhow::Result<()> {
    if settings.is_loopback() {
        return Ok(());
    }
    let mut hits = Vec::new();
    for r in requests {
        found(r, "", &mut hits);
    }
    if hits.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = hits
        .iter()
        .map(|(at, value, what)| {
            let from = source(settings, value).unwrap_or_else(|| format!("request {at}"));
            format!("{from}: '{value}' is {what}, a placeholder")
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    lines.retain(|l| seen.insert(l.clone()));
    Err(bad_input(format!(
        "{}\nnothing was sent: these would reach AWS as they are\n  hint: replace each with your own value (buyer accounts, URLs, product title, customer); the samples work only against the emulator (--local, `mpctl emulator serve`)",
        lines.join("\n")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_found_by_value_and_url_prefix() {
        let mut out = Vec::new();
        let body = serde_json::json!({"A": ["111122223333", "123456789012"],
            "B": {"LogoUrl": "https://s3.amazonaws.com/logos/sample.png", "U": "https://sample.amazonaws.com/x"}});
        found(&body, "", &mut out);
        let at: Vec<&str> = out.iter().map(|(a, _, _)| a.as_str()).collect();
        assert_eq!(at, ["/A/0", "/B/LogoUrl", "/B/U"]);
    }
}
