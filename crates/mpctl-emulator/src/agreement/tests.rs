//! Operation-level tests: agreements are created from hand-built offer views (the Catalog is not
//! involved), then read through `handle` exactly as the router would.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::accept;
use crate::clock::{self, Timings};
use crate::ids;
use crate::views::OfferView;
use crate::world::World;

fn t0() -> DateTime<Utc> {
    super::time::parse_instant("2025-03-01T10:00:00Z").expect("t0")
}

fn offer<'a>(
    id: &'a str,
    document: &'a Value,
    buyers: &[&str],
    released: DateTime<Utc>,
) -> OfferView<'a> {
    OfferView {
        id,
        arn: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/x",
        product_id: Some("prod-abcdefghijklm"),
        product_type: Some("SaaSProduct"),
        state: "Released",
        released_at: Some(released),
        buyer_accounts: buyers.iter().map(|b| b.to_string()).collect(),
        document,
        replaced_agreement: None,
        owner: "123456789012",
        offer_set_id: None,
        revision: 0,
    }
}

/// Offer A (12 months, two buyers) released at t0; offer B (36 months, one buyer) at t0 + 1 h.
fn world() -> World {
    let a = json!({"Terms": [
        {"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]},
        {"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD", "RateCards": [
            {"Selector": {"Type": "Duration", "Value": "P12M"}, "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]},
        {"Type": "ValidityTerm", "AgreementDuration": "P12M"}]});
    let b = json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P36M"},
        {"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [{"DimensionKey": "GB", "Price": "0.10"}]}]}]});
    let offers = [
        offer(
            "offer-aaaaaaaaaaaaa",
            &a,
            &["111111111111", "222222222222"],
            t0(),
        ),
        offer(
            "offer-bbbbbbbbbbbbb",
            &b,
            &["111111111111"],
            clock::after(t0(), 3600.0),
        ),
    ];
    let mut world = World::new(Timings::default());
    accept::accept_due(
        &mut world.agreement,
        &offers,
        clock::after(t0(), 7200.0),
        &world.timings,
        &mut world.outbox,
    );
    world
}

/// Runs `op` through the service table as the seller, at `t0`.
fn run(world: &mut World, op: &str, input: &Value) -> crate::wire::OpResult {
    let request = crate::service::Request {
        method: "POST",
        op,
        input,
        now: t0(),
        caller: ids::SELLER_ACCOUNT,
    };
    world.run(crate::wire::Service::Agreement, &request)
}

fn call(world: &mut World, op: &str, input: Value) -> Value {
    run(world, op, &input).unwrap_or_else(|e| panic!("{op} failed: {e:?}"))
}

fn search(world: &mut World, extra: &[(&str, &str)], more: Value) -> Value {
    let mut filters = vec![
        json!({"name": "PartyType", "values": ["Proposer"]}),
        json!({"name": "AgreementType", "values": ["PurchaseAgreement"]}),
    ];
    filters.extend(extra.iter().map(|(n, v)| json!({"name": n, "values": [v]})));
    let mut input = json!({"catalog": "AWSMarketplace", "filters": filters});
    if let (Some(input), Value::Object(more)) = (input.as_object_mut(), more) {
        input.extend(more);
    }
    call(world, "SearchAgreements", input)
}

fn ids(out: &Value) -> Vec<String> {
    out["agreementViewSummaries"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|s| s["agreementId"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn offer_of(world: &World, id: &str) -> String {
    world
        .agreement
        .get(id)
        .map(|a| a.offer_id.clone())
        .unwrap_or_default()
}

#[test]
fn search_returns_full_summaries_sorted_by_end_time_descending() {
    let mut w = world();
    let out = search(&mut w, &[], json!({}));
    let found = ids(&out);
    assert_eq!(found.len(), 3);
    assert_eq!(
        offer_of(&w, &found[0]),
        "offer-bbbbbbbbbbbbb",
        "latest end first"
    );
    assert!(out.get("nextToken").is_none());
    let s = &out["agreementViewSummaries"][0];
    let accepted = clock::epoch_seconds(clock::after(t0(), 3600.0 + 3.0));
    assert_eq!(s["acceptanceTime"], json!(accepted));
    assert_eq!(s["startTime"], json!(accepted));
    assert!(s["endTime"].as_f64() > Some(accepted + 3.0 * 365.0 * 86400.0 - 86400.0));
    assert_eq!(s["agreementType"], "PurchaseAgreement");
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["proposer"], json!({"accountId": "123456789012"}));
    assert_eq!(s["acceptor"], json!({"accountId": "111111111111"}));
    assert_eq!(
        s["proposalSummary"],
        json!({"offerId": "offer-bbbbbbbbbbbbb", "resources": [{"id": "prod-abcdefghijklm", "type": "SaaSProduct"}]})
    );
    let asc = search(
        &mut w,
        &[],
        json!({"sort": {"sortBy": "EndTime", "sortOrder": "ASCENDING"}}),
    );
    assert_eq!(offer_of(&w, &ids(&asc)[2]), "offer-bbbbbbbbbbbbb");
}

#[test]
fn search_filters_select_agreements() {
    let mut w = world();
    let count = |w: &mut World, f: &[(&str, &str)]| ids(&search(w, f, json!({}))).len();
    assert_eq!(count(&mut w, &[("OfferId", "offer-aaaaaaaaaaaaa")]), 2);
    assert_eq!(count(&mut w, &[("AcceptorAccountId", "222222222222")]), 1);
    assert_eq!(
        count(
            &mut w,
            &[
                ("AcceptorAccountId", "111111111111"),
                ("OfferId", "offer-bbbbbbbbbbbbb")
            ]
        ),
        1
    );
    assert_eq!(
        count(
            &mut w,
            &[("ResourceType", "SaaSProduct"), ("Status", "ACTIVE")]
        ),
        3
    );
    assert_eq!(count(&mut w, &[("ResourceType", "AmiProduct")]), 0);
    assert_eq!(
        count(&mut w, &[("ResourceIdentifier", "prod-abcdefghijklm")]),
        3
    );
    assert_eq!(count(&mut w, &[("Status", "EXPIRED")]), 0);
    assert_eq!(count(&mut w, &[("OfferSetId", "offerset-x")]), 0);
    // Offer A ends at t0 + 3 s + 12 months, offer B three years later.
    assert_eq!(
        count(&mut w, &[("BeforeEndTime", "2027-01-01T00:00:00Z")]),
        2
    );
    assert_eq!(count(&mut w, &[("AfterEndTime", "2027-01-01")]), 1);
    let other_type = json!({"catalog": "AWSMarketplace", "filters": [
        {"name": "PartyType", "values": ["Proposer"]}, {"name": "AgreementType", "values": ["OtherAgreement"]}]});
    assert_eq!(ids(&call(&mut w, "SearchAgreements", other_type)).len(), 0);
}

#[test]
fn acceptor_party_sees_no_seller_agreements() {
    let mut w = world();
    let input = json!({"catalog": "AWSMarketplace", "filters": [
        {"name": "PartyType", "values": ["Acceptor"]}, {"name": "AgreementType", "values": ["PurchaseAgreement"]}]});
    assert_eq!(ids(&call(&mut w, "SearchAgreements", input)).len(), 0);
}

#[test]
fn search_paginates() {
    let mut w = world();
    let first = search(&mut w, &[], json!({"maxResults": 2}));
    assert_eq!(ids(&first).len(), 2);
    let token = first["nextToken"].as_str().expect("nextToken").to_string();
    let second = search(&mut w, &[], json!({"maxResults": 2, "nextToken": token}));
    assert_eq!(ids(&second).len(), 1);
    assert!(second.get("nextToken").is_none());
    let mut all = ids(&first);
    all.extend(ids(&second));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3);
}

#[test]
fn describe_adds_estimated_charges() {
    let mut w = world();
    let id = ids(&search(
        &mut w,
        &[("OfferId", "offer-aaaaaaaaaaaaa")],
        json!({}),
    ))[0]
        .clone();
    let out = call(&mut w, "DescribeAgreement", json!({"agreementId": id}));
    assert_eq!(out["agreementId"], json!(id));
    assert_eq!(
        out["estimatedCharges"],
        json!({"currencyCode": "USD", "agreementValue": "1200.00"})
    );
    for key in [
        "acceptanceTime",
        "startTime",
        "endTime",
        "agreementType",
        "acceptor",
        "proposer",
        "proposalSummary",
        "status",
    ] {
        assert!(out.get(key).is_some(), "{key}");
    }
}

#[test]
fn unknown_agreement_is_not_found() {
    let mut w = world();
    for op in ["DescribeAgreement", "GetAgreementTerms"] {
        let e = run(&mut w, op, &json!({"agreementId": "agmt-nope"})).expect_err(op);
        assert_eq!(
            (e.status, e.code.as_str()),
            (404, "ResourceNotFoundException")
        );
        assert_eq!(e.fields["resourceId"], "agmt-nope");
        assert_eq!(e.fields["resourceType"], "Agreement");
    }
}

#[test]
fn terms_are_unions_with_one_key_and_page() {
    let mut w = world();
    let id = ids(&search(
        &mut w,
        &[("OfferId", "offer-aaaaaaaaaaaaa")],
        json!({}),
    ))[0]
        .clone();
    let out = call(&mut w, "GetAgreementTerms", json!({"agreementId": id}));
    let keys: Vec<String> = out["acceptedTerms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| {
            let map = t.as_object().expect("object");
            assert_eq!(map.len(), 1, "{t}");
            map.keys().next().cloned().unwrap_or_default()
        })
        .collect();
    assert_eq!(
        keys,
        [
            "legalTerm",
            "configurableUpfrontPricingTerm",
            "validityTerm"
        ]
    );
    let page = call(
        &mut w,
        "GetAgreementTerms",
        json!({"agreementId": id, "maxResults": 2}),
    );
    assert_eq!(page["acceptedTerms"].as_array().map(Vec::len), Some(2));
    let token = page["nextToken"].clone();
    let rest = call(
        &mut w,
        "GetAgreementTerms",
        json!({"agreementId": id, "maxResults": 2, "nextToken": token}),
    );
    assert_eq!(rest["acceptedTerms"][0], out["acceptedTerms"][2]);
}

#[test]
fn agreements_expire_at_their_end_time() {
    let mut w = world();
    let two_years = clock::after(t0(), 2.0 * 366.0 * 86400.0);
    w.agreement.expire(two_years, &mut false);
    let expired = ids(&search(&mut w, &[("Status", "EXPIRED")], json!({})));
    assert_eq!(expired.len(), 2, "the 12-month agreements");
    let s = &search(&mut w, &[("Status", "EXPIRED")], json!({}))["agreementViewSummaries"][0];
    assert_eq!(s["lastUpdateTime"], s["endTime"]);
}

#[test]
fn other_operations_are_unknown() {
    let mut w = world();
    let e = run(&mut w, "ListAgreementRequests", &json!({})).expect_err("unknown");
    assert_eq!(
        (e.status, e.code.as_str()),
        (400, "UnknownOperationException")
    );
}
