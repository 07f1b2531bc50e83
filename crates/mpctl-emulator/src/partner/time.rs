//! Partner Central timestamps: reading what clients send back (any RFC 3339 offset or precision,
//! or epoch seconds) as instants, and the strictly increasing `LastModifiedDate` stamps that make
//! UpdateOpportunity's optimistic concurrency check meaningful (aws-behavior §A.5).

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::clock;

pub use crate::clock::parse_json_instant as parse_instant;

/// The stamp of a write at `now` to a resource last stamped `previous`: never equal to or before
/// it, so two writes within one millisecond still get distinct `LastModifiedDate`s.
pub fn next_stamp(previous: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    now.max(previous + Duration::milliseconds(1))
}

/// The wire form: RFC 3339 with milliseconds and `Z`.
pub fn wire(t: DateTime<Utc>) -> Value {
    Value::String(clock::partner_time(t))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn instants_compare_equal_across_formats() {
        let a = parse_instant(&json!("2024-05-01T10:00:00.120Z"));
        assert_eq!(a, parse_instant(&json!("2024-05-01T12:00:00.12+02:00")));
        assert_eq!(a, parse_instant(&json!("2024-05-01T10:00:00.120999Z")));
        assert_eq!(a, parse_instant(&json!(1714557600.12)));
        assert_eq!(parse_instant(&json!("yesterday")), None);
    }

    #[test]
    fn stamps_strictly_increase() {
        let t = parse_instant(&json!("2024-05-01T10:00:00Z")).expect("valid");
        assert_eq!(next_stamp(t, t), t + Duration::milliseconds(1));
        let later = t + Duration::seconds(5);
        assert_eq!(next_stamp(t, later), later);
        assert_eq!(wire(t), json!("2024-05-01T10:00:00.000Z"));
    }
}
