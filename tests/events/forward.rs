//! `events forward` at least once: SIGKILLed while forwarding 50 events, then started again,
//! every event reached the command; killed between recording an event and deleting its message
//! (MPCTL_CRASH_AT), the restarted forwarder recognises the event by id and does not run the
//! command for it again; a failing command deletes nothing.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::{seller_events, set_up};
use crate::support::project::Project;
use crate::support::server::Server;

/// The command each event runs: its id appended to `got.txt` (slowly enough to be killed).
const RECORD: &str = "cat >/dev/null; echo \"$MPCTL_EVENT_ID\" >> got.txt; sleep 0.05";

fn ids(project: &Project) -> Vec<String> {
    std::fs::read_to_string(project.path("got.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// `n` referrals: each one's events on the seller's bus.
fn referrals(server: &Server, n: usize) {
    let client = crate::support::partner_client(server.handle());
    server.block_on(async {
        for i in 0..n {
            crate::support::partner::create_referral(&client, &format!("Customer {i}")).await;
        }
    });
}

fn forward(project: &Project, server: &Server, extra: &[&str]) -> crate::support::project::Run {
    let mut args = vec!["events", "forward", "--exec", RECORD, "--idle", "3"];
    args.extend(extra);
    project.mpctl(&server.url(), &args)
}

#[test]
fn sigkill_while_forwarding_fifty_events_loses_none() {
    let server = Server::fast();
    let project = Project::new();
    set_up(&server, &project);
    let before = seller_events(&server);
    referrals(&server, 25);
    let total = seller_events(&server) - before;
    assert!(total >= 50, "{total} events");
    let mut child = forward(&project, &server, &[]).spawn();
    let started = Instant::now();
    while ids(&project).len() < total / 3 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let first = ids(&project).len();
    assert!(
        first > 0 && first < total,
        "killed after {first} of {total}"
    );
    // The messages the killed run held come back after their visibility timeout.
    server.handle().clock().advance(Duration::from_secs(31));
    let done = forward(&project, &server, &["--output", "json"])
        .output()
        .expect_code(0);
    let got = ids(&project);
    let distinct: BTreeSet<&String> = got.iter().collect();
    assert_eq!(distinct.len(), total, "every event delivered at least once");
    assert_eq!(done.json()["journal_total"], total as u64);
    // Nothing is left: a third run delivers nothing.
    let third = forward(&project, &server, &["--output", "json"])
        .output()
        .expect_code(0);
    assert_eq!(third.json()["delivered"], 0);
    assert_eq!(ids(&project).len(), got.len());
}

#[test]
fn a_kill_after_recording_is_a_duplicate_the_restart_only_deletes() {
    let server = Server::fast();
    let project = Project::new();
    set_up(&server, &project);
    referrals(&server, 2);
    let total = seller_events(&server);
    forward(&project, &server, &[])
        .env("MPCTL_CRASH_AT", "events-forward:after-record#2")
        .output();
    assert_eq!(ids(&project).len(), 2);
    server.handle().clock().advance(Duration::from_secs(31));
    let done = forward(&project, &server, &["--output", "json"])
        .output()
        .expect_code(0);
    let doc = done.json();
    assert_eq!(doc["duplicates"], 1, "{doc}");
    let got = ids(&project);
    let distinct: BTreeSet<&String> = got.iter().collect();
    assert_eq!(
        (got.len(), distinct.len()),
        (total, total),
        "each event ran once"
    );
}

#[test]
fn a_failing_command_deletes_nothing() {
    let server = Server::fast();
    let project = Project::new();
    set_up(&server, &project);
    referrals(&server, 1);
    let total = seller_events(&server);
    let failed = project
        .mpctl(
            &server.url(),
            &[
                "events", "forward", "--exec", "exit 3", "--idle", "2", "--output", "json",
            ],
        )
        .output()
        .expect_code(0);
    assert_eq!(failed.json()["failed"], total as u64);
    server.handle().clock().advance(Duration::from_secs(31));
    forward(&project, &server, &[]).output().expect_code(0);
    assert_eq!(ids(&project).len(), total);
}
