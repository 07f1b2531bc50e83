//! Broken variants whose rule lives at the request level (model violations, rejected at once)
//! or only on the service (the request alone is valid), for [`super::cases`].

use super::*;

pub(super) fn request_cases() -> Vec<Case> {
    use Expect::{Fail, Reject};
    vec![
        // Request-level model violations: rejected at once, nothing is started.
        Case {
            code: "DETAILS_CONFLICT",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/2/Details"),
            expect: Reject,
            brk: |r, _| {
                let doc = r["ChangeSet"][2]["DetailsDocument"].to_string();
                change_mut(r, 2).insert("Details".into(), json!(doc));
            },
        },
        Case {
            code: "TOO_MANY_CHANGES",
            file: EXPIRE,
            path: Some("/ChangeSet"),
            expect: Reject,
            brk: |r, _| {
                let template = r["ChangeSet"][0].clone();
                let many: Vec<Value> = (0..21)
                    .map(|n| {
                        let mut c = template.clone();
                        c["Entity"]["Identifier"] = json!(format!("offer-{n:013}"));
                        c
                    })
                    .collect();
                r["ChangeSet"] = json!(many);
            },
        },
        Case {
            code: "EMPTY_CHANGE_SET",
            file: EXPIRE,
            path: Some("/ChangeSet"),
            expect: Reject,
            brk: |r, _| r["ChangeSet"] = json!([]),
        },
        Case {
            code: "UNKNOWN_ENTITY_TYPE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/2/Entity/Type"),
            expect: Reject,
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/2/Entity/Type",
                    json!("Offer@1.0"),
                    json!("Offer@2.0"),
                )
            },
        },
        Case {
            code: "INVALID_CATALOG",
            file: PRIVATE_OFFER,
            path: Some("/Catalog"),
            expect: Reject,
            brk: |r, _| replace(r, "/Catalog", json!("AWSMarketplace"), json!("Sandbox")),
        },
        Case {
            code: "INVALID_CHANGE_SET_NAME",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSetName"),
            expect: Reject,
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSetName",
                    json!("PrivateOfferWithCustomDimension"),
                    json!("Private offer #1"),
                )
            },
        },
        Case {
            code: "INVALID_INTENT",
            file: PRIVATE_OFFER,
            path: Some("/Intent"),
            expect: Reject,
            brk: |r, _| r["Intent"] = json!("DRY_RUN"),
        },
        Case {
            code: "INVALID_TAG",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSetTags/0"),
            expect: Reject,
            brk: |r, _| r["ChangeSetTags"] = json!([{"Key": "", "Value": "team"}]),
        },
        // Rules only the service can check: the request alone is valid.
        Case {
            code: "ENTITY_NOT_FOUND",
            file: EXPIRE,
            path: None,
            expect: Fail(0),
            brk: |r, _| r["ChangeSet"][0]["Entity"]["Identifier"] = json!("offer-0000000000000"),
        },
        Case {
            code: "ENTITY_NOT_FOUND",
            file: RESALE,
            path: None,
            expect: Fail(0),
            brk: |r, _| {
                r["ChangeSet"][0]["DetailsDocument"]["ProductId"] = json!("prod-0000000000000")
            },
        },
        Case {
            code: "INCOMPATIBLE_ENTITY_TYPE",
            file: EXPIRE,
            path: None,
            expect: Fail(0),
            brk: |r, s| {
                // The offer's product named as if it were an offer.
                r["ChangeSet"][0]["Entity"]["Identifier"] = json!(s.main_product.clone().unwrap());
            },
        },
        Case {
            code: "INCOMPATIBLE_ENTITY_TYPE",
            file: FLEXIBLE_SCHEDULE,
            path: None,
            expect: Fail(0),
            brk: |r, _| {
                // An offer's ProductId naming an offer that another change creates.
                let mut other = r["ChangeSet"][0].clone();
                other["ChangeName"] = json!("OtherOffer");
                r["ChangeSet"].as_array_mut().unwrap().push(other);
                r["ChangeSet"][0]["DetailsDocument"]["ProductId"] =
                    json!("$OtherOffer.Entity.Identifier");
            },
        },
        Case {
            code: "AGREEMENT_NOT_FOUND",
            file: REPLACEMENT,
            path: None,
            expect: Fail(0),
            brk: |r, _| {
                r["ChangeSet"][0]["DetailsDocument"]["AgreementId"] =
                    json!("agmt-0000000000000000000000000")
            },
        },
        Case {
            code: "MISSING_PRICING_TERMS",
            file: SAAS_CONTRACT,
            path: None,
            expect: Fail(11),
            brk: |r, _| {
                let removed = r["ChangeSet"].as_array_mut().unwrap().remove(8);
                assert_eq!(removed["ChangeType"], "UpdatePricingTerms");
            },
        },
    ]
}
