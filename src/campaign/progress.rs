//! A campaign's progress on stderr: counts of queued, running, succeeded and failed rows (and
//! unfinished ones, after Ctrl-C). On a terminal one counting bar (never a line per poll: the
//! rows' own steps print through a quiet printer); off a terminal one line per finished row, so
//! a log shows each row once.

use std::sync::Mutex;

use crate::output::{Counter, Printer};
use crate::project::state::State;

#[derive(Default)]
struct Counts {
    queued: usize,
    running: usize,
    succeeded: usize,
    failed: usize,
    /// Stopped by Ctrl-C, to be finished by the re-run.
    unfinished: usize,
}

impl Counts {
    fn summary(&self) -> String {
        let unfinished = match self.unfinished {
            0 => String::new(),
            n => format!(", unfinished {n}"),
        };
        format!(
            "queued {}, running {}, succeeded {}, failed {}{unfinished}",
            self.queued, self.running, self.succeeded, self.failed
        )
    }

    fn ended(&self) -> usize {
        self.succeeded + self.failed + self.unfinished
    }
}

pub struct Progress<'a> {
    printer: &'a Printer,
    total: usize,
    counts: Mutex<Counts>,
    bar: Option<Counter>,
}

impl<'a> Progress<'a> {
    /// `already` rows succeeded in an earlier run and are not run again.
    pub fn new(printer: &'a Printer, total: usize, already: usize) -> Self {
        let counts = Counts {
            queued: total - already,
            succeeded: already,
            ..Counts::default()
        };
        let bar = printer.counter(total as u64);
        if let Some(bar) = &bar {
            bar.set(already as u64, counts.summary());
        }
        Progress {
            printer,
            total,
            counts: Mutex::new(counts),
            bar,
        }
    }

    pub fn started(&self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.queued -= 1;
        c.running += 1;
        self.draw(&c);
    }

    pub fn finished(&self, line: u64, result: &anyhow::Result<State>) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.running -= 1;
        let what = match result {
            Ok(s) => {
                c.succeeded += 1;
                format!("offer {}", s.offer_id.as_deref().unwrap_or("?"))
            }
            Err(e) if super::row::is_interrupt(e) => {
                c.unfinished += 1;
                "unfinished (interrupted; the re-run goes on from its state)".to_string()
            }
            Err(e) => {
                c.failed += 1;
                format!("failed: {e:#}")
            }
        };
        if self.bar.is_none() {
            self.printer.info(format!(
                "[{}/{}] line {line}: {what} ({})",
                c.ended(),
                self.total,
                c.summary()
            ));
        }
        self.draw(&c);
    }

    fn draw(&self, c: &Counts) {
        if let Some(bar) = &self.bar {
            bar.set(c.ended() as u64, c.summary());
        }
    }
}
