//! Issue 12 at a seller's volume: 200 private offers and 200 agreements seeded through the SDK
//! (20 ending within 30 days) plus a `run-all`, then the dashboard in headless chromium. The renewals view lists
//! exactly the agreements ending within 30 days; page loads are measured and printed (not
//! asserted). With MPCTL_DASHBOARD_SCREENSHOT=PATH the overview is saved there as a PNG (how
//! docs/dashboard.png is made).

use std::collections::BTreeSet;
use std::time::Instant;

use aws_sdk_marketplaceagreement::types::Filter;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::support::browser::{self, Browser, Dashboard};
use crate::support::catalog::{change_errors, finish, run_ok, start_changes};
use crate::support::project::Project;
use crate::support::server::Server;
use crate::support::{agreement_client, catalog_client};

const OFFERS: usize = 200;
const PER_SET: usize = 5;

/// The contract length of offer `i`: every tenth ends in 10 days, every tenth+5 in 45.
fn duration(i: usize) -> &'static str {
    match i % 10 {
        0 => "P10D",
        5 => "P45D",
        _ => "P12M",
    }
}

fn offer_changes(product: &str, i: usize) -> Vec<Value> {
    let name = ["OfferA", "OfferB", "OfferC", "OfferD", "OfferE"][i % PER_SET];
    let at = json!({"Type": "Offer@1.0", "Identifier": format!("${name}.Entity.Identifier")});
    let buyer = format!("{:012}", 300_000_000_000u64 + i as u64);
    let pricing = json!({"PricingModel": "Contract", "Terms": [{"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "1200.00", "Duration": duration(i), "Grants": [{"DimensionKey": "Seats", "MaxQuantity": 10}]}]});
    vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": name, "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": product, "Name": format!("Offer {i:03} for {buyer}")}}),
        json!({"ChangeType": "UpdateTargeting", "Entity": at, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": [buyer]}}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": pricing}),
        json!({"ChangeType": "ReleaseOffer", "Entity": at, "DetailsDocument": {}}),
    ]
}

/// Seeds the product and the offers; returns (offer ids, offers whose agreement ends in 10 days).
pub(crate) async fn seed(server: &Server) -> (Vec<String>, BTreeSet<String>) {
    let catalog = catalog_client(server.handle());
    let product = run_ok(&catalog, &[
        json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {"ProductTitle": "Seeded SaaS"}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$P.Entity.Identifier"}, "DetailsDocument": [{"Key": "Seats", "Name": "Seats", "Description": "Seats", "Types": ["Entitled"], "Unit": "Units"}]}),
    ]).await.remove(0);
    let mut sets = Vec::new();
    for first in (0..OFFERS).step_by(PER_SET) {
        let changes: Vec<Value> = (first..first + PER_SET)
            .flat_map(|i| offer_changes(&product, i))
            .collect();
        sets.push(
            start_changes(&catalog, &changes)
                .await
                .expect("start seed change set"),
        );
    }
    let (mut ids, mut soon) = (Vec::new(), BTreeSet::new());
    for (n, set) in sets.iter().enumerate() {
        let out = finish(&catalog, set).await;
        assert_eq!(
            out.status().map(|s| s.as_str()),
            Some("SUCCEEDED"),
            "{:?}",
            change_errors(&out)
        );
        for (k, change) in out
            .change_set()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.change_type() == Some("CreateOffer"))
        {
            let id = change
                .entity()
                .and_then(|e| e.identifier())
                .unwrap_or_default();
            let id = id.split('@').next().unwrap_or_default().to_string();
            if duration(n * PER_SET + k / 4) == "P10D" {
                soon.insert(id.clone());
            }
            ids.push(id);
        }
    }
    assert_eq!(ids.len(), OFFERS, "every seed change set succeeded");
    (ids, soon)
}

/// `agreement id → offer id` once every seeded offer is accepted.
pub(crate) async fn accepted(server: &Server) -> Vec<(String, String)> {
    let client = agreement_client(server.handle());
    let f = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
    let mut last = 0;
    for _ in 0..200 {
        let pages: Vec<_> = client
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(f("PartyType", "Proposer"))
            .filters(f("AgreementType", "PurchaseAgreement"))
            .into_paginator()
            .send()
            .collect()
            .await;
        let found: Vec<(String, String)> = pages
            .into_iter()
            .flat_map(|p| p.expect("search").agreement_view_summaries().to_vec())
            .map(|a| {
                (
                    a.agreement_id().unwrap_or_default().to_string(),
                    a.proposal_summary()
                        .and_then(|p| p.offer_id())
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect();
        if found.len() >= OFFERS {
            return found;
        }
        last = found.len();
        // The stand-in buyers accept on the emulator clock: move it instead of waiting.
        server
            .handle()
            .clock()
            .advance(crate::support::clock::step());
    }
    panic!("the seeded offers were not all accepted: {}", last);
}

#[test]
fn renewals_list_exactly_the_agreements_ending_within_30_days_of_200() {
    if !browser::available() {
        return;
    }
    let server = Server::fast();
    let (_, soon) = server.block_on(seed(&server));
    let agreements = server.block_on(accepted(&server));
    assert_eq!(agreements.len(), OFFERS);
    let expected: BTreeSet<String> = agreements
        .iter()
        .filter(|(_, o)| soon.contains(o))
        .map(|(a, _)| a.clone())
        .collect();
    assert_eq!(expected.len(), OFFERS / 10);

    // The workflow too (a product, its public and private offer, two agreements ending in a
    // year, an opportunity), so the overview shows a seller's whole picture.
    let project = Project::new();
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    let dash = Dashboard::start(&project, &server.url(), &[]);
    server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        // Warm the browser up on a cheap page (403, no token) so the first timing is the dashboard's.
        c.goto(&format!("{}/warm-up", dash.base)).await.expect("warm-up");
        let mut timings = Vec::new();
        for path in ["/renewals", "/", "/offers", "/agreements", "/offers?sort=days&desc=true", "/renewals?refresh=1"] {
            let t = Instant::now();
            c.goto(&dash.at(path)).await.expect("page");
            let read = c.find(Locator::Css("p.meta")).await.expect("meta").text().await.expect("text");
            timings.push(format!("{path} {} ms [{read}]", t.elapsed().as_millis()));
        }
        c.goto(&dash.at("/renewals")).await.expect("renewals");
        let mut listed = BTreeSet::new();
        for cell in c.find_all(Locator::Css("#renewal-agreements td:first-child a")).await.expect("rows") {
            listed.insert(cell.text().await.expect("text"));
        }
        assert_eq!(listed, expected, "renewals within 30 days");
        c.goto(&dash.at("/offers?per=500")).await.expect("offers");
        let rows = c.find_all(Locator::Css("#offers tbody tr")).await.expect("rows").len();
        assert_eq!(rows, OFFERS + 2, "the seeded offers and the workflow's two");
        eprintln!("dashboard page loads over {OFFERS} seeded offers and agreements plus the workflow's (the first page reads everything): {}", timings.join(", "));
        if let Some(path) = std::env::var_os("MPCTL_DASHBOARD_SCREENSHOT") {
            c.goto(&dash.at("/")).await.expect("overview");
            std::fs::write(path, c.screenshot().await.expect("screenshot")).expect("write screenshot");
        }
        b.close().await;
    });
}
