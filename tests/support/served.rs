//! `mpctl emulator serve` as a child process of the test (started through
//! [`super::project::mpctl`]), and boto3's presence: for tests of the served emulator and of
//! clients that are not the Rust SDK.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};

/// `mpctl emulator serve` on a free loopback port with sub-second timings, plus `extra`
/// flags: (child, base URL read from its first stdout line). Its stderr (one line per request)
/// is piped for the test to read.
pub fn serve(extra: &[&str]) -> (Child, String) {
    let mut run = super::project::mpctl(&[
        "emulator",
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--changeset-seconds",
        "0.3",
        "--task-seconds",
        "0.2",
        "--accept-seconds",
        "0.3",
    ]);
    run.cmd.args(extra);
    let mut child = run.spawn_piped();
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line: {first:?}"))
        .to_string();
    (child, url)
}

/// Stops a served emulator with SIGTERM and waits for it; it must exit cleanly.
pub fn stop(mut child: Child) {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(child.wait().expect("wait").success());
}

/// Whether `python3` can import boto3 (the boto3 tests skip without it).
pub fn boto3_available() -> bool {
    Command::new("python3")
        .args(["-c", "import boto3"])
        .output()
        .is_ok_and(|o| o.status.success())
}
