//! Value parsers for flags whose values are domain types: clap turns the text into the type (or
//! a usage error naming the flag and the expected form), so nothing below the CLI parses flags.

use chrono::{DateTime, NaiveDate, Utc};
use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::settings::Catalog;

/// `--catalog`: one of the two names, shown in the help, parsed into the domain type.
pub(super) fn catalog_parser() -> impl TypedValueParser<Value = Catalog> {
    PossibleValuesParser::new([Catalog::Sandbox.as_str(), Catalog::Aws.as_str()])
        .try_map(|s| s.parse::<Catalog>())
}

/// `--until`-style flags: a calendar day, YYYY-MM-DD.
pub(super) fn parse_day(s: &str) -> Result<NaiveDate, String> {
    mpctl_changeset::parse_date(s)
        .map_err(|why| format!("{why}; write YYYY-MM-DD, e.g. 2030-12-31"))
}

/// `--ends-before`, `--start-time`: YYYY-MM-DD (midnight UTC) or an RFC 3339 / ISO 8601 time.
pub(super) fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    parse_day(s)
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
        .map_err(|why| format!("{why} or an RFC 3339 time, like 2030-01-01T00:00:00Z"))
}

/// A DURATION such as `30d`, `12h`, `1d 6h` (humantime's syntax).
pub(super) fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(text)
        .map_err(|e| format!("{e}; write a number with a unit, like 30d, 12h or 90s"))
}

/// A 12-digit AWS account id.
pub(super) fn parse_account(text: &str) -> Result<String, String> {
    if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err("an AWS account id is 12 digits, like 123456789012".to_string())
    }
}

/// Partner Central's LifeCycle.Stage enum, for `commit --stage` and the opportunity commands.
pub(super) fn stage_values() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(aws_sdk_partnercentralselling::types::Stage::values())
}
