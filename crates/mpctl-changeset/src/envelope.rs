//! The StartChangeSet request's own members (`C:StartChangeSetRequest`): catalog, change set
//! name, intent, client token, tags and the 1–20 changes. Each change's members are checked in
//! `request`.

use serde_json::{Map, Value};

use super::diagnostic::Diagnostic;
use super::request::{check_tags, missing, unknown_members};
use super::shapes::short;

pub const CATALOG: &str = "AWSMarketplace";
pub const MAX_CHANGES: usize = 20;
const MAX_CHANGE_SET_NAME: usize = 100;
const REQUEST_MEMBERS: &[&str] = &[
    "Catalog",
    "ChangeSet",
    "ChangeSetName",
    "ClientRequestToken",
    "ChangeSetTags",
    "Intent",
];

/// Request-level members. Returns the changes when `ChangeSet` is an array.
pub fn check_envelope<'r>(request: &'r Value, out: &mut Vec<Diagnostic>) -> Option<&'r [Value]> {
    let Some(members) = request.as_object() else {
        out.push(Diagnostic::error(
            "INVALID_REQUEST",
            "",
            format!(
                "a StartChangeSet request is a JSON object, found {}",
                short(request)
            ),
        ));
        return None;
    };
    unknown_members(members, "", REQUEST_MEMBERS, out);
    check_catalog(members.get("Catalog"), out);
    check_change_set_name(members.get("ChangeSetName"), out);
    check_intent(members.get("Intent"), out);
    check_token(members.get("ClientRequestToken"), out);
    if let Some(tags) = members.get("ChangeSetTags") {
        check_tags(tags, "/ChangeSetTags", out);
    }
    let changes = changes_of(members, out)?;
    check_change_count(changes, out);
    Some(changes)
}

fn check_catalog(catalog: Option<&Value>, out: &mut Vec<Diagnostic>) {
    match catalog {
        None => out.push(missing("/Catalog", "Catalog").with_hint(format!("add \"Catalog\": \"{CATALOG}\""))),
        Some(Value::String(c)) if c == CATALOG => {}
        Some(other) => out.push(
            Diagnostic::error("INVALID_CATALOG", "/Catalog", format!("Catalog {} is not {CATALOG}", short(other)))
                .with_hint(format!(
                    "the Marketplace Catalog API has one catalog, {CATALOG} (AWS and Sandbox are Partner Central catalogs)"
                )),
        ),
    }
}

fn check_intent(intent: Option<&Value>, out: &mut Vec<Diagnostic>) {
    let Some(intent) = intent else { return };
    if !matches!(intent.as_str(), Some("APPLY" | "VALIDATE")) {
        out.push(
            Diagnostic::error(
                "INVALID_INTENT",
                "/Intent",
                format!("Intent {} is not APPLY or VALIDATE", short(intent)),
            )
            .with_hint("use APPLY (the default) or VALIDATE"),
        );
    }
}

fn check_token(token: Option<&Value>, out: &mut Vec<Diagnostic>) {
    let Some(token) = token else { return };
    let ok = token.as_str().is_some_and(|t| {
        (1..=64).contains(&t.len()) && t.bytes().all(|b| (b'!'..=b'~').contains(&b))
    });
    if !ok {
        out.push(
            Diagnostic::error(
                "INVALID_CLIENT_REQUEST_TOKEN",
                "/ClientRequestToken",
                format!(
                    "ClientRequestToken {} is not 1–64 printable ASCII characters",
                    short(token)
                ),
            )
            .with_hint("use a stable token without spaces, e.g. a UUID"),
        );
    }
}

/// `ChangeSet`, when it is an array.
fn changes_of<'r>(
    members: &'r Map<String, Value>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'r [Value]> {
    match members.get("ChangeSet") {
        None => {
            out.push(missing("/ChangeSet", "ChangeSet"));
            None
        }
        Some(Value::Array(changes)) => Some(changes),
        Some(other) => {
            out.push(Diagnostic::error(
                "INVALID_REQUEST",
                "/ChangeSet",
                format!(
                    "ChangeSet must be an array of changes, found {}",
                    short(other)
                ),
            ));
            None
        }
    }
}

fn check_change_count(changes: &[Value], out: &mut Vec<Diagnostic>) {
    if changes.is_empty() {
        out.push(
            Diagnostic::error("EMPTY_CHANGE_SET", "/ChangeSet", "ChangeSet has no changes")
                .with_hint("a change set holds 1 to 20 changes"),
        );
    } else if changes.len() > MAX_CHANGES {
        out.push(
            Diagnostic::error(
                "TOO_MANY_CHANGES",
                "/ChangeSet",
                format!(
                    "ChangeSet has {} changes; at most {MAX_CHANGES} are allowed",
                    changes.len()
                ),
            )
            .with_hint(
                "split it into several change sets, linking later sets to created entities by id",
            ),
        );
    }
}

fn check_change_set_name(name: Option<&Value>, out: &mut Vec<Diagnostic>) {
    let Some(name) = name else { return };
    let problem = match name.as_str() {
        None => format!("ChangeSetName must be a string, found {}", short(name)),
        Some("") => "ChangeSetName is empty".to_string(),
        Some(s) if s.chars().count() > MAX_CHANGE_SET_NAME => {
            format!(
                "ChangeSetName is {} characters; at most {MAX_CHANGE_SET_NAME} are allowed",
                s.chars().count()
            )
        }
        Some(s) => match s.chars().find(|c| !is_change_set_name_char(*c)) {
            Some(bad) => format!("ChangeSetName {s:?} contains {bad:?}"),
            None => return,
        },
    };
    out.push(
        Diagnostic::error("INVALID_CHANGE_SET_NAME", "/ChangeSetName", problem)
            .with_hint("use up to 100 letters, digits, spaces and _ + = . : @ -"),
    );
}

/// `^[\w\s+=.:@-]+$` over ASCII.
fn is_change_set_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c.is_ascii_whitespace() || "_+=.:@-".contains(c)
}
