//! Crash points for crash-consistency tests. `MPCTL_CRASH_AT=NAME` kills the process with
//! SIGKILL the first time it reaches point NAME; `NAME#N` the N-th time (e.g. the 3rd state
//! save). No unwinding, no flushing, no state save — exactly a kill at the worst moment, such as
//! after AWS accepted a write but before its id was saved.

use std::collections::HashMap;
use std::sync::Mutex;

static SEEN: Mutex<Option<HashMap<String, u32>>> = Mutex::new(None);

/// Kills the process if `MPCTL_CRASH_AT` names this point (and occurrence).
pub fn point(name: &str) {
    let Some(wanted) = std::env::var_os("MPCTL_CRASH_AT") else {
        return;
    };
    let wanted = wanted.to_string_lossy();
    let (wanted_name, nth) = match wanted.split_once('#') {
        Some((n, k)) => (n, k.parse::<u32>().unwrap_or(1)),
        None => (wanted.as_ref(), 1),
    };
    if wanted_name != name {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let count = seen
        .get_or_insert_with(HashMap::new)
        .entry(name.to_string())
        .or_insert(0);
    *count += 1;
    if *count == nth {
        die();
    }
}

#[cfg(unix)]
fn die() -> ! {
    let _ = rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    std::process::abort()
}

#[cfg(not(unix))]
fn die() -> ! {
    std::process::abort()
}
