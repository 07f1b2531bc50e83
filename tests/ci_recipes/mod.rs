//! The CI recipes of `examples/ci/` (a GitHub Actions workflow, a GitLab CI pipeline and the
//! shell they share), run step by step against the emulator in a temporary seller repository,
//! so the examples cannot rot: every shell step runs in order, as the CI's runner would run it;
//! the steps that need real AWS are skipped by the switch the examples use (`AWS_ENDPOINT_URL`
//! naming an emulator); the JSON they read with jq is checked against the shipped schemas.

mod actions;
mod github;
mod gitlab;
mod gitlab_runner;
mod repo;

use std::path::Path;

/// Stops what a job left running (the emulator it started), as a runner ends a job's processes.
fn kill_orphans(temp: &Path) {
    if let Ok(pid) = std::fs::read_to_string(temp.join("mpctl-emulator.pid")) {
        let _ = std::process::Command::new("kill").arg(pid.trim()).status();
    }
}

/// The change set templates a seller repository made by `mpctl init` has (all but the
/// opportunity payload).
fn template_count(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("changesets"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_str().unwrap().ends_with(".json") && name != "opportunity.json"
        })
        .count()
}

/// Breaks one template the way a typo would: an unknown change type.
fn break_a_template(seed: &Path) {
    let path = seed.join("changesets/offer-eula.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("\"UpdateLegalTerms\"", "\"UpdateLegalTerm\"", 1);
    assert_ne!(
        text, broken,
        "offer-eula.json has an UpdateLegalTerms change"
    );
    std::fs::write(path, broken).unwrap();
}
