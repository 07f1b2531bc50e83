//! Runs one client command and measures it: wall time and the client's own peak RSS. The peak
//! comes from `getrusage(RUSAGE_CHILDREN)`, which covers every child a process has waited for;
//! so the benchmark re-executes itself as a one-child measurer (`--measure`) and that process's
//! figure is the client's alone, not the emulators' the benchmark also runs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// What one measured run produced.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub wall: f64,
    pub max_rss_kib: u64,
    pub code: i32,
}

/// The flag that turns the benchmark binary into the measurer.
pub const FLAG: &str = "--measure";

/// Runs `mpctl ARGS` in `dir` through the measurer; its output goes to `log`.
pub fn run(mpctl: &str, dir: &Path, args: &[&str], log: &Path) -> Run {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let out = Command::new(me)
        .arg(FLAG)
        .arg(log)
        .arg(mpctl)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .stderr(Stdio::inherit())
        .output()
        .expect("run the measurer");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text
        .split_whitespace()
        .map(|w| w.parse::<f64>().unwrap_or(-1.0));
    let mut next = || fields.next().unwrap_or(-1.0);
    Run {
        wall: next(),
        max_rss_kib: next() as u64,
        code: next() as i32,
    }
}

/// The measurer's side (`--measure LOG PROGRAM ARGS…`): run the one child, print
/// `WALL_SECONDS MAX_RSS_KIB EXIT_CODE`.
pub fn child_main(args: &[String]) -> ! {
    let [log, program, rest @ ..] = args else {
        eprintln!("usage: pipeline {FLAG} LOG PROGRAM [ARGS…]");
        std::process::exit(2);
    };
    let file = std::fs::File::create(log).expect("create the run's log file");
    let started = Instant::now();
    let status = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(file.try_clone().expect("log file"))
        .stderr(file)
        .status()
        .expect("start the client");
    let wall = started.elapsed().as_secs_f64();
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .expect("getrusage");
    // Linux reports ru_maxrss in KiB.
    println!(
        "{wall:.4} {} {}",
        usage.max_rss(),
        status.code().unwrap_or(-1)
    );
    std::process::exit(0);
}
