//! The service's "now", read from the HTTP `Date` header of its responses (AWS sends one with
//! every response; the emulator sends its emulated clock there). Whatever is judged against the
//! service's time — an offer "expired" because its availability ended — uses this rather than
//! the client's clock, which may be skewed, and which knows nothing of an emulator advanced to
//! "30 days later". The client clock is the fallback only when no response carried a date.

use std::sync::{Arc, Mutex, OnceLock};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::date_time::Format;
use chrono::{DateTime, NaiveDate, Utc};

/// How far the target's clock is ahead of this machine's: set once by `connect` for an mpctl
/// emulator (whose clock a seller may have advanced), zero for AWS.
static AHEAD: OnceLock<chrono::Duration> = OnceLock::new();

/// Records the target's time `now` (an emulator's clock) as read at connection.
pub fn set_target_now(now: DateTime<Utc>) {
    let _ = AHEAD.set(now - Utc::now());
}

/// Now at the target (see [`target_today`]).
pub fn target_now() -> DateTime<Utc> {
    Utc::now() + AHEAD.get().copied().unwrap_or_default()
}

/// Today at the target: the date templates' relative dates (`TODAY_PLUS_30`, an offer's
/// default end) count from, so a rehearsal on an emulator advanced a year still makes offers
/// that end after its "now". The machine's date against AWS.
pub fn target_today() -> NaiveDate {
    target_now().date_naive()
}

/// Registered on a client, it keeps the `Date` of the latest response that had one.
#[derive(Debug, Clone, Default)]
pub struct ServiceTime(Arc<Mutex<Option<DateTime<Utc>>>>);

impl ServiceTime {
    /// The service's time from the latest response, or the client's clock when none had one.
    pub fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .expect("service time")
            .unwrap_or_else(Utc::now)
    }

    /// Whether an availability end date (`YYYY-MM-DD…`) has passed at the service's time: the
    /// offer is available through that whole day (UTC), as AWS treats it.
    pub fn is_past(&self, end: &str) -> bool {
        days_until(self.now(), end).is_some_and(|d| d < 0)
    }
}

/// Whole days from `now` to a `YYYY-MM-DD…` date; negative when past.
pub fn days_until(now: DateTime<Utc>, date: &str) -> Option<i64> {
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some((day - now.date_naive()).num_days())
}

fn parse(date: &str) -> Option<DateTime<Utc>> {
    let t = aws_smithy_types::DateTime::from_str(date, Format::HttpDate).ok()?;
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

impl Intercept for ServiceTime {
    fn name(&self) -> &'static str {
        "mpctl service time"
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(t) = context.response().headers().get("date").and_then(parse) {
            *self.0.lock().expect("service time") = Some(t);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_http_date_is_the_service_time_and_ends_are_inclusive() {
        let t = parse("Tue, 01 Jun 2027 10:00:00 GMT").expect("HTTP date");
        assert_eq!(t.to_rfc3339(), "2027-06-01T10:00:00+00:00");
        let time = ServiceTime(Arc::new(Mutex::new(Some(t))));
        assert!(!time.is_past("2027-06-01"));
        assert!(time.is_past("2027-05-31T23:59:59Z"));
        assert_eq!(days_until(t, "2027-06-11"), Some(10));
    }
}
