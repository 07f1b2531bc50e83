//! The terminal: the progress spinner on a real pty (elapsed time moving between polls, the
//! step counter), colour decided by --color / NO_COLOR / the terminal, what -q, -v and -vv
//! print, shell completions, the man page, examples in every help, and the lock file and
//! .gitignore a project is left with.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use mpctl_emulator::{Options, Timings};
use serde_json::json;

use crate::support::project::Project;
use crate::support::pty::{frames, on_pty, pty_session, read_to_end};
use crate::support::server::Server;

/// SGR (colour) escape sequences: `ESC [ … m`.
fn has_colour(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            return true;
        }
    }
    false
}

#[test]
fn spinner_ticks_between_polls_and_shows_the_step_counter() {
    let server = Server::start(Timings {
        changeset_seconds: 0.9,
        task_seconds: 0.1,
        accept_seconds: 0.1,
        review_seconds: 3600.0,
    });
    let project = Project::new();
    // Polls 0.4 s apart: the spinner must move on its own in between.
    project.write_config(json!({"wait": {
        "initial_interval_seconds": 0.4, "max_interval_seconds": 0.4,
        "timeout_seconds": 30.0, "agreement_timeout_seconds": 30.0
    }}));
    let run = project.mpctl(&server.url(), &["run-all"]);
    let raw = on_pty(run.cmd);
    let frames = frames(&raw);
    // status → the distinct elapsed times shown with it, for step 1's change set.
    let mut shown: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &frames {
        let Some(rest) = f.split_once("[1/6] publish-product: waiting for change set ") else {
            continue;
        };
        // "<id>: <STATUS> (<elapsed>, deadline in m:ss)"
        let Some((_, tail)) = rest.1.split_once(": ") else {
            continue;
        };
        if let Some((status, timing)) = tail.split_once(" (") {
            let elapsed = timing.split(',').next().unwrap_or("").to_string();
            assert!(timing.contains("deadline in 0:"), "{f}");
            shown.entry(status.to_string()).or_default().insert(elapsed);
        }
    }
    let ticking = shown
        .get("PREPARING")
        .or_else(|| shown.get("APPLYING"))
        .unwrap_or_else(|| panic!("no status frames in:\n{frames:#?}"));
    assert!(
        ticking.len() >= 2,
        "the elapsed time did not move between two polls: {shown:?}"
    );
    assert!(
        frames
            .iter()
            .any(|f| f.contains("[2/6] create-offer: waiting for change set")),
        "{frames:#?}"
    );
    // The result table is printed once the spinner is gone, not on its line.
    assert!(
        frames.iter().any(|f| f.starts_with("[done] commit")),
        "{frames:#?}"
    );
}

/// A command that fails at once with an error on stderr.
fn failing(project: &Project, extra: &[&str]) -> Command {
    let mut run = project.mpctl(
        "http://127.0.0.1:9",
        &["changeset", "validate", "nope.json"],
    );
    run.cmd.args(extra).env_remove("NO_COLOR");
    run.cmd
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color_or_color_never() {
    let project = Project::new();
    let coloured = on_pty(failing(&project, &[]));
    assert!(coloured.contains("nope.json"), "{coloured}");
    assert!(
        has_colour(&coloured),
        "a terminal gets colour: {coloured:?}"
    );
    let never = on_pty(failing(&project, &["--color", "never"]));
    assert!(
        never.contains("nope.json") && !has_colour(&never),
        "{never:?}"
    );
    let mut no_color = failing(&project, &[]);
    no_color.env("NO_COLOR", "1");
    let no_color = on_pty(no_color);
    assert!(
        no_color.contains("nope.json") && !has_colour(&no_color),
        "{no_color:?}"
    );
    // Piped: no colour even when nothing says so; --color always forces it.
    let piped = failing(&project, &[]).output().expect("run");
    assert!(!has_colour(&String::from_utf8_lossy(&piped.stderr)));
    let forced = failing(&project, &["--color", "always"])
        .output()
        .expect("run");
    assert!(has_colour(&String::from_utf8_lossy(&forced.stderr)));
}

/// clap's own help follows --color as well: `--color never` on a terminal has no escapes,
/// `--color always` piped has them.
#[test]
fn help_follows_color_too() {
    let project = Project::new();
    let help = |extra: &[&str]| {
        let mut run = project.mpctl("http://127.0.0.1:9", &["status", "--help"]);
        run.cmd.args(extra).env_remove("NO_COLOR");
        run.cmd
    };
    let never = on_pty(help(&["--color", "never"]));
    assert!(
        never.contains("Examples:") && !has_colour(&never),
        "{never:?}"
    );
    let forced = help(&["--color=always"]).output().expect("run");
    let forced = String::from_utf8_lossy(&forced.stdout);
    assert!(
        forced.contains("Examples:") && has_colour(&forced),
        "{forced:?}"
    );
}

#[test]
fn verbosity_levels_say_what_they_promise() {
    let server = Server::fast();
    let project = Project::new();
    let quiet = project
        .mpctl(&server.url(), &["publish-product", "-q"])
        .env("RUST_LOG", "debug")
        .output()
        .expect_code(0);
    assert_eq!(quiet.stderr(), "", "-q prints nothing but errors");
    let default = project
        .mpctl(&server.url(), &["status"])
        .output()
        .expect_code(0);
    assert!(
        !default.stderr().contains("endpoint:"),
        "{}",
        default.stderr()
    );
    let v = project
        .mpctl(&server.url(), &["opportunity", "list", "-v"])
        .output()
        .expect_code(0);
    let line = format!("endpoint: {}, region: us-east-1", server.url());
    assert!(v.stderr().contains(&line), "{}", v.stderr());
    assert!(v.stderr().contains("account:"), "{}", v.stderr());
    assert!(!v.stderr().contains("HTTP 200"), "-v is not per request");
    let vv = project
        .mpctl(
            &server.url(),
            &["opportunity", "list", "-vv", "--color", "never"],
        )
        .output()
        .expect_code(0);
    assert!(
        vv.stderr().contains("ListOpportunities -> HTTP 200 in "),
        "{}",
        vv.stderr()
    );
    assert!(!has_colour(&vv.stderr()), "{}", vv.stderr());
}

#[test]
fn v_shows_every_retry() {
    let server = Server::with_options(Options {
        timings: crate::support::fast_timings(),
        faults: Some(mpctl_emulator::FaultOptions {
            rate: 1.0,
            seed: 3,
            kinds: vec![mpctl_emulator::FaultKind::Throttle],
            slow_delay: std::time::Duration::from_secs(1),
        }),
        ..Options::default()
    });
    let project = Project::new();
    project.write_config(json!({"retry": {"max_attempts": 3, "initial_backoff_seconds": 0.01}}));
    let out = project
        .mpctl(&server.url(), &["opportunity", "list", "-v"])
        .output();
    assert_ne!(out.code(), 0);
    let retries = out.stderr().matches("retry: ").count();
    assert_eq!(retries, 2, "3 attempts = 2 retries:\n{}", out.stderr());
    assert!(
        out.stderr()
            .contains("ListOpportunities attempt 2 after HTTP 429"),
        "{}",
        out.stderr()
    );
}

fn mpctl(args: &[&str]) -> std::process::Output {
    crate::support::project::mpctl(args).output().out
}

#[test]
fn completions_and_man_page_cover_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F _mpctl"),
        ("zsh", "#compdef mpctl"),
        ("fish", "complete -c mpctl"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[mpctl]"),
    ] {
        let out = mpctl(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("run-all") && script.contains("endpoint-url"),
            "{shell}"
        );
    }
    let man = mpctl(&["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.starts_with(".ie") && page.contains(".TH mpctl 1"),
        "{page}"
    );
    assert!(
        page.contains("run\\-all") && page.contains("Examples:"),
        "{page}"
    );
    // Only exact names run: a prefix of a write command is an error, not that command.
    let typo = mpctl(&["completion", "bash"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("unrecognized subcommand"));
}

#[test]
fn every_command_help_has_an_example_and_global_options_have_their_own_heading() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let help = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        if !help.contains("Examples:\n  mpctl ") {
            missing.push(path.to_string());
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&mpctl::cli::Cli::command(), "mpctl", &mut missing);
    assert!(missing.is_empty(), "no example in the help of: {missing:?}");
    let help = String::from_utf8_lossy(&mpctl(&["offer", "extend", "--help"]).stdout).into_owned();
    let (own, global) = help.split_once("Global options:").expect("heading");
    assert!(
        own.contains("--until") && !own.contains("--endpoint-url"),
        "{help}"
    );
    assert!(
        global.contains("--endpoint-url") && global.contains("--color"),
        "{help}"
    );
    assert!(
        help.contains("Examples:\n  mpctl offer extend offer-abc"),
        "{help}"
    );
}

#[test]
fn no_lock_file_is_left_after_a_run_or_a_failing_one() {
    let server = Server::fast();
    let project = Project::new();
    let lock = project.path("shared_env.json.lock");
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    assert!(!lock.exists(), "left after a successful run");
    // Fails in the input check, before any request.
    std::fs::remove_file(project.path("buyer_ids.txt")).expect("rm");
    let before = server.operations().len();
    let failed = project.mpctl(&server.url(), &["run-all"]).output();
    assert_eq!(failed.code(), 2, "{}", failed.stderr());
    assert_eq!(server.operations().len(), before, "nothing sent");
    assert!(!lock.exists(), "left after a failing run");
}

#[test]
fn sdk_logs_stay_out_of_default_and_quiet_output() {
    let project = Project::new();
    // Not loopback, so the SDK looks for credentials, finds none and would log about it.
    for flag in ["--output=text", "-q"] {
        let out = project
            .mpctl("http://localhost.invalid:1", &["opportunity", "list", flag])
            .env("HOME", "/nonexistent")
            .env("AWS_CONFIG_FILE", "/nonexistent")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output();
        assert_ne!(out.code(), 0);
        let stderr = out.stderr();
        assert!(stderr.starts_with("mpctl: error:"), "{flag}: {stderr}");
        assert!(
            !stderr.contains("WARN") && !stderr.contains("aws_config"),
            "{flag}: {stderr}"
        );
        assert!(!stderr.contains('\x1b'), "{flag}: {stderr}");
    }
}

#[test]
fn ctrl_c_messages_start_on_their_own_line() {
    use expectrl::Expect;
    let server = Server::start(Timings {
        changeset_seconds: 20.0,
        task_seconds: 0.1,
        accept_seconds: 0.1,
        review_seconds: 3600.0,
    });
    let project = Project::new();
    let mut session = pty_session(project.mpctl(&server.url(), &["run-all"]).cmd);
    session.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    let before = session.expect("PREPARING").expect("spinner shows");
    // ETX, what the Ctrl-C key sends: the terminal turns it into SIGINT.
    session.send("\x03").expect("Ctrl-C");
    let raw = read_to_end(&mut session, before.before().to_vec());
    let frames = frames(&raw);
    for message in ["mpctl: interrupt received", "mpctl: error: interrupted"] {
        assert!(
            frames.iter().any(|f| f.starts_with(message)),
            "'{message}' is not on a line of its own:\n{frames:#?}"
        );
    }
    // The spinner is gone once the command has ended: the last line is the error.
    let last = frames
        .iter()
        .rev()
        .find(|f| !f.starts_with("^C"))
        .expect("output");
    assert!(last.contains("resume with"), "{frames:#?}");
}
