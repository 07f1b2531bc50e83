//! One `mpctl emulator serve` process per scenario, with the scenario's timings. Its request
//! log (one stderr line per request: `emulator: SERVICE OP -> STATUS`) is where the benchmark
//! counts calls and throttles, so the figures are the server's, not the client's, view.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The emulated durations a scenario passes to `emulator serve`.
#[derive(Debug, Clone, Copy)]
pub struct Timings {
    pub changeset: f64,
    pub task: f64,
    pub accept: f64,
}

/// Requests the emulator answered (not throttled), by operation, and how many it throttled.
#[derive(Debug, Default, Clone)]
pub struct Log {
    pub by_op: HashMap<String, usize>,
    /// Answered requests by service (`Catalog`, `PartnerCentral`, `Agreement`, `SQS`, …).
    pub by_service: HashMap<String, usize>,
    pub throttled: usize,
}

impl Log {
    pub fn count(&self, op: &str) -> usize {
        self.by_op.get(op).copied().unwrap_or(0)
    }

    /// Requests to the Marketplace and Partner Central APIs (what their quotas count).
    pub fn marketplace(&self) -> usize {
        self.by_service
            .iter()
            .filter(|(s, _)| !matches!(s.as_str(), "SQS" | "EventBridge"))
            .map(|(_, n)| n)
            .sum()
    }

    /// Requests to SQS and EventBridge (setup and the waits' long polls).
    pub fn events(&self) -> usize {
        self.by_service
            .iter()
            .filter(|(s, _)| matches!(s.as_str(), "SQS" | "EventBridge"))
            .map(|(_, n)| n)
            .sum()
    }
}

pub struct Emulator {
    child: Child,
    pub url: String,
    log: Arc<Mutex<Log>>,
    reader: Option<JoinHandle<()>>,
}

impl Emulator {
    pub fn start(mpctl: &str, t: Timings, enforce_quotas: bool) -> Emulator {
        let mut cmd = Command::new(mpctl);
        cmd.args(["emulator", "serve", "--bind", "127.0.0.1:0"])
            .args(["--changeset-seconds", &t.changeset.to_string()])
            .args(["--task-seconds", &t.task.to_string()])
            .args(["--accept-seconds", &t.accept.to_string()])
            .args(["--review-seconds", "3600"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if enforce_quotas {
            cmd.arg("--enforce-quotas");
        }
        let mut child = cmd.spawn().expect("start mpctl emulator serve");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read the emulator's first line");
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the emulator: {first:?}"))
            .to_string();
        let log = Arc::new(Mutex::new(Log::default()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = log.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                record(&sink, &line);
            }
        });
        Emulator {
            child,
            url,
            log,
            reader: Some(reader),
        }
    }

    /// The request log so far.
    pub fn log(&self) -> Log {
        self.log.lock().expect("log").clone()
    }

    /// Stops the server and returns its whole request log.
    pub fn stop(mut self) -> Log {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        let log = self.log.lock().expect("log").clone();
        log
    }
}

/// `emulator: Catalog DescribeChangeSet -> 200` or `… -> 429 (fault: throttle)`.
fn record(log: &Mutex<Log>, line: &str) {
    let Some(rest) = line.strip_prefix("emulator: ") else {
        return;
    };
    let mut words = rest.split_whitespace();
    let (Some(service), Some(op)) = (words.next(), words.next()) else {
        return;
    };
    let mut log = log.lock().expect("log");
    if rest.contains("-> 429") {
        log.throttled += 1;
    } else {
        *log.by_op.entry(op.to_string()).or_default() += 1;
        *log.by_service.entry(service.to_string()).or_default() += 1;
    }
}
