//! A GitLab runner (shell executor, bash) for one job of a `.gitlab-ci.yml`: `before_script`
//! (the job's, else `default:`'s) and `script` in one shell under `set -eo pipefail`, then
//! `after_script` in a new shell whatever happened, as GitLab does. Variables in GitLab's order
//! of precedence, lowest first: predefined, the file's `variables:`, the job's, then the
//! project's CI/CD variables (the test's), each expanded by the shell as GitLab expands them.

use std::path::PathBuf;

use yaml_rust2::Yaml;

use super::repo::{bash, SellerRepo};

/// What a job did.
pub struct Outcome {
    pub dir: PathBuf,
    pub ok: bool,
    /// `before_script` and `script`'s output.
    pub log: String,
    /// `after_script`'s output.
    pub after: String,
}

/// Runs job `name` of `pipeline` in a fresh checkout of `repo` with the project's CI/CD
/// variables `project`.
pub fn run_job(
    repo: &SellerRepo,
    pipeline: &Yaml,
    name: &str,
    project: &[(&str, &str)],
) -> Outcome {
    let job = &pipeline[name];
    assert!(!job.is_badvalue(), "no job {name}");
    let (dir, temp) = repo.checkout();
    let mut env = repo.runner_env(&temp);
    for (k, v) in [
        ("CI_PROJECT_DIR", dir.display().to_string()),
        ("CI_PIPELINE_ID", "4242".to_string()),
        ("CI_SERVER_HOST", "gitlab.example.com".to_string()),
        ("CI_PROJECT_PATH", "seller/listings".to_string()),
        ("CI_DEFAULT_BRANCH", "main".to_string()),
        ("CI_COMMIT_BRANCH", "main".to_string()),
    ] {
        env.push((k.to_string(), v));
    }
    let mut prelude = String::new();
    for scope in [&pipeline["variables"], &job["variables"]] {
        for (k, v) in scope.as_hash().into_iter().flatten() {
            let value = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| format!("{v:?}"));
            prelude += &format!("export {}=\"{}\"\n", k.as_str().unwrap(), quoted(&value));
        }
    }
    for (k, v) in project {
        prelude += &format!("export {k}='{}'\n", v.replace('\'', r"'\''"));
    }
    let before = if job["before_script"].is_badvalue() {
        &pipeline["default"]["before_script"]
    } else {
        &job["before_script"]
    };
    let main = prelude.clone() + &lines(before) + &lines(&job["script"]);
    let flags = ["-eo", "pipefail"];
    let (ok, log) = bash(&dir, &flags, &main, &env);
    let (_, after) = bash(
        &dir,
        &flags,
        &(prelude + &lines(&job["after_script"])),
        &env,
    );
    super::kill_orphans(&temp);
    Outcome {
        dir,
        ok,
        log,
        after,
    }
}

/// A script list as shell text.
fn lines(list: &Yaml) -> String {
    list.as_vec()
        .into_iter()
        .flatten()
        .map(|l| format!("{}\n", l.as_str().expect("script lines are strings")))
        .collect()
}

/// `value` inside double quotes, where `$VAR` still expands.
fn quoted(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('`', "\\`")
}
