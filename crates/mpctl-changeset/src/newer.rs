//! Where the embedded shape library lags AWS's current Catalog model — the one place this is
//! recorded. The library is AWS's 2024 publication; the current model knows members it does not
//! (AWS's own request collections create a private offer inside an offer set with `OfferSetId`
//! in CreateOffer), and the validator would call them UNKNOWN_FIELD. Each member listed here is
//! added to its published shape when the shapes load, so the validator and the emulator accept
//! it; the emulator gives it its meaning.

use serde_json::Value;

/// (entity type, change type, member, JSON Schema of the member). `OfferSetId` must name an
/// existing offer set, which the offer then joins (the emulator checks and applies it).
pub(crate) const NEWER_THAN_SHAPES: &[(&str, &str, &str, &str)] = &[(
    "Offer@1.0",
    "CreateOffer",
    "OfferSetId",
    r#"{"type": "string", "maxLength": 255}"#,
)];

/// The published schema of a change type with the members of [`NEWER_THAN_SHAPES`] added.
pub(crate) fn with_newer_members(entity_type: &str, change_type: &str, mut schema: Value) -> Value {
    for (et, ct, member, member_schema) in NEWER_THAN_SHAPES {
        if (*et, *ct) != (entity_type, change_type) {
            continue;
        }
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            let member_schema: Value =
                serde_json::from_str(member_schema).expect("NEWER_THAN_SHAPES holds JSON");
            props.insert(member.to_string(), member_schema);
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::shapes::check_details;

    #[test]
    fn create_offer_accepts_the_offer_set_the_shape_library_lacks() {
        let mut out = Vec::new();
        let details =
            json!({"ProductId": "prod-abc", "Name": "x", "OfferSetId": "offerset-abc123"});
        check_details("Offer@1.0", "CreateOffer", &details, "/D", &mut out);
        assert!(out.is_empty(), "{out:?}");
        let wrong = json!({"ProductId": "prod-abc", "OfferSetId": 7});
        check_details("Offer@1.0", "CreateOffer", &wrong, "/D", &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].path, "/D/OfferSetId");
    }
}
