//! A campaign's progress on stderr: counts of queued, running, succeeded and failed rows, one
//! line per finished row (never one per poll: the rows' own steps print through a quiet
//! printer). This is the one place a terminal progress bar would draw.

use std::sync::Mutex;

use crate::output::Printer;
use crate::project::state::State;

#[derive(Default)]
struct Counts {
    queued: usize,
    running: usize,
    succeeded: usize,
    failed: usize,
}

pub struct Progress<'a> {
    printer: &'a Printer,
    total: usize,
    counts: Mutex<Counts>,
}

impl<'a> Progress<'a> {
    /// `already` rows succeeded in an earlier run and are not run again.
    pub fn new(printer: &'a Printer, total: usize, already: usize) -> Self {
        Progress {
            printer,
            total,
            counts: Mutex::new(Counts {
                queued: total - already,
                succeeded: already,
                ..Counts::default()
            }),
        }
    }

    pub fn started(&self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.queued -= 1;
        c.running += 1;
    }

    pub fn finished(&self, line: u64, result: &anyhow::Result<State>) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.running -= 1;
        let what = match result {
            Ok(s) => {
                c.succeeded += 1;
                format!("offer {}", s.offer_id.as_deref().unwrap_or("?"))
            }
            Err(e) => {
                c.failed += 1;
                format!("failed: {e:#}")
            }
        };
        self.printer.info(format!(
            "[{}/{}] line {line}: {what} (queued {}, running {}, succeeded {}, failed {})",
            c.succeeded + c.failed,
            self.total,
            c.queued,
            c.running,
            c.succeeded,
            c.failed
        ));
    }
}
