//! `mpctl emulator serve` as its own process, and `--local`: the same binary drives the six
//! steps as separate processes against it, and it logs one line per request.

use std::io::Read;
use std::process::Command;

use crate::support::project::{mpctl, mpctl_in, Project};
use crate::support::served::{serve, stop};

#[test]
fn steps_as_separate_processes_against_a_served_emulator() {
    let (mut child, url) = serve(&[]);
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    let project = Project::new();
    for step in [
        "publish-product",
        "create-offer",
        "create-opportunity",
        "associate-offer",
    ] {
        project.mpctl(&url, &[step]).output().expect_code(0);
    }
    project
        .mpctl(&url, &["search-agreement", "--wait"])
        .output()
        .expect_code(0);
    project.mpctl(&url, &["commit"]).output().expect_code(0);
    assert_eq!(project.state()["OPPORTUNITY_STAGE"], "Committed");
    // SIGTERM stops it cleanly.
    let pid = child.id().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let status = child.wait().expect("wait");
    assert!(status.success(), "{status}");
    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("log");
    for line in [
        "Catalog StartChangeSet -> 200",
        "Catalog DescribeChangeSet -> 200",
        "PartnerCentral CreateOpportunity -> 200",
        "PartnerCentral UpdateOpportunity -> 200",
        "Agreement SearchAgreements -> 200",
    ] {
        assert!(log.contains(line), "log lacks {line:?}:\n{log}");
    }
}

#[test]
fn serve_refuses_non_loopback_without_allow_remote() {
    let out = mpctl(&["emulator", "serve", "--bind", "0.0.0.0:0"])
        .output()
        .out;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
}

#[test]
fn run_all_local_needs_no_aws_configuration() {
    let project = Project::new();
    let out = mpctl_in(
        project.dir.path(),
        &["run-all", "--local", "--output", "json"],
    )
    .without_aws_files()
    .output()
    .out;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let resources = doc["resources"].as_array().expect("resources");
    assert!(resources.iter().all(|r| r["id"].is_string()), "{doc}");
}

#[test]
fn data_file_keeps_the_world_across_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("emulator.json");
    let data_arg = data.to_str().expect("path");
    // A new world's data file is created empty first (a named file must exist).
    std::fs::write(&data, "").expect("empty data file");
    let project = Project::new();
    let (first, url) = serve(&["--data", data_arg]);
    project
        .mpctl(&url, &["publish-product"])
        .output()
        .expect_code(0);
    // Killed with the offer's change set still running.
    let mut offer = project.mpctl(&url, &["create-offer"]).spawn();
    crate::support::wait::until("the offer's change set id saved", || {
        project.state().get("OFFER_CHANGESET_ID").map(|_| ())
    });
    let _ = offer.kill();
    let _ = offer.wait();
    stop(first);
    assert!(data.exists());
    // A new emulator process on another port, same data: the run resumes and finishes there.
    let (second, url) = serve(&["--data", data_arg]);
    let done = project.mpctl(&url, &["run-all"]).output().expect_code(0);
    assert!(
        done.stderr().contains("resuming change set"),
        "{}",
        done.stderr()
    );
    let products = project
        .mpctl(&url, &["entity", "list", "SaaSProduct", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    let offers = project
        .mpctl(
            &url,
            &["entity", "list", "Offer", "--private", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    stop(second);
    assert_eq!(
        offers["count"], 1,
        "one private offer across the restart: {offers}"
    );
    assert_eq!(
        products["count"], 1,
        "one product across the restart: {products}"
    );
    assert_eq!(project.state()["OPPORTUNITY_STAGE"], "Committed");
}

#[test]
fn a_corrupt_data_file_is_refused_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("emulator.json");
    std::fs::write(&data, "{\"mpctl_emulator_data\": 1, \"world\": {").expect("write");
    let mut run = mpctl(&["emulator", "serve", "--bind", "127.0.0.1:0", "--data"]);
    run.cmd.arg(&data);
    let out = run.output().out;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("emulator.json: line 1"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&data).expect("kept"),
        "{\"mpctl_emulator_data\": 1, \"world\": {"
    );
}
