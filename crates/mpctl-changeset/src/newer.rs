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

/// Members of an offer term the shape library does not know, accepted where the term's `Type`
/// names it: (term type, members). [I] AWS's published Catalog shapes have no
/// VariablePaymentTerm (the professional-services term AWS added in 2026), yet the Agreement and
/// Discovery models carry it with `currencyCode` and `maxTotalChargeAmount`, and sellers make
/// such offers: its two members are accepted in an offer's `Terms`.
const NEWER_TERMS: &[(&str, &[&str])] = &[(
    "VariablePaymentTerm",
    &["CurrencyCode", "MaxTotalChargeAmount"],
)];

/// Drops, from the diagnostics `out[from..]` of one change's `details` (at `base`), the
/// UNKNOWN_FIELD errors for members of [`NEWER_TERMS`] in a term of their type.
pub(crate) fn accept_newer_term_members(
    details: &Value,
    base: &str,
    from: usize,
    out: &mut Vec<crate::Diagnostic>,
) {
    let newer = |d: &crate::Diagnostic| {
        let Some(rel) = d.path.strip_prefix(base) else {
            return false;
        };
        let Some((term, member)) = rel.rsplit_once('/') else {
            return false;
        };
        let kind = details
            .pointer(&format!("{term}/Type"))
            .and_then(Value::as_str);
        d.code == "UNKNOWN_FIELD"
            && NEWER_TERMS
                .iter()
                .any(|(t, members)| kind == Some(*t) && members.contains(&member))
    };
    let mut i = from;
    while i < out.len() {
        if newer(&out[i]) {
            out.remove(i);
        } else {
            i += 1;
        }
    }
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

    #[test]
    fn a_variable_payment_term_keeps_its_members_and_no_other_term_gets_them() {
        let details = json!({"PricingModel": "Contract", "Terms": [
            {"Type": "VariablePaymentTerm", "CurrencyCode": "USD", "MaxTotalChargeAmount": "50000.00"},
            {"Type": "LegalTerm", "MaxTotalChargeAmount": "1"}]});
        let mut out = Vec::new();
        check_details("Offer@1.0", "UpdatePricingTerms", &details, "/D", &mut out);
        super::accept_newer_term_members(&details, "/D", 0, &mut out);
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["/D/Terms/1/MaxTotalChargeAmount"], "{out:?}");
    }
}
