//! Crash consistency: run-all killed with SIGKILL at every point where a crash could lose or
//! duplicate something — between a write's acceptance and saving its id, in the middle of
//! writing the state file, while change sets and tasks run — then re-run. Every re-run must
//! finish, the emulator must hold exactly one product, private offer and opportunity, and the
//! state file must be valid JSON after the crash and after the re-run.

use std::process::ExitStatus;

use mpctl_emulator::Timings;
use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

/// Where to kill run-all.
#[derive(Clone, Copy, Debug)]
enum Kill {
    /// `MPCTL_CRASH_AT`: the process SIGKILLs itself at this point (`NAME` or `NAME#N`).
    At(&'static str),
    /// The test SIGKILLs the process as soon as the state holds this key.
    WhenSaved(&'static str),
}

/// Every kill point, each a distinct moment of the workflow.
const POINTS: &[Kill] = &[
    // publish-product
    Kill::At("publish-product:before-start"),
    Kill::At("publish-product:after-start"),
    Kill::WhenSaved("PRODUCT_CHANGESET_ID"),
    // create-offer
    Kill::At("create-offer:before-start"),
    Kill::At("create-offer:after-start"),
    Kill::WhenSaved("OFFER_CHANGESET_ID"),
    // create-opportunity
    Kill::At("create-opportunity:before-create"),
    Kill::At("create-opportunity:after-create"),
    Kill::At("create-opportunity:after-associate-solution"),
    Kill::At("create-opportunity:before-task-start"),
    Kill::At("create-opportunity:after-task-start"),
    Kill::WhenSaved("ENGAGEMENT_TASK_ID"),
    Kill::At("create-opportunity:after-approve"),
    // associate-offer, search-agreement, commit
    Kill::At("associate-offer:after-associate"),
    Kill::At("search-agreement:after-found"),
    Kill::At("commit:after-update"),
    // the state file itself, at different saves of the run
    Kill::At("state:mid-write#1"),
    Kill::At("state:mid-write#4"),
    Kill::At("state:before-rename#2"),
    Kill::At("state:before-rename#7"),
    Kill::At("state:after-rename#3"),
];

/// Runs run-all, kills it at `kill`, checks the state file, re-runs, checks the outcome.
fn kill_and_resume(kill: Kill) {
    let server = Server::start(Timings {
        changeset_seconds: 0.6,
        task_seconds: 0.4,
        accept_seconds: 0.4,
        review_seconds: 3600.0,
    });
    let project = Project::new();
    let mut run = project.mpctl(&server.url(), &["run-all"]);
    if let Kill::At(point) = kill {
        run = run.env("MPCTL_CRASH_AT", point);
    }
    let mut child = run.spawn();
    let what = format!("{kill:?}: the kill point");
    let status: ExitStatus = crate::support::wait::until(&what, || {
        if let Some(status) = child.try_wait().expect("child status") {
            return Some(status);
        }
        match kill {
            Kill::WhenSaved(key) if project.state().get(key).is_some() => {
                child.kill().expect("kill");
                Some(child.wait().expect("reap"))
            }
            _ => None,
        }
    });
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "{kill:?}: not killed: {status}");
    }
    // The state file after the crash: absent or valid JSON, never half-written.
    let text = project.read("shared_env.json");
    if !text.is_empty() {
        serde_json::from_str::<Value>(&text)
            .unwrap_or_else(|e| panic!("{kill:?}: state corrupt after crash ({e}):\n{text}"));
    }
    let resumed = project.mpctl(&server.url(), &["run-all"]).output();
    assert_eq!(
        resumed.code(),
        0,
        "{kill:?}: re-run failed\n{}",
        resumed.stderr()
    );
    let state = project.state();
    assert_eq!(state["OPPORTUNITY_STAGE"], "Committed", "{kill:?}: {state}");
    assert!(
        crate::support::project::nothing_in_flight(&state),
        "{kill:?}: pending left: {state}"
    );
    project
        .mpctl(&server.url(), &["status", "--output", "json"])
        .output()
        .expect_code(0);
    assert_eq!(
        server.counts(),
        (1, 1, 1),
        "{kill:?}: exactly one product, private offer and opportunity"
    );
}

fn points(range: std::ops::Range<usize>) {
    for kill in &POINTS[range] {
        kill_and_resume(*kill);
    }
}

#[test]
fn there_are_at_least_fifteen_distinct_kill_points() {
    let mut names: Vec<String> = POINTS.iter().map(|k| format!("{k:?}")).collect();
    names.sort();
    names.dedup();
    assert!(names.len() >= 15 && names.len() == POINTS.len());
}

#[test]
fn killed_during_publish_product() {
    points(0..3);
}

#[test]
fn killed_during_create_offer() {
    points(3..6);
}

#[test]
fn killed_during_create_opportunity() {
    points(6..13);
}

#[test]
fn killed_during_the_last_three_steps() {
    points(13..16);
}

#[test]
fn killed_while_writing_the_state_file() {
    points(16..POINTS.len());
}

#[test]
fn a_crash_mid_write_leaves_the_previous_state_intact() {
    let server = Server::fast();
    let project = Project::new();
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let before = project.read("shared_env.json");
    // The first save of create-offer (its pending request) dies half-way through the write.
    let _ = project
        .mpctl(&server.url(), &["create-offer"])
        .env("MPCTL_CRASH_AT", "state:mid-write")
        .output();
    assert_eq!(project.read("shared_env.json"), before);
    // The half-written temp file is named after the state file and never read.
    let leftovers: Vec<String> = std::fs::read_dir(project.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".shared_env.json.") && n.ends_with(".tmp"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    project
        .mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(0);
    assert_eq!(server.counts().1, 1);
}

/// Killed right after StartEngagementFromOpportunityTask was sent, before its task id was
/// saved, and resumed only once that task has ended (the opportunity is under review, which
/// refuses updates): the resume re-sends the saved submission instead of updating the
/// opportunity from its template, and finishes with one of everything.
#[test]
fn a_submission_that_reached_aws_is_resumed_not_updated_after_its_task_ended() {
    let server = Server::fast();
    let project = Project::new();
    let _ = project
        .mpctl(&server.url(), &["run-all"])
        .env("MPCTL_CRASH_AT", "create-opportunity:after-task-start")
        .output();
    assert!(project.state()["ENGAGEMENT_TASK_ID"].is_null());
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(60));
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    assert_eq!(server.count("StartEngagementFromOpportunityTask"), 2);
    assert_eq!(server.counts(), (1, 1, 1));
}
