//! The pipeline benchmark (`cargo bench --bench pipeline`): the release `mpctl` against
//! `mpctl emulator serve` processes with realistic timings, printing the one markdown table
//! that the README's *Performance* section shows. Not a test: it takes minutes and its figures
//! depend on the machine, so CI never runs it (it only compiles it).
//!
//! Scenarios, each against a fresh emulator:
//! - `run-all` at change-set durations 5, 23 and 60 s (engagement task and the buyer's
//!   acceptance 5 s each). Its critical path is what the workflow cannot avoid waiting through:
//!   the product's change set + the offer's change set + the engagement task (the buyer
//!   accepts 5 s after the offer's release, while the task runs) = 2 × duration + 5 s.
//! - a 50-row campaign (one private offer per row, `--parallel 50`) under `--enforce-quotas`.
//!   Its quota-bound time is the slowest quota over the calls the rows need (one
//!   StartChangeSet at 5/s and one DescribeChangeSet at 10/s per row: 50 ÷ 5 = 10 s) plus one
//!   change set duration.
//! - `status` on the finished run-all project, the median of 21 runs.
//! - `metering send` of a 1,000-row usage CSV under `--enforce-quotas` (`metering`): its
//!   quota-bound time is 40 BatchMeterUsage calls at 10/s = 4 s.
//!
//! - `run-all` at 23, 60 and 250 s by each way of waiting: polling, an events queue, and a fixed
//!   10-second poller (`waiting`).
//!
//! - `mpctl dashboard` over 10,000 agreements and 5,000 offers: the restart with a warm cache
//!   and a cold fill under `--enforce-quotas` (`dashboard`; only with `-- --dashboard
//!   [--cold-agreements N]`, it takes minutes).
//!
//! `-- --quick` runs only the 5 s row (a smoke test of the benchmark itself); `-- --campaign` only
//! the campaign row; `-- --metering` only the metering row; `-- --events [--only SECONDS]
//! [--mode polling|events|fixed-10s]` only the waiting rows (or some of them); `-- --store`
//! the `--data` store at 1,000 and 20,000 opportunities (`store.rs`).

mod dashboard;
mod emulator;
mod measure;
mod metering;
mod project;
mod store;
mod waiting;

use emulator::{Emulator, Timings};

/// The engagement task's and the buyer's acceptance's duration in every scenario.
pub const TASK_SECONDS: f64 = 5.0;
/// Rows of the campaign scenario, and its change sets' duration.
const CAMPAIGN_ROWS: usize = 50;
const CAMPAIGN_CHANGESET_SECONDS: f64 = 23.0;
const STATUS_RUNS: usize = 21;

struct RunAll {
    duration: f64,
    critical: f64,
    run: measure::Run,
    describes_per_changeset: f64,
}

struct CampaignFigures {
    bound: f64,
    run: measure::Run,
    throttled: usize,
    failed: usize,
    describes: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(measure::FLAG) {
        measure::child_main(&args[1..]);
    }
    let quick = args.iter().any(|a| a == "--quick");
    let campaign_only = args.iter().any(|a| a == "--campaign");
    let metering_only = args.iter().any(|a| a == "--metering");
    let events_only = args.iter().any(|a| a == "--events");
    let mpctl = env!("CARGO_BIN_EXE_mpctl");
    if args.iter().any(|a| a == "--store") {
        return store::print(&store::run(mpctl, &args));
    }
    if events_only {
        waiting::print(&waiting_rows(mpctl, &args));
        return;
    }
    if args.iter().any(|a| a == "--dashboard") {
        let figures = dashboard::run(mpctl, &args);
        println!("| scenario | wall | bound | wall ÷ bound | requests | peak RSS (client) |");
        println!("|---|---|---|---|---|---|");
        dashboard::print(&figures);
        return;
    }
    let durations: &[f64] = match (campaign_only || metering_only, quick) {
        (true, _) => &[],
        (false, true) => &[5.0],
        (false, false) => &[5.0, 23.0, 60.0],
    };
    let mut rows = Vec::new();
    let mut status = None;
    for &d in durations {
        let (r, dir) = run_all(mpctl, d);
        if status.is_none() {
            status = Some(status_startup(mpctl, dir.path()));
        }
        rows.push(r);
    }
    let campaign = (!quick && !metering_only).then(|| campaign(mpctl));
    let metered = (!quick && !campaign_only).then(|| metering::metering(mpctl));
    print_table(&rows, campaign.as_ref(), status);
    if let Some(m) = metered {
        print_metering(&m);
    }
    if !quick && !campaign_only && !metering_only {
        println!();
        waiting::print(&waiting_rows(mpctl, &args));
    }
}

/// The metering row (after the table's other rows).
fn print_metering(m: &metering::MeteringFigures) {
    println!(
        "| `metering send`, {} usage rows, `--enforce-quotas` | {:.2} s | {:.0} s quota-bound | {:.3} | {} BatchMeterUsage, {} throttled | {:.1} MiB |",
        metering::ROWS,
        m.run.wall,
        metering::BOUND,
        m.run.wall / metering::BOUND,
        m.calls,
        m.throttled,
        m.run.max_rss_kib as f64 / 1024.0
    );
}

/// The waiting rows `--only` and `--mode` select (all by default).
fn waiting_rows(mpctl: &str, args: &[String]) -> Vec<waiting::Row> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let only: Option<f64> = value("--only").and_then(|v| v.parse().ok());
    let mode = value("--mode");
    let mut rows = Vec::new();
    for d in [23.0, 60.0, 250.0] {
        if only.is_some_and(|o| o != d) {
            continue;
        }
        for m in waiting::Mode::ALL {
            if mode.is_some_and(|x| x != m.name()) {
                continue;
            }
            rows.push(waiting::run(mpctl, d, m));
        }
    }
    rows
}

/// Change sets of `changeset` seconds; the task and the acceptance as every scenario has them.
pub fn timings(changeset: f64) -> Timings {
    Timings {
        changeset,
        task: TASK_SECONDS,
        accept: TASK_SECONDS,
    }
}

fn run_all(mpctl: &str, duration: f64) -> (RunAll, tempfile::TempDir) {
    let server = Emulator::start(mpctl, timings(duration), false);
    let dir = project::new();
    let log = dir.path().join("run-all.log");
    let run = measure::run(
        mpctl,
        dir.path(),
        &["run-all", "--endpoint-url", &server.url],
        &log,
    );
    let requests = server.stop();
    eprintln!("run-all at {duration} s: {run:?}, log {}", log.display());
    assert_eq!(run.code, 0, "run-all failed; see {}", log.display());
    let r = RunAll {
        duration,
        critical: 2.0 * duration + TASK_SECONDS,
        run,
        describes_per_changeset: requests.count("DescribeChangeSet") as f64 / 2.0,
    };
    (r, dir)
}

/// The median wall time of `mpctl status` on a finished project.
fn status_startup(mpctl: &str, dir: &std::path::Path) -> f64 {
    let log = dir.join("status.log");
    let mut walls: Vec<f64> = (0..STATUS_RUNS)
        .map(|_| {
            let r = measure::run(mpctl, dir, &["status"], &log);
            assert_eq!(r.code, 0, "status failed; see {}", log.display());
            r.wall
        })
        .collect();
    walls.sort_by(f64::total_cmp);
    walls[walls.len() / 2]
}

fn campaign(mpctl: &str) -> CampaignFigures {
    let d = CAMPAIGN_CHANGESET_SECONDS;
    let server = Emulator::start(mpctl, timings(d), true);
    let dir = project::new();
    let setup = measure::run(
        mpctl,
        dir.path(),
        &["publish-product", "--endpoint-url", &server.url],
        &dir.path().join("publish.log"),
    );
    assert_eq!(setup.code, 0, "publish-product failed");
    let before = server.log();
    project::write_campaign(dir.path(), CAMPAIGN_ROWS);
    let parallel = CAMPAIGN_ROWS.to_string();
    let log = dir.path().join("campaign.log");
    let run = measure::run(
        mpctl,
        dir.path(),
        &["campaign", "run", "deals.csv", "--parallel", &parallel]
            .into_iter()
            .chain(["--endpoint-url", &server.url])
            .collect::<Vec<_>>(),
        &log,
    );
    let after = server.stop();
    let mut ops: Vec<(&String, usize)> = after
        .by_op
        .iter()
        .map(|(op, n)| (op, n - before.count(op)))
        .collect();
    ops.sort();
    eprintln!(
        "campaign: {run:?}, log {}; requests: {ops:?}",
        log.display()
    );
    let needed = (CAMPAIGN_ROWS as f64 / 5.0).max(CAMPAIGN_ROWS as f64 / 10.0);
    CampaignFigures {
        bound: needed + d,
        run,
        throttled: after.throttled - before.throttled,
        failed: project::failed_rows(dir.path(), CAMPAIGN_ROWS),
        describes: after.count("DescribeChangeSet") - before.count("DescribeChangeSet"),
    }
}

fn print_table(rows: &[RunAll], campaign: Option<&CampaignFigures>, status: Option<f64>) {
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!("| scenario | wall | bound | wall ÷ bound | requests | peak RSS (client) |");
    println!("|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| run-all, change sets of {:.0} s | {:.2} s | {:.0} s critical path | {:.3} | {:.1} DescribeChangeSet per change set | {:.1} MiB |",
            r.duration,
            r.run.wall,
            r.critical,
            r.run.wall / r.critical,
            r.describes_per_changeset,
            mib(r.run.max_rss_kib)
        );
    }
    if let Some(c) = campaign {
        println!(
            "| campaign, {CAMPAIGN_ROWS} rows, change sets of {CAMPAIGN_CHANGESET_SECONDS:.0} s, `--enforce-quotas` | {:.2} s | {:.0} s quota-bound | {:.3} | {} throttled, {} rows failed, {} DescribeChangeSet | {:.1} MiB |",
            c.run.wall,
            c.bound,
            c.run.wall / c.bound,
            c.throttled,
            c.failed,
            c.describes,
            mib(c.run.max_rss_kib)
        );
    }
    if let Some(status) = status {
        println!(
            "| `mpctl status` start-up (median of {STATUS_RUNS}) | {:.1} ms | 10 ms target | {:.2} | none | — |",
            status * 1000.0,
            status / 0.010
        );
    }
}
