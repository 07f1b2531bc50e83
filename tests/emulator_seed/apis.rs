//! The seeded world through the Rust SDK, read exactly as records made by change sets and
//! acceptances are.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_marketplaceagreement::types::Filter;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::small;
use crate::support::accounts::{as_account, As, SELLER, STRANGER};
use crate::support::emulator;

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// Every agreement the seller proposed: (id, status, end time), paged 50 at a time.
async fn agreements(seller: &As) -> Vec<(String, String, DateTime<Utc>)> {
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = seller
            .agreement
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(filter("PartyType", "Proposer"))
            .filters(filter("AgreementType", "PurchaseAgreement"))
            .max_results(50)
            .set_next_token(token)
            .send()
            .await
            .expect("SearchAgreements");
        for a in page.agreement_view_summaries() {
            let end = a.end_time().expect("endTime");
            let end = DateTime::<Utc>::from_timestamp(end.secs(), 0).expect("instant");
            let status = a
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default();
            out.push((
                a.agreement_id().unwrap_or_default().to_string(),
                status,
                end,
            ));
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return out;
        }
    }
}

/// Every offer entity: (id, visibility), paged.
async fn offers(seller: &As) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = seller
            .catalog
            .client
            .list_entities()
            .catalog("AWSMarketplace")
            .entity_type("Offer")
            .max_results(50)
            .set_next_token(token)
            .send()
            .await
            .expect("ListEntities");
        for e in page.entity_summary_list() {
            let id = e.entity_id().unwrap_or_default().to_string();
            out.push((id, e.visibility().unwrap_or_default().to_string()));
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return out;
        }
    }
}

/// Every opportunity of the AWS catalog: id → stage, paged.
async fn opportunities(seller: &As) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut token = None;
    loop {
        let page = seller
            .partner
            .list_opportunities()
            .catalog("AWS")
            .max_results(50)
            .set_next_token(token)
            .send()
            .await
            .expect("ListOpportunities");
        for o in page.opportunity_summaries() {
            let stage = o
                .life_cycle()
                .and_then(|l| l.stage())
                .map(|s| s.as_str().to_string());
            out.insert(
                o.id().unwrap_or_default().to_string(),
                stage.unwrap_or_default(),
            );
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return out;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_apis_return_what_the_seeding_counts() {
    let h = emulator().await;
    let summary = h.seed_catalog(&small(3)).expect("seeded");
    let seller = as_account(&h, SELLER);
    let now = h.clock().now();

    let found = agreements(&seller).await;
    assert_eq!(found.len(), 120, "{summary}");
    let statuses: BTreeSet<&str> = found.iter().map(|(_, s, _)| s.as_str()).collect();
    for status in ["ACTIVE", "EXPIRED", "CANCELLED"] {
        assert!(statuses.contains(status), "{statuses:?}");
    }
    let active = (found.iter()).filter(|(_, s, _)| s == "ACTIVE").count();
    assert_eq!(
        active as u64,
        summary["agreements"]["active"].as_u64().unwrap()
    );
    let ends: Vec<DateTime<Utc>> = (found.iter())
        .filter(|(_, s, _)| s == "ACTIVE")
        .map(|(_, _, e)| *e)
        .collect();
    let soon = ends
        .iter()
        .filter(|e| **e <= now + chrono::Duration::days(30))
        .count();
    assert!(soon >= 2, "some end within 30 days: {soon}");
    assert!(
        ends.iter().all(|e| *e > now),
        "ACTIVE ones end in the future"
    );
    assert!(
        ends.iter().any(|e| *e > now + chrono::Duration::days(365)),
        "some end next year"
    );
    let days: BTreeSet<_> = ends.iter().map(|e| e.date_naive()).collect();
    assert!(
        days.len() > 20,
        "spread over many days, not one: {}",
        days.len()
    );

    let listed = offers(&seller).await;
    assert_eq!(listed.len(), 40);
    let private = listed.iter().filter(|(_, v)| v == "Private").count();
    let public = listed.iter().filter(|(_, v)| v == "Public").count();
    assert_eq!(
        (public, private),
        (
            40 - private,
            summary["offers"]["private"].as_u64().unwrap() as usize
        )
    );
    assert!(private > 0 && public > 0, "both visibilities: {listed:?}");

    let opportunities = opportunities(&seller).await;
    assert_eq!(opportunities.len(), 30);
    let stages: BTreeSet<&str> = opportunities.values().map(String::as_str).collect();
    for stage in [
        "Prospect",
        "Qualified",
        "Technical Validation",
        "Business Validation",
        "Committed",
        "Launched",
        "Closed Lost",
    ] {
        assert!(stages.contains(stage), "{stage} missing: {stages:?}");
    }
    assert!(
        h.events().is_empty(),
        "seeded history announces nothing: {:?}",
        h.events()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn seeded_records_read_like_published_ones() {
    let h = emulator().await;
    let summary = h.seed_catalog(&small(4)).expect("seeded");
    let seller = as_account(&h, SELLER);
    let sample = &summary["offers"]["privateSample"][0];
    let (offer, buyer) = (
        sample["offerId"].as_str().unwrap(),
        sample["buyerAccount"].as_str().unwrap(),
    );

    // Discovery: the private offer is its buyer's only.
    let seen = as_account(&h, buyer)
        .discovery
        .get_offer()
        .offer_id(offer)
        .send()
        .await;
    assert_eq!(seen.expect("the buyer sees it").offer_id(), offer);
    let err = as_account(&h, STRANGER)
        .discovery
        .get_offer()
        .offer_id(offer)
        .send()
        .await;
    assert_eq!(
        err.expect_err("hidden").code(),
        Some("ResourceNotFoundException")
    );

    // DescribeEntity: released, targeted, priced.
    let described = seller
        .catalog
        .client
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(offer)
        .send()
        .await
        .expect("DescribeEntity");
    let doc: Value = serde_json::from_str(described.details().unwrap()).unwrap();
    assert_eq!(doc["State"], "Released", "{doc}");
    assert!(doc["Terms"].as_array().unwrap().len() >= 3, "{doc}");
    assert!(doc.to_string().contains(buyer), "{doc}");
    let product = summary["products"]["sample"][0].as_str().unwrap();
    let described = seller
        .catalog
        .client
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(product)
        .send()
        .await
        .expect("DescribeEntity product");
    let doc: Value = serde_json::from_str(described.details().unwrap()).unwrap();
    assert!(
        doc["Description"]["ProductCode"]
            .as_str()
            .is_some_and(|c| c.len() == 25),
        "{doc}"
    );
    assert!(!doc["Dimensions"].as_array().unwrap().is_empty(), "{doc}");

    // DescribeAgreement and GetAgreementTerms on a seeded agreement.
    let id = summary["agreements"]["sample"][0].as_str().unwrap();
    let a = seller
        .agreement
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .expect("DescribeAgreement");
    assert!(a.estimated_charges().is_some(), "{a:?}");
    let terms = seller
        .agreement
        .get_agreement_terms()
        .agreement_id(id)
        .send()
        .await
        .expect("terms");
    assert!(!terms.accepted_terms().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_seed_makes_the_same_ids_and_is_refused_twice_in_one_world() {
    let (one, two) = (emulator().await, emulator().await);
    let a = one.seed_catalog(&small(9)).expect("one");
    let b = two.seed_catalog(&small(9)).expect("two");
    for part in ["products", "offers", "agreements", "opportunities"] {
        assert_eq!(a[part]["sample"], b[part]["sample"], "{part}");
        assert_eq!(a[part]["count"], b[part]["count"], "{part}");
    }
    assert_eq!(a["offers"]["privateSample"], b["offers"]["privateSample"]);
    assert_eq!(a["opportunities"]["byStage"], b["opportunities"]["byStage"]);
    let c = emulator()
        .await
        .seed_catalog(&small(10))
        .expect("other seed");
    assert_ne!(a["products"]["sample"], c["products"]["sample"]);
    let again = one.seed_catalog(&small(9)).expect_err("same seed twice");
    assert!(
        matches!(again, mpctl_emulator::SeedError::Conflict(_)),
        "{again:?}"
    );
}
