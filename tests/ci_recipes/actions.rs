//! A GitHub Actions runner for what can run offline in a workflow file: each `run:` step in
//! order, in one job, the way the hosted runner runs it (`shell: bash` is
//! `bash --noprofile --norc -eo pipefail`; `$GITHUB_ENV` lines reach the later steps;
//! `if: always()` steps run after a failure). `uses:` steps are actions, not shell: checkout
//! is the fresh clone itself, and cache and upload-artifact change nothing a later step reads;
//! any other action (the AWS credentials) must be skipped by its `if:` under the test's
//! environment, or the test fails: that is the switch that keeps real AWS out of the job.

use std::collections::BTreeMap;
use std::path::PathBuf;

use yaml_rust2::{Yaml, YamlLoader};

use super::repo::{bash, SellerRepo};

/// Actions that need nothing from AWS.
const OFFLINE_ACTIONS: &[&str] = &[
    "actions/checkout@",
    "actions/cache@",
    "actions/upload-artifact@",
];

pub fn load(text: &str) -> Yaml {
    YamlLoader::load_from_str(text)
        .expect("the workflow is YAML")
        .remove(0)
}

/// What a job did.
pub struct Outcome {
    /// The job's checkout.
    pub dir: PathBuf,
    /// The `run:` steps that ran, by name.
    pub ran: Vec<String>,
    /// The first step that failed.
    pub failed: Option<String>,
    /// Every step's output.
    pub log: String,
    /// `$GITHUB_STEP_SUMMARY`.
    pub summary: String,
}

/// Runs job `name` of `workflow` in a fresh checkout of `repo`, with repository variables
/// `vars` and `env` added to the runner's environment.
pub fn run_job(
    repo: &SellerRepo,
    workflow: &Yaml,
    name: &str,
    vars: &[(&str, &str)],
    env: &[(&str, &str)],
) -> Outcome {
    let job = &workflow["jobs"][name];
    assert!(!job.is_badvalue(), "no job {name}");
    let (dir, temp) = repo.checkout();
    let mut base: BTreeMap<String, String> = repo.runner_env(&temp).into_iter().collect();
    std::fs::write(temp.join("github_env"), "").unwrap();
    for (k, v) in [
        ("GITHUB_ENV", temp.join("github_env")),
        ("GITHUB_STEP_SUMMARY", temp.join("summary.md")),
        ("RUNNER_TEMP", temp.clone()),
        ("GITHUB_WORKSPACE", dir.clone()),
    ] {
        base.insert(k.to_string(), v.display().to_string());
    }
    base.insert("RUNNER_OS".into(), "Linux".into());
    base.insert("GITHUB_RUN_ID".into(), "4242".into());
    for (k, v) in env {
        base.insert(k.to_string(), v.to_string());
    }
    let vars: BTreeMap<&str, &str> = vars.iter().copied().collect();
    for scope in [&workflow["env"], &job["env"]] {
        for (k, v) in scope.as_hash().into_iter().flatten() {
            let value = expand(scalar(v), &vars, &base);
            base.insert(k.as_str().unwrap().to_string(), value);
        }
    }
    let flags = shell_flags(workflow, job);
    let mut out = Outcome {
        dir,
        ran: Vec::new(),
        failed: None,
        log: String::new(),
        summary: String::new(),
    };
    for step in job["steps"].as_vec().expect("steps") {
        let mut env = base.clone();
        env.extend(github_env(&temp.join("github_env")));
        let runs = match step["if"].as_str() {
            None => out.failed.is_none(),
            Some(cond) => condition(cond, &env) && (out.failed.is_none() || cond == "always()"),
        };
        if let Some(action) = step["uses"].as_str() {
            assert!(
                !runs || OFFLINE_ACTIONS.iter().any(|a| action.starts_with(a)),
                "{name}: the action {action} would run (it needs AWS) under {env:?}"
            );
            continue;
        }
        let script = step["run"].as_str().expect("a step is uses: or run:");
        let step_name = step["name"].as_str().unwrap_or(script).to_string();
        if !runs {
            continue;
        }
        let env: Vec<(String, String)> = env.into_iter().collect();
        let (ok, text) = bash(&out.dir, &flags, script, &env);
        out.log += &format!("--- {step_name}\n{text}");
        out.ran.push(step_name.clone());
        if !ok && out.failed.is_none() {
            out.failed = Some(step_name);
        }
    }
    out.summary = std::fs::read_to_string(temp.join("summary.md")).unwrap_or_default();
    super::kill_orphans(&temp);
    out
}

fn scalar(v: &Yaml) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v:?}"))
}

/// `defaults.run.shell` (only `bash` is used by the examples).
fn shell_flags(workflow: &Yaml, job: &Yaml) -> Vec<&'static str> {
    let shell = job["defaults"]["run"]["shell"]
        .as_str()
        .or(workflow["defaults"]["run"]["shell"].as_str());
    match shell {
        Some("bash") => vec!["--noprofile", "--norc", "-eo", "pipefail"],
        None => vec!["-e"],
        Some(other) => panic!("shell {other} is not supported by this runner"),
    }
}

/// `KEY=VALUE` lines a step appended to `$GITHUB_ENV`.
fn github_env(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `${{ … }}` in a value: `vars.NAME`, `env.NAME`, `runner.os`, `'literal'`, joined by `||`.
fn expand(text: &str, vars: &BTreeMap<&str, &str>, env: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out += &rest[..start];
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let expr = rest[start + 3..end].trim();
        let value = expr
            .split("||")
            .map(|alt| operand(alt.trim(), vars, env))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        out += &value;
        rest = &rest[end + 2..];
    }
    out + rest
}

fn operand(expr: &str, vars: &BTreeMap<&str, &str>, env: &BTreeMap<String, String>) -> String {
    if let Some(name) = expr.strip_prefix("vars.") {
        vars.get(name).copied().unwrap_or_default().to_string()
    } else if let Some(name) = expr.strip_prefix("env.") {
        env.get(name).cloned().unwrap_or_default()
    } else if expr == "runner.os" {
        "Linux".to_string()
    } else if let Some(lit) = expr.strip_prefix('\'').and_then(|e| e.strip_suffix('\'')) {
        lit.to_string()
    } else {
        panic!("expression {expr:?} is not supported by this runner")
    }
}

/// A step's `if:`: `always()` or `env.NAME == ''`.
fn condition(cond: &str, env: &BTreeMap<String, String>) -> bool {
    if cond == "always()" {
        return true;
    }
    let (left, right) = cond
        .split_once("==")
        .unwrap_or_else(|| panic!("condition {cond:?} is not supported by this runner"));
    operand(left.trim(), &BTreeMap::new(), env) == operand(right.trim(), &BTreeMap::new(), env)
}
