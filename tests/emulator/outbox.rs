//! The emulator's event outbox (`Handle::events`): the changes of state AWS announces on
//! EventBridge, recorded in order, at their emulated instants, for the account that receives
//! them — the changes a `run-all` makes through the built binary, and those the clock makes when
//! `mpctl emulator advance` moves it past an agreement's end.

use mpctl_emulator::OutboxEvent;

use crate::support::project::Project;
use crate::support::server::Server;

const SELLER: &str = mpctl_emulator::DEFAULT_SELLER_ACCOUNT;
const BUYERS: [&str; 2] = ["111122223333", "444455556666"];

/// The events as (detail-type, account), in outbox order.
fn kinds(events: &[OutboxEvent]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| (e.detail_type.clone(), e.account.clone()))
        .collect()
}

/// The position of the first event at or after `from` with this detail-type and account.
fn find(events: &[OutboxEvent], from: usize, detail_type: &str, account: &str) -> usize {
    events[from..]
        .iter()
        .position(|e| e.detail_type == detail_type && e.account == account)
        .map(|i| from + i)
        .unwrap_or_else(|| {
            panic!(
                "no {detail_type:?} for {account} after #{from} in {:#?}",
                kinds(events)
            )
        })
}

#[test]
fn the_outbox_holds_a_run_all_in_order_and_an_expiry_made_by_advancing_the_clock() {
    let server = Server::fast();
    let project = Project::new();
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    let state = project.state();
    let events = server.handle().events();
    let seqs: Vec<u64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=events.len() as u64).collect::<Vec<_>>());

    // The product's change set, then the offer's (which releases the offer), the opportunity,
    // the buyers' agreements, and the opportunity's last update (Committed).
    let product = find(&events, 0, "Change Set Succeeded", SELLER);
    let released = find(&events, product + 1, "Offer Released", SELLER);
    assert_eq!(events[released].detail["offer"]["id"], state["OFFER_ID"]);
    assert_eq!(
        events[released].detail["targetedBuyerAccountIds"],
        serde_json::json!(BUYERS)
    );
    let offer_set = find(&events, product + 1, "Change Set Succeeded", SELLER);
    let created = find(&events, 0, "Opportunity Created", SELLER);
    assert_eq!(
        events[created].detail["opportunity"]["identifier"],
        state["OPPORTUNITY_ID"]
    );
    assert_eq!(events[created].detail["catalog"], "Sandbox");
    let agreement = find(
        &events,
        released,
        "Purchase Agreement Created - Proposer",
        SELLER,
    );
    for buyer in BUYERS {
        let accepted = find(
            &events,
            released,
            "Purchase Agreement Created - Acceptor",
            buyer,
        );
        assert_eq!(events[accepted].source, "aws.agreement-marketplace");
    }
    let agreement_id = &state["AGREEMENT_ID"];
    assert!(events
        .iter()
        .any(|e| e.detail["agreement"]["id"] == *agreement_id));
    let committed = find(&events, agreement, "Opportunity Updated", SELLER);
    assert!(offer_set < agreement && created < committed);
    // Every event happened no later than the next one was recorded.
    assert!(events
        .windows(2)
        .all(|w| w[0].time <= w[1].time || w[0].source != w[1].source));
    assert!(events
        .iter()
        .all(|e| e.time <= server.handle().clock().now()));

    // Three years later every agreement has expired: the clock's move recorded the ends, at
    // each agreement's end time, for both parties.
    let before = events.len();
    project
        .mpctl(&server.url(), &["emulator", "advance", "3y"])
        .output()
        .expect_code(0);
    let after = server.handle().events();
    let ended: Vec<&OutboxEvent> = after[before..]
        .iter()
        .filter(|e| e.detail_type.starts_with("Purchase Agreement Ended"))
        .collect();
    assert_eq!(
        ended.len(),
        2 * BUYERS.len(),
        "{:#?}",
        kinds(&after[before..])
    );
    for e in &ended {
        assert_eq!(e.detail["agreement"]["status"], "EXPIRED");
        assert!(e.resources[0].starts_with("arn:aws:aws-marketplace::aws:agreement:agmt-"));
    }
    let proposer = ended
        .iter()
        .filter(|e| e.detail_type == "Purchase Agreement Ended - Proposer")
        .count();
    assert_eq!(proposer, BUYERS.len());
    for buyer in BUYERS {
        assert!(ended
            .iter()
            .any(|e| e.account == buyer && e.detail_type.ends_with("- Acceptor")));
    }
    assert!(ended.iter().all(|e| e.time < server.handle().clock().now()));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_outbox_survives_a_restart_with_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = || mpctl_emulator::Options {
        data: Some(dir.path().join("world.json")),
        ..mpctl_emulator::Options::default()
    };
    let first = mpctl_emulator::serve(options()).await.expect("emulator");
    let client = crate::support::partner_client(&first);
    let id = crate::support::partner::create_referral(&client, "Initech").await;
    let recorded = first.events();
    let kinds: Vec<&str> = recorded.iter().map(|e| e.detail_type.as_str()).collect();
    assert_eq!(
        kinds,
        ["Engagement Invitation Created", "Opportunity Created"]
    );
    assert_eq!(recorded[1].detail["opportunity"]["identifier"], id);
    first.stop().await;

    let second = mpctl_emulator::serve(options())
        .await
        .expect("emulator restarts");
    assert_eq!(second.events(), recorded);
}
