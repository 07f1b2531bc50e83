//! One change of a change set as data: read-only accessors over the request JSON, so the rules
//! (and the emulator) read `ChangeType`, `Entity`, `ChangeName` and details the same way.

use serde_json::Value;

pub fn change_type(change: &Value) -> Option<&str> {
    change.get("ChangeType")?.as_str()
}

/// `Entity.Type`, e.g. `Offer@1.0`.
pub fn entity_type(change: &Value) -> Option<&str> {
    change.get("Entity")?.get("Type")?.as_str()
}

/// `Entity.Identifier`: an id (`offer-…`, maybe `@revision`) or a `$Name.Entity.Identifier`.
pub fn identifier(change: &Value) -> Option<&str> {
    change.get("Entity")?.get("Identifier")?.as_str()
}

pub fn change_name(change: &Value) -> Option<&str> {
    change.get("ChangeName")?.as_str()
}

/// The change's details: `DetailsDocument`, or `Details` parsed from its JSON string.
pub fn details_of(change: &Value) -> Option<Value> {
    details_with_pointer(change).map(|(_, details)| details)
}

/// The details and their pointer relative to the change (`/DetailsDocument` or `/Details`).
/// Pointers below `/Details` continue into the parsed string.
pub fn details_with_pointer(change: &Value) -> Option<(&'static str, Value)> {
    if let Some(doc) = change.get("DetailsDocument") {
        return Some(("/DetailsDocument", doc.clone()));
    }
    let text = change.get("Details")?.as_str()?;
    serde_json::from_str(text)
        .ok()
        .map(|details| ("/Details", details))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn details_come_from_either_member() {
        let doc = json!({"ChangeType": "ReleaseOffer", "DetailsDocument": {"a": 1}});
        assert_eq!(
            details_with_pointer(&doc),
            Some(("/DetailsDocument", json!({"a": 1})))
        );
        let text = json!({"ChangeType": "ReleaseOffer", "Details": "{\"a\": 1}"});
        assert_eq!(
            details_with_pointer(&text),
            Some(("/Details", json!({"a": 1})))
        );
        assert_eq!(details_of(&json!({"Details": "{not json"})), None);
        assert_eq!(details_of(&json!({"ChangeType": "X"})), None);
    }
}
