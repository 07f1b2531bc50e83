//! The metering scenario: a 1,000-row usage CSV sent with `mpctl metering send` to an emulator
//! under `--enforce-quotas`. Its quota-bound time is BatchMeterUsage's: 1,000 ÷ 25 = 40 calls
//! at 10 a second = 4 s.

use std::path::Path;
use std::process::Command;

use super::emulator::{Emulator, Timings};
use super::{measure, project};

pub const ROWS: usize = 1000;
/// 40 calls at BatchMeterUsage's 10 a second.
pub const BOUND: f64 = (ROWS / 25) as f64 / 10.0;

pub struct MeteringFigures {
    pub run: measure::Run,
    pub calls: usize,
    pub throttled: usize,
}

/// `mpctl ARGS --endpoint-url URL` in `dir`, which must succeed; its stdout.
fn mpctl_ok(mpctl: &str, dir: &Path, url: &str, args: &[&str]) -> String {
    let out = Command::new(mpctl)
        .args(args)
        .args(["--endpoint-url", url])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run mpctl");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mpctl {args:?} failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Publishes the workflow's product and private offer, waits for the stand-in buyer's
/// agreement, moves the clock an hour on, and writes `usage.csv`: [`ROWS`] records of the
/// first buyer in buyer_ids.txt, going back a second per three rows from the emulator's now.
fn setup(mpctl: &str, dir: &Path, url: &str) -> String {
    for step in ["publish-product", "create-offer", "search-agreement"] {
        mpctl_ok(mpctl, dir, url, &[step]);
    }
    mpctl_ok(mpctl, dir, url, &["emulator", "advance", "1h"]);
    let now = mpctl_ok(mpctl, dir, url, &["emulator", "time"]);
    let now = chrono::DateTime::parse_from_rfc3339(now.trim()).expect("emulator time");
    let buyers = std::fs::read_to_string(dir.join("buyer_ids.txt")).expect("buyer_ids.txt");
    let buyer = buyers
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 12 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a buyer account");
    let dims = ["WorkloadSmall", "WorkloadMedium", "WorkloadLarge"];
    let mut csv = String::from("buyer,dimension,quantity,timestamp\n");
    for i in 0..ROWS {
        let at = now - chrono::Duration::seconds((i / 3) as i64);
        let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        csv.push_str(&format!("{buyer},{},{},{at}\n", dims[i % 3], 1 + i % 7));
    }
    std::fs::write(dir.join("usage.csv"), csv).expect("write usage.csv");
    let state = std::fs::read_to_string(dir.join("shared_env.json")).expect("state file");
    let state: serde_json::Value = serde_json::from_str(&state).expect("state JSON");
    state["PRODUCT_ID"]
        .as_str()
        .expect("PRODUCT_ID")
        .to_string()
}

pub fn metering(mpctl: &str) -> MeteringFigures {
    let timings = Timings {
        changeset: 1.0,
        task: 1.0,
        accept: 1.0,
    };
    let server = Emulator::start(mpctl, timings, true);
    let dir = project::new();
    let product = setup(mpctl, dir.path(), &server.url);
    let before = server.log();
    let log = dir.path().join("metering.log");
    let args = [
        "metering",
        "send",
        "usage.csv",
        "--product",
        &product,
        "--yes",
    ];
    let run = measure::run(
        mpctl,
        dir.path(),
        &args
            .into_iter()
            .chain(["--endpoint-url", &server.url])
            .collect::<Vec<_>>(),
        &log,
    );
    let after = server.stop();
    eprintln!("metering send: {run:?}, log {}", log.display());
    assert_eq!(run.code, 0, "metering send failed; see {}", log.display());
    MeteringFigures {
        run,
        calls: after.count("BatchMeterUsage") - before.count("BatchMeterUsage"),
        throttled: after.throttled - before.throttled,
    }
}
