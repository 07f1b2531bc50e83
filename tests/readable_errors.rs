//! Failures a person can read: no credentials, and nothing listening at the endpoint. Each is
//! one short paragraph with a hint — no SDK Debug dump, no ANSI escapes — and the refused
//! endpoint is reported at once rather than after the SDK's retries.

use std::time::{Duration, Instant};

use crate::support::project::{mpctl, Project};

/// What every readable failure must look like.
fn assert_readable(stderr: &str) {
    assert!(stderr.len() < 400, "{} chars:\n{stderr}", stderr.len());
    for bad in [
        "DispatchFailure",
        "{ source:",
        "\u{1b}[",
        "ConnectorError",
        "WARN",
    ] {
        assert!(!stderr.contains(bad), "{bad:?} in:\n{stderr}");
    }
    assert!(stderr.starts_with("mpctl: error: "), "{stderr}");
    assert!(stderr.contains("\n  hint: "), "{stderr}");
}

#[test]
fn missing_credentials_name_the_profile_the_region_and_the_fixes() {
    let p = Project::new();
    let home = tempfile::tempdir().expect("home");
    let mut run = mpctl(&[
        "changeset",
        "list",
        "--region",
        "eu-west-1",
        "--profile",
        "seller",
    ]);
    run.cmd.current_dir(p.dir.path());
    for (k, _) in std::env::vars() {
        if k.starts_with("AWS_") {
            run.cmd.env_remove(k);
        }
    }
    run.cmd
        .env("HOME", home.path())
        .env("AWS_EC2_METADATA_DISABLED", "true");
    let out = run.output().out;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_readable(&stderr);
    for needle in [
        "profile 'seller'",
        "eu-west-1",
        "aws configure",
        "aws sso login --profile seller",
        "--profile",
        "--local",
    ] {
        assert!(stderr.contains(needle), "{needle:?} missing:\n{stderr}");
    }
}

#[test]
fn a_refused_endpoint_says_nothing_answers_within_two_seconds() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let p = Project::new();
    let started = Instant::now();
    let done = p.mpctl(&url, &["run-all"]).output();
    let took = started.elapsed();
    let stderr = done.stderr();
    assert_eq!(done.code(), 1, "{stderr}");
    assert_readable(&stderr);
    assert!(
        stderr.contains(&format!("nothing answers at {url}"))
            && stderr.contains("is `mpctl emulator serve` running?"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(!p.path("shared_env.json").exists(), "state written");
}
