//! The dashboard scenario (`-- --dashboard`): an emulator under `--enforce-quotas` seeded with
//! 10,000 agreements and 5,000 offers (`mpctl emulator seed catalog`), then `mpctl dashboard`:
//! - the cold fill: from the start to the first page up to date (everything listed, every
//!   agreement's value read), against its quota-bound time: SearchAgreements pages (50
//!   agreements each) at 5/s, then one DescribeAgreement per agreement at 5/s. At 10,000
//!   agreements that is over half an hour, so the cold fill runs over `--cold-agreements N`
//!   (default 1,000) on an emulator of its own;
//! - the restart with a warm cache at full size: the time from starting the process to the
//!   first page served (target ≤ 2 s) and the DescribeAgreement calls the restart makes until
//!   it is up to date again (target 0).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::emulator::{Emulator, Timings};
use super::project;

pub const AGREEMENTS: usize = 10_000;
pub const OFFERS: usize = 5_000;

pub struct DashboardFigures {
    pub cold_agreements: usize,
    pub cold: f64,
    pub cold_bound: f64,
    pub cold_describes: usize,
    pub first_page: f64,
    pub restart_describes: usize,
    pub restart_settled: f64,
}

/// A running `mpctl dashboard` and where it listens.
struct Dash {
    child: Child,
    base: String,
    cookie: String,
}

impl Drop for Dash {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(mpctl: &str, dir: &Path, url: &str) -> Dash {
    let mut child = Command::new(mpctl)
        .args(["dashboard", "--endpoint-url", url])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start mpctl dashboard");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the dashboard's URL");
    let url = line.trim().strip_prefix("dashboard: ").expect("URL line");
    let (base, token) = url.split_once("/?token=").expect("token");
    Dash {
        child,
        base: base.trim_start_matches("http://").to_string(),
        cookie: format!("Cookie: mpctl_dashboard={token}"),
    }
}

impl Dash {
    fn get(&self, path: &str) -> String {
        let mut s = TcpStream::connect(&self.base).expect("connect");
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{}\r\n\r\n",
            self.base, self.cookie
        );
        s.write_all(req.as_bytes()).expect("send");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        out
    }

    /// Polls `/agreements` until nothing is read in the background any more.
    fn settle(&self) {
        loop {
            let page = self.get("/agreements");
            if page.contains("data-source=\"aws\"") && !page.contains("id=\"progress\"") {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn seed(mpctl: &str, dir: &Path, url: &str, offers: usize, agreements: usize) {
    let out = Command::new(mpctl)
        .args(["emulator", "seed", "catalog", "--endpoint-url", url])
        .args(["--products", "20", "--offers", &offers.to_string()])
        .args([
            "--agreements",
            &agreements.to_string(),
            "--opportunities",
            "0",
        ])
        .current_dir(dir)
        .output()
        .expect("run emulator seed catalog");
    assert!(
        out.status.success(),
        "seed catalog: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn timings() -> Timings {
    Timings {
        changeset: 5.0,
        task: 5.0,
        accept: 5.0,
    }
}

/// The cold fill of `agreements` under AWS's quotas: `(seconds, bound, DescribeAgreement calls)`.
fn cold(mpctl: &str, agreements: usize) -> (f64, f64, usize) {
    let server = Emulator::start(mpctl, timings(), true);
    let dir = project::new();
    seed(mpctl, dir.path(), &server.url, agreements / 2, agreements);
    let started = Instant::now();
    let dash = start(mpctl, dir.path(), &server.url);
    dash.settle();
    let took = started.elapsed().as_secs_f64();
    drop(dash);
    let log = server.stop();
    let pages = agreements.div_ceil(50) as f64;
    (
        took,
        pages / 5.0 + agreements as f64 / 5.0,
        log.count("DescribeAgreement"),
    )
}

/// The restart at full size with a warm cache: `(first page s, DescribeAgreement calls,
/// seconds until up to date)`. The cache is warmed with AWS's quotas off (no `--enforce-quotas`
/// and a raised client pace), which changes nothing the restart reads.
fn restart(mpctl: &str) -> (f64, usize, f64) {
    let server = Emulator::start(mpctl, timings(), false);
    let dir = project::new();
    seed(mpctl, dir.path(), &server.url, OFFERS, AGREEMENTS);
    let config = dir.path().join("config.json");
    let mut c: serde_json::Value = std::fs::read_to_string(&config)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({}));
    c["campaign"] = serde_json::json!({"quotas": {
        "AWSMPCommerceService_v20200301.DescribeAgreement": 5000,
        "AWSMPCommerceService_v20200301.SearchAgreements": 5000,
        "ListEntities": 5000
    }});
    std::fs::write(&config, c.to_string()).expect("config");
    let warm = start(mpctl, dir.path(), &server.url);
    warm.settle();
    drop(warm);
    let before = server.log().count("DescribeAgreement");
    let started = Instant::now();
    let dash = start(mpctl, dir.path(), &server.url);
    let page = dash.get("/agreements");
    let first = started.elapsed().as_secs_f64();
    assert!(
        page.contains("data-source=\"cache\""),
        "the first page came from the cache"
    );
    dash.settle();
    let settled = started.elapsed().as_secs_f64();
    drop(dash);
    let describes = server.stop().count("DescribeAgreement") - before;
    (first, describes, settled)
}

pub fn run(mpctl: &str, args: &[String]) -> DashboardFigures {
    let cold_agreements = args
        .iter()
        .position(|a| a == "--cold-agreements")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let (first_page, restart_describes, restart_settled) = restart(mpctl);
    let (cold, cold_bound, cold_describes) = self::cold(mpctl, cold_agreements);
    DashboardFigures {
        cold_agreements,
        cold,
        cold_bound,
        cold_describes,
        first_page,
        restart_describes,
        restart_settled,
    }
}

/// The two rows of the README's table.
pub fn print(f: &DashboardFigures) {
    println!(
        "| `dashboard` restart, warm cache, {AGREEMENTS} agreements / {OFFERS} offers | {:.2} s to the first page (target ≤ 2 s) | up to date after {:.1} s | - | {} DescribeAgreement (target 0) | - |",
        f.first_page, f.restart_settled, f.restart_describes
    );
    println!(
        "| `dashboard` cold fill, {} agreements, `--enforce-quotas` | {:.1} s | {:.0} s quota-bound | {:.3} | {} DescribeAgreement | - |",
        f.cold_agreements,
        f.cold,
        f.cold_bound,
        f.cold / f.cold_bound,
        f.cold_describes
    );
}
