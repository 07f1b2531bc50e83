//! Waiting for something another process does (a child mpctl saving its state, a dashboard job
//! finishing, a driver opening its port): one bounded poll on an observable condition, with a
//! deadline and a message naming what never came. Tests never sleep a fixed time instead; emulator
//! lifecycles are reached with the clock helper (`support::clock`), not with this.

use std::time::{Duration, Instant};

/// How long any awaited condition may take before the test fails: generous for a loaded 2-core
/// machine, never reached when things work.
const DEADLINE: Duration = Duration::from_secs(60);

/// How often the condition is checked.
const POLL: Duration = Duration::from_millis(5);

/// Checks `probe` until it yields `Some`; panics naming `what` after the deadline.
pub fn until<T>(what: &str, probe: impl FnMut() -> Option<T>) -> T {
    until_within(what, DEADLINE, probe)
}

/// [`until`] with a deadline of its own, for work whose size is the point (a cold fill of
/// 10,000 agreements on a debug build).
pub fn until_within<T>(what: &str, deadline: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            started.elapsed() < deadline,
            "{what}: not seen within {deadline:?}"
        );
        std::thread::sleep(POLL);
    }
}

/// [`until`] for async tests: yields to the runtime between checks.
pub async fn until_async<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(
            started.elapsed() < DEADLINE,
            "{what}: not seen within {DEADLINE:?}"
        );
        tokio::time::sleep(POLL).await;
    }
}
