//! The StartChangeSet envelope (`C:StartChangeSetRequest` and `C:Change` in the service model):
//! catalog, change count, names, intent, tags, and for each change its entity type, change type,
//! details member and `ChangeName`, plus the set-wide rules on names and repeated change types.
//! The request-level members (catalog, name, intent, token, tags, change count) are in
//! `envelope`.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::change;
use super::diagnostic::{join, Diagnostic};
use super::references::{change_names, target_of, Target};
use super::shapes::{self, closest, short, unknown_field};

const CHANGE_MEMBERS: &[&str] = &[
    "ChangeType",
    "Entity",
    "EntityTags",
    "Details",
    "DetailsDocument",
    "ChangeName",
];
const ENTITY_MEMBERS: &[&str] = &["Type", "Identifier"];
/// `C:ChangeName` is 1–72 characters; its model pattern `^[a-zA-Z]$` is evidently meant as
/// `^[a-zA-Z]+$` (every ChangeName in AWS's samples is letters only), which is what we enforce.
const MAX_CHANGE_NAME: usize = 72;
/// `C:Json`: a `Details` string is 2–16,384 characters.
const MAX_DETAILS: usize = 16_384;

/// `C:TagList`: 1–200 `{Key (1–128), Value (0–256)}`.
pub(crate) fn check_tags(tags: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    let hint = "tags are [{\"Key\": \"…\", \"Value\": \"…\"}], 1–200 of them, keys 1–128 and values 0–256 characters";
    let Some(items) = tags.as_array().filter(|t| (1..=200).contains(&t.len())) else {
        out.push(
            Diagnostic::error(
                "INVALID_TAG",
                path,
                format!("tags must be a list of 1–200 tags, found {}", short(tags)),
            )
            .with_hint(hint),
        );
        return;
    };
    for (i, tag) in items.iter().enumerate() {
        let key = tag.get("Key").and_then(Value::as_str);
        let value = tag.get("Value").and_then(Value::as_str);
        let ok = tag.as_object().is_some_and(|o| o.len() == 2)
            && key.is_some_and(|k| (1..=128).contains(&k.chars().count()))
            && value.is_some_and(|v| v.chars().count() <= 256);
        if !ok {
            out.push(
                Diagnostic::error(
                    "INVALID_TAG",
                    join(path, i),
                    format!("{} is not a valid tag", short(tag)),
                )
                .with_hint(hint),
            );
        }
    }
}

/// One change's envelope: members, entity, change type, details member, ChangeName.
pub fn check_change(c: &Value, i: usize, out: &mut Vec<Diagnostic>) {
    let base = format!("/ChangeSet/{i}");
    let Some(members) = c.as_object() else {
        out.push(Diagnostic::error(
            "INVALID_REQUEST",
            base,
            format!("a change is a JSON object, found {}", short(c)),
        ));
        return;
    };
    unknown_members(members, &base, CHANGE_MEMBERS, out);
    let entity_type = check_entity(members.get("Entity"), &base, out);
    let change_type = match members.get("ChangeType") {
        None => {
            out.push(missing(&format!("{base}/ChangeType"), "ChangeType"));
            None
        }
        Some(Value::String(ct)) => Some(ct.as_str()),
        Some(other) => {
            out.push(Diagnostic::error(
                "INVALID_REQUEST",
                format!("{base}/ChangeType"),
                format!("ChangeType must be a string, found {}", short(other)),
            ));
            None
        }
    };
    if let (Some(et), Some(ct)) = (entity_type, change_type) {
        check_change_type(et, ct, &base, out);
    }
    check_details_member(members, entity_type, change_type, &base, out);
    if let Some(name) = members.get("ChangeName") {
        check_change_name(name, &base, out);
    }
    if let Some(tags) = members.get("EntityTags") {
        check_tags(tags, &format!("{base}/EntityTags"), out);
    }
}

/// Returns the entity type when it is a known one.
fn check_entity<'c>(
    entity: Option<&'c Value>,
    base: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<&'c str> {
    let path = format!("{base}/Entity");
    let members = match entity {
        None => {
            out.push(missing(&path, "Entity").with_hint(
                "add \"Entity\": {\"Type\": \"Offer@1.0\", \"Identifier\": \"offer-…\"}",
            ));
            return None;
        }
        Some(Value::Object(members)) => members,
        Some(other) => {
            out.push(Diagnostic::error(
                "INVALID_REQUEST",
                path,
                format!("Entity must be an object, found {}", short(other)),
            ));
            return None;
        }
    };
    unknown_members(members, &path, ENTITY_MEMBERS, out);
    if let Some(id) = members.get("Identifier") {
        if !id.as_str().is_some_and(|s| !s.is_empty() && s.len() <= 255) {
            out.push(Diagnostic::error(
                "INVALID_REQUEST",
                format!("{path}/Identifier"),
                format!(
                    "Entity.Identifier must be a string of 1–255 characters, found {}",
                    short(id)
                ),
            ));
        }
    }
    let type_path = format!("{path}/Type");
    let known = shapes::entity_types();
    match members.get("Type") {
        None => {
            out.push(missing(&type_path, "Entity.Type"));
            None
        }
        Some(Value::String(t)) if known.contains(&t.as_str()) => Some(t.as_str()),
        Some(other) => {
            let text = other.as_str().unwrap_or_default();
            let versioned = format!("{text}@1.0");
            let near = if known.contains(&versioned.as_str()) {
                Some(versioned)
            } else {
                closest(text, &known).map(str::to_string)
            };
            let hint = match near {
                Some(n) => format!("did you mean {n}? known entity types: {}", known.join(", ")),
                None => format!("known entity types: {}", known.join(", ")),
            };
            out.push(
                Diagnostic::error(
                    "UNKNOWN_ENTITY_TYPE",
                    type_path,
                    format!("entity type {} is not known", short(other)),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

fn check_change_type(entity_type: &str, change_type: &str, base: &str, out: &mut Vec<Diagnostic>) {
    let valid = shapes::change_types_for(entity_type).unwrap_or_default();
    if valid.contains(&change_type) {
        return;
    }
    let elsewhere = shapes::entity_types_with(change_type);
    let hint = if let Some(near) = closest(change_type, &valid) {
        format!("did you mean {near}?")
    } else if valid.is_empty() {
        format!("{entity_type} has no change types of its own")
    } else if !elsewhere.is_empty() {
        format!(
            "{change_type} applies to {}; {entity_type} accepts {}",
            elsewhere.join(", "),
            valid.join(", ")
        )
    } else {
        format!("{entity_type} accepts {}", valid.join(", "))
    };
    out.push(
        Diagnostic::error(
            "INVALID_CHANGE_TYPE",
            format!("{base}/ChangeType"),
            format!("{change_type} is not a change type of {entity_type}"),
        )
        .with_hint(hint),
    );
}

/// Exactly one of `Details` (a JSON string) and `DetailsDocument`.
fn check_details_member(
    members: &Map<String, Value>,
    entity_type: Option<&str>,
    change_type: Option<&str>,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    match (members.get("Details"), members.get("DetailsDocument")) {
        (Some(_), Some(_)) => out.push(
            Diagnostic::error(
                "DETAILS_CONFLICT",
                format!("{base}/Details"),
                "the change has both Details and DetailsDocument",
            )
            .with_hint("keep one: DetailsDocument (a JSON value) or Details (the same JSON as a string)"),
        ),
        (None, None) => out.push(
            Diagnostic::error("MISSING_DETAILS", format!("{base}/DetailsDocument"), "the change has no DetailsDocument or Details")
                .with_hint("add \"DetailsDocument\": {} (an empty object when the change type takes no details)"),
        ),
        (Some(details), None) => check_details_string(details, entity_type, change_type, base, out),
        (None, Some(_)) => {}
    }
}

/// `C:Json`: a string of 2–16,384 characters holding a JSON object (or, for change types whose
/// document is an array such as `AddDimensions`, an array: the model's object-only pattern is
/// one of its unreliable ones).
fn check_details_string(
    details: &Value,
    entity_type: Option<&str>,
    change_type: Option<&str>,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    let path = format!("{base}/Details");
    let hint = "Details is the details JSON serialized as a string; or use DetailsDocument with the JSON itself";
    let Some(text) = details.as_str() else {
        out.push(
            Diagnostic::error(
                "INVALID_DETAILS",
                path,
                format!("Details must be a string, found {}", short(details)),
            )
            .with_hint(hint),
        );
        return;
    };
    let problem = if !(2..=MAX_DETAILS).contains(&text.chars().count()) {
        format!(
            "Details is {} characters; it must be 2–{MAX_DETAILS}",
            text.chars().count()
        )
    } else {
        match serde_json::from_str::<Value>(text) {
            Err(e) => format!("Details is not valid JSON: {e}"),
            Ok(Value::Object(_)) => return,
            Ok(Value::Array(_))
                if entity_type
                    .zip(change_type)
                    .is_some_and(|(et, ct)| shapes::is_array_shape(et, ct)) =>
            {
                return
            }
            Ok(other) => format!("Details must hold a JSON object, found {}", short(&other)),
        }
    };
    out.push(Diagnostic::error("INVALID_DETAILS", path, problem).with_hint(hint));
}

fn check_change_name(name: &Value, base: &str, out: &mut Vec<Diagnostic>) {
    let ok = name.as_str().is_some_and(|s| {
        (1..=MAX_CHANGE_NAME).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    });
    if !ok {
        out.push(
            Diagnostic::error(
                "INVALID_CHANGE_NAME",
                format!("{base}/ChangeName"),
                format!(
                    "ChangeName {} is not 1–{MAX_CHANGE_NAME} letters",
                    short(name)
                ),
            )
            .with_hint("use letters only, e.g. CreateOfferChange"),
        );
    }
}

/// `DUPLICATE_CHANGE_NAME` and `DUPLICATE_CHANGE_TYPE` (the same change type twice on one entity;
/// creates have no identifier yet and are not compared).
pub fn check_set(changes: &[Value], out: &mut Vec<Diagnostic>) {
    let names = change_names(changes);
    for (i, c) in changes.iter().enumerate() {
        if let Some(name) = change::change_name(c) {
            let first = names[name];
            if first != i {
                out.push(
                    Diagnostic::error(
                        "DUPLICATE_CHANGE_NAME",
                        format!("/ChangeSet/{i}/ChangeName"),
                        format!("ChangeName {name:?} is already used by change {first}"),
                    )
                    .with_hint("give every change a unique ChangeName; references use it to find the change"),
                );
            }
        }
    }
    let mut seen: HashMap<(Target, &str), usize> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let (Some(id), Some(ct)) = (change::identifier(c), change::change_type(c)) else {
            continue;
        };
        let Some(target) = target_of(id, &names) else {
            continue;
        };
        if let Some(&first) = seen.get(&(target.clone(), ct)) {
            out.push(
                Diagnostic::error(
                    "DUPLICATE_CHANGE_TYPE",
                    format!("/ChangeSet/{i}/ChangeType"),
                    format!("{ct} is already applied to {id} by change {first}"),
                )
                .with_hint("merge the two changes into one; a change set may apply each change type to an entity once"),
            );
        } else {
            seen.insert((target, ct), i);
        }
    }
}

pub(crate) fn missing(path: &str, what: &str) -> Diagnostic {
    Diagnostic::error("MISSING_FIELD", path, format!("{what} is required"))
}

pub(crate) fn unknown_members(
    members: &Map<String, Value>,
    base: &str,
    allowed: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    for key in members.keys() {
        if !allowed.contains(&key.as_str()) {
            out.push(unknown_field(key, join(base, key), allowed.iter().copied()));
        }
    }
}
