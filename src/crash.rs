//! Crash points for crash-consistency tests. When `MPCTL_CRASH_AT` names a point, the process
//! aborts right there — no unwinding, no flushing, no state save — exactly like a SIGKILL at
//! the worst moment (e.g. after AWS accepted a write but before its id was saved).

/// Aborts the process if `MPCTL_CRASH_AT` equals `name`.
pub fn point(name: &str) {
    if std::env::var_os("MPCTL_CRASH_AT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}
