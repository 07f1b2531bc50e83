//! The Agreement emulator driven by the real clients: aws-sdk-marketplaceagreement (RPCv2 CBOR),
//! raw awsJson1_0 requests, and boto3 when it is installed.
//!
//! Agreements only come from buyers accepting released private offers, so the tests that need one
//! publish a product and a private offer through the Catalog SDK first (`publish_private_offer`).

use std::collections::HashMap;

use agreement::error::ProvideErrorMetadata;
use agreement::types::{
    AcceptedTerm, AgreementStatus, Filter, ResourceType, Sort, SortOrder, ValidationExceptionReason,
};
use aws_sdk_marketplaceagreement as agreement;
use aws_sdk_marketplacecatalog as catalog;
use aws_smithy_types::{Document, Number};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::*;

const SELLER: &str = "123456789012";
const BUYERS: [&str; 3] = ["111111111111", "222222222222", "333333333333"];

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// A SearchAgreements request as a proposer for purchase agreements, plus `extra` filters.
fn search(
    client: &agreement::Client,
    extra: &[(&str, &str)],
) -> agreement::operation::search_agreements::builders::SearchAgreementsFluentBuilder {
    let mut req = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Proposer"))
        .filters(filter("AgreementType", "PurchaseAgreement"));
    for (name, value) in extra {
        req = req.filters(filter(name, value));
    }
    req
}

// ---------------------------------------------------------------------------------------------
// Catalog setup

fn document(v: &Value) -> Document {
    match v {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Document::Number(Number::PosInt(u)),
            (None, Some(i)) => Document::Number(Number::NegInt(i)),
            _ => Document::Number(Number::Float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => Document::Array(items.iter().map(document).collect()),
        Value::Object(map) => Document::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), document(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

/// `(ChangeType, entity type, identifier, ChangeName, DetailsDocument)`
type ChangeSpec<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, Value);

/// Runs one change set to SUCCEEDED and returns the entity ids it reports, in change order.
async fn run_change_set(
    client: &crate::support::CatalogClient,
    changes: Vec<ChangeSpec<'_>>,
) -> Vec<String> {
    let mut req = client.start_change_set().catalog("AWSMarketplace");
    for (change_type, entity_type, identifier, name, details) in changes {
        let mut entity = catalog::types::Entity::builder().r#type(entity_type);
        if let Some(id) = identifier {
            entity = entity.identifier(id);
        }
        let mut change = catalog::types::Change::builder()
            .change_type(change_type)
            .entity(entity.build().expect("entity"))
            .details_document(document(&details));
        if let Some(name) = name {
            change = change.change_name(name);
        }
        req = req.change_set(change.build().expect("change"));
    }
    let started = req.send().await.expect("StartChangeSet");
    let id = started.change_set_id().expect("ChangeSetId").to_string();
    let described = crate::support::catalog::finish(client, &id).await;
    match described.status().map(|s| s.as_str()) {
        Some("SUCCEEDED") => described
            .change_set()
            .iter()
            .map(|c| {
                let ident = c.entity().and_then(|e| e.identifier()).unwrap_or_default();
                ident.split('@').next().unwrap_or_default().to_string()
            })
            .collect(),
        _ => panic!("change set {id} ended: {described:?}"),
    }
}

/// A SaaS product with an entitled `Users` dimension, and a released private offer for `buyers`:
/// 12-month contract, 1200.00 USD for the first rate card, a standard EULA.
/// Returns `(product_id, offer_id)`.
async fn publish_private_offer(
    handle: &mpctl_emulator::Handle,
    buyers: &[&str],
) -> (String, String) {
    let client = catalog_client(handle);
    let product = run_change_set(
        &client,
        vec![
            ("CreateProduct", "SaaSProduct@1.0", None, Some("CreateProduct"), json!({"ProductTitle": "mpctl agreement test"})),
            (
                "AddDimensions",
                "SaaSProduct@1.0",
                Some("$CreateProduct.Entity.Identifier"),
                None,
                json!([{"Key": "Users", "Name": "Users", "Description": "Named users", "Unit": "Units", "Types": ["Entitled"]}]),
            ),
        ],
    )
    .await;
    let product_id = product[0].clone();
    let offer_ref = "$CreateOffer.Entity.Identifier";
    let pricing = json!({"PricingModel": "Contract", "Terms": [{
        "Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
        "RateCards": [{"Selector": {"Type": "Duration", "Value": "P12M"},
            "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
            "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]}]});
    let offer = run_change_set(
        &client,
        vec![
            ("CreateOffer", "Offer@1.0", None, Some("CreateOffer"), json!({"ProductId": product_id})),
            ("UpdateTargeting", "Offer@1.0", Some(offer_ref), None, json!({"PositiveTargeting": {"BuyerAccounts": buyers}})),
            ("UpdatePricingTerms", "Offer@1.0", Some(offer_ref), None, pricing),
            (
                "UpdateValidityTerms",
                "Offer@1.0",
                Some(offer_ref),
                None,
                json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P12M"}]}),
            ),
            (
                "UpdateLegalTerms",
                "Offer@1.0",
                Some(offer_ref),
                None,
                json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}),
            ),
            ("ReleaseOffer", "Offer@1.0", Some(offer_ref), None, json!({})),
        ],
    )
    .await;
    (product_id, offer[0].clone())
}

/// Searches by offer until `count` agreements exist, moving the emulator clock; returns them.
async fn wait_for_agreements(
    clock: &mpctl_emulator::ClockControl,
    client: &agreement::Client,
    offer_id: &str,
    count: usize,
) -> Vec<agreement::types::AgreementViewSummary> {
    let what = format!("{count} agreements for {offer_id}");
    crate::support::clock::until(clock, crate::support::clock::step(), &what, || async {
        let out = search(client, &[("OfferId", offer_id)])
            .send()
            .await
            .expect("SearchAgreements");
        let found = out.agreement_view_summaries();
        (found.len() >= count).then(|| found.to_vec())
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Tests that need no Catalog data

#[tokio::test(flavor = "multi_thread")]
async fn search_with_no_agreements_returns_an_empty_list() {
    let handle = emulator().await;
    let out = search(&agreement_client(&handle), &[("Status", "ACTIVE")])
        .send()
        .await
        .expect("SearchAgreements");
    assert!(out.agreement_view_summaries().is_empty());
    assert_eq!(out.next_token(), None);
    let cbor = handle.requests();
    assert_eq!(
        cbor.last().map(|r| (r.operation.as_str(), r.status)),
        Some(("SearchAgreements", 200))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn search_rejects_undocumented_filter_combinations() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = search(
        &client,
        &[("OfferId", "offer-x"), ("ResourceType", "SaaSProduct")],
    )
    .send()
    .await
    .expect_err("unsupported combination");
    let service = err.into_service_error();
    let agreement::operation::search_agreements::SearchAgreementsError::ValidationException(e) =
        service
    else {
        panic!("expected ValidationException, got {service:?}");
    };
    assert_eq!(
        e.reason(),
        Some(&ValidationExceptionReason::UnsupportedFilters)
    );
    let message = e.message().unwrap_or_default();
    assert!(
        message.contains("AgreementType + OfferId + ResourceType"),
        "{message}"
    );
    assert_eq!(e.fields().first().map(|f| f.name()), Some("filters"));

    // BeforeEndTime is allowed on any documented combination; OfferSetId + ResourceType is not one.
    search(
        &client,
        &[
            ("OfferId", "offer-x"),
            ("Status", "ACTIVE"),
            ("BeforeEndTime", "2030-01-01T00:00:00Z"),
        ],
    )
    .send()
    .await
    .expect("documented combination");
    let err = search(
        &client,
        &[
            ("OfferSetId", "offerset-x"),
            ("ResourceType", "SaaSProduct"),
        ],
    )
    .send()
    .await
    .expect_err("unsupported");
    assert_eq!(err.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn search_requires_party_type_and_valid_paging() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .send()
        .await
        .expect_err("PartyType missing");
    let reason = |e: agreement::operation::search_agreements::SearchAgreementsError| match e {
        agreement::operation::search_agreements::SearchAgreementsError::ValidationException(v) => {
            v.reason().cloned()
        }
        other => panic!("expected ValidationException, got {other:?}"),
    };
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::MissingPartyType)
    );
    let err = search(&client, &[])
        .max_results(51)
        .send()
        .await
        .expect_err("maxResults 51");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidMaxResults)
    );
    let err = search(&client, &[])
        .next_token("bogus")
        .send()
        .await
        .expect_err("bad token");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidNextToken)
    );
    let sort = Sort::builder().sort_by("StartTime").build();
    let err = search(&client, &[])
        .sort(sort)
        .send()
        .await
        .expect_err("sort by StartTime");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidSortBy)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_agreement_is_resource_not_found() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = client
        .describe_agreement()
        .agreement_id("agmt-doesnotexist")
        .send()
        .await
        .expect_err("unknown");
    let agreement::operation::describe_agreement::DescribeAgreementError::ResourceNotFoundException(
        e,
    ) = err.into_service_error()
    else {
        panic!("expected ResourceNotFoundException");
    };
    assert_eq!(e.resource_id(), Some("agmt-doesnotexist"));
    assert_eq!(e.resource_type(), Some(&ResourceType::Agreement));
    assert!(e.message().is_some_and(|m| m.contains("agmt-doesnotexist")));

    let err = client
        .get_agreement_terms()
        .agreement_id("agmt-doesnotexist")
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let statuses: Vec<u16> = handle.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [404, 404], "not found is not retried");
}

#[tokio::test(flavor = "multi_thread")]
async fn operations_not_emulated_yet_are_unknown() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = client
        .cancel_agreement()
        .agreement_id("agmt-x")
        .send()
        .await
        .expect_err("not served");
    assert_eq!(err.code(), Some("UnknownOperationException"));
    assert!(err.message().is_some_and(|m| m.contains("CancelAgreement")));
}

// ---------------------------------------------------------------------------------------------
// awsJson1_0 (boto3 / AWS CLI protocol)

/// One awsJson1_0 POST to the emulator: `(status, lower-cased headers, body)`.
async fn post_json(
    handle: &mpctl_emulator::Handle,
    op: &str,
    body: Value,
) -> (u16, HashMap<String, String>, Value) {
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: AWSMPCommerceService_v20200301.{op}\r\n\
         Content-Type: application/x-amz-json-1.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        handle.addr,
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(handle.addr)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("utf-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("header/body split");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (
        status,
        headers,
        serde_json::from_str(body).expect("JSON body"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn json_protocol_serves_results_and_errors() {
    let handle = emulator().await;
    let proposer = json!({"catalog": "AWSMarketplace", "filters": [
        {"name": "PartyType", "values": ["Proposer"]}, {"name": "AgreementType", "values": ["PurchaseAgreement"]}]});
    let (status, headers, body) = post_json(&handle, "SearchAgreements", proposer).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers.get("content-type").map(String::as_str),
        Some("application/x-amz-json-1.0")
    );
    assert!(headers.contains_key("x-amzn-requestid"));
    assert_eq!(body, json!({"agreementViewSummaries": []}));

    let (status, headers, body) = post_json(
        &handle,
        "DescribeAgreement",
        json!({"agreementId": "agmt-nope"}),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        headers.get("x-amzn-errortype").map(String::as_str),
        Some("ResourceNotFoundException")
    );
    assert_eq!(body["__type"], "ResourceNotFoundException");
    assert_eq!(body["resourceId"], "agmt-nope");
    assert_eq!(body["resourceType"], "Agreement");
    assert!(
        body["message"].is_string(),
        "Agreement's message member is lowercase: {body}"
    );
    assert!(body.get("code").is_none() && body.get("Message").is_none());

    let (status, _, body) = post_json(&handle, "DescribeAgreement", json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["reason"], "MISSING_AGREEMENT_ID");
    assert_eq!(body["fields"][0]["name"], "agreementId");
}

// ---------------------------------------------------------------------------------------------
// With agreements (need the Catalog emulator)

#[tokio::test(flavor = "multi_thread")]
async fn released_private_offer_is_accepted_once_by_each_buyer() {
    let handle = emulator().await;
    let (product_id, offer_id) = publish_private_offer(&handle, &BUYERS[..2]).await;
    let client = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &client, &offer_id, 2).await;
    let mut acceptors: Vec<&str> = found
        .iter()
        .filter_map(|a| a.acceptor()?.account_id())
        .collect();
    acceptors.sort_unstable();
    assert_eq!(acceptors, BUYERS[..2]);
    for a in &found {
        let id = a.agreement_id().expect("agreementId");
        assert!(id.starts_with("agmt-") && id.len() == 30, "{id}");
        assert_eq!(a.agreement_type(), Some("PurchaseAgreement"));
        assert_eq!(a.status(), Some(&AgreementStatus::Active));
        assert_eq!(a.proposer().and_then(|p| p.account_id()), Some(SELLER));
        let summary = a.proposal_summary().expect("proposalSummary");
        assert_eq!(summary.offer_id(), Some(offer_id.as_str()));
        assert_eq!(summary.offer_set_id(), None);
        let resource = &summary.resources()[0];
        assert_eq!(
            (resource.id(), resource.r#type()),
            (Some(product_id.as_str()), Some("SaaSProduct"))
        );
        let start = a.start_time().expect("startTime").secs();
        assert_eq!(a.acceptance_time().map(|t| t.secs()), Some(start));
        let days = (a.end_time().expect("endTime").secs() - start) / 86_400;
        assert!(
            (365..=366).contains(&days),
            "12-month validity term, got {days} days"
        );
        assert_eq!(a.last_update_time().map(|t| t.secs()), Some(start));
    }
    // Still exactly one agreement per buyer after more time has passed.
    handle.clock().advance(std::time::Duration::from_secs(5));
    let again = search(&client, &[("OfferId", &offer_id)])
        .send()
        .await
        .expect("search");
    assert_eq!(again.agreement_view_summaries().len(), 2);
    let by_buyer = search(
        &client,
        &[("AcceptorAccountId", BUYERS[1]), ("OfferId", &offer_id)],
    )
    .send()
    .await
    .expect("search");
    assert_eq!(by_buyer.agreement_view_summaries().len(), 1);
    let by_product = search(
        &client,
        &[("ResourceIdentifier", &product_id), ("Status", "ACTIVE")],
    )
    .send()
    .await
    .expect("search");
    assert_eq!(by_product.agreement_view_summaries().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn describe_and_terms_reflect_the_accepted_offer() {
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let client = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &client, &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");

    let described = client
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .expect("DescribeAgreement");
    assert_eq!(described.agreement_id(), Some(id));
    assert_eq!(
        described.acceptor().and_then(|a| a.account_id()),
        Some(BUYERS[0])
    );
    assert_eq!(described.start_time(), found[0].start_time());
    assert_eq!(described.end_time(), found[0].end_time());
    let charges = described.estimated_charges().expect("estimatedCharges");
    assert_eq!(
        (charges.currency_code(), charges.agreement_value()),
        (Some("USD"), Some("1200.00"))
    );

    let terms: Vec<AcceptedTerm> = client
        .get_agreement_terms()
        .agreement_id(id)
        .max_results(1)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("GetAgreementTerms pages");
    assert_eq!(terms.len(), 3, "{terms:?}");
    let pricing = terms
        .iter()
        .find_map(|t| t.as_configurable_upfront_pricing_term().ok())
        .expect("pricing term");
    assert_eq!(pricing.currency_code(), Some("USD"));
    let card = &pricing.rate_cards()[0];
    assert_eq!(card.selector().and_then(|s| s.value()), Some("P12M"));
    assert_eq!(card.rate_card()[0].price(), Some("1200.00"));
    let selection = pricing.configuration().expect("buyer configuration");
    assert_eq!(selection.selector_value(), "P12M");
    assert_eq!(
        selection
            .dimensions()
            .iter()
            .map(|d| (d.dimension_key(), d.dimension_value()))
            .collect::<Vec<_>>(),
        [("Users", 1)]
    );
    let validity = terms
        .iter()
        .find_map(|t| t.as_validity_term().ok())
        .expect("validity term");
    assert_eq!(validity.agreement_duration(), Some("P12M"));
    let legal = terms
        .iter()
        .find_map(|t| t.as_legal_term().ok())
        .expect("legal term");
    assert_eq!(legal.documents()[0].r#type(), Some("StandardEula"));
    let mut ids: Vec<&str> = [pricing.id(), validity.id(), legal.id()]
        .into_iter()
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "distinct term ids");
    assert!(ids.iter().all(|i| i.starts_with("term-")));
}

#[tokio::test(flavor = "multi_thread")]
async fn search_sorts_by_end_time_and_paginates() {
    let handle = emulator().await;
    let (_, first_offer) = publish_private_offer(&handle, &BUYERS).await;
    let (_, second_offer) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let client = agreement_client(&handle);
    wait_for_agreements(&handle.clock(), &client, &first_offer, 3).await;
    wait_for_agreements(&handle.clock(), &client, &second_offer, 1).await;

    let pages = search(&client, &[])
        .sort(
            Sort::builder()
                .sort_by("EndTime")
                .sort_order(SortOrder::Ascending)
                .build(),
        )
        .max_results(3)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        pages
            .iter()
            .map(|p| p.agreement_view_summaries().len())
            .collect::<Vec<_>>(),
        [3, 1]
    );
    let ends: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.agreement_view_summaries())
        .filter_map(|a| a.end_time().map(|t| t.secs()))
        .collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "ascending: {ends:?}");
    let newest = search(&client, &[])
        .max_results(1)
        .send()
        .await
        .expect("default sort");
    let newest = &newest.agreement_view_summaries()[0];
    assert_eq!(
        newest.proposal_summary().and_then(|p| p.offer_id()),
        Some(second_offer.as_str()),
        "EndTime descending by default"
    );

    let acceptor = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Acceptor"))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .send()
        .await
        .expect("acceptor search");
    assert!(
        acceptor.agreement_view_summaries().is_empty(),
        "the seller accepted nothing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn json_protocol_returns_epoch_second_numbers() {
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let found =
        wait_for_agreements(&handle.clock(), &agreement_client(&handle), &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");
    let (status, _, body) =
        post_json(&handle, "DescribeAgreement", json!({"agreementId": id})).await;
    assert_eq!(status, 200);
    let start = found[0].start_time().expect("startTime");
    let expected = start.secs() as f64 + f64::from(start.subsec_nanos()) / 1e9;
    let got = body["startTime"]
        .as_f64()
        .expect("startTime is a JSON number");
    assert!((got - expected).abs() < 0.001, "{got} vs {expected}");
    assert!(body["acceptanceTime"].is_number() && body["endTime"].is_number());
    let (_, _, terms) = post_json(&handle, "GetAgreementTerms", json!({"agreementId": id})).await;
    for term in terms["acceptedTerms"].as_array().expect("acceptedTerms") {
        assert_eq!(
            term.as_object().map(|m| m.len()),
            Some(1),
            "union with one key: {term}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// boto3

const BOTO3_SCRIPT: &str = r#"
import json, sys, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
url, agreement_id = sys.argv[1], sys.argv[2]
c = boto3.client("marketplace-agreement", region_name="us-east-1", endpoint_url=url,
                 aws_access_key_id="AKIDTEST", aws_secret_access_key="secret",
                 config=Config(retries={"max_attempts": 1}))
out = {}
res = c.search_agreements(catalog="AWSMarketplace", filters=[
    {"name": "PartyType", "values": ["Proposer"]}, {"name": "AgreementType", "values": ["PurchaseAgreement"]}])
out["search"] = [dict(id=s["agreementId"], start=s["startTime"].timestamp(), end=s["endTime"].timestamp())
                 for s in res["agreementViewSummaries"]]
d = c.describe_agreement(agreementId=agreement_id)
out["describe"] = dict(value=d["estimatedCharges"]["agreementValue"], acceptance=d["acceptanceTime"].timestamp())
t = c.get_agreement_terms(agreementId=agreement_id)
out["terms"] = [list(term.keys()) for term in t["acceptedTerms"]]
try:
    c.describe_agreement(agreementId="agmt-nope")
except ClientError as e:
    out["error"] = dict(code=e.response["Error"]["Code"], resourceId=e.response.get("resourceId"),
                        status=e.response["ResponseMetadata"]["HTTPStatusCode"])
print(json.dumps(out))
"#;

async fn boto3_available() -> bool {
    tokio::process::Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .await
        .is_ok_and(|o| o.status.success())
}

#[tokio::test(flavor = "multi_thread")]
async fn boto3_reads_agreements_over_json() {
    if !boto3_available().await {
        // CI installs boto3 and sets MPCTL_REQUIRE_BOTO3, so there this test cannot skip.
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let found =
        wait_for_agreements(&handle.clock(), &agreement_client(&handle), &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");
    let output = tokio::process::Command::new("python3")
        .args(["-c", BOTO3_SCRIPT, &handle.base_url, id])
        .output()
        .await
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "boto3 script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: Value = serde_json::from_slice(&output.stdout).expect("script prints JSON");
    assert_eq!(out["search"][0]["id"], json!(id));
    let start = found[0].start_time().expect("startTime").secs() as f64;
    assert!((out["search"][0]["start"].as_f64().unwrap_or(0.0) - start).abs() < 1.0);
    assert_eq!(out["describe"]["value"], "1200.00");
    let keys: Vec<&str> = out["terms"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k[0].as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "configurableUpfrontPricingTerm",
            "validityTerm",
            "legalTerm"
        ]
    );
    assert_eq!(
        out["error"],
        json!({"code": "ResourceNotFoundException", "resourceId": "agmt-nope", "status": 404})
    );
}
