//! The emulator's notion of time and of how long asynchronous work takes.
//!
//! Every lifecycle (change sets, engagement tasks, buyer acceptance) is evaluated lazily from
//! timestamps on each request, so tests can run with sub-second timings and benchmarks with
//! realistic ones without background tasks.

use chrono::{DateTime, Duration, Utc};

/// How long the emulated asynchronous processes take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timings {
    /// A change set spends half of this PREPARING and half APPLYING.
    pub changeset_seconds: f64,
    /// An engagement task is IN_PROGRESS for this long.
    pub task_seconds: f64,
    /// A targeted buyer accepts a released private offer after this long.
    pub accept_seconds: f64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            changeset_seconds: 2.0,
            task_seconds: 1.0,
            accept_seconds: 3.0,
        }
    }
}

/// Adds fractional seconds to an instant.
pub fn after(t: DateTime<Utc>, seconds: f64) -> DateTime<Utc> {
    t + Duration::microseconds((seconds.max(0.0) * 1_000_000.0) as i64)
}

/// Catalog's timestamp format: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn catalog_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Partner Central's timestamp format: RFC 3339 with milliseconds and `Z`.
pub fn partner_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Agreement's timestamp format: epoch seconds as a JSON number.
pub fn epoch_seconds(t: DateTime<Utc>) -> f64 {
    t.timestamp_millis() as f64 / 1000.0
}

/// Current time truncated to milliseconds, the precision every service round-trips.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}
