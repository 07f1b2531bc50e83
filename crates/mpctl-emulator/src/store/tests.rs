//! The store's own rules: entries replay at start-up, a checkpoint clears the log it includes
//! and numbering goes on after it, and the same seed draws the same ids.

use serde_json::json;

use super::*;
use crate::wire::Service;

/// Runs `op` on `world` live (as the router does) and appends it.
fn request(store: &mut Store, world: &mut World, op: &str, input: serde_json::Value) {
    let mut entry = Entry::request(world, Service::Partner, ("POST", op));
    entry.input = input;
    entry.caller = crate::ids::SELLER_ACCOUNT.to_string();
    let result = apply(world, &entry);
    assert!(result.is_ok(), "{op}: {result:?}");
    store.append(&entry, world).expect("append");
}

fn opportunity(company: &str) -> serde_json::Value {
    json!({"Catalog": "Sandbox", "ClientToken": company,
        "Customer": {"Account": {"CompanyName": company, "Industry": "Software and Internet",
            "WebsiteUrl": "https://example.com"}}})
}

fn log_rows(path: &Path) -> i64 {
    let conn = Connection::open(path).expect("open");
    conn.query_row("SELECT count(*) FROM log", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn entries_replay_at_start_up_and_a_checkpoint_clears_them() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.db");
    let (mut store, mut world) = Store::open(&path, 1_000).expect("new store");
    for company in ["A Corp", "B Corp", "C Corp"] {
        request(
            &mut store,
            &mut world,
            "CreateOpportunity",
            opportunity(company),
        );
    }
    let live = serde_json::to_value(&world).expect("json");
    assert_eq!(log_rows(&path), 3);
    assert_eq!(replay(&path).expect("replay").world, live);
    drop(store);
    let (mut store, reopened) = Store::open(&path, 2).expect("reopen");
    assert_eq!(serde_json::to_value(&reopened).expect("json"), live);
    assert_eq!(log_rows(&path), 0, "start-up checkpointed");
    // Numbering goes on after the snapshot's sequence number, so nothing is skipped.
    let mut world = reopened;
    request(
        &mut store,
        &mut world,
        "CreateOpportunity",
        opportunity("D Corp"),
    );
    assert_eq!(log_rows(&path), 1);
    request(
        &mut store,
        &mut world,
        "CreateOpportunity",
        opportunity("E Corp"),
    );
    assert_eq!(log_rows(&path), 0, "a checkpoint every 2 entries");
    request(
        &mut store,
        &mut world,
        "CreateOpportunity",
        opportunity("F Corp"),
    );
    let live = serde_json::to_value(&world).expect("json");
    let replayed = replay(&path).expect("replay");
    assert_eq!((replayed.snapshot_seq, replayed.entries), (5, 1));
    assert_eq!(replayed.world, live);
}

#[test]
fn the_same_seed_draws_the_same_ids() {
    let draw = || {
        (
            crate::ids::alnum(13),
            crate::ids::digits(7),
            crate::ids::uuid(),
        )
    };
    let a = crate::ids::with_seed(42, draw);
    assert_eq!(a, crate::ids::with_seed(42, draw));
    assert_ne!(a, crate::ids::with_seed(43, draw));
}
