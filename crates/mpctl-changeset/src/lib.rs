//! AWS Marketplace Catalog change sets as data, and their static validation.
//!
//! [`validate`] checks a StartChangeSet request body (`{Catalog, ChangeSet: [...], …}`) using
//! only the request itself and reports each problem as a [`Diagnostic`] with a JSON pointer to
//! the offending node. The client runs it before every StartChangeSet (and for `mpctl changeset
//! validate`); the emulator runs it server-side and turns each per-change diagnostic into an
//! `ErrorDetailList` entry, adding entity-dependent checks itself with the helpers re-exported
//! here ([`references_in`], [`dimension_keys_used`], [`dimensions_defined`], …).
//!
//! Shapes come from `catalog-shapes.json` (JSON Schemas of every DetailsDocument, copied from
//! the shared specs and embedded); cross-field rules are written by hand in the files named
//! after what they check.

mod change;
mod dates;
mod diagnostic;
mod dimensions;
mod draft;
mod envelope;
mod newer;
mod references;
mod request;
mod schema_errors;
mod shapes;
mod values;

use chrono::NaiveDate;
use serde_json::Value;

pub use change::{
    change_name, change_type, details_of, details_with_pointer, entity_type, identifier,
};
pub use dates::{parse_date, parse_duration, IsoDuration};
pub use diagnostic::{Diagnostic, Severity};
pub use dimensions::{dimension_keys_used, dimension_list, dimensions_defined, is_metered};
pub use envelope::{CATALOG, MAX_CHANGES};
pub use references::{reference_name, references_in};
pub use shapes::{
    change_types_for, check_entity_document, details_schema, entity_schema, entity_types,
};
pub use values::{is_variable_name, variables_in};

/// What validation needs from outside the request.
#[derive(Debug, Clone, Copy)]
pub struct ValidateOptions {
    /// Dates before this day get a `PAST_DATE` warning.
    pub today: NaiveDate,
    /// The request is about to be sent (or is being processed by the service): a new offer
    /// whose end date is before `today` is then an error (`PAST_END_DATE`), as AWS refuses it.
    /// A lint of a file (`changeset validate`) keeps it a warning: the same file is fine on
    /// the day it was written for.
    pub sending: bool,
}

impl ValidateOptions {
    /// The options for a request about to be sent (see [`ValidateOptions::sending`]).
    pub fn sending() -> Self {
        Self::sending_on(chrono::Utc::now().date_naive())
    }

    /// [`ValidateOptions::sending`] on another day (the emulator's clock).
    pub fn sending_on(today: NaiveDate) -> Self {
        ValidateOptions {
            today,
            sending: true,
        }
    }
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            today: chrono::Utc::now().date_naive(),
            sending: false,
        }
    }
}

/// Every problem the request alone reveals, ordered by path. Errors mean AWS would reject the
/// request or fail the change set; warnings (`PAST_DATE`) are worth a look.
pub fn validate(request: &Value, opts: &ValidateOptions) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    values::check_variables(request, "", &mut out);
    if let Some(changes) = envelope::check_envelope(request, &mut out) {
        for (i, c) in changes.iter().enumerate() {
            request::check_change(c, i, &mut out);
            check_details(c, i, opts, &mut out);
        }
        request::check_set(changes, &mut out);
        references::check(changes, &mut out);
        dimensions::check(changes, &mut out);
    }
    diagnostic::finish(out)
}

/// Shape and value rules on one change's details.
fn check_details(c: &Value, i: usize, opts: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    let Some((pointer, details)) = details_with_pointer(c) else {
        return;
    };
    let base = format!("/ChangeSet/{i}{pointer}");
    if let (Some(et), Some(ct)) = (entity_type(c), change_type(c)) {
        let from = out.len();
        shapes::check_details(et, ct, &details, &base, out);
        newer::accept_newer_term_members(&details, &base, from, out);
    }
    let from = out.len();
    values::check_details(&details, &base, opts.today, out);
    if opts.sending && change_type(c) == Some("UpdateAvailability") && creates_here(c) {
        for d in &mut out[from..] {
            if d.code == "PAST_DATE" {
                *d = Diagnostic::error(
                    "PAST_END_DATE",
                    &d.path,
                    format!("{} — a new offer must end in the future: no buyer could accept it", d.message),
                )
                .with_hint("use a date after today (AWS refuses it, or creates an offer that is already over)");
            }
        }
    }
}

/// Whether the change's entity is one the same change set creates (`$Change.Entity.Identifier`):
/// a new offer, whose end date must lie ahead (an existing offer's may be in the past: that is
/// how it is ended).
fn creates_here(c: &Value) -> bool {
    c.pointer("/Entity/Identifier")
        .and_then(Value::as_str)
        .is_some_and(|id| id.starts_with('$'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn opts() -> ValidateOptions {
        ValidateOptions {
            today: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            sending: false,
        }
    }

    fn codes(request: &Value) -> Vec<(&'static str, String)> {
        validate(request, &opts())
            .into_iter()
            .map(|d| (d.code, d.path))
            .collect()
    }

    #[test]
    fn a_minimal_set_is_clean() {
        let request = json!({"Catalog": "AWSMarketplace", "ChangeSet": [
            {"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer@1.0", "Identifier": "offer-1"}, "DetailsDocument": {}}]});
        assert_eq!(codes(&request), []);
    }

    #[test]
    fn envelope_problems() {
        let request = json!({"Catalog": "Sandbox", "ChangeSetName": "bad/name", "Intent": "DO", "Extra": 1,
            "ChangeSet": [{"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer"}, "DetailsDocument": {}, "ChangeName": "a1"}]});
        assert_eq!(
            codes(&request),
            [
                ("INVALID_CATALOG", "/Catalog".to_string()),
                ("INVALID_CHANGE_NAME", "/ChangeSet/0/ChangeName".to_string()),
                (
                    "UNKNOWN_ENTITY_TYPE",
                    "/ChangeSet/0/Entity/Type".to_string()
                ),
                ("INVALID_CHANGE_SET_NAME", "/ChangeSetName".to_string()),
                ("UNKNOWN_FIELD", "/Extra".to_string()),
                ("INVALID_INTENT", "/Intent".to_string()),
            ]
        );
        let d = validate(&request, &opts());
        assert!(d[2]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean Offer@1.0?"));
    }

    #[test]
    fn details_strings_are_parsed_and_checked() {
        let request = json!({"Catalog": "AWSMarketplace", "ChangeSet": [
            {"ChangeType": "UpdateAvailability", "Entity": {"Type": "Offer@1.0", "Identifier": "offer-1"},
             "Details": "{\"AvailabilityEndDate\": \"2030-02-30\"}"},
            {"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer@1.0", "Identifier": "offer-2"}, "Details": "[]"},
            {"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "prod-1"},
             "Details": "[{\"Key\": \"k\", \"Name\": \"n\", \"Description\": \"d\", \"Unit\": \"Units\", \"Types\": [\"Entitled\"]}]"}]});
        assert_eq!(
            codes(&request),
            [
                (
                    "INVALID_DATE",
                    "/ChangeSet/0/Details/AvailabilityEndDate".to_string()
                ),
                ("INVALID_DETAILS", "/ChangeSet/1/Details".to_string()),
            ]
        );
    }
}
