//! Static change-set validation against AWS's 79 reference change sets (tests/fixtures/corpus):
//! every real set passes, and each rule fires — with its code and exact JSON pointer — when one
//! real set is broken in one place.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mpctl_changeset::{self as changeset, Diagnostic, Severity, ValidateOptions};
use serde_json::{json, Value};

use crate::support::catalog::{corpus_files, corpus_raw as corpus, corpus_vars, render};

/// A fixed "today" so PAST_DATE does not depend on the calendar.
fn opts() -> ValidateOptions {
    ValidateOptions {
        sending: false,
        today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    }
}

fn errors(request: &Value) -> Vec<(&'static str, String)> {
    changeset::validate(request, &opts())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

/// Asserts the request has exactly one error, with this code and path, and returns it.
fn only_error(request: &Value, code: &str, path: &str) -> Diagnostic {
    let all: Vec<Diagnostic> = changeset::validate(request, &opts())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let got: Vec<(&str, &str)> = all.iter().map(|d| (d.code, d.path.as_str())).collect();
    assert_eq!(got, [(code, path)], "diagnostics: {all:#?}");
    all.into_iter().next().unwrap()
}

/// Replaces the node at `pointer`, checking it held `old` (so a fixture change cannot silently
/// turn a test into a no-op).
fn replace(request: &mut Value, pointer: &str, old: Value, new: Value) {
    let node = request
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer}"));
    assert_eq!(*node, old, "fixture value at {pointer}");
    *node = new;
}

fn change_mut(request: &mut Value, i: usize) -> &mut serde_json::Map<String, Value> {
    request["ChangeSet"][i]
        .as_object_mut()
        .expect("change object")
}

/// `multi_product_solutions/solutions/list_solutions` is not a change set: AWS's sample passes it
/// to ListEntities (`"ChangeType": "ListEntities"`, no details), so StartChangeSet would reject it.
const NOT_A_CHANGE_SET: &str = "multi_product_solutions/solutions/list_solutions/changeset.json";

#[test]
fn every_reference_change_set_has_no_errors() {
    let files = corpus_files();
    assert_eq!(files.len(), 79, "the corpus README promises 79 change sets");
    let vars = corpus_vars();
    let today = ValidateOptions::default();
    let (mut changes, mut warnings, mut rendered) = (0, BTreeMap::<&str, usize>::new(), 0);
    let mut failures = Vec::new();
    for (rel, request) in &files {
        if rel == NOT_A_CHANGE_SET {
            continue;
        }
        let mut request = request.clone();
        let before = request.clone();
        render(&mut request, &vars);
        rendered += usize::from(request != before);
        changes += request["ChangeSet"].as_array().unwrap().len();
        for d in changeset::validate(&request, &today) {
            match d.severity {
                Severity::Error => failures.push(format!("{rel}: {d}")),
                Severity::Warning => *warnings.entry(d.code).or_default() += 1,
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(rendered, 2, "two corpus files carry {{VARS}}");
    assert!(warnings.keys().all(|c| *c == "PAST_DATE"), "{warnings:?}");
    println!(
        "corpus: {} change sets, {changes} changes, 0 errors, warnings {warnings:?} (1 file is not a change set)",
        files.len() - 1
    );
}

#[test]
fn the_corpus_passes_with_details_as_strings_too() {
    let vars = corpus_vars();
    let mut checked = 0;
    for (rel, request) in corpus_files() {
        if rel == NOT_A_CHANGE_SET {
            continue;
        }
        let mut request = request;
        render(&mut request, &vars);
        for c in request["ChangeSet"].as_array_mut().unwrap() {
            let doc = c
                .as_object_mut()
                .unwrap()
                .remove("DetailsDocument")
                .unwrap();
            c["Details"] = json!(serde_json::to_string(&doc).unwrap());
            checked += 1;
        }
        assert_eq!(errors(&request), [], "{rel}");
    }
    assert!(checked > 300);
}

#[test]
fn the_list_entities_file_is_rejected_as_a_change_set() {
    let request = corpus(NOT_A_CHANGE_SET);
    assert_eq!(
        errors(&request),
        [
            ("INVALID_CHANGE_TYPE", "/ChangeSet/0/ChangeType".to_string()),
            (
                "MISSING_DETAILS",
                "/ChangeSet/0/DetailsDocument".to_string()
            ),
        ]
    );
}

#[test]
fn templates_with_unresolved_variables_report_only_the_variables() {
    let request =
        corpus("offers/bulk_create_private_offer_usage_based/2_createPrivateOffer/changeset.json");
    let found = changeset::validate(&request, &opts());
    assert!(
        found.iter().all(|d| d.code == "UNRESOLVED_VARIABLE"),
        "{found:#?}"
    );
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/ChangeSet/0/DetailsDocument/ProductId",
            "/ChangeSet/1/DetailsDocument/Description",
            "/ChangeSet/1/DetailsDocument/Name",
            "/ChangeSet/2/DetailsDocument/PositiveTargeting/BuyerAccounts",
            "/ChangeSet/3/DetailsDocument/AvailabilityEndDate",
            "/ChangeSet/4/DetailsDocument/Terms/0/Documents/0/Url",
            "/ChangeSet/5/DetailsDocument/Terms/0/RateCards/0/RateCard",
            "/ChangeSet/6/DetailsDocument/Terms/0/AgreementDuration",
        ]
    );
    assert_eq!(
        found[1].hint.as_deref(),
        Some("pass --var OFFER_DESCRIPTION=...")
    );
}

const PRIVATE_OFFER: &str =
    "offers/create_saas_product_custom_dimension_and_private_offer/changeset.json";
const SAAS_CONTRACT: &str = "products/saas/create_limited_saas_product_and_public_offer_with_contract_pricing/changeset.json";
const SAAS_PAYG: &str =
    "products/saas/create_limited_saas_product_and_public_offer_with_contract_with_pay_as_you_go_pricing/changeset.json";
const FLEXIBLE_SCHEDULE: &str =
    "offers/create_private_offer_with_contract_pricing_with_flexible_payment_schedule_for_saas_product/changeset.json";
const RESALE: &str =
    "resale_authorization/publish_onetime_resale_authorization_specific_buyer/changeset.json";

#[test]
fn broken_sets_are_clean_before_they_are_broken() {
    for rel in [
        PRIVATE_OFFER,
        SAAS_CONTRACT,
        SAAS_PAYG,
        FLEXIBLE_SCHEDULE,
        RESALE,
        "offers/expire_private_offer/changeset.json",
    ] {
        assert_eq!(errors(&corpus(rel)), [], "{rel}");
    }
}

#[test]
fn eleven_digit_buyer_id() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/3/DetailsDocument/PositiveTargeting/BuyerAccounts/0";
    replace(&mut r, path, json!("111111111111"), json!("11111111111"));
    let d = only_error(&r, "INVALID_BUYER_ID", path);
    assert!(d.message.contains("\"11111111111\""), "{}", d.message);
    assert_eq!(d.change_index, Some(3));
}

#[test]
fn resale_buyer_targeting_ids_are_checked() {
    let mut r = corpus(RESALE);
    let path = "/ChangeSet/5/DetailsDocument/Terms/0/PositiveTargeting/BuyerAccounts/0";
    replace(&mut r, path, json!("111111111111"), json!(111111111111_u64));
    only_error(&r, "INVALID_BUYER_ID", path);
}

#[test]
fn dimension_key_not_defined_by_the_set() {
    let mut r = corpus(SAAS_CONTRACT);
    let path = "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey";
    replace(
        &mut r,
        path,
        json!("PremiumService"),
        json!("PremiumServce"),
    );
    let d = only_error(&r, "UNKNOWN_DIMENSION", path);
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean PremiumService?"),
        "{d}"
    );
}

#[test]
fn existing_products_may_price_dimensions_the_set_does_not_add() {
    // AWS's own set adds m7g.8xlarge to an existing product and prices three older dimensions.
    let r = corpus(
        "products/ami/add_dimension_to_ami_product_and_set_price_in_public_offer/changeset.json",
    );
    assert_eq!(errors(&r), []);
    let used: Vec<String> = changeset::dimension_keys_used(&r["ChangeSet"][1])
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    assert_eq!(
        used,
        ["m5.large", "m7g.4xlarge", "m7g.2xlarge", "m7g.8xlarge"]
    );
}

#[test]
fn metered_dimensions_without_usage_pricing() {
    let mut r = corpus(SAAS_PAYG);
    let terms = r
        .pointer_mut("/ChangeSet/8/DetailsDocument/Terms")
        .unwrap()
        .as_array_mut()
        .unwrap();
    let usage = terms.remove(0);
    assert_eq!(usage["Type"], "UsageBasedPricingTerm");
    let d = only_error(
        &r,
        "MISSING_USAGE_PRICING",
        "/ChangeSet/8/DetailsDocument/Terms",
    );
    assert!(
        d.message.contains("WorkloadSmall, WorkloadMedium"),
        "{}",
        d.message
    );
}

#[test]
fn malformed_duration() {
    let mut r = corpus(FLEXIBLE_SCHEDULE);
    let path = "/ChangeSet/4/DetailsDocument/Terms/0/AgreementDuration";
    replace(&mut r, path, json!("P12M"), json!("P12X"));
    only_error(&r, "INVALID_DURATION", path);

    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/Selector/Value";
    replace(&mut r, path, json!("P36M"), json!("36 months"));
    only_error(&r, "INVALID_DURATION", path);
}

#[test]
fn malformed_date_and_past_date() {
    let mut r = corpus(FLEXIBLE_SCHEDULE);
    let path = "/ChangeSet/5/DetailsDocument/Terms/0/Schedule/1/ChargeDate";
    replace(&mut r, path, json!("2024-02-01"), json!("2023-13-45"));
    only_error(&r, "INVALID_DATE", path);

    let r = corpus("offers/expire_private_offer/changeset.json");
    let found = changeset::validate(&r, &opts());
    let got: Vec<(Severity, &str, &str)> = found
        .iter()
        .map(|d| (d.severity, d.code, d.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [(
            Severity::Warning,
            "PAST_DATE",
            "/ChangeSet/0/DetailsDocument/AvailabilityEndDate"
        )]
    );
    let later = ValidateOptions {
        today: NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(),
        sending: false,
    };
    assert_eq!(changeset::validate(&r, &later), []);
}

#[test]
fn numeric_price() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0/Price";
    replace(&mut r, path, json!("300.0"), json!(300.0));
    let d = only_error(&r, "INVALID_PRICE", path);
    assert_eq!(d.hint.as_deref(), Some("write \"300.0\""));

    let mut r = corpus(FLEXIBLE_SCHEDULE);
    let path = "/ChangeSet/5/DetailsDocument/Terms/0/Schedule/0/ChargeAmount";
    replace(&mut r, path, json!("200.00"), json!("$200"));
    only_error(&r, "INVALID_PRICE", path);
}

#[test]
fn both_details_and_details_document() {
    let mut r = corpus(PRIVATE_OFFER);
    let doc = r["ChangeSet"][2]["DetailsDocument"].to_string();
    change_mut(&mut r, 2).insert("Details".into(), json!(doc));
    only_error(&r, "DETAILS_CONFLICT", "/ChangeSet/2/Details");
}

#[test]
fn no_details_at_all() {
    let mut r = corpus(PRIVATE_OFFER);
    change_mut(&mut r, 7).remove("DetailsDocument");
    only_error(&r, "MISSING_DETAILS", "/ChangeSet/7/DetailsDocument");
}

#[test]
fn duplicated_change_name() {
    let mut r = corpus(SAAS_CONTRACT);
    change_mut(&mut r, 6).insert("ChangeName".into(), json!("CreateProductChange"));
    // Change 6 was CreateOfferChange: its references now dangle too, but the first error by path
    // is the duplicate name itself.
    let found = errors(&r);
    assert_eq!(
        found[0],
        (
            "DUPLICATE_CHANGE_NAME",
            "/ChangeSet/6/ChangeName".to_string()
        ),
        "{found:?}"
    );
    assert!(
        found[1..].iter().all(|(c, _)| *c == "UNKNOWN_REFERENCE"),
        "{found:?}"
    );
}

#[test]
fn invalid_change_name() {
    let mut r = corpus(SAAS_CONTRACT);
    replace(
        &mut r,
        "/ChangeSet/6/ChangeName",
        json!("CreateOfferChange"),
        json!("create-offer-1"),
    );
    let found = errors(&r);
    assert_eq!(
        found[0],
        ("INVALID_CHANGE_NAME", "/ChangeSet/6/ChangeName".to_string()),
        "{found:?}"
    );
}

#[test]
fn unknown_reference() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/5/Entity/Identifier";
    replace(
        &mut r,
        path,
        json!("$CreateOfferChange.Entity.Identifier"),
        json!("$CreateOferChange.Entity.Identifier"),
    );
    let d = only_error(&r, "UNKNOWN_REFERENCE", path);
    assert!(
        d.hint.as_deref().unwrap().contains("CreateOfferChange"),
        "{d}"
    );

    let mut r = corpus(SAAS_CONTRACT);
    let path = "/ChangeSet/6/DetailsDocument/ProductId";
    replace(
        &mut r,
        path,
        json!("$CreateProductChange.Entity.Identifier"),
        json!("$MyProduct.Entity.Identifier"),
    );
    only_error(&r, "UNKNOWN_REFERENCE", path);
}

#[test]
fn self_reference() {
    let mut r = corpus(SAAS_CONTRACT);
    let path = "/ChangeSet/6/DetailsDocument/ProductId";
    replace(
        &mut r,
        path,
        json!("$CreateProductChange.Entity.Identifier"),
        json!("$CreateOfferChange.Entity.Identifier"),
    );
    only_error(&r, "SELF_REFERENCE", path);
}

#[test]
fn duplicate_change_type_on_one_entity() {
    let mut r = corpus(PRIVATE_OFFER);
    let copy = r["ChangeSet"][2].clone();
    assert_eq!(copy["ChangeType"], "UpdateInformation");
    r["ChangeSet"].as_array_mut().unwrap().push(copy);
    only_error(&r, "DUPLICATE_CHANGE_TYPE", "/ChangeSet/8/ChangeType");

    // Creates have no identifier yet: two CreateOffer changes are two offers.
    let mut r = corpus(PRIVATE_OFFER);
    let mut create = r["ChangeSet"][1].clone();
    create["ChangeName"] = json!("SecondOffer");
    r["ChangeSet"].as_array_mut().unwrap().push(create);
    assert_eq!(errors(&r), []);
}

#[test]
fn revisions_do_not_hide_a_duplicate() {
    let mut r = corpus("offers/expire_private_offer/changeset.json");
    let mut again = r["ChangeSet"][0].clone();
    again["Entity"]["Identifier"] = json!("offer-1111111111111@3");
    r["ChangeSet"].as_array_mut().unwrap().push(again);
    only_error(&r, "DUPLICATE_CHANGE_TYPE", "/ChangeSet/1/ChangeType");
}

#[test]
fn twenty_one_changes() {
    let mut r = corpus("offers/expire_private_offer/changeset.json");
    let template = r["ChangeSet"][0].clone();
    let changes: Vec<Value> = (0..21)
        .map(|n| {
            let mut c = template.clone();
            c["Entity"]["Identifier"] = json!(format!("offer-{n:013}"));
            c
        })
        .collect();
    r["ChangeSet"] = json!(changes[..20]);
    assert_eq!(errors(&r), []);
    r["ChangeSet"] = json!(changes);
    only_error(&r, "TOO_MANY_CHANGES", "/ChangeSet");
}

#[test]
fn unknown_entity_type() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/2/Entity/Type";
    replace(&mut r, path, json!("Offer@1.0"), json!("Offer"));
    let d = only_error(&r, "UNKNOWN_ENTITY_TYPE", path);
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean Offer@1.0?"),
        "{d}"
    );
}

#[test]
fn change_type_not_valid_for_the_entity_type() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/7/ChangeType";
    replace(&mut r, path, json!("ReleaseOffer"), json!("ReleaseProduct"));
    let d = only_error(&r, "INVALID_CHANGE_TYPE", path);
    assert!(
        d.hint.as_deref().unwrap().contains("SaaSProduct@1.0"),
        "{d}"
    );
}

#[test]
fn schema_type_error_points_at_the_node() {
    let mut r = corpus(FLEXIBLE_SCHEDULE);
    let path = "/ChangeSet/3/DetailsDocument/Terms/0/Grants/0/MaxQuantity";
    replace(&mut r, path, json!(1), json!("1"));
    let d = only_error(&r, "SCHEMA", path);
    assert_eq!(d.message, "expected integer or null, found string \"1\"");
}

#[test]
fn schema_enum_and_required_errors() {
    let mut r = corpus(SAAS_CONTRACT);
    replace(
        &mut r,
        "/ChangeSet/8/DetailsDocument/PricingModel",
        json!("Contract"),
        json!("Contracts"),
    );
    only_error(&r, "SCHEMA", "/ChangeSet/8/DetailsDocument/PricingModel");

    let mut r = corpus(SAAS_CONTRACT);
    r["ChangeSet"][9]["DetailsDocument"]
        .as_object_mut()
        .unwrap()
        .remove("Terms");
    let d = only_error(&r, "SCHEMA", "/ChangeSet/9/DetailsDocument");
    assert!(d.message.contains("\"Terms\""), "{}", d.message);

    let mut r = corpus(SAAS_CONTRACT);
    replace(
        &mut r,
        "/ChangeSet/4/DetailsDocument/1/Types/0",
        json!("Entitled"),
        json!("Entitlement"),
    );
    only_error(&r, "SCHEMA", "/ChangeSet/4/DetailsDocument/1/Types/0");
}

#[test]
fn unknown_field_in_details() {
    let mut r = corpus(PRIVATE_OFFER);
    r.pointer_mut("/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0")
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert("Currency".into(), json!("USD"));
    let d = only_error(
        &r,
        "UNKNOWN_FIELD",
        "/ChangeSet/6/DetailsDocument/Terms/0/RateCards/0/RateCard/0/Currency",
    );
    assert_eq!(d.hint.as_deref(), Some("allowed here: DimensionKey, Price"));

    let mut r = corpus(PRIVATE_OFFER);
    let doc = r["ChangeSet"][5]["DetailsDocument"]
        .as_object_mut()
        .unwrap();
    doc.insert(
        "AvailabilityEndDat".into(),
        doc["AvailabilityEndDate"].clone(),
    );
    let d = only_error(
        &r,
        "UNKNOWN_FIELD",
        "/ChangeSet/5/DetailsDocument/AvailabilityEndDat",
    );
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean AvailabilityEndDate?"),
        "{d}"
    );
}

#[test]
fn unknown_field_in_the_envelope() {
    let mut r = corpus(PRIVATE_OFFER);
    change_mut(&mut r, 1).insert("Name".into(), json!("CreateOfferChange"));
    only_error(&r, "UNKNOWN_FIELD", "/ChangeSet/1/Name");
}

#[test]
fn unresolved_variable() {
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/2/DetailsDocument/Name";
    replace(
        &mut r,
        path,
        json!("Private Test Offer - SaaS Contract Product"),
        json!("{{OFFER_NAME}}"),
    );
    let d = only_error(&r, "UNRESOLVED_VARIABLE", path);
    assert_eq!(d.hint.as_deref(), Some("pass --var OFFER_NAME=..."));

    // A placeholder where an array belongs is reported once, not also as a schema error.
    let mut r = corpus(PRIVATE_OFFER);
    let path = "/ChangeSet/3/DetailsDocument/PositiveTargeting/BuyerAccounts";
    replace(
        &mut r,
        path,
        json!(["111111111111"]),
        json!("{{BUYER_IDS}}"),
    );
    only_error(&r, "UNRESOLVED_VARIABLE", path);
}

#[test]
fn envelope_rules() {
    let mut r = corpus(PRIVATE_OFFER);
    replace(
        &mut r,
        "/Catalog",
        json!("AWSMarketplace"),
        json!("Sandbox"),
    );
    only_error(&r, "INVALID_CATALOG", "/Catalog");

    let mut r = corpus(PRIVATE_OFFER);
    replace(
        &mut r,
        "/ChangeSetName",
        json!("PrivateOfferWithCustomDimension"),
        json!("Private offer #1"),
    );
    only_error(&r, "INVALID_CHANGE_SET_NAME", "/ChangeSetName");
    r["ChangeSetName"] = json!("x".repeat(101));
    only_error(&r, "INVALID_CHANGE_SET_NAME", "/ChangeSetName");
    r["ChangeSetName"] = json!("Private offer: Example Corp @ 2025-01-01 v2_final+1=ok");
    assert_eq!(errors(&r), []);

    let mut r = corpus(PRIVATE_OFFER);
    r["Intent"] = json!("DRY_RUN");
    only_error(&r, "INVALID_INTENT", "/Intent");
    r["Intent"] = json!("VALIDATE");
    assert_eq!(errors(&r), []);

    let mut r = corpus(PRIVATE_OFFER);
    r["ChangeSet"] = json!([]);
    only_error(&r, "EMPTY_CHANGE_SET", "/ChangeSet");
}

#[test]
fn details_string_must_hold_an_object() {
    let mut r = corpus(PRIVATE_OFFER);
    let doc = change_mut(&mut r, 2).remove("DetailsDocument").unwrap();
    let text = doc.to_string();
    change_mut(&mut r, 2).insert("Details".into(), json!(text));
    assert_eq!(errors(&r), []);
    change_mut(&mut r, 2).insert("Details".into(), json!(text[..text.len() - 1]));
    only_error(&r, "INVALID_DETAILS", "/ChangeSet/2/Details");
    change_mut(&mut r, 2).insert("Details".into(), doc);
    only_error(&r, "INVALID_DETAILS", "/ChangeSet/2/Details");
}

#[test]
fn diagnostics_are_ordered_by_path_and_printable() {
    let mut r = corpus(SAAS_CONTRACT);
    replace(
        &mut r,
        "/ChangeSet/12/ChangeType",
        json!("ReleaseOffer"),
        json!("ReleaseOfer"),
    );
    replace(
        &mut r,
        "/ChangeSet/2/DetailsDocument/PositiveTargeting/BuyerAccounts/1",
        json!("222222222222"),
        json!("2222"),
    );
    replace(&mut r, "/Catalog", json!("AWSMarketplace"), json!("AWS"));
    let found = changeset::validate(&r, &opts());
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/Catalog",
            "/ChangeSet/2/DetailsDocument/PositiveTargeting/BuyerAccounts/1",
            "/ChangeSet/12/ChangeType"
        ]
    );
    assert_eq!(
        found[2].to_string(),
        "error: /ChangeSet/12/ChangeType: ReleaseOfer is not a change type of Offer@1.0 (hint: did you mean ReleaseOffer?)"
    );
    assert_eq!(
        found.iter().map(|d| d.change_index).collect::<Vec<_>>(),
        [None, Some(2), Some(12)]
    );
}

#[test]
fn helper_functions_read_real_changes() {
    let r = corpus(SAAS_PAYG);
    let changes = r["ChangeSet"].as_array().unwrap();
    assert_eq!(
        changeset::reference_name("$CreateOfferChange.Entity.Identifier"),
        Some("CreateOfferChange")
    );
    assert_eq!(
        changeset::references_in(&changes[6]),
        [(
            "/DetailsDocument/ProductId".to_string(),
            "CreateProductChange".to_string()
        )]
    );
    let defined = changeset::dimensions_defined(&changes[4]);
    let metered: Vec<&str> = defined
        .iter()
        .filter(|(_, t)| changeset::is_metered(t))
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(metered, ["WorkloadSmall", "WorkloadMedium"]);
    assert_eq!(changeset::dimension_keys_used(&changes[8]).len(), 4);
    assert_eq!(changeset::details_of(&changes[12]), Some(json!({})));
    assert!(changeset::entity_types().contains(&"OfferSet@1.0"));
    assert!(changeset::change_types_for("ResaleAuthorization@1.0")
        .unwrap()
        .contains(&"UpdateBuyerTargetingTerms"));
}
