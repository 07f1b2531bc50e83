//! The seller repository the CI recipes of `examples/ci/` run in, as a CI runner would see it: a
//! bare `origin` holding a repository made by `mpctl init` (plus the recipes' files where their
//! comments say to copy them, a campaign, and the pipeline itself), and one fresh clone of it
//! per job, with a runner's clean environment (the built `mpctl` first on `PATH`, nothing of the
//! test process's AWS settings).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::project::mpctl_in;

/// A campaign with one co-sell row and one offer-only row.
const DEALS_CSV: &str = "buyers,offer_name,customer_company,customer_website,customer_country\n\
111122223333,Acme renewal,Acme Corp,https://acme.example.com,US\n\
444455556666;777788889999,Beta pilot,,,\n";

pub struct SellerRepo {
    pub tmp: tempfile::TempDir,
    jobs: std::cell::Cell<usize>,
}

impl SellerRepo {
    /// `origin` with `main`: `mpctl init`'s project, `ci/mpctl-ci.sh`, `ci/template-vars`,
    /// `campaigns/deals.csv` and the pipeline file `example` (relative to `examples/ci/`)
    /// copied to `dest`. `edit` changes the files before the first commit.
    pub fn new(example: &str, dest: &str, edit: impl FnOnce(&Path)) -> SellerRepo {
        let tmp = tempfile::tempdir().expect("temp dir");
        let seed = tmp.path().join("seed");
        mpctl_in(tmp.path(), &["init", "seed"])
            .output()
            .expect_code(0);
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci");
        for (from, to) in [
            ("mpctl-ci.sh", "ci/mpctl-ci.sh"),
            ("template-vars", "ci/template-vars"),
            (example, dest),
        ] {
            let to = seed.join(to);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(examples.join(from), &to).unwrap_or_else(|e| panic!("{from}: {e}"));
        }
        std::fs::create_dir_all(seed.join("campaigns")).unwrap();
        std::fs::write(seed.join("campaigns/deals.csv"), DEALS_CSV).unwrap();
        let ignore = std::fs::read_to_string(seed.join(".gitignore")).unwrap();
        std::fs::write(seed.join(".gitignore"), ignore + "results/\nstate/\n").unwrap();
        edit(&seed);
        let repo = SellerRepo {
            tmp,
            jobs: std::cell::Cell::new(0),
        };
        repo.git(&seed, &["init", "-q", "-b", "main"]);
        repo.git(&seed, &["add", "-A"]);
        repo.git(&seed, &["commit", "-q", "-m", "seller project"]);
        let origin = repo.origin();
        repo.git(
            repo.tmp.path(),
            &["clone", "-q", "--bare", "seed", origin.to_str().unwrap()],
        );
        repo
    }

    pub fn origin(&self) -> PathBuf {
        self.tmp.path().join("origin.git")
    }

    /// A fresh clone of `origin` for one job (what `actions/checkout` or GitLab's fetch gives),
    /// and the job's own temp directory.
    pub fn checkout(&self) -> (PathBuf, PathBuf) {
        let n = self.jobs.get() + 1;
        self.jobs.set(n);
        let dir = self.tmp.path().join(format!("job{n}"));
        let origin = self.origin();
        self.git(
            self.tmp.path(),
            &[
                "clone",
                "-q",
                origin.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        let temp = self.tmp.path().join(format!("job{n}-tmp"));
        std::fs::create_dir_all(&temp).unwrap();
        (dir, temp)
    }

    /// A runner's clean environment: `PATH` with the built mpctl first, a private `HOME`.
    pub fn runner_env(&self, temp: &Path) -> Vec<(String, String)> {
        let bin = Path::new(env!("CARGO_BIN_EXE_mpctl")).parent().unwrap();
        let home = self.tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        [
            ("PATH", path),
            ("HOME", home.display().to_string()),
            ("TMPDIR", temp.display().to_string()),
            ("LANG", "C.UTF-8".to_string()),
            ("CI", "true".to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// A file of the state branch on `origin`, if the branch and the file exist.
    pub fn state(&self, file: &str) -> Option<Value> {
        let out = Command::new("git")
            .args(["--git-dir", self.origin().to_str().unwrap()])
            .args(["show", &format!("mpctl-state:{file}")])
            .output()
            .expect("git runs");
        out.status
            .success()
            .then(|| serde_json::from_slice(&out.stdout).expect("state is JSON"))
    }

    /// How many commits the state branch has.
    pub fn state_commits(&self) -> usize {
        let out = Command::new("git")
            .args(["--git-dir", self.origin().to_str().unwrap()])
            .args(["rev-list", "--count", "mpctl-state"])
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0)
    }

    fn git(&self, dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=seller",
                "-c",
                "user.email=seller@localhost",
            ])
            .args(args)
            .stdin(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    }
}

/// Runs `script` with `bash FLAGS` in `dir` under exactly `env`: (success, stdout + stderr).
pub fn bash(dir: &Path, flags: &[&str], script: &str, env: &[(String, String)]) -> (bool, String) {
    let out = Command::new("bash")
        .args(flags)
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Every `results/*.json` a job wrote, each checked against the shipped schema of the command
/// that printed it (`campaign-run-deals.json` → `schemas/campaign-run.json`; a failure document
/// against `schemas/error.json`): what the examples read with jq is the documented contract.
pub fn checked_results(dir: &Path) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir.join("results")) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: not one JSON document: {e}", path.display()));
        let schema = if doc["ok"] == false && doc.get("error").is_some() {
            "error".to_string()
        } else if stem.starts_with("campaign-run") {
            "campaign-run".to_string()
        } else {
            stem.clone()
        };
        let errors = crate::support::contract::schema_errors(&schema, &doc);
        assert!(
            errors.is_empty(),
            "{stem}.json vs schemas/{schema}.json: {errors:#?}"
        );
        out.push((stem, doc));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `mpctl ARGS --output json` against the emulator at `url` (outside any job).
pub fn query(url: &str, args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), "{}").unwrap();
    let mut all = args.to_vec();
    all.extend([
        "--endpoint-url",
        url,
        "--state",
        "state.json",
        "--output",
        "json",
    ]);
    mpctl_in(dir.path(), &all).output().expect_code(0).json()
}
