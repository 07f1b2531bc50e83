//! Server-side enforcement, independent of the client: for each validation rule a REAL corpus
//! change set is broken in one place; `changeset::validate` names the rule and JSON path, and the
//! emulator (through the SDK) FAILs the set with a matching per-change `ErrorDetailList` entry —
//! or rejects it synchronously with a 422 ValidationException for request-level model
//! violations. Rules only the service can check (entity existence and type, agreements,
//! revisions, release readiness) have no client-side diagnostic and are enforced all the same.
//! `Intent: VALIDATE` runs every check and applies nothing.

use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use mpctl_changeset::{self as changeset, Severity, ValidateOptions};
use mpctl_emulator::Timings;
use serde_json::{json, Value};

use crate::support::catalog::{
    change_errors, corpus, describe, entity_ids, finish, run_ok, start_request,
};
use crate::support::seed::{dimensions_needed, product_type_for, Seeder};
use crate::support::{agreement_client, catalog_client, emulator_with};

const PRIVATE_OFFER: &str =
    "offers/create_saas_product_custom_dimension_and_private_offer/changeset.json";
const SAAS_CONTRACT: &str = "products/saas/create_limited_saas_product_and_public_offer_with_contract_pricing/changeset.json";
const SAAS_PAYG: &str =
    "products/saas/create_limited_saas_product_and_public_offer_with_contract_with_pay_as_you_go_pricing/changeset.json";
const FLEXIBLE_SCHEDULE: &str =
    "offers/create_private_offer_with_contract_pricing_with_flexible_payment_schedule_for_saas_product/changeset.json";
const RESALE: &str =
    "resale_authorization/publish_onetime_resale_authorization_specific_buyer/changeset.json";
const EXPIRE: &str = "offers/expire_private_offer/changeset.json";
const REPLACEMENT: &str =
    "offers/create_replacement_private_offer_with_contract_pricing/changeset.json";

fn timings() -> Timings {
    Timings {
        changeset_seconds: 0.05,
        task_seconds: 0.05,
        accept_seconds: 0.05,
        review_seconds: 3600.0,
    }
}

/// What the emulator must do with the broken set.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// FAILED, with an ErrorDetailList entry of the rule's code on this change.
    Fail(usize),
    /// StartChangeSet answers 422 ValidationException.
    Reject,
}

/// One broken variant: the rule's code, the JSON path the validator must name (`None` for rules
/// only the service can check), and how to break the file (after its placeholders were seeded).
struct Case {
    code: &'static str,
    file: &'static str,
    path: Option<&'static str>,
    expect: Expect,
    brk: fn(&mut Value, &Seeder),
}

/// Replaces the node at `pointer`, checking it held `old` (so a fixture change cannot silently
/// turn a case into a no-op).
fn replace(r: &mut Value, pointer: &str, old: Value, new: Value) {
    let node = r
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer}"));
    assert_eq!(*node, old, "fixture changed at {pointer}");
    *node = new;
}

fn change_mut(r: &mut Value, i: usize) -> &mut serde_json::Map<String, Value> {
    r["ChangeSet"][i].as_object_mut().unwrap()
}

fn cases() -> Vec<Case> {
    use Expect::{Fail, Reject};
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

/// A seeder for `file`, as the corpus test uses.
fn seeder(
    catalog: &crate::support::CatalogClient,
    agreements: &aws_sdk_marketplaceagreement::Client,
    file: &str,
    r: &Value,
) -> Seeder {
    let product_type = product_type_for(file);
    Seeder {
        catalog: catalog.clone(),
        agreements: agreements.clone(),
        dimensions: dimensions_needed(r, &product_type),
        product_type,
        ids: BTreeMap::new(),
        agreement_facts: BTreeMap::new(),
        main_product: None,
    }
}

/// Error diagnostics as (code, path).
fn diagnostics(r: &Value) -> Vec<(&'static str, String)> {
    changeset::validate(r, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

async fn run_case(
    catalog: crate::support::CatalogClient,
    agreements: aws_sdk_marketplaceagreement::Client,
    case: &Case,
) -> Result<(), String> {
    let original = corpus(case.file);
    let mut s = seeder(&catalog, &agreements, case.file, &original);
    let mut r = s.substitute(&original).await;
    if !diagnostics(&r).is_empty() {
        return Err(format!("clean before breaking: {:?}", diagnostics(&r)));
    }
    (case.brk)(&mut r, &s);
    let found = diagnostics(&r);
    match case.path {
        Some(path) if !found.iter().any(|(c, p)| *c == case.code && p == path) => {
            return Err(format!("validator: {found:?}"));
        }
        None if !found.is_empty() => {
            return Err(format!(
                "a service-only rule, yet the validator says {found:?}"
            ));
        }
        _ => {}
    }
    let started = start_request(&catalog, &r).await;
    match case.expect {
        Expect::Reject => match started {
            Err(e)
                if e.starts_with("ValidationException") && e.contains(case.path.unwrap_or("")) =>
            {
                Ok(())
            }
            other => Err(format!("expected a 422 naming the path, got {other:?}")),
        },
        Expect::Fail(i) => {
            let id = started?;
            let out = finish(&catalog, &id).await;
            if out.status() != Some(&ChangeStatus::Failed)
                || out.failure_code().map(|c| c.as_str()) != Some("CLIENT_ERROR")
            {
                return Err(format!(
                    "expected FAILED/CLIENT_ERROR, got {:?}",
                    out.status()
                ));
            }
            let relative = case
                .path
                .map(|p| p.trim_start_matches(&format!("/ChangeSet/{i}")).to_string())
                .unwrap_or_default();
            let errors = change_errors(&out);
            if errors
                .iter()
                .any(|(j, code, msg)| *j == i && code == case.code && msg.contains(&relative))
            {
                Ok(())
            } else {
                Err(format!("ErrorDetailList: {errors:?}"))
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_rule_fails_a_broken_real_change_set_on_the_server() {
    let h = emulator_with(timings()).await;
    let catalog = catalog_client(&h);
    let agreements = agreement_client(&h);
    let all = cases();
    let mut runs = tokio::task::JoinSet::new();
    for (n, case) in all.into_iter().enumerate() {
        let (c, a) = (catalog.clone(), agreements.clone());
        runs.spawn(async move {
            let result = run_case(c, a, &case).await;
            (n, case.code, case.file, result)
        });
    }
    let mut failed = Vec::new();
    let mut passed = 0;
    while let Some(joined) = runs.join_next().await {
        let (n, code, file, result) = joined.expect("the case did not panic");
        match result {
            Ok(()) => passed += 1,
            Err(e) => failed.push(format!("case {n} {code} ({file}): {e}")),
        }
    }
    failed.sort();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(passed, cases().len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_revision_is_rejected_naming_the_latest() {
    let h = emulator_with(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    let original = corpus(EXPIRE);
    let mut s = seeder(&c, &a, EXPIRE, &original);
    let mut r = s.substitute(&original).await;
    let offer = r["ChangeSet"][0]["Entity"]["Identifier"]
        .as_str()
        .unwrap()
        .to_string();
    r["ChangeSet"][0]["Entity"]["Identifier"] = json!(format!("{offer}@7"));
    assert_eq!(diagnostics(&r), []);
    let err = start_request(&c, &r).await.unwrap_err();
    assert!(
        err.starts_with("ValidationException") && err.contains(&format!("{offer}@1")),
        "{err}"
    );
    r["ChangeSet"][0]["Entity"]["Identifier"] = json!(format!("{offer}@1"));
    let done = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(done.status(), Some(&ChangeStatus::Succeeded));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_channel_partner_offer_needs_a_released_resale_authorization() {
    let h = emulator_with(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    let file = "channel_partner_offers/publish_cppo_eula/changeset.json";
    let original = corpus(file);
    let mut s = seeder(&c, &a, file, &original);
    let mut r = s.substitute(&original).await;
    let product = s.main_product.clone().unwrap();
    let draft = run_ok(
        &c,
        &[json!({"ChangeType": "CreateResaleAuthorization", "Entity": {"Type": "ResaleAuthorization@1.0"},
            "DetailsDocument": {"ProductId": product, "Name": "Draft", "ResellerAccountId": "777788889999"}})],
    )
    .await
    .remove(0);
    r["ChangeSet"][0]["DetailsDocument"]["ResaleAuthorizationId"] = json!(draft);
    assert_eq!(diagnostics(&r), []);
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    let errors = change_errors(&out);
    assert!(
        errors.iter().any(|(i, code, msg)| *i == 0
            && code == "INVALID_RESALE_AUTHORIZATION_STATE"
            && msg.contains(&draft)),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn intent_validate_checks_everything_and_applies_nothing() {
    let h = emulator_with(timings()).await;
    let c = catalog_client(&h);
    let mut r = corpus(SAAS_CONTRACT);
    r["Intent"] = json!("VALIDATE");
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    assert_eq!(out.intent().map(|i| i.as_str()), Some("VALIDATE"));
    // Nothing was created: no product or offer exists, and the changes name no entity.
    for ty in ["SaaSProduct", "Offer"] {
        let listed = c
            .list_entities()
            .catalog("AWSMarketplace")
            .entity_type(ty)
            .send()
            .await
            .unwrap();
        assert!(listed.entity_summary_list().is_empty(), "{ty}: {listed:?}");
    }
    assert!(
        entity_ids(&out)
            .iter()
            .all(|id| !id.starts_with("prod-") && !id.starts_with("offer-")),
        "{out:?}"
    );
    // The same set, broken, FAILs validation with its per-change error.
    replace(
        &mut r,
        "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey",
        json!("PremiumService"),
        json!("GoldService"),
    );
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    assert!(change_errors(&out)
        .iter()
        .any(|(i, code, _)| *i == 8 && code == "UNKNOWN_DIMENSION"));
    // Applying it for real creates the product and the offer.
    r["Intent"] = json!("APPLY");
    replace(
        &mut r,
        "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey",
        json!("GoldService"),
        json!("PremiumService"),
    );
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded));
    let again = describe(&c, out.change_set_id().unwrap()).await;
    assert!(entity_ids(&again)[0].starts_with("prod-"));
}

#[tokio::test(flavor = "multi_thread")]
async fn delivery_options_can_be_restricted_and_hidden_and_unmodelled_changes_fail() {
    let h = emulator_with(timings()).await;
    let c = catalog_client(&h);
    let ami_file =
        "products/ami/create_limited_ami_product_and_public_offer_with_hourly_pricing/changeset.json";
    let ami_request = corpus(ami_file);
    let mut s = seeder(&c, &agreement_client(&h), ami_file, &ami_request);
    let r = s.substitute(&ami_request).await;
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let product = entity_ids(&out)[0].clone();
    let option_of = |doc: &Value| doc["Versions"][0]["DeliveryOptions"][0].clone();
    let (ty, doc) = crate::support::catalog::entity(&c, &product).await;
    let option = option_of(&doc)["Id"].as_str().unwrap().to_string();
    let at = json!({"Type": "AmiProduct@1.0", "Identifier": product});

    run_ok(
        &c,
        &[json!({"ChangeType": "RestrictDeliveryOptions", "Entity": at, "DetailsDocument": {"DeliveryOptionIds": [option]}})],
    )
    .await;
    let (_, doc) = crate::support::catalog::entity(&c, &product).await;
    assert_eq!(option_of(&doc)["Visibility"], "Restricted");
    assert_eq!(changeset::check_entity_document(&ty, &doc), []);

    let unknown = json!({"ChangeType": "RestrictDeliveryOptions", "Entity": at, "DetailsDocument": {"DeliveryOptionIds": ["do-nosuchoption"]}});
    let unmodelled = json!({"ChangeType": "UpdateDeliveryOptions", "Entity": at, "DetailsDocument": {"Version": {"ReleaseNotes": "Rewritten"}}});
    for (change, code) in [
        (unknown, "DELIVERY_OPTION_NOT_FOUND"),
        (unmodelled, "UNSUPPORTED_CHANGE_TYPE"),
    ] {
        assert_eq!(
            diagnostics(&json!({"Catalog": "AWSMarketplace", "ChangeSet": [change]})),
            []
        );
        let out = finish(
            &c,
            &crate::support::catalog::start_changes(&c, &[change])
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(out.status(), Some(&ChangeStatus::Failed));
        let errors = change_errors(&out);
        assert!(errors.iter().any(|(_, c, _)| c == code), "{errors:?}");
    }

    // SaaS delivery options: visibility through UpdateDeliveryOptionsVisibility.
    let saas = run_ok(
        &c,
        &corpus(SAAS_CONTRACT)["ChangeSet"].as_array().unwrap()[..6],
    )
    .await
    .remove(0);
    let (_, doc) = crate::support::catalog::entity(&c, &saas).await;
    let option = option_of(&doc)["Id"].as_str().unwrap().to_string();
    run_ok(
        &c,
        &[json!({"ChangeType": "UpdateDeliveryOptionsVisibility", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": saas},
            "DetailsDocument": {"DeliveryOptions": [{"Id": option, "TargetVisibility": "Unavailable"}]}})],
    )
    .await;
    let (ty, doc) = crate::support::catalog::entity(&c, &saas).await;
    assert_eq!(option_of(&doc)["Visibility"], "Unavailable");
    assert_eq!(changeset::check_entity_document(&ty, &doc), []);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resale_authorization_limits_the_offers_made_from_it() {
    let h = emulator_with(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    // AWS's one-time resale authorization (OffersMaxQuantity 1), seeded with its product.
    let file = "resale_authorization/onetime_resaleauth_privateoffer/changeset.json";
    let original = corpus(file);
    let mut s = seeder(&c, &a, file, &original);
    let r = s.substitute(&original).await;
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let ra = entity_ids(&out)[0].clone();
    let (_, doc) = crate::support::catalog::entity(&c, &ra).await;
    let rule = doc["Rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Type"] == "AvailabilityRule")
        .unwrap()
        .clone();
    assert_eq!(rule["OffersMaxQuantity"], 1);
    assert_eq!(rule["Usage"], "OneTimeUse");
    let cppo = json!({"ChangeType": "CreateOfferUsingResaleAuthorization", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ResaleAuthorizationId": ra}});
    run_ok(&c, std::slice::from_ref(&cppo)).await;
    let (_, doc) = crate::support::catalog::entity(&c, &ra).await;
    assert_eq!(doc["OfferDetails"]["OfferCreatedCount"], 1);
    assert_eq!(
        changeset::check_entity_document("ResaleAuthorization@1.0", &doc),
        []
    );
    let out = finish(
        &c,
        &crate::support::catalog::start_changes(&c, std::slice::from_ref(&cppo))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    let errors = change_errors(&out);
    assert!(
        errors.iter().any(|(i, code, msg)| *i == 0
            && code == "RESALE_AUTHORIZATION_EXHAUSTED"
            && msg.contains(&ra)),
        "{errors:?}"
    );

    // An authorization past its AvailabilityEndDate can no longer be used (checked first).
    let expire = json!({"ChangeType": "UpdateAvailability", "Entity": {"Type": "ResaleAuthorization@1.0", "Identifier": ra},
        "DetailsDocument": {"AvailabilityEndDate": "2020-01-31"}});
    run_ok(&c, &[expire]).await;
    let out = finish(
        &c,
        &crate::support::catalog::start_changes(&c, &[cppo])
            .await
            .unwrap(),
    )
    .await;
    let errors = change_errors(&out);
    assert!(
        errors
            .iter()
            .any(|(_, code, _)| code == "RESALE_AUTHORIZATION_EXPIRED"),
        "{errors:?}"
    );
}
