//! The botocore model of Partner Central Selling (2022-07-26), embedded verbatim, so request
//! validation reads required members and enum values from the same source the SDKs are generated
//! from instead of hand-copied lists.
//!
//! `service-2.json` is a byte-for-byte copy of botocore's `partnercentral-selling.2022-07-26` model;
//! refresh it from botocore when the service changes. The shared reader is `service::model`.

use crate::service::model::Model;

/// Enum values the Rust SDK (1.84) sends that botocore 1.43's model lacks (aws-behavior §0.5).
const EXTRA_ENUM_VALUES: &[(&str, &[&str])] = &[(
    "RelatedEntityType",
    &["AwsMarketplaceProducts", "AwsMarketplaceSolutions"],
)];

/// The embedded model.
pub static MODEL: Model = Model::new(include_str!("service-2.json"), EXTRA_ENUM_VALUES);

/// The acceptable values a member's documentation lists as `<i>Value:</i> explanation` items,
/// for string members the model leaves untyped but documents as a closed list (e.g.
/// `RejectEngagementInvitationRequest.RejectionReason`).
pub fn documented_values(structure: &str, member: &str) -> Vec<String> {
    let doc = MODEL
        .shape(structure)
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
            MODEL.input_shape("CreateOpportunity"),
            Some("CreateOpportunityRequest")
        );
        assert_eq!(MODEL.input_shape("NoSuchOperation"), None);
        let stages = MODEL.enum_values("Stage").expect("Stage is an enum");
        assert!(stages.contains(&"Closed Lost"));
        assert!(!stages.contains(&"Closed Won"));
    }

    fn members(shape: &str) -> Vec<&'static str> {
        let shape = MODEL.shape(shape).expect("shape");
        let mut names: Vec<&str> = shape["members"]
            .as_object()
            .expect("members")
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn the_shared_opportunity_member_lists_match_the_model() {
        use mpctl_facts::opportunity::{CONTENT_MEMBERS, CREATE_ONLY_MEMBERS};
        let mut update = [
            CONTENT_MEMBERS,
            &["Catalog", "Identifier", "LastModifiedDate"],
        ]
        .concat();
        update.sort_unstable();
        assert_eq!(members("UpdateOpportunityRequest"), update);
        let mut create = [CONTENT_MEMBERS, CREATE_ONLY_MEMBERS, &["Catalog"]].concat();
        create.sort_unstable();
        assert_eq!(members("CreateOpportunityRequest"), create);
    }

    #[test]
    fn related_entity_types_include_the_sdk_additions() {
        let values = MODEL.enum_values("RelatedEntityType").expect("enum");
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
