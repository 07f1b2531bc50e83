//! Reading Agreement request members and building Agreement's modeled errors
//! (`ValidationException{reason, fields}`, `ResourceNotFoundException{resourceId, resourceType}`).
//!
//! Both protocols hand the handlers a JSON object; a JSON `null` member counts as absent.

use serde_json::{json, Value};

use crate::service::model::Model;
use crate::service::validate::{Problem, Violation};
use crate::wire::ApiError;

/// The embedded botocore model (`marketplace-agreement` 2020-03-01).
pub(super) static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// The `ValidationException` for model violations: the first one, with the model's reason for
/// its member.
///
/// [I] AWS does not document which reason a malformed member gets. The emulator picks
/// `MISSING_<MEMBER>` for an absent required member and `INVALID_<MEMBER>` otherwise, where
/// `<MEMBER>` is the member's name in upper snake case, qualified by its list's singular name
/// when the model has that reason (`filters[0].name` → `MISSING_FILTER_NAME`), and `OTHER` when
/// the model has neither.
pub(super) fn model_invalid(violations: &[Violation]) -> ApiError {
    let Some(first) = violations.first() else {
        return ApiError::validation("The request failed validation.");
    };
    invalid(&model_reason(first), &first.path, first.message.clone())
}

fn model_reason(v: &Violation) -> String {
    let prefix = match v.problem {
        Problem::Missing => "MISSING_",
        _ => "INVALID_",
    };
    let mut segments = v.path.rsplit('.').map(|s| s.split('[').next().unwrap_or(s));
    let member = upper_snake(segments.next().unwrap_or_default());
    let parent = segments
        .next()
        .map(|p| upper_snake(p.trim_end_matches('s')));
    let allowed = MODEL
        .enum_values("ValidationExceptionReason")
        .unwrap_or_default();
    let candidates = parent
        .map(|p| format!("{prefix}{p}_{member}"))
        .into_iter()
        .chain([format!("{prefix}{member}")]);
    for candidate in candidates {
        if allowed.contains(&candidate.as_str()) {
            return candidate;
        }
    }
    "OTHER".to_string()
}

fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// A `ValidationException` with its `reason` and one `fields` entry naming the member.
pub(super) fn invalid(reason: &str, field: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    ApiError::validation(message.clone())
        .with("reason", reason)
        .with("fields", json!([{ "name": field, "message": message }]))
}

/// The `ResourceNotFoundException` for an unknown agreement id.
pub(super) fn agreement_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Agreement {id} not found."))
        .with("resourceId", id)
        .with("resourceType", "Agreement")
}

/// The `AccessDeniedException` (HTTP 403; `message`, `requestId`, `reason`) for an account that
/// is not a party to the agreement.
pub(super) fn access_denied(id: &str, caller: &str) -> ApiError {
    ApiError::new(
        403,
        "AccessDeniedException",
        format!("Account {caller} is not a party to agreement {id}."),
    )
    .with("requestId", crate::ids::uuid())
    .with("reason", "INVALID_ACCESS")
}

/// A member that is absent or JSON null reads as `None`.
pub(super) fn member<'a>(input: &'a Value, key: &str) -> Option<&'a Value> {
    input.get(key).filter(|v| !v.is_null())
}

/// An optional string member; any other type is a validation error.
pub(super) fn opt_str<'a>(
    input: &'a Value,
    key: &str,
    reason: &str,
) -> Result<Option<&'a str>, ApiError> {
    match member(input, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(reason, key, format!("{key} must be a string."))),
    }
}

/// `agreementId`, required by DescribeAgreement and GetAgreementTerms.
pub(super) fn agreement_id(input: &Value) -> Result<&str, ApiError> {
    match opt_str(input, "agreementId", "INVALID_AGREEMENT_ID")? {
        Some(id) if !id.is_empty() => Ok(id),
        _ => Err(invalid(
            "MISSING_AGREEMENT_ID",
            "agreementId",
            "agreementId is required.",
        )),
    }
}

/// `maxResults` (model: 1–50); `default` when absent.
pub(super) fn max_results(input: &Value, default: usize) -> Result<usize, ApiError> {
    let Some(v) = member(input, "maxResults") else {
        return Ok(default);
    };
    match v.as_u64() {
        Some(n @ 1..=50) => Ok(n as usize),
        _ => Err(invalid(
            "INVALID_MAX_RESULTS",
            "maxResults",
            format!("maxResults must be an integer between 1 and 50, got {v}."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_carries_reason_and_field() {
        let e = invalid("INVALID_FILTERS", "filters", "nope");
        assert_eq!(e.status, 400);
        assert_eq!(e.code, "ValidationException");
        assert_eq!(e.fields["reason"], "INVALID_FILTERS");
        assert_eq!(
            e.fields["fields"],
            json!([{"name": "filters", "message": "nope"}])
        );
    }

    #[test]
    fn max_results_bounds() {
        assert_eq!(max_results(&json!({}), 7).ok(), Some(7));
        assert_eq!(max_results(&json!({"maxResults": null}), 7).ok(), Some(7));
        assert_eq!(max_results(&json!({"maxResults": 50}), 7).ok(), Some(50));
        assert!(max_results(&json!({"maxResults": 0}), 7).is_err());
        assert!(max_results(&json!({"maxResults": 51}), 7).is_err());
        assert!(max_results(&json!({"maxResults": "5"}), 7).is_err());
    }

    #[test]
    fn agreement_id_is_required() {
        assert_eq!(
            agreement_id(&json!({"agreementId": "agmt-x"})).ok(),
            Some("agmt-x")
        );
        let e = agreement_id(&json!({})).expect_err("missing");
        assert_eq!(e.fields["reason"], "MISSING_AGREEMENT_ID");
        assert!(agreement_id(&json!({"agreementId": 5})).is_err());
    }
}
