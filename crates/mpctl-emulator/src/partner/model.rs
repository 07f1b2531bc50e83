//! The botocore model of Partner Central Selling (2022-07-26), embedded verbatim, so request
//! validation reads required members and enum values from the same source the SDKs are generated
//! from instead of hand-copied lists.
//!
//! `service-2.json` is a byte-for-byte copy of botocore's `partnercentral-selling.2022-07-26` model;
//! refresh it from botocore when the service changes.

use std::sync::OnceLock;

use serde_json::{Map, Value};

const MODEL_JSON: &str = include_str!("service-2.json");

/// Enum values the Rust SDK (1.84) sends that botocore 1.43's model lacks (aws-behavior §0.5).
const EXTRA_ENUM_VALUES: &[(&str, &[&str])] = &[(
    "RelatedEntityType",
    &["AwsMarketplaceProducts", "AwsMarketplaceSolutions"],
)];

fn model() -> &'static Value {
    static MODEL: OnceLock<Value> = OnceLock::new();
    // The model is compiled into the binary; a parse failure is a build defect that the unit
    // tests below catch, never a property of a request.
    MODEL.get_or_init(|| {
        serde_json::from_str(MODEL_JSON).expect("embedded Partner Central model is JSON")
    })
}

/// A shape definition by name.
pub fn shape(name: &str) -> Option<&'static Map<String, Value>> {
    model().get("shapes")?.get(name)?.as_object()
}

/// The input shape name of an operation.
pub fn input_shape(op: &str) -> Option<&'static str> {
    model()
        .get("operations")?
        .get(op)?
        .get("input")?
        .get("shape")?
        .as_str()
}

/// The allowed values of an enum string shape (model values plus SDK-only additions), or `None`
/// when the shape is not an enum.
pub fn enum_values(shape_name: &str) -> Option<Vec<&'static str>> {
    let values = shape(shape_name)?.get("enum")?.as_array()?;
    let mut out: Vec<&'static str> = values.iter().filter_map(Value::as_str).collect();
    for (name, extra) in EXTRA_ENUM_VALUES {
        if *name == shape_name {
            out.extend_from_slice(extra);
        }
    }
    Some(out)
}

/// The acceptable values a member's documentation lists as `<i>Value:</i> explanation` items,
/// for string members the model leaves untyped but documents as a closed list (e.g.
/// `RejectEngagementInvitationRequest.RejectionReason`).
pub fn documented_values(structure: &str, member: &str) -> Vec<String> {
    let doc = shape(structure)
        .and_then(|s| {
            s.get("members")?
                .get(member)?
                .get("documentation")?
                .as_str()
        })
        .unwrap_or_default();
    doc.split("<i>")
        .skip(1)
        .filter_map(|item| item.split_once("</i>"))
        .map(|(value, _)| value.trim().trim_end_matches(':').trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejection_reasons_come_from_the_member_documentation() {
        assert_eq!(
            documented_values("RejectEngagementInvitationRequest", "RejectionReason"),
            vec![
                "Customer problem unclear",
                "Next steps unclear",
                "Unable to support",
                "Duplicate of partner referral",
                "Other",
            ]
        );
    }

    #[test]
    fn embedded_model_parses_and_knows_the_operations() {
        assert_eq!(
            input_shape("CreateOpportunity"),
            Some("CreateOpportunityRequest")
        );
        assert_eq!(input_shape("NoSuchOperation"), None);
        let stages = enum_values("Stage").expect("Stage is an enum");
        assert!(stages.contains(&"Closed Lost"));
        assert!(!stages.contains(&"Closed Won"));
    }

    #[test]
    fn related_entity_types_include_the_sdk_additions() {
        let values = enum_values("RelatedEntityType").expect("enum");
        for v in [
            "Solutions",
            "AwsProducts",
            "AwsMarketplaceOffers",
            "AwsMarketplaceOfferSets",
        ] {
            assert!(values.contains(&v), "{v}");
        }
        assert!(values.contains(&"AwsMarketplaceProducts"));
        assert!(values.contains(&"AwsMarketplaceSolutions"));
    }
}
