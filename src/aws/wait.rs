//! The one waiting mechanism: first check after the initial interval (about a second), then
//! intervals growing ×1.5 to a cap, an overall deadline, Ctrl-C handling, and progress lines.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::exit::Failure;
use crate::output::Printer;
use crate::project::config::WaitConfig;

/// When to poll and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub initial: Duration,
    pub max: Duration,
    pub deadline: Duration,
}

impl Policy {
    pub fn from_config(w: &WaitConfig, deadline_seconds: f64) -> Self {
        Policy {
            initial: Duration::from_secs_f64(w.initial_interval_seconds),
            max: Duration::from_secs_f64(w.max_interval_seconds.max(w.initial_interval_seconds)),
            deadline: Duration::from_secs_f64(deadline_seconds),
        }
    }

    /// The sleep before check `n` (0-based).
    pub fn interval(&self, n: u32) -> Duration {
        let grown = self.initial.as_secs_f64() * 1.5f64.powi(n as i32);
        Duration::from_secs_f64(grown.min(self.max.as_secs_f64()))
    }
}

/// One check's outcome.
pub enum Poll<T> {
    Done(T),
    /// Still going; the status to show.
    Pending(String),
}

/// Polls `check` until it is done, the deadline passes (exit 4) or Ctrl-C (exit 130).
/// `resume` is the command that continues the work, shown on timeout and interrupt.
pub async fn until<T, F, Fut>(
    printer: &Printer,
    what: &str,
    resume: &str,
    policy: Policy,
    mut check: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Poll<T>>>,
{
    let started = Instant::now();
    let mut shown = printer.wait(crate::output::WaitSpec {
        what: what.to_string(),
        resource_id: None,
        deadline: policy.deadline,
    });
    for n in 0.. {
        let remaining = policy.deadline.saturating_sub(started.elapsed());
        let sleep = policy.interval(n).min(remaining);
        let interrupted = || {
            Failure::Interrupted(format!(
                "interrupted while waiting for {what}; the state file is saved — resume with `{resume}`"
            ))
        };
        if crate::interrupt::is_interrupted() {
            return Err(interrupted().into());
        }
        tokio::select! {
            _ = tokio::time::sleep(sleep) => {}
            _ = crate::interrupt::interrupted() => return Err(interrupted().into()),
        }
        match check().await {
            Ok(Poll::Done(v)) => return Ok(v),
            // The SDK already retried this request; a transient failure (throttling, 5xx,
            // timeout, dropped connection) only costs this poll, not the wait.
            Err(e) if super::is_transient(&e) => {
                printer.warn(format!("{e} (will check again)"));
            }
            Err(e) => return Err(e),
            Ok(Poll::Pending(status)) => shown.status(&status),
        }
        if started.elapsed() >= policy.deadline {
            break;
        }
    }
    let last = shown.last().to_string();
    drop(shown);
    Err(Failure::TimedOut(format!(
        "timed out after {:.0}s waiting for {what} (last status: {last}); resume with `{resume}`",
        policy.deadline.as_secs_f64()
    ))
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_grow_to_the_cap() {
        let p = Policy {
            initial: Duration::from_secs(1),
            max: Duration::from_secs(3),
            deadline: Duration::from_secs(60),
        };
        let secs: Vec<f64> = (0..5).map(|n| p.interval(n).as_secs_f64()).collect();
        assert_eq!(secs, vec![1.0, 1.5, 2.25, 3.0, 3.0]);
    }
}
