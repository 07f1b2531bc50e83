//! The GitLab CI example (`examples/ci/gitlab/.gitlab-ci.yml`), run by [`super::gitlab_runner`].

use yaml_rust2::Yaml;

use super::actions::load;
use super::gitlab_runner::run_job;
use super::repo::{checked_results, query, SellerRepo};
use crate::support::served;

fn pipeline() -> Yaml {
    load(include_str!("../../examples/ci/gitlab/.gitlab-ci.yml"))
}

fn repo(edit: impl FnOnce(&std::path::Path)) -> SellerRepo {
    SellerRepo::new("gitlab/.gitlab-ci.yml", ".gitlab-ci.yml", edit)
}

#[test]
fn a_merge_request_validates_every_template_then_rehearses_on_the_emulator() {
    let repo = repo(|_| {});
    let out = run_job(&repo, &pipeline(), "check", &[]);
    assert!(out.ok, "{}", out.log);
    let results = checked_results(&out.dir);
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["campaign-run-deals", "changeset-validate", "run-all"]
    );
    assert_eq!(
        results[1].1["files"].as_array().unwrap().len(),
        super::template_count(&out.dir)
    );
    assert!(out.after.contains("- commit: done"), "{}", out.after);
    let summary = std::fs::read_to_string(out.dir.join("results/summary.md")).unwrap();
    assert!(summary.contains("2 item(s)"), "{summary}");
}

#[test]
fn a_broken_template_fails_the_merge_request() {
    let repo = repo(super::break_a_template);
    let out = run_job(&repo, &pipeline(), "check", &[]);
    assert!(!out.ok, "{}", out.log);
    let results = checked_results(&out.dir);
    assert_eq!(results.len(), 1, "only the validation ran: {}", out.log);
    assert_eq!(results[0].1["ok"], false);
    assert!(out.after.contains("offer-eula.json"), "{}", out.after);
}

#[test]
fn the_default_branch_keeps_its_state_on_a_branch_and_stays_off_the_catalog() {
    let (child, url) = served::serve(&[]);
    let repo = repo(|_| {});
    let p = pipeline();
    for job in ["sandbox", "production"] {
        assert_eq!(
            p[job]["resource_group"].as_str(),
            Some(&*format!("mpctl-{job}"))
        );
    }
    let project = [
        ("AWS_ENDPOINT_URL", url.as_str()),
        ("MPCTL_STATE_REMOTE", "origin"),
    ];
    for _ in 0..2 {
        let out = run_job(&repo, &p, "sandbox", &project);
        assert!(out.ok, "{}\n{}", out.log, out.after);
    }
    let state = repo.state("sandbox.json").expect("state on the branch");
    assert!(state.get("OPPORTUNITY_ID").is_some(), "{state}");
    assert!(state.get("PRODUCT_ID").is_none(), "{state}");
    assert_eq!(repo.state_commits(), 1, "the second run changed nothing");
    let products = query(&url, &["entity", "list", "SaaSProduct"]);
    assert_eq!(products["count"], 0);
    assert_eq!(query(&url, &["opportunity", "list"])["count"], 1);
    served::stop(child);
}
