//! Stopping and re-running a campaign: Ctrl-C starts no new row or step, drops the writes still
//! queued for their quota and leaves the rows in flight unfinished (exit 130), the re-run
//! finishes them; and a finished campaign re-runs without a request.

use mpctl_emulator::{Options, Timings};

use crate::campaign::{campaign, cosell_csv, project};
use crate::support::server::Server;

#[test]
fn a_finished_campaign_reruns_without_a_request() {
    let server = Server::fast();
    let p = project(
        &server,
        "buyers,offer_name\n111122223333,A\n444455556666,B\n",
    );
    campaign(&p, &server).expect_code(0);
    let sent = server.operations().len();
    std::fs::remove_file(p.path("deals.results.csv")).expect("results file");
    let done = campaign(&p, &server).expect_code(0);
    assert!(
        done.stderr()
            .contains("campaign deals.csv: all 2 rows already succeeded; nothing sent"),
        "{}",
        done.stderr()
    );
    assert_eq!(done.json()["count"], 2);
    assert_eq!(server.operations().len(), sent, "no request");
    let results = p.read("deals.results.csv");
    assert_eq!(results.matches(",succeeded,").count(), 2, "{results}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_starts_no_new_row_and_leaves_the_rows_in_flight_unfinished() {
    let server = Server::start(Timings {
        changeset_seconds: 3.0,
        ..crate::support::fast_timings()
    });
    let csv = "buyers,offer_name\n111122223333,A\n222233334444,B\n333344445555,C\n444455556666,D\n";
    let p = project(&server, csv);
    let published = server.count("StartChangeSet");
    let child = p
        .mpctl(
            &server.url(),
            &[
                "campaign",
                "run",
                "deals.csv",
                "--parallel",
                "2",
                "--output",
                "json",
            ],
        )
        .spawn_piped();
    // Lines 2 and 3 run first; once both change sets started, Ctrl-C.
    crate::support::wait::until("both first rows' change sets started", || {
        let started = |line: u32| {
            std::fs::read_to_string(p.path(&format!("deals.campaign/row-{line}.json")))
                .is_ok_and(|s| s.contains("OFFER_CHANGESET_ID"))
        };
        (started(2) && started(3)).then_some(())
    });
    crate::support::project::interrupt(&child);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: 4 of 4 rows did not finish"),
        "{stderr}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let status: Vec<&str> = (0..4)
        .map(|i| doc["items"][i]["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(status, ["unfinished", "unfinished", "queued", "queued"]);
    let starts = || server.count("StartChangeSet") - published;
    assert_eq!(starts(), 2, "no row started after Ctrl-C");
    campaign(&p, &server).expect_code(0);
    assert_eq!(starts(), 4, "the re-run resumed lines 2 and 3");
    assert_eq!(server.counts().1, 4);
}

#[cfg(unix)]
#[test]
fn ctrl_c_drops_the_writes_still_queued_for_their_quota() {
    // Six co-sell rows at AWS's 1 write/s: once the first CreateOpportunity is sent, the
    // other five wait in the limiter, unsent, for up to five seconds.
    let server = Server::with_options(Options {
        timings: crate::support::fast_timings(),
        enforce_quotas: true,
        ..Options::default()
    });
    let p = project(&server, &cosell_csv(6));
    let child = p
        .mpctl(
            &server.url(),
            &["campaign", "run", "deals.csv", "--parallel", "6"],
        )
        .spawn_piped();
    crate::support::wait::until("the first CreateOpportunity", || {
        (server.count("CreateOpportunity") > 0).then_some(())
    });
    crate::support::project::interrupt(&child);
    let at_interrupt = server.count("CreateOpportunity");
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        server.count("CreateOpportunity") <= at_interrupt + 1,
        "only a request already on the wire may still arrive: {at_interrupt} at Ctrl-C, {} after\n{stderr}",
        server.count("CreateOpportunity")
    );
    assert!(!stderr.contains("failed: "), "{stderr}");
    campaign(&p, &server).expect_code(0);
    assert_eq!(crate::campaign::world(&server), (6, 6, 6));
}
