//! The JSON contract, checked on every document a test reads: the shipped schema for the
//! command (`schemas/<command>.json`, or `schemas/error.json` for a failure) validates it, and
//! every key mpctl defines is snake_case. AWS's own documents pass through only under the
//! fields in [`PASS_THROUGH`], whose insides keep AWS's spelling.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

/// Fields whose value is an AWS document, passed through as AWS spells it.
pub const PASS_THROUGH: &[&str] = &[
    // entity describe, changeset describe/wait: the entity's or change's DetailsDocument.
    "details_document",
    // offer describe: the offer entity's DetailsDocument.
    "document",
    // changeset render: the StartChangeSet request.
    "request",
    // listing plan: every StartChangeSet request of a split plan.
    "requests",
    // offer clone/replace --dry-run: the StartChangeSet request.
    "changeset",
    // agreement terms: one accepted term as GetAgreementTerms returns it.
    "term",
    // --plan: each request body exactly as it would be sent.
    "body",
    // entity policy: the resource policy document (IAM's spelling).
    "policy",
    // listing diff/plan/apply: a field's live and listing-file values (DetailsDocument parts).
    "live",
    "local",
];

/// The subcommand groups: `offer list` is the command `offer-list`.
const GROUPS: &[&str] = &[
    "events",
    "opportunity",
    "invitation",
    "changeset",
    "entity",
    "listing",
    "offer",
    "agreement",
    "buyer",
    "emulator",
    "campaign",
    "lead",
    "engagement",
    "metering",
    "entitlement",
];

pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

/// The schema file stem for a command line (`["offer", "list", …]` → `offer-list`).
pub fn command_of(args: &[String]) -> Option<String> {
    let words: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .take_while(|a| !a.starts_with('-'))
        .collect();
    match words.as_slice() {
        // `emulator seed lead|registration-token`: one document per kind of seed.
        ["emulator", "seed", kind, ..] => Some(format!("emulator-seed-{kind}")),
        [group, sub, ..] if GROUPS.contains(group) => Some(format!("{group}-{sub}")),
        [command, ..] => Some(command.to_string()),
        [] => None,
    }
}

fn validators() -> &'static Mutex<BTreeMap<String, jsonschema::Validator>> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, jsonschema::Validator>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// Validates `doc` against `schemas/<stem>.json`; the errors, one per line.
pub fn schema_errors(stem: &str, doc: &Value) -> Vec<String> {
    let mut cache = validators().lock().unwrap_or_else(|e| e.into_inner());
    if !cache.contains_key(stem) {
        let path = schema_dir().join(format!("{stem}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: no shipped schema: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{}: not a valid JSON Schema: {e}", path.display()));
        cache.insert(stem.to_string(), validator);
    }
    cache[stem]
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

/// Keys mpctl defines that are not snake_case, as JSON paths.
pub fn non_snake_keys(doc: &Value) -> Vec<String> {
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let here = format!("{path}/{k}");
                    let snake = k
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                        && k.starts_with(|c: char| c.is_ascii_lowercase());
                    if !snake {
                        out.push(here.clone());
                    }
                    if !PASS_THROUGH.contains(&k.as_str()) {
                        walk(child, &here, out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, "", &mut out);
    out
}

/// The schema a document printed by `mpctl ARGS` must match: `error` for a failure, `plan`
/// under `--plan`, else the command's own.
pub fn schema_for(args: &[String], doc: &Value) -> Option<String> {
    let command = command_of(args)?;
    Some(if doc.get("error").is_some() && doc["ok"] == false {
        "error".to_string()
    } else if args.iter().any(|a| a == "--plan") {
        "plan".to_string()
    } else {
        command
    })
}

/// Panics unless `doc`, printed by `mpctl ARGS --output json`, keeps the contract: an `ok`
/// member, the command's schema (or the failure or plan schema), snake_case keys.
pub fn check(args: &[String], doc: &Value) {
    let Some(stem) = schema_for(args, doc) else {
        return;
    };
    let command = args.join(" ");
    assert!(
        doc.get("ok").is_some_and(Value::is_boolean),
        "{command}: no ok: {doc:#}"
    );
    let errors = schema_errors(&stem, doc);
    assert!(
        errors.is_empty(),
        "{command}: the document does not match schemas/{stem}.json:\n{}\n{doc:#}",
        errors.join("\n")
    );
    let bad = non_snake_keys(doc);
    assert!(
        bad.is_empty(),
        "{command}: keys not snake_case: {bad:?}\n{doc:#}"
    );
}
