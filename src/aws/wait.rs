//! The one waiting mechanism, for change sets, engagement tasks and agreements alike.
//!
//! Polling keeps a request budget: the next check is due `max(floor, 50 % of the time waited
//! so far)` after the previous one was sent, measured from the wait's start (so slow replies do
//! not push the schedule back), but never later than the next multiple of
//! `wait.max_interval_seconds` (10 s) since the start — the instants a fixed poller at that
//! interval checks on, so the end is never noticed later than such a poller would, at about a
//! dozen checks for the first 10 s and one per 10 s after that (the benchmark's targets: never
//! slower than a 10-second poller, at most twice its requests).
//!
//! With an events queue (`event::listen`) and a subject `key`, a wait instead sleeps until an
//! event naming the key arrives, then checks once; its fallback checks (in case an event is
//! lost) come `events.fallback_seconds` after the start and then at doubling intervals, and the
//! polling schedule returns if the queue fails. A wait for what this process has just started
//! (`Subject::fresh`) makes no check before the first event or fallback: the benchmark's target
//! is a quarter of a 10-second poller's requests, and every wait then costs one read.
//! Also the overall deadline, Ctrl-C handling, and progress through [`Progress`].

use std::future::Future;
use std::time::{Duration, Instant};

use crate::exit::Failure;
use crate::output::Printer;
use crate::project::config::WaitConfig;

/// The share of the time waited so far that a poll may lag behind the end (below the cap).
pub const LAG_SHARE: f64 = 0.5;

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

    /// The interval after a check sent `elapsed` into the wait: the share of the time waited
    /// (at least the floor, at most the cap), ending no later than the next multiple of the cap.
    pub fn interval(&self, elapsed: Duration) -> Duration {
        let (t, cap) = (elapsed.as_secs_f64(), self.max.as_secs_f64());
        let grown = (t * LAG_SHARE).max(self.floor.as_secs_f64()).min(cap);
        let next = match cap > 0.0 {
            true => (t + grown).min(((t / cap).floor() + 1.0) * cap),
            false => t + grown,
        };
        Duration::from_secs_f64((next - t).max(0.0))
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

impl<'a> Tick<'a> {
    /// The first status a wait shows, before any check.
    fn first(
        subject: &Subject<'a>,
        status: &'a str,
        (started, deadline): (Instant, Instant),
    ) -> Self {
        Tick {
            step: subject.step,
            what: subject.what,
            status,
            started,
            deadline,
            changed: true,
        }
    }
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

/// What is waited for, for messages: `step` (may be empty) and e.g. `change set cs-…`; `key`
/// is the id AWS's events name when it changes (a change set, opportunity or offer id), for
/// waits that can listen to an events queue; `fresh` says this process has just started what
/// is awaited (so its ending event cannot have been consumed by an earlier run, and with a
/// listener there is nothing to check before an event or the first fallback).
pub struct Subject<'a> {
    pub step: &'a str,
    pub what: &'a str,
    pub key: Option<&'a str>,
    pub fresh: bool,
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
    let mut heard = Heard::announced(&subject, progress, (started, deadline));
    loop {
        let due = heard.due(&policy, started, sent).min(deadline);
        if crate::interrupt::is_interrupted() {
            return Err(interrupted().into());
        }
        tokio::select! {
            _ = tokio::time::sleep_until(due.into()) => {}
            _ = heard.event(sent.is_some()) => {}
            _ = crate::interrupt::interrupted() => return Err(interrupted().into()),
        }
        heard.checking();
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

/// A wait's ear on the events queue: the listener (when one is configured and working), the
/// key it listens for, how far it has read, and whether it listens before its first check.
struct Heard<'a> {
    key: Option<&'a str>,
    cursor: usize,
    fallbacks: u32,
    fresh: bool,
}

impl<'a> Heard<'a> {
    /// A fresh wait with a listener starts reading at the events received from now on: what
    /// was heard before it began cannot be its subject's end.
    fn new(key: Option<&'a str>, fresh: bool) -> Self {
        let mut heard = Heard {
            key,
            cursor: 0,
            fallbacks: 0,
            fresh,
        };
        if fresh {
            heard.checking();
        }
        heard
    }

    /// [`Heard::new`] for `subject`; a fresh wait with a listener makes no check before its
    /// event, so it shows what it is doing instead of "starting".
    fn announced(
        subject: &Subject<'a>,
        progress: &dyn Progress,
        window: (Instant, Instant),
    ) -> Self {
        let heard = Heard::new(subject.key, subject.fresh);
        if heard.fresh && heard.listener().is_some() {
            let status = "waiting for its event from the events queue";
            progress.tick(&Tick::first(subject, status, window));
        }
        heard
    }

    fn listener(&self) -> Option<&'static crate::event::listen::Listener> {
        self.key.and(crate::event::listen::current())
    }

    /// When the next check is due. Without a listener: the policy's first check, then the
    /// polling schedule. With one: the first check at once (an end that came before the wait,
    /// its event consumed by an earlier run, is seen at once) unless the wait is fresh, then
    /// the next fallback (`fallback × (2^n − 1)` after the start: 300 s, 900 s, 2,100 s, … by
    /// default).
    fn due(&mut self, policy: &Policy, started: Instant, sent: Option<Instant>) -> Instant {
        let listening = self.listener().is_some() && (sent.is_some() || self.fresh);
        let (Some(listener), true) = (self.listener(), listening) else {
            return match sent {
                None => started + policy.first,
                Some(s) => s + policy.interval(s - started),
            };
        };
        let fallback = listener.fallback();
        let at = |n: u32| started + fallback * (2u32.pow(n.min(16)) - 1);
        while sent.is_some_and(|s| at(self.fallbacks + 1) <= s) {
            self.fallbacks += 1;
        }
        at(self.fallbacks + 1)
    }

    /// A check is about to be sent: it covers every event received so far.
    fn checking(&mut self) {
        if let Some(l) = self.listener() {
            self.cursor = l.received();
        }
    }

    /// Resolves when an event naming the key arrives after the last check (or, for a fresh
    /// wait, after it began); never without a listener.
    async fn event(&mut self, checked: bool) {
        match (self.listener(), self.key) {
            (Some(l), Some(key)) if checked || self.fresh => l.next(&mut self.cursor, key).await,
            _ => std::future::pending().await,
        }
    }
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
        let at = |s: f64| p.interval(Duration::from_secs_f64(s)).as_secs_f64();
        assert!((at(0.0) - 0.1).abs() < 1e-9);
        assert!((at(0.1) - 0.1).abs() < 1e-9);
        assert!((at(4.0) - 2.0).abs() < 1e-9);
        // Never past the next multiple of the 10 s cap: a fixed 10 s poller's instants.
        assert!((at(8.0) - 2.0).abs() < 1e-9);
        assert!((at(12.0) - 6.0).abs() < 1e-9);
        assert!((at(20.01) - 9.99).abs() < 1e-6);
        assert!((at(3000.0) - 10.0).abs() < 1e-6);
        // A fixed poller (floor = cap = 10 s) stays on its 10 s grid.
        let fixed = Policy {
            floor: Duration::from_secs(10),
            ..p
        };
        assert!((fixed.interval(Duration::from_secs_f64(10.2)).as_secs_f64() - 9.8).abs() < 1e-6);
    }

    #[test]
    fn short_fractions_are_not_rounded_to_zero() {
        assert_eq!(seconds(Duration::from_millis(500)), "0.5s");
        assert_eq!(seconds(Duration::from_secs(3600)), "3600s");
    }
}
