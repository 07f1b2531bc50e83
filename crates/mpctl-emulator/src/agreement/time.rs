//! Instants and ISO-8601 durations as they appear in Catalog offer terms and in SearchAgreements
//! filter values.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};

use crate::clock;

/// Parses an instant written as RFC 3339 (`2025-01-31T00:00:00Z`, fraction optional), a date
/// (`2025-01-31`, midnight UTC) or epoch seconds (`1731272083`, fraction optional).
pub(super) fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    let secs: f64 = s.parse().ok().filter(|v: &f64| v.is_finite())?;
    DateTime::from_timestamp_millis((secs * 1000.0).round() as i64)
}

/// The Agreement wire value of an instant: epoch seconds (ms precision) as a JSON number.
pub(super) fn epoch(t: DateTime<Utc>) -> serde_json::Value {
    serde_json::Value::from(clock::epoch_seconds(t))
}

/// The calendar part of an ISO-8601 duration: `P1Y`, `P12M`, `P365D`, `P2W`, `P1Y6M`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Duration {
    months: u32,
    days: u64,
}

impl Duration {
    pub(super) fn months(months: u32) -> Self {
        Duration { months, days: 0 }
    }

    /// Parses the date designators of an ISO-8601 duration; time designators (`T…`) and anything
    /// else make it unparseable, as does a zero duration.
    pub(super) fn parse(s: &str) -> Option<Self> {
        let rest = s.trim().strip_prefix('P')?;
        let mut d = Duration::default();
        let mut number = String::new();
        for c in rest.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: u64 = std::mem::take(&mut number).parse().ok()?;
            match c {
                'Y' => d.months += u32::try_from(n.checked_mul(12)?).ok()?,
                'M' => d.months += u32::try_from(n).ok()?,
                'W' => d.days += n.checked_mul(7)?,
                'D' => d.days += n,
                _ => return None,
            }
        }
        (number.is_empty() && d != Duration::default()).then_some(d)
    }

    /// `t` plus this duration (months first, clamped to the end of a shorter month).
    pub(super) fn after(self, t: DateTime<Utc>) -> DateTime<Utc> {
        t.checked_add_months(Months::new(self.months))
            .and_then(|t| t.checked_add_days(Days::new(self.days)))
            .unwrap_or(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        parse_instant(s).expect("instant")
    }

    #[test]
    fn parses_instants_in_three_spellings() {
        assert_eq!(at("2025-01-31").timestamp(), 1_738_281_600);
        assert_eq!(at("2025-01-31T00:00:00Z").timestamp(), 1_738_281_600);
        assert_eq!(
            at("2025-01-31T00:00:00.250Z").timestamp_millis(),
            1_738_281_600_250
        );
        assert_eq!(at("1738281600").timestamp(), 1_738_281_600);
        assert_eq!(at("1738281600.5").timestamp_millis(), 1_738_281_600_500);
        assert!(parse_instant("soon").is_none());
    }

    #[test]
    fn parses_calendar_durations() {
        assert_eq!(Duration::parse("P12M"), Some(Duration::months(12)));
        assert_eq!(Duration::parse("P1Y"), Some(Duration::months(12)));
        assert_eq!(Duration::parse("P1Y6M"), Some(Duration::months(18)));
        assert_eq!(Duration::parse("P365D").map(|d| d.days), Some(365));
        assert_eq!(Duration::parse("P2W").map(|d| d.days), Some(14));
        for bad in ["", "P", "12M", "PT1H", "P0D", "P12", "PXM"] {
            assert_eq!(Duration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn adds_durations_to_instants() {
        let start = at("2024-01-31T12:00:00Z");
        assert_eq!(Duration::months(1).after(start), at("2024-02-29T12:00:00Z"));
        assert_eq!(
            Duration::months(12).after(start),
            at("2025-01-31T12:00:00Z")
        );
        let days = Duration::parse("P365D").expect("duration");
        assert_eq!(days.after(start), at("2025-01-30T12:00:00Z"));
    }
}
