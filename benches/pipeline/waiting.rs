//! `-- --events`: how waiting spends requests. `run-all` at change sets of 23, 60 and 250 s
//! (`--only SECONDS` picks one; `--mode polling|events|fixed-10s` one way of waiting), each way
//! against a fresh emulator:
//! - **polling**: mpctl's default schedule (no events queue);
//! - **events**: `events setup` first, then `events.queue_url` in config.json: each wait wakes on
//!   its event and confirms with one read;
//! - **fixed 10-s poller**: `wait.initial_interval_seconds` = `max_interval_seconds` = 10, the
//!   way AWS's sample workflow polls (a check every 10 s).
//!
//! Reported: wall ÷ critical path and the requests to the Marketplace and Partner Central APIs
//! (whose quotas they spend; the wait reads among them), plus the SQS requests of the events
//! way (the listener's long polls, the deletes and the setup).

use serde_json::json;

use crate::emulator::Emulator;
use crate::{measure, project, timings, TASK_SECONDS};

/// One way of waiting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    Polling,
    Events,
    Fixed10,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Polling, Mode::Events, Mode::Fixed10];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Polling => "polling",
            Mode::Events => "events",
            Mode::Fixed10 => "fixed-10s",
        }
    }
}

pub struct Row {
    pub duration: f64,
    pub mode: Mode,
    pub critical: f64,
    pub wall: f64,
    pub marketplace: usize,
    pub wait_reads: usize,
    pub sqs: usize,
}

/// The reads the waits make.
const WAIT_READS: [&str; 3] = [
    "DescribeChangeSet",
    "ListEngagementFromOpportunityTasks",
    "SearchAgreements",
];

pub fn run(mpctl: &str, duration: f64, mode: Mode) -> Row {
    let server = Emulator::start(mpctl, timings(duration), false);
    let dir = project::new();
    let config_path = dir.path().join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config_path).expect("config.json"))
            .expect("config.json is JSON");
    match mode {
        Mode::Polling => {}
        Mode::Fixed10 => {
            config["wait"]["initial_interval_seconds"] = json!(10.0);
            config["wait"]["max_interval_seconds"] = json!(10.0);
        }
        Mode::Events => {
            let log = dir.path().join("setup.log");
            let args = ["events", "setup", "--endpoint-url", &server.url];
            let setup = measure::run(mpctl, dir.path(), &args, &log);
            assert_eq!(setup.code, 0, "events setup failed; see {}", log.display());
            let url = "https://sqs.us-east-1.amazonaws.com/123456789012/mpctl-events";
            config["events"] = json!({ "queue_url": url });
        }
    }
    std::fs::write(&config_path, config.to_string()).expect("write config.json");
    let log = dir.path().join("run-all.log");
    let run = measure::run(
        mpctl,
        dir.path(),
        &["run-all", "--endpoint-url", &server.url],
        &log,
    );
    let requests = server.stop();
    eprintln!(
        "run-all at {duration} s, {}: {run:?}, log {}",
        mode.name(),
        log.display()
    );
    assert_eq!(run.code, 0, "run-all failed; see {}", log.display());
    Row {
        duration,
        mode,
        critical: 2.0 * duration + TASK_SECONDS,
        wall: run.wall,
        marketplace: requests.marketplace(),
        wait_reads: WAIT_READS.iter().map(|op| requests.count(op)).sum(),
        sqs: requests.events(),
    }
}

pub fn print(rows: &[Row]) {
    println!("| run-all, change sets of | waiting | wall | wall ÷ critical path | Marketplace requests (wait reads) | SQS requests |");
    println!("|---|---|---|---|---|---|");
    for r in rows {
        let sqs = match r.mode {
            Mode::Events => r.sqs.to_string(),
            _ => "—".to_string(),
        };
        println!(
            "| {:.0} s | {} | {:.2} s | {:.3} | {} ({}) | {sqs} |",
            r.duration,
            r.mode.name(),
            r.wall,
            r.wall / r.critical,
            r.marketplace,
            r.wait_reads
        );
    }
}
