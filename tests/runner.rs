//! The change set runner and the waiter through the built binary: waiting is never behind
//! (poll count against the schedule, from the emulator's request log), a failed change set's
//! report puts the cause first, `--plan` sends nothing, a write to AWS without `--yes` or a
//! terminal exits 2 before any request, and a pasted resume command finishes the job.

use std::process::Stdio;

use mpctl_emulator::Timings;
use serde_json::json;

use crate::support::project::Project;
use crate::support::server::Server;

/// The waiter's floor in these tests (config `wait.initial_interval_seconds`).
const FLOOR: f64 = 0.02;

/// How many checks the schedule makes until one is at or past `end` seconds, the one that
/// notices included: each is due `max(FLOOR, LAG_SHARE of the time waited)` after the previous
/// (the 30 s cap of these tests is never reached).
fn scheduled_checks(end: f64) -> usize {
    let (mut t, mut n) = (FLOOR, 1);
    while t < end {
        t += (mpctl::aws::wait::LAG_SHARE * t).max(FLOOR);
        n += 1;
    }
    n
}

/// `changeset start --wait` on a change set that takes `seconds`; its DescribeChangeSet count.
fn describes_until_the_end(seconds: f64) -> usize {
    let server = Server::start(Timings {
        changeset_seconds: seconds,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    project.write_config(json!({"wait": {
        "initial_interval_seconds": FLOOR, "max_interval_seconds": 30.0, "timeout_seconds": 30.0
    }}));
    project
        .mpctl(
            &server.url(),
            &["changeset", "start", "@saas-product", "--wait"],
        )
        .output()
        .expect_code(0);
    server.count("DescribeChangeSet")
}

#[test]
fn the_waiter_notices_the_end_within_its_schedule_at_two_durations() {
    // Before the end the waiter checks as often as the schedule says (so the check after the
    // end comes within max(floor, 2 %) of it) and never more often: 0.4 s is all floor, 1.0 s
    // half 2 % steps. The former ×1.5 growth made 6 checks for 0.4 s and 9 for 1.0 s; this
    // schedule makes 20 and 50 (`aws::wait`'s unit test pins the 2 % share itself). Slow
    // replies on a busy machine and the time StartChangeSet's answer takes can only lower the
    // count, hence the margin below.
    for seconds in [0.4, 1.0] {
        let expected = scheduled_checks(seconds);
        let made = describes_until_the_end(seconds);
        assert!(
            made <= expected + 2,
            "{seconds}s: {made} checks, schedule says {expected}"
        );
        assert!(
            made * 2 >= expected,
            "{seconds}s: only {made} checks, schedule says {expected}: the waiter fell behind"
        );
    }
}

#[test]
fn a_failed_change_set_reports_its_cause_first_and_counts_the_consequences_once() {
    let server = Server::fast();
    let project = Project::new();
    let done = project
        .mpctl(
            &server.url(),
            &[
                "changeset",
                "start",
                "@private-offer",
                "--var",
                "PRODUCT_ID=prod-doesnotexist1",
                "--wait",
            ],
        )
        .output()
        .expect_code(3);
    let err = done.stderr();
    let report = &err[err.find("ended FAILED").expect("failure report")..];
    let first_change = report.lines().nth(1).unwrap_or_default();
    assert!(
        !first_change.contains("Reference '$"),
        "cause first:\n{err}"
    );
    assert_eq!(report.matches("refer to it").count(), 1, "{err}");
    assert!(!report.contains("does not name a change"), "{err}");
    // The table's rows for those changes point at the cause instead of repeating the error.
    let table = done.stdout();
    assert!(!table.contains("does not name a change"), "{table}");
    assert_eq!(table.matches("fails with change 0").count(), 8, "{table}");
}

#[test]
fn plan_sends_nothing_and_prints_every_start_change_set_body() {
    let server = Server::fast();
    let project = Project::new();
    let doc = project
        .mpctl(&server.url(), &["run-all", "--plan", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(server.operations(), Vec::<String>::new());
    let items = doc["items"].as_array().expect("items");
    let starts: Vec<_> = items
        .iter()
        .filter(|i| i["operation"] == "StartChangeSet")
        .collect();
    assert_eq!(starts.len(), 2, "{doc}");
    assert_eq!(
        starts[0]["body"]["ChangeSet"][0]["ChangeType"],
        "CreateProduct"
    );
    let offer = starts[1]["body"].to_string();
    assert!(
        offer.contains("<PRODUCT_ID: from publish-product>"),
        "{offer}"
    );
    let ops: Vec<&str> = items
        .iter()
        .filter_map(|i| i["operation"].as_str())
        .collect();
    assert!(
        ops.contains(&"CreateOpportunity") && ops.contains(&"UpdateOpportunity"),
        "{ops:?}"
    );
    // The text form prints the same bodies; nothing is saved.
    let text = project
        .mpctl(&server.url(), &["run-all", "--plan"])
        .output()
        .expect_code(0)
        .stdout();
    assert_eq!(text.matches("\"ChangeSetName\"").count(), 2, "{text}");
    assert_eq!(project.read("shared_env.json"), "");
    assert_eq!(server.operations(), Vec::<String>::new());
}

/// `mpctl ARGS` with no endpoint override, no credentials anywhere, stdin not a terminal.
fn against_aws(project: &Project, args: &[&str]) -> crate::support::project::Done {
    let home = project.path("empty-home");
    std::fs::create_dir_all(&home).expect("home");
    let mut run = crate::support::project::mpctl(args);
    run.cmd
        .current_dir(project.dir.path())
        .env_clear()
        .env("HOME", &home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::null());
    run.output()
}

#[test]
fn a_write_to_aws_without_yes_or_a_terminal_exits_2_before_any_request() {
    let project = Project::new();
    // The seller's own values: against AWS the starter project's samples are refused too.
    crate::trust::own_values(&project);
    let before = project.read("shared_env.json");
    for args in [
        &["run-all"][..],
        &["publish-product"],
        &["changeset", "start", "@saas-product"],
        &["changeset", "cancel", "cs-abcdefghijklmnopqrstuvwxy"],
        &["offer", "expire", "offer-abcdefghijklm"],
        &[
            "offer",
            "clone",
            "offer-abcdefghijklm",
            "--buyer",
            "111122223333",
        ],
        &["opportunity", "set-stage", "O1234567", "Committed"],
        &[
            "invitation",
            "reject",
            "engi-0123456789abc",
            "--reason",
            "Unable to support",
        ],
    ] {
        let done = against_aws(&project, args).expect_code(2);
        let err = done.stderr();
        assert!(
            err.contains("--yes") && err.contains("nothing was sent"),
            "{args:?}: {err}"
        );
        // Refused up front: no credential lookup, no connection, no AWS error.
        assert!(
            !err.contains("failed:") && !err.contains("credentials"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(project.read("shared_env.json"), before);
    // --plan needs neither: it renders what it would send and sends nothing.
    let plan = against_aws(&project, &["run-all", "--plan"]).expect_code(0);
    assert_eq!(
        plan.stdout().matches("StartChangeSet").count(),
        2,
        "{}",
        plan.stdout()
    );
}

#[test]
fn a_pasted_resume_command_after_a_timeout_finishes_the_job() {
    let server = Server::start(Timings {
        accept_seconds: 1.5,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    // A state file named by --state must exist: a new run's is created first.
    project.write("w.json", "{}\n");
    for step in ["publish-product", "create-offer"] {
        project
            .mpctl(&server.url(), &[step, "--state", "w.json"])
            .output()
            .expect_code(0);
    }
    let args = [
        "search-agreement",
        "--wait",
        "--timeout",
        "0.2",
        "--state",
        "w.json",
    ];
    let done = project.mpctl(&server.url(), &args).output().expect_code(4);
    // What was run — subcommand, every flag, the endpoint — but the timeout it ran out of:
    // repeated, it would time out again at the same point.
    let words = crate::support::project::resume_command(&done.stderr());
    assert_eq!(
        words[1..5],
        ["search-agreement", "--wait", "--state", "w.json"],
        "{}",
        done.stderr()
    );
    assert_eq!(words[5..], ["--endpoint-url", &server.url()]);
    // The buyer accepts once the emulator clock passes --accept-seconds.
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs_f64(1.5));
    project.paste_resume(&done.stderr()).expect_code(0);
    let state: serde_json::Value = serde_json::from_str(&project.read("w.json")).expect("state");
    assert!(state["AGREEMENT_ID"].is_string(), "{state}");
}
