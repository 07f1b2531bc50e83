//! The two time formats change sets carry: ISO-8601 durations (`P12M`, `P365D`, `P1Y6M`) for
//! agreement, free-trial and rate-card durations, and calendar dates `YYYY-MM-DD` for
//! availability, validity and payment-schedule dates.

use chrono::NaiveDate;

/// A date-only ISO-8601 duration. AWS Marketplace terms run in whole days, weeks, months and
/// years; a time part (`PT12H`) is rejected because no Catalog term accepts one [I].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IsoDuration {
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
}

/// Parses `P[nY][nM][nW][nD]`: at least one component, units in that order, each at most once,
/// not all zero. The error says what is wrong.
pub fn parse_duration(s: &str) -> Result<IsoDuration, String> {
    let body = s
        .strip_prefix('P')
        .ok_or_else(|| "an ISO-8601 duration starts with P".to_string())?;
    if body.is_empty() {
        return Err("the duration has no components".into());
    }
    if body.contains('T') {
        return Err(
            "durations with a time part (T…) are not accepted; use days, months or years".into(),
        );
    }
    let mut out = IsoDuration::default();
    let units = ['Y', 'M', 'W', 'D'];
    let mut next_unit = 0;
    let mut digits = String::new();
    for c in body.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let Some(pos) = units.iter().position(|u| *u == c) else {
            return Err(format!("'{c}' is not a duration unit (Y, M, W or D)"));
        };
        if digits.is_empty() {
            return Err(format!("unit {c} has no number before it"));
        }
        if pos < next_unit {
            return Err(format!("unit {c} is repeated or out of order (Y, M, W, D)"));
        }
        let n: u32 = digits
            .parse()
            .map_err(|_| format!("{digits} is too large"))?;
        match c {
            'Y' => out.years = n,
            'M' => out.months = n,
            'W' => out.weeks = n,
            _ => out.days = n,
        }
        digits.clear();
        next_unit = pos + 1;
    }
    if !digits.is_empty() {
        return Err(format!("{digits} has no unit after it"));
    }
    if out == IsoDuration::default() {
        return Err("the duration is zero".into());
    }
    Ok(out)
}

/// Parses a strict `YYYY-MM-DD` calendar date (zero-padded, a real day).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err("expected YYYY-MM-DD".into());
    }
    let year: i32 = s[0..4].parse().map_err(|_| "bad year".to_string())?;
    let month: u32 = s[5..7].parse().map_err(|_| "bad month".to_string())?;
    let day: u32 = s[8..10].parse().map_err(|_| "bad day".to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist"));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{year}-{month:02} has no day {day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_seen_in_real_change_sets_parse() {
        for s in [
            "P12M",
            "P1M",
            "P36M",
            "P365D",
            "P20D",
            "P650D",
            "P1Y",
            "P1Y6M",
            "P2W",
            "P1Y2M3W4D",
        ] {
            assert!(parse_duration(s).is_ok(), "{s}");
        }
        assert_eq!(
            parse_duration("P1Y6M").unwrap(),
            IsoDuration {
                years: 1,
                months: 6,
                weeks: 0,
                days: 0
            }
        );
    }

    #[test]
    fn malformed_durations_are_rejected() {
        for s in [
            "", "P", "12M", "P12X", "PM", "P12", "P6M1Y", "P1M1M", "PT12H", "P0D", "p12m", "P 12M",
            "P-1D", "P1.5Y",
        ] {
            assert!(parse_duration(s).is_err(), "{s}");
        }
        assert!(parse_duration("P12X").unwrap_err().contains("'X'"));
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2024-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for s in [
            "2023-13-45",
            "2023-02-29",
            "2023-1-05",
            "2023/01/05",
            "20230105",
            "2023-01-05T00:00:00Z",
            "",
            "2023-00-10",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert!(parse_date("2023-13-45").unwrap_err().contains("month 13"));
    }
}
