//! The emulator's notion of time and of how long asynchronous work takes.
//!
//! Every lifecycle (change sets, engagement tasks, buyer acceptance, AWS review, offer and
//! agreement expiry) is evaluated lazily from timestamps on each request, against one
//! [`Clock`]: the wall clock shifted by an offset. `--start-time` sets the offset, `advance`
//! (the admin path, `Handle::clock`) grows it, and `--data` saves it with the world, so a seller
//! can rehearse "30 days later" and tests never wait on the wall clock.

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
    /// AWS reviews a submitted `AWS`-catalog opportunity for this long: Submitted for the first
    /// half, In review for the second, then Approved (or the outcome its markers ask for).
    pub review_seconds: f64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            changeset_seconds: 2.0,
            task_seconds: 1.0,
            accept_seconds: 3.0,
            review_seconds: 10.0,
        }
    }
}

/// The instant a JSON timestamp denotes, truncated to the milliseconds the service stores.
pub fn parse_json_instant(value: &serde_json::Value) -> Option<DateTime<Utc>> {
    let t = match value {
        serde_json::Value::String(s) => DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc),
        serde_json::Value::Number(n) => {
            let millis = (n.as_f64()? * 1000.0).round() as i64;
            DateTime::from_timestamp_millis(millis)?
        }
        _ => return None,
    };
    DateTime::from_timestamp_millis(t.timestamp_millis())
}

/// The emulated "now": the wall clock plus `offset_ms`. Saved with the world.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    offset_ms: i64,
}

impl Clock {
    /// The emulated current instant, in milliseconds (the precision every service round-trips).
    pub fn now(&self) -> DateTime<Utc> {
        wall_now() + Duration::milliseconds(self.offset_ms)
    }

    /// Makes the clock read `t` now; it runs on from there.
    pub fn set(&mut self, t: DateTime<Utc>) {
        self.offset_ms = (t - wall_now()).num_milliseconds();
    }

    /// How far the emulated clock is ahead of the wall clock, in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    /// Sets the offset from the wall clock (a replayed `set-clock`).
    pub fn set_offset(&mut self, offset_ms: i64) {
        self.offset_ms = offset_ms;
    }

    /// Moves the clock forward by `by` (never backward: lifecycles assume time only grows).
    pub fn advance(&mut self, by: Duration) {
        self.offset_ms += by.num_milliseconds().max(0);
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

/// Wall-clock time truncated to milliseconds. Only [`Clock`] reads it.
fn wall_now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_advance_move_the_emulated_now() {
        let mut clock = Clock::default();
        let start = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        clock.set(start);
        assert!((clock.now() - start).num_seconds().abs() < 5);
        clock.advance(Duration::days(30));
        assert!(
            (clock.now() - (start + Duration::days(30)))
                .num_seconds()
                .abs()
                < 5
        );
        clock.advance(Duration::days(-3));
        assert!(clock.now() >= start + Duration::days(30));
    }
}
