//! The GitHub Actions example (`examples/ci/github/mpctl.yml`), run by [`super::actions`].

use serde_json::Value;
use yaml_rust2::Yaml;

use super::actions::{load, run_job};
use super::repo::{checked_results, query, SellerRepo};
use crate::support::served;

const DEST: &str = ".github/workflows/mpctl.yml";

fn workflow() -> Yaml {
    load(include_str!("../../examples/ci/github/mpctl.yml"))
}

fn repo(edit: impl FnOnce(&std::path::Path)) -> SellerRepo {
    SellerRepo::new("github/mpctl.yml", DEST, edit)
}

#[test]
fn a_pull_request_validates_every_template_then_rehearses_on_the_emulator() {
    let repo = repo(|_| {});
    let out = run_job(&repo, &workflow(), "check", &[], &[]);
    assert_eq!(out.failed, None, "{}", out.log);
    let results = checked_results(&out.dir);
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["campaign-run-deals", "changeset-validate", "run-all"]
    );
    let validate = &results[1].1;
    assert_eq!(validate["ok"], true, "{validate:#}");
    assert_eq!(
        validate["files"].as_array().unwrap().len(),
        super::template_count(&out.dir)
    );
    let run_all = &results[2].1;
    for step in run_all["steps"].as_array().unwrap() {
        assert_eq!(step["status"], "done", "{run_all:#}");
    }
    let campaign = &results[0].1;
    assert_eq!(campaign["count"], 2);
    assert!(campaign["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["status"] == "succeeded"));
    assert!(out.summary.contains("- commit: done"), "{}", out.summary);
    assert!(out.summary.contains("2 item(s)"), "{}", out.summary);
    assert!(out.ran.contains(&"Stop the emulator".to_string()));
    assert!(!out.dir.join("campaigns/deals.campaign").exists());
}

#[test]
fn a_broken_template_fails_the_check_before_any_rehearsal() {
    let repo = repo(super::break_a_template);
    let out = run_job(&repo, &workflow(), "check", &[], &[]);
    assert_eq!(
        out.failed.as_deref(),
        Some("Validate every change set template"),
        "{}",
        out.log
    );
    let results = checked_results(&out.dir);
    assert_eq!(results.len(), 1, "only the validation ran");
    let validate = &results[0].1;
    assert_eq!(validate["ok"], false);
    assert!(validate["errors"].as_u64().unwrap() >= 1);
    assert!(out.summary.contains("offer-eula.json"), "{}", out.summary);
    assert!(!out.ran.iter().any(|s| s.starts_with("Rehearse")));
    assert!(out.ran.contains(&"Summary".to_string()));
}

fn count(url: &str, args: &[&str]) -> u64 {
    query(url, args)["count"].as_u64().expect("a list")
}

fn state_id(state: &Option<Value>, key: &str) -> Option<String> {
    state.as_ref()?.get(key)?.as_str().map(str::to_string)
}

#[test]
fn merges_and_releases_keep_one_state_per_environment_on_a_branch() {
    let (child, url) = served::serve(&["--review-seconds", "0.5"]);
    let repo = repo(|_| {});
    let wf = workflow();
    let env = [("AWS_ENDPOINT_URL", url.as_str())];
    for job in ["sandbox", "production"] {
        let group = &wf["jobs"][job]["concurrency"];
        assert_eq!(group["group"].as_str(), Some(&*format!("mpctl-{job}")));
        assert_eq!(group["cancel-in-progress"].as_bool(), Some(false));
    }

    // Merges without MPCTL_PUBLISH: Partner Central only, the Catalog untouched.
    for _ in 0..2 {
        let out = run_job(&repo, &wf, "sandbox", &[], &env);
        assert_eq!(out.failed, None, "{}", out.log);
        let results = checked_results(&out.dir);
        assert_eq!(results[0].0, "create-opportunity");
        assert_eq!(results[0].1["ok"], true);
    }
    let sandbox = repo.state("sandbox.json");
    assert!(
        state_id(&sandbox, "OPPORTUNITY_ID").is_some(),
        "{sandbox:?}"
    );
    assert_eq!(state_id(&sandbox, "PRODUCT_ID"), None);
    assert_eq!(count(&url, &["entity", "list", "SaaSProduct"]), 0);
    assert_eq!(
        count(&url, &["opportunity", "list"]),
        1,
        "the second merge resumed"
    );

    // MPCTL_PUBLISH=true: run-all, on the same opportunity.
    let out = run_job(&repo, &wf, "sandbox", &[("MPCTL_PUBLISH", "true")], &env);
    assert_eq!(out.failed, None, "{}", out.log);
    let after = repo.state("sandbox.json");
    assert_eq!(
        state_id(&after, "OPPORTUNITY_ID"),
        state_id(&sandbox, "OPPORTUNITY_ID")
    );
    assert!(state_id(&after, "AGREEMENT_ID").is_some(), "{after:?}");
    assert_eq!(count(&url, &["entity", "list", "SaaSProduct"]), 1);
    assert_eq!(count(&url, &["opportunity", "list"]), 1);

    // A release: its own state. The first run stops while AWS reviews the opportunity (exit 4,
    // a green job); once the review is over (the emulator's clock moved on), the next run
    // resumes from the branch and finishes.
    let first = run_job(&repo, &wf, "production", &[], &env);
    assert_eq!(first.failed, None, "{}", first.log);
    assert!(first.summary.contains("exit 4"), "{}", first.summary);
    query(&url, &["emulator", "advance", "1s"]);
    let second = run_job(&repo, &wf, "production", &[], &env);
    assert_eq!(second.failed, None, "{}", second.log);
    let log = second.log;
    let production = repo.state("production.json");
    assert!(state_id(&production, "AGREEMENT_ID").is_some(), "{log}");
    assert_ne!(
        state_id(&production, "PRODUCT_ID"),
        state_id(&after, "PRODUCT_ID")
    );
    assert_eq!(
        repo.state("sandbox.json"),
        after,
        "production left sandbox alone"
    );
    assert_eq!(count(&url, &["opportunity", "list", "--catalog", "AWS"]), 1);
    served::stop(child);
}
