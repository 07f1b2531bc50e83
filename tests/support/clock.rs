//! Waiting for an emulator state change without the wall clock: the helper moves the
//! emulator's clock (in-process, as `mpctl emulator advance` does over the admin path) by a
//! step between probes, so every asynchronous lifecycle — change sets, tasks, acceptance,
//! review, expiry — is reached deterministically, however loaded the machine is. No test sleeps
//! to wait for the emulator.

use std::future::Future;
use std::time::Duration;

use mpctl_emulator::ClockControl;

/// How many steps `until` takes before it gives up: far more than any lifecycle needs.
const MAX_STEPS: usize = 200;

/// Probes until `probe` yields `Some`, moving the emulator clock forward by `step` after each
/// miss. Panics naming `what` when the state never comes.
pub async fn until<T, F, Fut>(clock: &ClockControl, step: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    for _ in 0..MAX_STEPS {
        if let Some(found) = probe().await {
            return found;
        }
        clock.advance(step);
    }
    panic!("{what}: not reached after {MAX_STEPS} clock steps of {step:?}");
}

/// The step that moves any fast-timing lifecycle one phase forward.
pub fn step() -> Duration {
    Duration::from_millis(100)
}
