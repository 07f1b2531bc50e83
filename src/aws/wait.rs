//! The one waiting mechanism, for change sets, engagement tasks and agreements alike. Polls are
//! scheduled so the end of the thing waited for is never noticed late: the next check is due
//! `max(floor, 2 % of the time waited so far)` after the previous one was sent, measured from
//! the wait's start (so slow replies do not push the schedule back), capped by `wait.max_interval_seconds`.
//! With the default 0.1 s floor (DescribeChangeSet's quota is 10/s) the end is noticed within
//! max(0.1 s, 2 %) of the time waited: a workflow of several waits then finishes within 3 % of
//! the sum of its waits (the benchmark's target), at about 50 checks for the first 5 s and
//! 35 more per doubling of the time waited.
//! Also the overall deadline, Ctrl-C handling, and progress through [`Progress`].

use std::future::Future;
use std::time::{Duration, Instant};

use crate::exit::Failure;
use crate::output::Printer;
use crate::project::config::WaitConfig;

/// The share of the time waited so far that a poll may lag behind the end.
pub const LAG_SHARE: f64 = 0.02;

/// When to poll and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The shortest interval (config `wait.initial_interval_seconds`, 0.1 s by default).
    pub floor: Duration,
    /// The longest interval (config `wait.max_interval_seconds`); never raises the lag bound.
    pub max: Duration,
    pub deadline: Duration,
    /// Before the first check (the floor, unless the first check may go at once).
    pub first: Duration,
}

impl Policy {
    pub fn from_config(w: &WaitConfig, deadline_seconds: f64) -> Self {
        Policy {
            floor: Duration::from_secs_f64(w.initial_interval_seconds),
            max: Duration::from_secs_f64(w.max_interval_seconds.max(w.initial_interval_seconds)),
            deadline: Duration::from_secs_f64(deadline_seconds),
            first: Duration::from_secs_f64(w.initial_interval_seconds),
        }
    }

    /// The interval after a check sent `elapsed` into the wait.
    pub fn interval(&self, elapsed: Duration) -> Duration {
        let share = elapsed.as_secs_f64() * LAG_SHARE;
        Duration::from_secs_f64(
            share
                .max(self.floor.as_secs_f64())
                .min(self.max.as_secs_f64()),
        )
    }
}

/// One check's outcome.
pub enum Poll<T> {
    Done(T),
    /// Still going; the status to show.
    Pending(String),
}

/// What a waiting display needs: which step, what is awaited, its last status, when the wait
/// began and when it gives up.
#[derive(Debug, Clone)]
pub struct Tick<'a> {
    pub step: &'a str,
    pub what: &'a str,
    pub status: &'a str,
    pub started: Instant,
    pub deadline: Instant,
    /// The status differs from the previous tick's.
    pub changed: bool,
}

/// Where waiting reports to; the printer implements it, a dashboard or a campaign may too.
pub trait Progress {
    /// A wait starts (before its first poll), ends at `deadline` at the latest.
    fn begin(&self, subject: &Subject<'_>, started: Instant, deadline: Instant);
    fn tick(&self, tick: &Tick<'_>);
    /// A transient failure that only cost one poll.
    fn retrying(&self, message: &str);
    /// The wait is over, however it ended.
    fn end(&self);
}

impl Progress for Printer {
    fn begin(&self, subject: &Subject<'_>, started: Instant, deadline: Instant) {
        self.begin_wait(crate::output::WaitSpec {
            step: subject.step.to_string(),
            what: subject.what.to_string(),
            started,
            deadline,
        });
    }

    fn tick(&self, t: &Tick<'_>) {
        self.wait_status(t.status);
    }

    fn retrying(&self, message: &str) {
        self.warn(format!("{message} (will check again)"));
    }

    fn end(&self) {
        self.end_wait();
    }
}

/// Ends the display of a wait on every way out of [`until`] (`?`, return, interrupt).
struct Shown<'a>(&'a dyn Progress);

impl Drop for Shown<'_> {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// What is waited for, for messages: `step` (may be empty) and e.g. `change set cs-…`.
pub struct Subject<'a> {
    pub step: &'a str,
    pub what: &'a str,
}

/// Polls `check` until it is done, the deadline passes (exit 4) or Ctrl-C (exit 130); both
/// failures name the exact command line to resume with.
pub async fn until<T, F, Fut>(
    progress: &dyn Progress,
    subject: Subject<'_>,
    policy: Policy,
    check: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Poll<T>>>,
{
    until_observed(progress, subject, policy, check, &mut |_| Ok(())).await
}

/// [`until`], also calling `on_change` with each status that differs from the one before (the
/// state records it, so `status` shows what the waiter last saw). An error there ends the wait.
pub async fn until_observed<T, F, Fut>(
    progress: &dyn Progress,
    subject: Subject<'_>,
    policy: Policy,
    mut check: F,
    on_change: &mut dyn FnMut(&str) -> anyhow::Result<()>,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Poll<T>>>,
{
    let what = subject.what;
    let started = Instant::now();
    let deadline = started + policy.deadline;
    progress.begin(&subject, started, deadline);
    let shown = Shown(progress);
    let interrupted = || {
        Failure::Interrupted(format!(
            "interrupted while waiting for {what}; the state file is saved — resume with `{}`",
            crate::resume::command_line()
        ))
    };
    let mut last = String::new();
    let mut sent = None;
    loop {
        let due = match sent {
            None => started + policy.first,
            Some(s) => s + policy.interval(s - started),
        }
        .min(deadline);
        if crate::interrupt::is_interrupted() {
            return Err(interrupted().into());
        }
        tokio::select! {
            _ = tokio::time::sleep_until(due.into()) => {}
            _ = crate::interrupt::interrupted() => return Err(interrupted().into()),
        }
        sent = Some(Instant::now());
        // A check only reads: Ctrl-C need not wait for its answer.
        let checked = tokio::select! {
            biased;
            _ = crate::interrupt::interrupted() => return Err(interrupted().into()),
            r = check() => r,
        };
        match checked {
            Ok(Poll::Done(v)) => return Ok(v),
            // The SDK already retried this request; a transient failure (throttling, 5xx,
            // timeout, dropped connection) only costs this poll, not the wait.
            Err(e) if super::is_transient(&e) => progress.retrying(&e.to_string()),
            Err(e) => return Err(e),
            Ok(Poll::Pending(status)) => {
                let changed = status != last;
                progress.tick(&Tick {
                    step: subject.step,
                    what,
                    status: &status,
                    started,
                    deadline,
                    changed,
                });
                if changed {
                    on_change(&status)?;
                }
                last = status;
            }
        }
        if Instant::now() >= deadline {
            break;
        }
    }
    drop(shown);
    Err(Failure::TimedOut(format!(
        "timed out after {} waiting for {what} (last status: {last}); resume with `{}`",
        seconds(policy.deadline),
        crate::resume::after_timeout()
    ))
    .into())
}

/// `0.5s`, `12s`: whole seconds, except a short fraction (`--timeout 0.5` is not "0s").
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 10.0 && s.fract() != 0.0 {
        format!("{s:.1}s")
    } else {
        format!("{s:.0}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_a_share_of_the_time_waited_above_the_floor() {
        let p = Policy::from_config(&WaitConfig::default(), 3600.0);
        let at = |s: u64| p.interval(Duration::from_secs(s)).as_secs_f64();
        assert_eq!(at(0), 0.1);
        assert_eq!(at(5), 0.1);
        assert!((at(100) - 2.0).abs() < 1e-9);
        assert!((at(500) - 10.0).abs() < 1e-9);
        assert_eq!(at(3000), 30.0);
    }

    #[test]
    fn short_fractions_are_not_rounded_to_zero() {
        assert_eq!(seconds(Duration::from_millis(500)), "0.5s");
        assert_eq!(seconds(Duration::from_secs(3600)), "3600s");
    }
}
