//! How far the background reads got — the listing (agreements counted page by page) and the
//! per-row fill (values read of those wanted) — shown at the top of every page and, every few
//! seconds while something is running, on the terminal that started the dashboard. A cold
//! fill of 10,000 agreements at AWS's 5 DescribeAgreement calls a second takes over half an
//! hour: the seller sees how far it is and how long is left, and the pages work meanwhile.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use maud::{html, Markup};

use super::Shared;

/// Counters the listing and the fills update.
#[derive(Default)]
pub struct Progress {
    listing: AtomicBool,
    agreements_listed: AtomicUsize,
    /// Values the current fill wants, and how many it has read.
    fill_total: AtomicUsize,
    fill_done: AtomicUsize,
    /// The last refresh's failure, shown until the next one succeeds.
    failed: Mutex<Option<String>>,
}

impl Progress {
    pub fn start_listing(&self) {
        self.agreements_listed.store(0, Ordering::SeqCst);
        self.listing.store(true, Ordering::SeqCst);
    }

    pub fn listed(&self, agreements: usize) {
        self.agreements_listed.store(agreements, Ordering::SeqCst);
    }

    /// The listing ended: `Err` keeps its message for the pages.
    pub fn end_listing(&self, outcome: Result<(), String>) {
        self.listing.store(false, Ordering::SeqCst);
        *self.failed.lock().expect("progress") = outcome.err();
    }

    /// The last listing's failure, if it failed.
    pub fn failure(&self) -> Option<String> {
        self.failed.lock().expect("progress").clone()
    }

    pub fn is_listing(&self) -> bool {
        self.listing.load(Ordering::SeqCst)
    }

    /// A fill of `n` more values starts (added to one still running).
    pub fn add_fill(&self, n: usize) {
        if self.fill_total.load(Ordering::SeqCst) == self.fill_done.load(Ordering::SeqCst) {
            self.fill_total.store(0, Ordering::SeqCst);
            self.fill_done.store(0, Ordering::SeqCst);
        }
        self.fill_total.fetch_add(n, Ordering::SeqCst);
    }

    pub fn filled_one(&self) {
        self.fill_done.fetch_add(1, Ordering::SeqCst);
    }

    /// `(done, total)` of the current fill.
    pub fn fill(&self) -> (usize, usize) {
        (
            self.fill_done.load(Ordering::SeqCst),
            self.fill_total.load(Ordering::SeqCst),
        )
    }

    /// One line saying what is running, `None` when nothing is.
    pub fn line(&self, rate: f64) -> Option<String> {
        let (done, total) = self.fill();
        let listing = self.is_listing().then(|| {
            format!(
                "listing: {} agreements so far",
                self.agreements_listed.load(Ordering::SeqCst)
            )
        });
        let filling = (done < total).then(|| {
            let left = ((total - done) as f64 / rate.max(0.001)).ceil() as u64;
            format!(
                "reading per-row values: {done} of {total} (about {} left at {rate}/s, AWS's quota)",
                human(left)
            )
        });
        match (listing, filling) {
            (None, None) => None,
            (a, b) => Some(a.into_iter().chain(b).collect::<Vec<_>>().join("; ")),
        }
    }

    /// The page's progress paragraph (`#progress`), or the last refresh's failure.
    pub fn markup(&self, rate: f64) -> Markup {
        let failed = self.failed.lock().expect("progress").clone();
        html! {
            @if let Some(line) = self.line(rate) { p.meta id="progress" { "Reading in the background — " (line) } }
            @if let Some(why) = failed { p.error id="refresh-failed" { "The last refresh failed (the pages show the data read before): " (why) } }
        }
    }
}

fn human(seconds: u64) -> String {
    match seconds {
        s if s < 90 => format!("{s} s"),
        s if s < 5400 => format!("{} min", s.div_ceil(60)),
        s => format!("{:.1} h", s as f64 / 3600.0),
    }
}

/// Prints the progress line on the terminal every 5 s while something runs (not repeating an
/// unchanged line).
pub fn report_on_terminal(app: &Shared) {
    let app = app.clone();
    tokio::spawn(async move {
        let mut last = String::new();
        loop {
            tokio::time::sleep(Duration::from_secs(5)).await;
            let rate = app.fills.rate();
            match app.cache.progress.line(rate) {
                Some(line) if line != last => {
                    app.printer.info(format!("dashboard: {line}"));
                    last = line;
                }
                Some(_) => {}
                None if !last.is_empty() => {
                    app.printer.info("dashboard: up to date");
                    last.clear();
                }
                None => {}
            }
        }
    });
}
