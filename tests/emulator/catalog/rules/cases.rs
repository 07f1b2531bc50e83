//! The broken variants of real corpus change sets, one per rule (see [`super::Case`]): those
//! the client-side validator also finds, in a file's changes. The request-level and
//! service-only ones are in [`super::request_cases`].

use super::*;

/// Every case, in the order the test runs them.
pub(super) fn cases() -> Vec<Case> {
    let mut all = change_cases();
    all.extend(super::request_cases::request_cases());
    all
}

fn change_cases() -> Vec<Case> {
    use Expect::Fail;
    vec![
        Case {
            code: "INVALID_BUYER_ID",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/3/DetailsDocument/PositiveTargeting/BuyerAccounts/0"),
            expect: Fail(3),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/3/DetailsDocument/PositiveTargeting/BuyerAccounts/0",
                    json!("111111111111"),
                    json!("11111111111"),
                )
            },
        },
        Case {
            code: "INVALID_BUYER_ID",
            file: RESALE,
            path: Some("/ChangeSet/5/DetailsDocument/Terms/0/PositiveTargeting/BuyerAccounts/0"),
            expect: Fail(5),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/5/DetailsDocument/Terms/0/PositiveTargeting/BuyerAccounts/0",
                    json!("111111111111"),
                    json!("1111-2222-3333"),
                )
            },
        },
        Case {
            code: "INVALID_ACCOUNT_ID",
            file: RESALE,
            path: Some("/ChangeSet/0/DetailsDocument/ResellerAccountId"),
            expect: Fail(0),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/0/DetailsDocument/ResellerAccountId",
                    json!("111111111111"),
                    json!("reseller"),
                )
            },
        },
        Case {
            code: "UNKNOWN_DIMENSION",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey"),
            expect: Fail(8),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey",
                    json!("PremiumService"),
                    json!("PremiumServce"),
                )
            },
        },
        Case {
            code: "MISSING_USAGE_PRICING",
            file: SAAS_PAYG,
            path: Some("/ChangeSet/8/DetailsDocument/Terms"),
            expect: Fail(8),
            brk: |r, _| {
                let terms = r
                    .pointer_mut("/ChangeSet/8/DetailsDocument/Terms")
                    .unwrap()
                    .as_array_mut()
                    .unwrap();
                assert_eq!(terms.remove(0)["Type"], "UsageBasedPricingTerm");
            },
        },
        Case {
            code: "INVALID_PRICE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0/Price"),
            expect: Fail(6),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0/Price",
                    json!("300.0"),
                    json!("$300"),
                )
            },
        },
        Case {
            code: "INVALID_DURATION",
            file: FLEXIBLE_SCHEDULE,
            path: Some("/ChangeSet/4/DetailsDocument/Terms/0/AgreementDuration"),
            expect: Fail(4),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/4/DetailsDocument/Terms/0/AgreementDuration",
                    json!("P12M"),
                    json!("P12X"),
                )
            },
        },
        Case {
            code: "INVALID_DATE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/5/DetailsDocument/AvailabilityEndDate"),
            expect: Fail(5),
            brk: |r, _| {
                let p = "/ChangeSet/5/DetailsDocument/AvailabilityEndDate";
                let old = r.pointer(p).unwrap().clone();
                replace(r, p, old, json!("2030-02-30"));
            },
        },
        Case {
            code: "SCHEMA",
            file: FLEXIBLE_SCHEDULE,
            path: Some("/ChangeSet/3/DetailsDocument/Terms/0/Grants/0/MaxQuantity"),
            expect: Fail(3),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/3/DetailsDocument/Terms/0/Grants/0/MaxQuantity",
                    json!(1),
                    json!("1"),
                )
            },
        },
        Case {
            code: "SCHEMA",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/8/DetailsDocument/PricingModel"),
            expect: Fail(8),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/8/DetailsDocument/PricingModel",
                    json!("Contract"),
                    json!("Contracts"),
                )
            },
        },
        Case {
            code: "UNKNOWN_FIELD",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0/Currency"),
            expect: Fail(6),
            brk: |r, _| {
                r.pointer_mut("/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0")
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("Currency".into(), json!("USD"));
            },
        },
        Case {
            code: "INVALID_CHANGE_TYPE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/7/ChangeType"),
            expect: Fail(7),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/7/ChangeType",
                    json!("ReleaseOffer"),
                    json!("ReleaseProduct"),
                )
            },
        },
        Case {
            code: "INVALID_CHANGE_NAME",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/6/ChangeName"),
            expect: Fail(6),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/6/ChangeName",
                    json!("CreateOfferChange"),
                    json!("create-offer-1"),
                )
            },
        },
        Case {
            code: "DUPLICATE_CHANGE_NAME",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/6/ChangeName"),
            expect: Fail(6),
            brk: |r, _| {
                change_mut(r, 6).insert("ChangeName".into(), json!("CreateProductChange"));
            },
        },
        Case {
            code: "UNKNOWN_REFERENCE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/5/Entity/Identifier"),
            expect: Fail(5),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/5/Entity/Identifier",
                    json!("$CreateOfferChange.Entity.Identifier"),
                    json!("$CreateOferChange.Entity.Identifier"),
                )
            },
        },
        Case {
            code: "INVALID_REFERENCE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/5/Entity/Identifier"),
            expect: Fail(5),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/5/Entity/Identifier",
                    json!("$CreateOfferChange.Entity.Identifier"),
                    json!("$CreateOfferChange.Entity.Id"),
                )
            },
        },
        Case {
            code: "SELF_REFERENCE",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/6/DetailsDocument/ProductId"),
            expect: Fail(6),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/6/DetailsDocument/ProductId",
                    json!("$CreateProductChange.Entity.Identifier"),
                    json!("$CreateOfferChange.Entity.Identifier"),
                )
            },
        },
        Case {
            code: "REFERENCE_CYCLE",
            file: SAAS_CONTRACT,
            path: Some("/ChangeSet/6/DetailsDocument/ProductId"),
            expect: Fail(6),
            brk: |r, _| {
                change_mut(r, 7).insert("ChangeName".into(), json!("OfferInformation"));
                replace(
                    r,
                    "/ChangeSet/6/DetailsDocument/ProductId",
                    json!("$CreateProductChange.Entity.Identifier"),
                    json!("$OfferInformation.Entity.Identifier"),
                )
            },
        },
        Case {
            code: "DUPLICATE_CHANGE_TYPE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/8/ChangeType"),
            expect: Fail(8),
            brk: |r, _| {
                let copy = r["ChangeSet"][2].clone();
                assert_eq!(copy["ChangeType"], "UpdateInformation");
                r["ChangeSet"].as_array_mut().unwrap().push(copy);
            },
        },
        Case {
            code: "MISSING_DETAILS",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/7/DetailsDocument"),
            expect: Fail(7),
            brk: |r, _| {
                change_mut(r, 7).remove("DetailsDocument").unwrap();
            },
        },
        Case {
            code: "INVALID_DETAILS",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/2/Details"),
            expect: Fail(2),
            brk: |r, _| {
                let doc = change_mut(r, 2).remove("DetailsDocument").unwrap();
                let text = doc.to_string();
                change_mut(r, 2).insert("Details".into(), json!(text[..text.len() - 1]));
            },
        },
        Case {
            code: "UNRESOLVED_VARIABLE",
            file: PRIVATE_OFFER,
            path: Some("/ChangeSet/2/DetailsDocument/Name"),
            expect: Fail(2),
            brk: |r, _| {
                replace(
                    r,
                    "/ChangeSet/2/DetailsDocument/Name",
                    json!("Private Test Offer - SaaS Contract Product"),
                    json!("{{OFFER_NAME}}"),
                )
            },
        },
    ]
}
