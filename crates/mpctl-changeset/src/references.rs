//! `$Name.Entity.Identifier` references: a change names another change of the same set (by its
//! `ChangeName`) to use the id of the entity that change creates or edits. They may appear in
//! `Entity.Identifier` and as any string value inside the details; AWS orders the changes by
//! their references, so a reference may point forward, but never at itself or round a cycle.

use std::collections::HashMap;

use serde_json::Value;

use super::change;
use super::diagnostic::{join, Diagnostic};

const PREFIX: &str = "$";
const SUFFIX: &str = ".Entity.Identifier";

/// `"$CreateOfferChange.Entity.Identifier"` → `Some("CreateOfferChange")`.
pub fn reference_name(s: &str) -> Option<&str> {
    let name = s.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then_some(name)
}

/// Every reference in a change, with its pointer relative to the change: `Entity.Identifier`
/// first, then the details in document order.
pub fn references_in(change: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    if let Some(name) = change::identifier(change).and_then(reference_name) {
        found.push(("/Entity/Identifier".to_string(), name.to_string()));
    }
    if let Some((base, details)) = change::details_with_pointer(change) {
        collect(&details, base, &mut found);
    }
    found
}

fn collect(value: &Value, path: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => {
            if let Some(name) = reference_name(s) {
                found.push((path.to_string(), name.to_string()));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &join(path, i), found);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                collect(item, &join(path, key), found);
            }
        }
        _ => {}
    }
}

/// An entity a change or a field names: the one another change of the set creates or edits, or
/// an existing one by id (revision stripped).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Change(usize),
    Id(String),
}

/// Where each ChangeName is defined (the first one wins; duplicates are reported elsewhere).
pub fn change_names(changes: &[Value]) -> HashMap<&str, usize> {
    let mut names = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if let Some(name) = change::change_name(c) {
            names.entry(name).or_insert(i);
        }
    }
    names
}

/// What an identifier string names: `None` for an unknown reference.
pub fn target_of(s: &str, names: &HashMap<&str, usize>) -> Option<Target> {
    match reference_name(s) {
        Some(name) => names.get(name).map(|&i| Target::Change(i)),
        None => Some(Target::Id(s.split('@').next().unwrap_or(s).to_string())),
    }
}

/// `UNKNOWN_REFERENCE`, `SELF_REFERENCE`, `INVALID_REFERENCE` and `REFERENCE_CYCLE`.
pub fn check(changes: &[Value], out: &mut Vec<Diagnostic>) {
    let names = change_names(changes);
    let mut defined: Vec<&str> = names.keys().copied().collect();
    defined.sort_unstable();
    let mut edges: Vec<Vec<(usize, String)>> = vec![Vec::new(); changes.len()];
    for (i, c) in changes.iter().enumerate() {
        let base = format!("/ChangeSet/{i}");
        malformed(c, &base, out);
        for (pointer, name) in references_in(c) {
            let path = format!("{base}{pointer}");
            let text = format!("${name}{SUFFIX}");
            match names.get(name.as_str()) {
                None => out.push(
                    Diagnostic::error(
                        "UNKNOWN_REFERENCE",
                        path,
                        format!("{text} names no change in this set"),
                    )
                    .with_hint(if defined.is_empty() {
                        "set ChangeName on the change that creates the entity and reference that name".to_string()
                    } else {
                        format!("ChangeNames defined in this set: {}", defined.join(", "))
                    }),
                ),
                Some(&j) if j == i => out.push(
                    Diagnostic::error("SELF_REFERENCE", path, format!("{text} refers to this change itself"))
                        .with_hint("reference the change that creates the entity, not this one"),
                ),
                Some(&j) => edges[i].push((j, path)),
            }
        }
    }
    for (i, out_edges) in edges.iter().enumerate() {
        if let Some((j, path)) = out_edges.iter().find(|(j, _)| reaches(&edges, *j, i)) {
            let name = change::change_name(&changes[*j]).unwrap_or_default();
            out.push(
                Diagnostic::error(
                    "REFERENCE_CYCLE",
                    path.clone(),
                    format!("${name}{SUFFIX} closes a cycle of references back to change {i}"),
                )
                .with_hint("a change may only reference changes that do not, directly or indirectly, reference it"),
            );
        }
    }
}

fn reaches(edges: &[Vec<(usize, String)>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        stack.extend(edges[n].iter().map(|(j, _)| *j));
    }
    false
}

/// Strings that try to be references but are not: any `$…` identifier, and `$X.Entity…`
/// values inside the details.
fn malformed(c: &Value, base: &str, out: &mut Vec<Diagnostic>) {
    let mut suspects = Vec::new();
    if let Some(id) = change::identifier(c) {
        if id.starts_with(PREFIX) && reference_name(id).is_none() {
            suspects.push((format!("{base}/Entity/Identifier"), id.to_string()));
        }
    }
    if let Some((pointer, details)) = change::details_with_pointer(c) {
        suspect_strings(&details, &format!("{base}{pointer}"), &mut suspects);
    }
    for (path, text) in suspects {
        out.push(
            Diagnostic::error(
                "INVALID_REFERENCE",
                path,
                format!("{text:?} is not a valid reference"),
            )
            .with_hint(
                "write $<ChangeName>.Entity.Identifier, e.g. $CreateOfferChange.Entity.Identifier",
            ),
        );
    }
}

fn suspect_strings(value: &Value, path: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::String(s)
            if s.starts_with(PREFIX) && s.contains(".Entity") && reference_name(s).is_none() =>
        {
            found.push((path.to_string(), s.clone()));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                suspect_strings(item, &join(path, i), found);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                suspect_strings(item, &join(path, key), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reference_names_parse_strictly() {
        assert_eq!(
            reference_name("$CreateOfferChange.Entity.Identifier"),
            Some("CreateOfferChange")
        );
        assert_eq!(reference_name("$.Entity.Identifier"), None);
        assert_eq!(reference_name("CreateOfferChange.Entity.Identifier"), None);
        assert_eq!(reference_name("$CreateOfferChange.Entity.Id"), None);
        assert_eq!(reference_name("$Create Offer.Entity.Identifier"), None);
        assert_eq!(reference_name("offer-1111111111111"), None);
    }

    #[test]
    fn references_are_found_in_entity_and_details() {
        let c = json!({"ChangeType": "CreateOffer",
            "Entity": {"Type": "Offer@1.0", "Identifier": "$A.Entity.Identifier"},
            "DetailsDocument": {"ProductId": "$B.Entity.Identifier", "List": ["x", "$C.Entity.Identifier"]}});
        let refs = references_in(&c);
        let expected = [
            ("/Entity/Identifier", "A"),
            ("/DetailsDocument/ProductId", "B"),
            ("/DetailsDocument/List/1", "C"),
        ];
        assert_eq!(refs.len(), expected.len());
        for ((p, n), (ep, en)) in refs.iter().zip(expected) {
            assert_eq!((p.as_str(), n.as_str()), (ep, en));
        }
        let text = json!({"Entity": {"Type": "Offer@1.0"}, "Details": "{\"ProductId\": \"$B.Entity.Identifier\"}"});
        assert_eq!(
            references_in(&text),
            vec![("/Details/ProductId".to_string(), "B".to_string())]
        );
    }

    #[test]
    fn targets_strip_revisions() {
        let changes = [json!({"ChangeName": "A"})];
        let names = change_names(&changes);
        assert_eq!(
            target_of("$A.Entity.Identifier", &names),
            Some(Target::Change(0))
        );
        assert_eq!(target_of("$B.Entity.Identifier", &names), None);
        assert_eq!(
            target_of("prod-abc@3", &names),
            Some(Target::Id("prod-abc".into()))
        );
    }

    #[test]
    fn cycles_self_and_unknown_references_are_reported() {
        let changes = vec![
            json!({"ChangeName": "A", "Entity": {"Type": "Offer@1.0", "Identifier": "$B.Entity.Identifier"}}),
            json!({"ChangeName": "B", "Entity": {"Type": "Offer@1.0", "Identifier": "$A.Entity.Identifier"}}),
            json!({"ChangeName": "C", "Entity": {"Type": "Offer@1.0", "Identifier": "$C.Entity.Identifier"}}),
            json!({"Entity": {"Type": "Offer@1.0", "Identifier": "$Nope.Entity.Identifier"}}),
            json!({"Entity": {"Type": "Offer@1.0", "Identifier": "$A.Entity.Id"}}),
        ];
        let mut out = Vec::new();
        check(&changes, &mut out);
        let got: Vec<(&str, &str)> = out.iter().map(|d| (d.code, d.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("SELF_REFERENCE", "/ChangeSet/2/Entity/Identifier"),
                ("UNKNOWN_REFERENCE", "/ChangeSet/3/Entity/Identifier"),
                ("INVALID_REFERENCE", "/ChangeSet/4/Entity/Identifier"),
                ("REFERENCE_CYCLE", "/ChangeSet/0/Entity/Identifier"),
                ("REFERENCE_CYCLE", "/ChangeSet/1/Entity/Identifier"),
            ]
        );
    }
}
