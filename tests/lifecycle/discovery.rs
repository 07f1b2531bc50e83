//! The emulator's Marketplace Discovery and Agreement buyer operations through the real SDK
//! crates, signed as buyer accounts (the emulator reads the account from the access key id).

use aws_sdk_marketplaceagreement::error::ProvideErrorMetadata;
use aws_sdk_marketplaceagreement::operation::create_agreement_request::CreateAgreementRequestError;
use aws_sdk_marketplaceagreement::types::{AgreementEntitlementStatus, Intent, RequestedTerm};
use aws_sdk_marketplacediscovery::types::OfferTerm;

use super::{json_ok, no_stand_in, seller, state, BUYER};
use crate::support::server::Server;

fn config(server: &Server, key: &str) -> aws_config::SdkConfig {
    crate::support::sdk_config_with_key(&server.url(), key)
}

fn discovery(server: &Server, account: &str) -> aws_sdk_marketplacediscovery::Client {
    aws_sdk_marketplacediscovery::Client::new(&config(server, &format!("AKIDBUYER{account}")))
}

fn agreement(server: &Server, account: &str) -> aws_sdk_marketplaceagreement::Client {
    aws_sdk_marketplaceagreement::Client::new(&config(server, &format!("AKIDBUYER{account}")))
}

fn term(t: &OfferTerm) -> (String, String) {
    match t {
        OfferTerm::LegalTerm(x) => (x.id().into(), "LegalTerm".into()),
        OfferTerm::FixedUpfrontPricingTerm(x) => (x.id().into(), "FixedUpfrontPricingTerm".into()),
        OfferTerm::UsageBasedPricingTerm(x) => (x.id().into(), "UsageBasedPricingTerm".into()),
        OfferTerm::PaymentScheduleTerm(x) => (x.id().into(), "PaymentScheduleTerm".into()),
        OfferTerm::ValidityTerm(x) => (x.id().into(), "ValidityTerm".into()),
        other => panic!("unexpected term {other:?}"),
    }
}

fn reason<R: std::fmt::Debug>(
    e: &aws_sdk_marketplaceagreement::error::SdkError<CreateAgreementRequestError, R>,
) -> String {
    match e.as_service_error() {
        Some(CreateAgreementRequestError::ValidationException(v)) => v
            .reason()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        other => panic!("not a ValidationException: {other:?}"),
    }
}

#[test]
fn get_offer_and_terms_show_an_offer_only_to_its_buyers() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    server.block_on(async {
        let got = discovery(&server, BUYER)
            .get_offer()
            .offer_id(&offer)
            .send()
            .await
            .expect("buyer sees it");
        assert!(got.agreement_proposal_id().starts_with("ap-"));
        assert_eq!(got.offer_id(), offer);
        assert_eq!(
            got.pricing_model().map(|p| p.pricing_model_type().as_str()),
            Some("CONTRACT")
        );
        assert!(got.expiration_time().is_some());
        assert_eq!(got.badges()[0].badge_type().as_str(), "PRIVATE_PRICING");
        assert!(got.associated_entities()[0].product().is_some());

        let e = discovery(&server, "999999999999")
            .get_offer()
            .offer_id(&offer)
            .send()
            .await
            .expect_err("hidden");
        assert_eq!(e.code(), Some("ResourceNotFoundException"));

        let terms = discovery(&server, BUYER)
            .get_offer_terms()
            .offer_id(&offer)
            .send()
            .await
            .expect("terms");
        let kinds: Vec<String> = terms.offer_terms().iter().map(|t| term(t).1).collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        let usage = terms
            .offer_terms()
            .iter()
            .find_map(|t| t.as_usage_based_pricing_term().ok())
            .expect("usage term");
        let item = &usage.rate_cards()[0].rate_card()[0];
        assert_eq!(
            (item.dimension_key(), item.price()),
            ("WorkloadSmall", "0.12")
        );
        assert_eq!(item.display_name(), "Workload: small instance hours");
    });
}

#[test]
fn agreement_requests_enforce_the_documented_reasons() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let client = agreement(&server, BUYER);
    let (proposal, terms) = server.block_on(async {
        let d = discovery(&server, BUYER);
        let p = d.get_offer().offer_id(&offer).send().await.expect("offer");
        let t = d
            .get_offer_terms()
            .offer_id(&offer)
            .send()
            .await
            .expect("terms");
        let terms: Vec<(String, String)> = t.offer_terms().iter().map(term).collect();
        (p.agreement_proposal_id().to_string(), terms)
    });
    let requested = |ids: &[&str]| -> Vec<RequestedTerm> {
        ids.iter()
            .map(|i| RequestedTerm::builder().id(*i).build().expect("term"))
            .collect()
    };
    let all: Vec<&str> = terms.iter().map(|(i, _)| i.as_str()).collect();
    let create = |intent: Intent, proposal: &str, ids: &[&str], token: &str| {
        client
            .create_agreement_request()
            .client_token(token)
            .intent(intent)
            .agreement_proposal_identifier(proposal)
            .set_requested_terms(Some(requested(ids)))
    };
    server.block_on(async {
        let e = create(Intent::New, &proposal, &all[..1], "t1")
            .send()
            .await
            .expect_err("mandatory");
        assert_eq!(reason(&e), "MISSING_MANDATORY_TERMS");
        let e = create(Intent::New, &proposal, &["term-nope"], "t2")
            .send()
            .await
            .expect_err("bad id");
        assert_eq!(reason(&e), "INVALID_REQUESTED_TERM_ID");
        let e = create(Intent::New, "ap-unknown", &all, "t3")
            .send()
            .await
            .expect_err("bad proposal");
        assert_eq!(reason(&e), "INVALID_AGREEMENT_PROPOSAL_IDENTIFIER");
        let e = create(Intent::Replace, &proposal, &all, "t4")
            .send()
            .await
            .expect_err("no source");
        assert_eq!(reason(&e), "MISSING_SOURCE_AGREEMENT_IDENTIFIER");
        let e = create(Intent::Amend, &proposal, &all, "t5")
            .send()
            .await
            .expect_err("amend");
        assert_eq!(reason(&e), "UNSUPPORTED_ACTION");

        let first = create(Intent::New, &proposal, &all, "same")
            .send()
            .await
            .expect("created");
        let again = create(Intent::New, &proposal, &all, "same")
            .send()
            .await
            .expect("replayed");
        let request = first.agreement_request_id().expect("id").to_string();
        assert!(request.starts_with("ar-"));
        assert_eq!(again.agreement_request_id(), Some(request.as_str()));
        assert_eq!(
            first.charge_summary().and_then(|c| c.currency_code()),
            Some("USD")
        );

        // Only the buyer who created a request can accept it.
        let e = agreement(&server, "444455556666")
            .accept_agreement_request()
            .agreement_request_id(&request)
            .send()
            .await
            .expect_err("not theirs");
        assert_eq!(e.code(), Some("ResourceNotFoundException"));
        let id = client
            .accept_agreement_request()
            .agreement_request_id(&request)
            .send()
            .await
            .expect("accepted")
            .agreement_id()
            .expect("agreement id")
            .to_string();
        let e = create(Intent::New, &proposal, &all, "t6")
            .send()
            .await
            .expect_err("twice");
        assert_eq!(e.code(), Some("ConflictException"));

        let clock = server.handle().clock();
        let step = crate::support::clock::step();
        crate::support::clock::until(&clock, step, "provisioned", || async {
            let out = client
                .get_agreement_entitlements()
                .agreement_id(&id)
                .send()
                .await
                .expect("entitlements");
            let status = out
                .agreement_entitlements()
                .first()
                .and_then(|e| e.status().cloned());
            (status == Some(AgreementEntitlementStatus::Provisioned)).then_some(())
        })
        .await;
    });

    // A new revision of the offer supersedes the proposal the buyer holds.
    json_ok(
        &project,
        &server,
        &["offer", "extend", &offer, "--until", "2031-01-31"],
    );
    server.block_on(async {
        let e = agreement(&server, "444455556666")
            .create_agreement_request()
            .client_token("t7")
            .intent(Intent::New)
            .agreement_proposal_identifier(&proposal)
            .set_requested_terms(Some(requested(&all)))
            .send()
            .await
            .expect_err("superseded");
        assert_eq!(reason(&e), "SUPERSEDED_AGREEMENT_PROPOSAL");
    });
}

/// One raw HTTP POST (`(status, body)`), for the protocols the Rust SDK does not speak.
fn post(server: &Server, path: &str, headers: &str, body: &str) -> (u16, serde_json::Value) {
    use std::io::{Read, Write};
    let addr = server.handle().addr;
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    let status = reply[9..12].parse().expect("status");
    let body = reply.split("\r\n\r\n").nth(1).unwrap_or("");
    (
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

#[test]
fn boto3_style_json_reaches_the_buyer_operations_and_discovery() {
    let server = Server::start(no_stand_in());
    let agreement_json = "X-Amz-Target: AWSMPCommerceService_v20200301.CreateAgreementRequest\r\n\
        Content-Type: application/x-amz-json-1.0\r\n\
        Authorization: AWS4-HMAC-SHA256 Credential=AKIDBUYER111122223333/20260101/us-east-1/aws-marketplace/aws4_request, SignedHeaders=host, Signature=0\r\n";
    let (status, body) = post(
        &server,
        "/",
        agreement_json,
        r#"{"requestedTerms": [{"id": "term-x"}]}"#,
    );
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "ValidationException");
    assert_eq!(body["reason"], "MISSING_INTENT");

    let discovery_json = "Content-Type: application/json\r\n";
    let (status, body) = post(&server, "/2026-02-05/getOffer", discovery_json, "{}");
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "ValidationException");
    assert_eq!(body["reason"], "MALFORMED_REQUEST_PARAMETERS");
    let (status, body) = post(
        &server,
        "/2026-02-05/getOffer",
        discovery_json,
        r#"{"offerId": "offer-nope"}"#,
    );
    assert_eq!(status, 404);
    assert_eq!(body["__type"], "ResourceNotFoundException");
}
