//! A seller project in a temp dir (config, buyers, templates, state) and a `#[must_use]`
//! builder that runs the built `mpctl` binary in it against an emulator.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::{json, Value};

/// A temp project directory with the repo's templates and fast polling.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::create_dir_all(dir.path().join("changesets")).expect("changesets dir");
        for name in [
            "saas-product.json",
            "private-offer.json",
            "opportunity.json",
        ] {
            std::fs::copy(
                root.join("changesets").join(name),
                dir.path().join("changesets").join(name),
            )
            .expect("copy template");
        }
        let p = Project { dir };
        p.write_config(json!({}));
        p.write("buyer_ids.txt", "# buyers\n111122223333\n444455556666\n");
        p
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).expect("write file");
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_default()
    }

    /// config.json with sub-second polling, plus `extra` keys.
    pub fn write_config(&self, extra: Value) {
        let mut config = json!({
            "catalog": "Sandbox",
            "wait": {"initial_interval_seconds": 0.05, "max_interval_seconds": 0.2, "timeout_seconds": 30.0, "agreement_timeout_seconds": 30.0}
        });
        if let (Some(c), Some(e)) = (config.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                c.insert(k.clone(), v.clone());
            }
        }
        self.write(
            "config.json",
            &serde_json::to_string_pretty(&config).expect("json"),
        );
    }

    /// The state file as JSON (`{}` when absent).
    pub fn state(&self) -> Value {
        serde_json::from_str(&self.read("shared_env.json")).unwrap_or(json!({}))
    }

    /// A command builder for `mpctl ARGS` in this project against `endpoint`.
    pub fn mpctl(&self, endpoint: &str, args: &[&str]) -> Run {
        let mut run = self.base(args);
        run.cmd.arg("--endpoint-url").arg(endpoint);
        run
    }

    /// [`Project::mpctl`] with `--local` (the in-process emulator) instead of an endpoint.
    pub fn mpctl_local(&self, args: &[&str]) -> Run {
        let mut run = self.base(args);
        run.cmd.arg("--local");
        run
    }

    /// [`Project::mpctl`] against an endpoint where nothing listens (port 9): for commands that
    /// make no AWS call (validate, render, usage errors).
    pub fn offline(&self, args: &[&str]) -> Done {
        self.mpctl("http://127.0.0.1:9", args).output()
    }

    /// `mpctl ARGS` in this project with no endpoint flag (AWS, or `--local` among ARGS).
    pub fn base(&self, args: &[&str]) -> Run {
        mpctl_in(self.dir.path(), args)
    }
}

/// `mpctl ARGS` as the test process runs it: its working directory and environment unchanged
/// (completions, the man page, `emulator serve`).
pub fn mpctl(args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mpctl"));
    cmd.args(args);
    Run { cmd }
}

/// `mpctl ARGS` in `dir`, as a user would run it there: no endpoint, profile or access key
/// from the test's environment, no colour.
pub fn mpctl_in(dir: &Path, args: &[&str]) -> Run {
    let mut run = mpctl(args);
    run.cmd
        .current_dir(dir)
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env("NO_COLOR", "1");
    run
}

/// The command in "resume with `…`" (or "re-run `…`", after a pending review) on `stderr`,
/// split as a shell would.
pub fn resume_command(stderr: &str) -> Vec<String> {
    let quoted = ["resume with `", "re-run `"]
        .iter()
        .find_map(|lead| stderr.split(lead).nth(1))
        .and_then(|rest| rest.split('`').next())
        .unwrap_or_else(|| panic!("no resume command in:\n{stderr}"));
    shlex::split(quoted).unwrap_or_else(|| panic!("not shell-quoted: {quoted}"))
}

impl Project {
    /// Runs the resume command printed on `stderr`, as pasted into a shell in this project.
    pub fn paste_resume(&self, stderr: &str) -> Done {
        let words = resume_command(stderr);
        let out = Command::new(&words[0])
            .args(&words[1..])
            .current_dir(self.dir.path())
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env("NO_COLOR", "1")
            .output()
            .expect("run the resume command");
        Done {
            out,
            args: words[1..].to_vec(),
        }
    }
}

/// One run of the binary; inspect with the assertion helpers.
#[must_use = "call .output() or .spawn()"]
pub struct Run {
    pub cmd: Command,
}

impl Run {
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.cmd.env(k, v);
        self
    }

    /// No AWS config or credentials file: the SDK's profile files point nowhere.
    pub fn without_aws_files(self) -> Self {
        self.env("AWS_CONFIG_FILE", "/nonexistent")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    }

    pub fn output(mut self) -> Done {
        let args = self
            .cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let out = self.cmd.output().expect("run mpctl");
        Done { out, args }
    }

    pub fn spawn(mut self) -> Child {
        self.cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn mpctl")
    }

    /// Started in the background, its stdout and stderr kept for `wait_with_output`.
    pub fn spawn_piped(mut self) -> Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn mpctl")
    }
}

/// Ctrl-C for a running mpctl: SIGINT to its process.
#[cfg(unix)]
pub fn interrupt(child: &Child) {
    let pid = rustix::process::Pid::from_raw(child.id() as i32).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
}

/// A finished run.
pub struct Done {
    pub out: Output,
    /// The command line (without the program), to find the command's schema.
    pub args: Vec<String>,
}

impl Done {
    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    /// Asserts the exit code, showing both streams on failure.
    pub fn expect_code(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    /// Stdout as the one JSON document it must be; also checks it keeps the JSON contract
    /// (its command's shipped schema, snake_case keys), so every test that reads a document
    /// checks the contract too.
    pub fn json(&self) -> Value {
        let doc = serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()));
        super::contract::check(&self.args, &doc);
        doc
    }
}

/// Whether the state holds nothing in flight: no saved request, no wait's last status (the
/// record of where each id was created stays).
pub fn nothing_in_flight(state: &Value) -> bool {
    state["MPCTL"]["pending"].is_null() && state["MPCTL"]["last_status"].is_null()
}
