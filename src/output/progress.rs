//! Progress of a wait on stderr. On a terminal: one indicatif spinner line that ticks every
//! 100 ms between polls, so the elapsed time and the time left before the deadline move even
//! while AWS has nothing new to say; off a terminal (logs, CI): one plain line per status
//! change, so a log shows every transition and nothing else; with `-q`: nothing.
//!
//! Everything else mpctl writes to stderr goes through [`suspend`], which takes the spinner
//! off the screen for the time of the write: a warning, a `-v` line or the Ctrl-C notice never
//! lands in the middle of the spinner line.

use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// How waits are shown, decided once from the terminal and the verbosity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Hidden,
    Lines,
    Spinner,
}

/// The step of a multi-step command a wait belongs to (`[2/6] create-offer`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// 1-based.
    pub index: usize,
    pub total: usize,
    pub name: String,
}

/// What is being waited for, and for how long.
#[derive(Debug, Clone)]
pub struct WaitSpec {
    /// The step's name when the caller knows it (empty otherwise); the `[i/n]` counter set
    /// with [`Progress::set_step`] takes precedence.
    pub step: String,
    /// e.g. "change set ch-123".
    pub what: String,
    pub started: Instant,
    pub deadline: Instant,
}

/// The spinner on screen, if any: [`suspend`] must find it wherever the write comes from
/// (the printer, the tracing layer, the Ctrl-C handler).
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

fn active() -> Option<ProgressBar> {
    ACTIVE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Runs `write` with the spinner (if one is shown) cleared, then redraws it.
pub fn suspend<R>(write: impl FnOnce() -> R) -> R {
    match active() {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// Writes to stderr above the spinner: the tracing layer's writer.
#[derive(Debug, Clone, Copy)]
pub struct StderrAbove;

impl std::io::Write for StderrAbove {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // tracing's fmt layer writes each event in one call, so a line is never split.
        suspend(|| std::io::stderr().write_all(buf)).map(|()| buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// Shows waits in the chosen [`Mode`]; remembers the current step for their labels.
#[derive(Debug)]
pub struct Progress {
    mode: Mode,
    color: bool,
    step: Mutex<Option<Step>>,
}

impl Progress {
    pub fn new(mode: Mode, color: bool) -> Self {
        Progress {
            mode,
            color,
            step: Mutex::new(None),
        }
    }

    /// Sets (or clears) the step that later waits belong to.
    pub fn set_step(&self, step: Option<Step>) {
        *self.step.lock().unwrap_or_else(PoisonError::into_inner) = step;
    }

    /// Starts showing a wait. Dropping the [`Wait`] clears it.
    pub fn begin(&self, spec: WaitSpec) -> Wait {
        let step = self
            .step
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let label = label(step.as_ref(), &spec);
        let bar = (self.mode == Mode::Spinner).then(|| spinner(&label, &spec, self.color));
        if let Some(bar) = &bar {
            *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
        }
        Wait {
            mode: self.mode,
            label,
            started: spec.started,
            last: None,
            bar,
        }
    }
}

impl Progress {
    /// A bar of `total` items with a message of counts (a campaign's rows) on a terminal;
    /// `None` otherwise, when the caller prints one line per finished item instead.
    pub fn counter(&self, total: u64) -> Option<Counter> {
        if self.mode != Mode::Spinner {
            return None;
        }
        let template = if self.color {
            "{spinner:.cyan} [{bar:30.cyan/dim}] {pos}/{len} {msg} ({elapsed})"
        } else {
            "{spinner} [{bar:30}] {pos}/{len} {msg} ({elapsed})"
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(100));
        *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
        Some(Counter { bar })
    }
}

/// A counting bar on screen; dropping it clears it.
#[derive(Debug)]
pub struct Counter {
    bar: ProgressBar,
}

impl Counter {
    /// `done` items finished; `msg` says how they are split (queued, running, …).
    pub fn set(&self, done: u64, msg: String) {
        self.bar.set_position(done);
        self.bar.set_message(msg);
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        let mut active = ACTIVE.lock().unwrap_or_else(PoisonError::into_inner);
        self.bar.finish_and_clear();
        *active = None;
    }
}

/// `[2/6] create-offer: change set ch-123` — the part of the line that does not change.
fn label(step: Option<&Step>, spec: &WaitSpec) -> String {
    let mut out = String::new();
    match step {
        Some(s) => {
            let _ = write!(out, "[{}/{}] {}: ", s.index, s.total, s.name);
        }
        None if !spec.step.is_empty() => {
            let _ = write!(out, "{}: ", spec.step);
        }
        None => {}
    }
    let _ = write!(out, "waiting for {}", spec.what);
    out
}

fn spinner(label: &str, spec: &WaitSpec, color: bool) -> ProgressBar {
    let (started, deadline) = (spec.started, spec.deadline);
    let template = if color {
        "{spinner:.cyan} {prefix}: {msg:.bold} ({waited:.dim}, {left:.dim})"
    } else {
        "{spinner} {prefix}: {msg} ({waited}, {left})"
    };
    let style = ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key(
            "waited",
            move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&waited(started.elapsed()));
            },
        )
        .with_key(
            "left",
            move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let left = deadline.saturating_duration_since(Instant::now()).as_secs();
                let _ = write!(w, "deadline in {}:{:02}", left / 60, left % 60);
            },
        );
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(style);
    bar.set_prefix(label.to_string());
    bar.set_message("starting");
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// `4.2s` under a minute (tenths, so the line visibly moves), `3m05s` after.
fn waited(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        format!("{:.1}s", d.as_secs_f64())
    } else {
        format!("{}m{:02}s", secs / 60, secs % 60)
    }
}

/// One wait on screen.
#[derive(Debug)]
pub struct Wait {
    mode: Mode,
    label: String,
    started: Instant,
    last: Option<String>,
    bar: Option<ProgressBar>,
}

impl Wait {
    /// The latest status a poll returned.
    pub fn status(&mut self, status: &str) {
        let changed = self.last.as_deref() != Some(status);
        match (&self.bar, self.mode) {
            (Some(bar), _) => bar.set_message(status.to_string()),
            (None, Mode::Lines) if changed => eprintln!(
                "{}: {status} ({}s)",
                self.label,
                self.started.elapsed().as_secs()
            ),
            _ => {}
        }
        self.last = Some(status.to_string());
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            let mut active = ACTIVE.lock().unwrap_or_else(PoisonError::into_inner);
            bar.finish_and_clear();
            *active = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_names_the_step_and_the_resource() {
        let now = Instant::now();
        let mut spec = WaitSpec {
            step: String::new(),
            what: "change set ch-1".into(),
            started: now,
            deadline: now + Duration::from_secs(60),
        };
        let step = Step {
            index: 2,
            total: 6,
            name: "create-offer".into(),
        };
        assert_eq!(
            label(Some(&step), &spec),
            "[2/6] create-offer: waiting for change set ch-1"
        );
        assert_eq!(label(None, &spec), "waiting for change set ch-1");
        spec.step = "offer extend".into();
        assert_eq!(
            label(None, &spec),
            "offer extend: waiting for change set ch-1"
        );
    }

    #[test]
    fn waited_shows_tenths_then_minutes() {
        assert_eq!(waited(Duration::from_millis(4_210)), "4.2s");
        assert_eq!(waited(Duration::from_secs(185)), "3m05s");
    }
}
