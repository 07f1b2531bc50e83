//! A campaign row's idempotency tokens are derived from the campaign and row, not drawn and
//! saved: a kill before the state file was saved still re-sends the same tokens (one offer and
//! one opportunity per row), and a SERVER_FAULT restart is a new attempt with a new token.

use std::time::Duration;

use mpctl_emulator::{FaultKind, FaultOptions, Options};

use crate::campaign::{campaign, cosell_csv, project, world};
use crate::support::fast_timings;
use crate::support::server::Server;

#[test]
fn derived_tokens_survive_a_kill_before_the_state_was_saved() {
    let server = Server::fast();
    let p = project(&server, &cosell_csv(3));
    // Each kill comes after AWS accepted the writes; the row state files are then lost, as if
    // the kill came before they were saved. Random tokens would create everything again.
    let forget_rows = || {
        for entry in std::fs::read_dir(p.path("deals.campaign")).expect("campaign dir") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with("row-") && name.ends_with(".json") && !name.contains("opportunity")
            {
                std::fs::remove_file(&path).expect("remove row state");
            }
        }
    };
    for point in [
        "create-offer:after-start#3",
        "create-opportunity:after-create#3",
    ] {
        let done = p
            .mpctl(&server.url(), &["campaign", "run", "deals.csv"])
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert_ne!(done.code(), 0, "{point} was not reached: {}", done.stderr());
        forget_rows();
    }
    campaign(&p, &server).expect_code(0);
    assert_eq!(world(&server), (3, 3, 3));
}

#[test]
fn a_server_fault_restart_is_a_new_attempt_with_a_new_token() {
    // Half of all change sets end FAILED with SERVER_FAULT: restarting one under its old token
    // would only name the failed set again, and the row would fail.
    let server = Server::with_options(Options {
        timings: fast_timings(),
        faults: Some(FaultOptions {
            rate: 0.5,
            seed: 3,
            kinds: vec![FaultKind::ServerFault],
            slow_delay: Duration::from_secs(2),
        }),
        ..Options::default()
    });
    let p = project(
        &server,
        "buyers\n111122223333\n444455556666\n777788889999\n",
    );
    let starts = server.count("StartChangeSet");
    campaign(&p, &server).expect_code(0);
    assert!(
        server.count("StartChangeSet") - starts > 3,
        "no change set of the campaign met a SERVER_FAULT; pick another seed"
    );
    assert_eq!(server.counts().1, 3);
}

/// `campaign run --plan` shows each row's offer token: the marker before the campaign has an
/// id (a plan makes none), then the derived token, which is the one a row's run saved and sent.
#[test]
fn the_plan_shows_each_rows_derived_token_once_the_campaign_has_an_id() {
    let server = Server::fast();
    let p = project(&server, "buyers\n111122223333\n444455556666\n");
    let plan = |p: &crate::support::project::Project| -> Vec<String> {
        let args = ["campaign", "run", "deals.csv", "--plan", "--output", "json"];
        let doc = p.mpctl(&server.url(), &args).output().expect_code(0).json();
        let items = doc["items"].as_array().expect("items").clone();
        let token =
            |i: &serde_json::Value| i["body"]["ClientRequestToken"].as_str().map(String::from);
        items.iter().filter_map(token).collect()
    };
    let marker = "<generated when the request is saved>";
    assert_eq!(plan(&p), [marker, marker]);
    assert!(!p.path("deals.campaign/campaign.json").exists());
    let done = p
        .mpctl(&server.url(), &["campaign", "run", "deals.csv"])
        .env("MPCTL_CRASH_AT", "create-offer:after-start#1")
        .output();
    assert_ne!(done.code(), 0, "{}", done.stderr());
    let tokens = plan(&p);
    assert!(tokens.iter().all(|t| t != marker), "{tokens:?}");
    let saved: Vec<String> = std::fs::read_dir(p.path("deals.campaign"))
        .expect("campaign dir")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter_map(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .filter_map(|s| {
            let t = &s["MPCTL"]["pending"]["create-offer"]["ClientRequestToken"];
            t.as_str().map(String::from)
        })
        .collect();
    assert!(
        !saved.is_empty() && saved.iter().all(|t| tokens.contains(t)),
        "{saved:?} {tokens:?}"
    );
}
