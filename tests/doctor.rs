//! `mpctl doctor`: one line per check, ok or the fix; exit 0 on a good setup (the emulator),
//! 1 with the failing check named for each broken input; never a write.

use mpctl_emulator::{FaultKind, FaultOptions, Options};
use serde_json::json;

use crate::support::project::{Done, Project};
use crate::support::server::Server;

const CHECKS: [&str; 9] = [
    "config",
    "buyers",
    "state",
    "templates",
    "region",
    "endpoint",
    "credentials",
    "services",
    "catalog",
];

/// The line of `check` in doctor's output.
fn line<'a>(done: &'a Done, check: &str) -> &'a str {
    let out = &done.out.stdout;
    let text = std::str::from_utf8(out).expect("utf-8");
    text.lines()
        .find(|l| l.get(5..).is_some_and(|rest| rest.starts_with(check)))
        .unwrap_or_else(|| panic!("no {check} line in:\n{text}"))
}

fn assert_no_writes(server: &Server) {
    for op in server.operations() {
        assert!(
            ["List", "Search", "Get", "Describe"]
                .iter()
                .any(|p| op.contains(p)),
            "doctor sent {op}"
        );
    }
}

#[test]
fn a_good_setup_passes_every_check() {
    let server = Server::fast();
    let p = Project::new();
    let done = p.mpctl(&server.url(), &["doctor"]).output().expect_code(0);
    for check in CHECKS {
        assert!(line(&done, check).starts_with("ok "), "{}", done.stdout());
    }
    assert_no_writes(&server);
}

/// (check, breaks the project, extra flags, two texts its FAIL line must hold).
type BrokenCase = (
    &'static str,
    fn(&Project),
    &'static [&'static str],
    &'static str,
    &'static str,
);

#[test]
fn each_broken_input_fails_its_check_with_the_fix() {
    let server = Server::fast();
    let cases: &[BrokenCase] = &[
        (
            "config",
            |p| p.write("config.json", "[]"),
            &[],
            "must be a JSON object",
            "",
        ),
        (
            "templates",
            |p| p.write("changesets/saas-product.json", "{\n  \"ChangeSet\": [,]\n}"),
            &[],
            "saas-product.json",
            "line 2",
        ),
        (
            "buyers",
            |p| p.write("buyer_ids.txt", "# none\n"),
            &[],
            "no buyer account ids",
            "fix:",
        ),
        (
            "state",
            |p| {
                p.write(
                    "shared_env.json",
                    r#"{"PRODUCT_ID": "prod-abcdefghijklm", "MPCTL": {"version": 1, "created_on": {"PRODUCT_ID": "aws"}}}"#,
                )
            },
            &[],
            "holds ids created on AWS (PRODUCT_ID)",
            "fix: keep one state file per target",
        ),
        (
            "region",
            |_| {},
            &["--region", "eu-west-1"],
            "us-east-1",
            "fix:",
        ),
        (
            "catalog",
            |p| p.write_config(json!({"solution_id": "S-9999999"})),
            &[],
            "S-9999999",
            "fix:",
        ),
    ];
    for (check, setup, extra, needle, needle2) in cases {
        let p = Project::new();
        setup(&p);
        let mut args = vec!["doctor"];
        args.extend_from_slice(extra);
        let done = p.mpctl(&server.url(), &args).output().expect_code(1);
        let l = line(&done, check);
        assert!(l.starts_with("FAIL"), "{check}: {l}");
        assert!(l.contains(needle) && l.contains(needle2), "{check}: {l}");
    }
    assert_no_writes(&server);
}

#[test]
fn a_dead_endpoint_and_missing_credentials_fail_their_checks() {
    let p = Project::new();
    let done = p
        .mpctl("http://127.0.0.1:1", &["doctor"])
        .output()
        .expect_code(1);
    assert!(line(&done, "endpoint").contains("nothing answers at http://127.0.0.1:1"));
    assert!(line(&done, "services").starts_with("skip"));

    let server = Server::fast();
    let home = tempfile::tempdir().expect("home");
    let done = p
        .mpctl(&server.url(), &["doctor", "--profile", "nosuch"])
        .env("HOME", &home.path().display().to_string())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect_code(1);
    let l = line(&done, "credentials");
    assert!(
        l.starts_with("FAIL") && l.contains("profile 'nosuch'"),
        "{l}"
    );
    assert!(l.contains("aws sso login --profile nosuch"), "{l}");
}

/// Every read the services answer with an internal error (after the SDK's retries): doctor
/// names the service that does not answer and what to do, and exits 1.
#[test]
fn a_service_that_answers_errors_fails_the_services_check() {
    let server = Server::with_options(Options {
        timings: crate::support::fast_timings(),
        faults: Some(FaultOptions {
            rate: 1.0,
            kinds: vec![FaultKind::ServerError],
            ..FaultOptions::default()
        }),
        ..Options::default()
    });
    // The config's default retry schedule (8 attempts): doctor caps it at 2 per read.
    let p = Project::new();
    let done = p.mpctl(&server.url(), &["doctor"]).output().expect_code(1);
    let l = line(&done, "services");
    assert!(
        l.starts_with("FAIL") && l.contains("Marketplace Catalog does not answer"),
        "{}",
        done.stdout()
    );
    assert!(
        done.stdout().contains("try again in a few minutes"),
        "{}",
        done.stdout()
    );
    let l = line(&done, "catalog");
    assert!(l.contains("Partner Central Selling does not answer"), "{l}");
    assert!(line(&done, "endpoint").starts_with("ok "));
    assert_eq!(server.count("ListChangeSets"), 2);
    assert_no_writes(&server);
}
