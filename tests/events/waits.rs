//! Waiting by events: a run-all with `events.queue_url` set sleeps through each wait for what it
//! has just started until its event, then confirms it with one read (change sets of 3 s that
//! polling would check about nine times each) and takes the offer's ARN from AWS's
//! `Offer Released` event; a wait for a change set started earlier checks once at its start; with a
//! queue that does not exist the waits fall back to polling and still finish.

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
    // Per change set: only the check its event wakes (polling makes about nine on a 3 s
    // change set); the task's wait may also be woken by the solution's association (an
    // `Opportunity Updated` that comes just after the task started).
    assert_eq!(server.count("DescribeChangeSet"), 2);
    assert_eq!(
        server.count("DescribeEntity"),
        0,
        "the offer's ARN came with its event"
    );
    assert!(server.count("ListEngagementFromOpportunityTasks") <= 2);
    assert_eq!(server.count("SearchAgreements"), 1);
    assert!(server.count("ReceiveMessage") >= 1);
}

#[test]
fn a_wait_for_a_change_set_started_earlier_checks_at_once() {
    let server = slow_changesets();
    let project = Project::new();
    let queue = set_up(&server, &project);
    let started = project
        .mpctl(
            &server.url(),
            &["changeset", "start", "@saas-product", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let id = started["change_set_id"].as_str().expect("change_set_id");
    // It ends while nobody listens; its event is then consumed by someone else.
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(10));
    let sqs = aws_sdk_sqs::Client::new(&crate::support::sdk_config(server.handle()));
    server.block_on(async {
        sqs.purge_queue()
            .queue_url(&queue)
            .send()
            .await
            .expect("PurgeQueue")
    });
    project.write_config(json!({"events": {"queue_url": queue}}));
    let before = server.count("DescribeChangeSet");
    project
        .mpctl(&server.url(), &["changeset", "wait", id, "--timeout", "60"])
        .output()
        .expect_code(0);
    assert_eq!(server.count("DescribeChangeSet"), before + 1);
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
