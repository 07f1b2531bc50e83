//! Waiting by events: a run-all with `events.queue_url` set checks each wait once at its start,
//! then wakes on its event and confirms it with one read (change sets of 3 s that polling would
//! check about nine times each), and with a queue that does not exist it falls back to polling and still finishes.

use mpctl_emulator::Timings;
use serde_json::json;

use super::set_up;
use crate::support::project::Project;
use crate::support::server::Server;

fn slow_changesets() -> Server {
    Server::start(Timings {
        changeset_seconds: 3.0,
        task_seconds: 1.0,
        accept_seconds: 1.0,
        review_seconds: 3600.0,
    })
}

#[test]
fn a_run_all_with_a_queue_confirms_each_change_set_with_one_read() {
    let server = slow_changesets();
    let project = Project::new();
    let queue = set_up(&server, &project);
    project.write_config(json!({"events": {"queue_url": queue}}));
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    // Per change set: the check at the start, then the one its event wakes (polling makes
    // about nine on a 3 s change set).
    assert_eq!(server.count("DescribeChangeSet"), 4);
    assert!(server.count("ListEngagementFromOpportunityTasks") <= 3);
    assert!(server.count("SearchAgreements") <= 3);
    assert!(server.count("ReceiveMessage") >= 1);
}

#[test]
fn without_the_queue_the_waits_poll_and_the_run_finishes() {
    let server = slow_changesets();
    let project = Project::new();
    let missing = "https://sqs.us-east-1.amazonaws.com/123456789012/nowhere";
    project.write_config(json!({"events": {"queue_url": missing}}));
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    // Polling: many more checks than the one per change set events need.
    assert!(
        server.count("DescribeChangeSet") > 4,
        "{}",
        server.count("DescribeChangeSet")
    );
}
