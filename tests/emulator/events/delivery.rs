//! A run-all through the built binary with three rules in place before it starts: the seller's
//! rule for every Marketplace and Partner Central source, the seller's narrower rule for change
//! sets only, and the buyer's rule. Each queue receives exactly its account's matching events,
//! in AWS's envelope, with the ids the run created.

use serde_json::{json, Value};

use super::{bus, drain, outbox_of, rule_to_queue};
use crate::support::accounts::{BUYER, SELLER};
use crate::support::project::Project;
use crate::support::server::Server;

const SOURCES: [&str; 3] = [
    "aws.marketplacecatalog",
    "aws.agreement-marketplace",
    "aws.partnercentral-selling",
];

fn types(events: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = events
        .iter()
        .map(|e| e["detail-type"].as_str().unwrap_or_default().to_string())
        .collect();
    t.sort();
    t
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn a_rule_receives_exactly_the_events_of_a_run_all_in_awss_envelope() {
    let server = Server::fast();
    let url = server.url();
    let seller = bus(&url, SELLER);
    let buyer = bus(&url, BUYER);
    let (all, narrow, bought) = server.block_on(async {
        (
            rule_to_queue(&seller, "mp-all", json!({"source": SOURCES})).await,
            rule_to_queue(
                &seller,
                "mp-changesets",
                json!({"source": ["aws.marketplacecatalog"], "detail-type": [{"prefix": "Change Set "}]}),
            )
            .await,
            rule_to_queue(&buyer, "buyer-all", json!({"source": SOURCES})).await,
        )
    });
    let project = Project::new();
    project.mpctl(&url, &["run-all"]).output().expect_code(0);
    std::thread::sleep(std::time::Duration::from_secs(1));
    let got = server.block_on(drain(&seller, &all));
    let changesets = server.block_on(drain(&seller, &narrow));
    let buyers = server.block_on(drain(&buyer, &bought));

    // Exactly the seller's outbox, once each, in the envelope.
    assert_eq!(types(&got), sorted(outbox_of(server.handle(), SELLER)));
    let mut ids: Vec<&str> = got.iter().filter_map(|e| e["id"].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "event ids are unique");
    for e in &got {
        assert_eq!(e["version"], "0");
        assert_eq!(e["account"], SELLER);
        assert_eq!(e["region"], "us-east-1");
        assert!(
            e["time"]
                .as_str()
                .is_some_and(|t| t.len() == 20 && t.ends_with('Z')),
            "{e}"
        );
        assert!(e["resources"].is_array() && e["detail"].is_object(), "{e}");
    }
    // The ids the APIs returned.
    let state = project.state();
    let with = |t: &'static str| got.iter().filter(move |e| e["detail-type"] == t);
    let change_sets: Vec<&Value> = with("Change Set Succeeded")
        .map(|e| &e["detail"]["ChangeSetId"])
        .collect();
    for key in ["PRODUCT_CHANGESET_ID", "OFFER_CHANGESET_ID"] {
        assert!(
            change_sets.contains(&&state[key]),
            "{key} {state} {change_sets:?}"
        );
    }
    assert!(with("Offer Released").any(|e| e["detail"]["offer"]["id"] == state["OFFER_ID"]));
    assert!(with("Opportunity Created")
        .any(|e| e["detail"]["opportunity"]["identifier"] == state["OPPORTUNITY_ID"]));
    assert!(with("Purchase Agreement Created - Proposer")
        .any(|e| e["detail"]["agreement"]["id"] == state["AGREEMENT_ID"]));

    // The narrower pattern: the change set events only, all of them.
    assert!(!changesets.is_empty());
    assert!(changesets.iter().all(|e| e["detail-type"]
        .as_str()
        .is_some_and(|t| t.starts_with("Change Set "))));
    assert_eq!(changesets.len(), change_sets.len());

    // The buyer's bus: its Acceptor events, never the seller's.
    assert!(!buyers.is_empty());
    assert_eq!(types(&buyers), sorted(outbox_of(server.handle(), BUYER)));
    for e in &buyers {
        assert_eq!(e["account"], BUYER);
        assert!(
            e["detail-type"]
                .as_str()
                .is_some_and(|t| t.ends_with(" - Acceptor")),
            "{e}"
        );
    }
    assert!(got.iter().all(|e| !e["detail-type"]
        .as_str()
        .unwrap_or("")
        .ends_with(" - Acceptor")));
}

#[test]
fn without_the_queue_policy_eventbridge_cannot_send_and_a_disabled_rule_receives_nothing() {
    let server = Server::fast();
    let seller = bus(&server.url(), SELLER);
    let (blocked, disabled) = server.block_on(async {
        let blocked = rule_to_queue(&seller, "blocked", json!({"source": SOURCES})).await;
        seller
            .sqs
            .set_queue_attributes()
            .queue_url(&blocked)
            .attributes(aws_sdk_sqs::types::QueueAttributeName::Policy, "")
            .send()
            .await
            .expect("policy removed");
        let disabled = rule_to_queue(&seller, "disabled", json!({"source": SOURCES})).await;
        seller
            .events
            .disable_rule()
            .name("disabled")
            .send()
            .await
            .expect("DisableRule");
        (blocked, disabled)
    });
    let client = crate::support::partner_client(server.handle());
    server.block_on(crate::support::partner::create_referral(&client, "Initech"));
    assert!(!outbox_of(server.handle(), SELLER).is_empty());
    assert!(server.block_on(drain(&seller, &blocked)).is_empty());
    assert!(server.block_on(drain(&seller, &disabled)).is_empty());
}
