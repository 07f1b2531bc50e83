//! Partner Central's error values. Its `ValidationException` requires `Reason` (the Rust SDK cannot
//! build the error without it and reports an unhandled error instead) and carries an `ErrorList`
//! naming each offending field, so every validation failure of this service is built here.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::wire::ApiError;

/// `ValidationException.Reason` for malformed requests (shape, enums, required members).
pub const REQUEST: &str = "REQUEST_VALIDATION_FAILED";
/// `ValidationException.Reason` for well-formed requests the resource's state forbids.
pub const BUSINESS: &str = "BUSINESS_VALIDATION_FAILED";

/// `ValidationExceptionErrorCode` values used by the emulator.
pub mod code {
    pub const REQUIRED_FIELD_MISSING: &str = "REQUIRED_FIELD_MISSING";
    pub const INVALID_ENUM_VALUE: &str = "INVALID_ENUM_VALUE";
    pub const INVALID_VALUE: &str = "INVALID_VALUE";
    pub const NOT_ENOUGH_VALUES: &str = "NOT_ENOUGH_VALUES";
    pub const TOO_MANY_VALUES: &str = "TOO_MANY_VALUES";
    pub const VALUE_OUT_OF_RANGE: &str = "VALUE_OUT_OF_RANGE";
    pub const INVALID_RESOURCE_STATE: &str = "INVALID_RESOURCE_STATE";
    pub const ACTION_NOT_PERMITTED: &str = "ACTION_NOT_PERMITTED";
}

/// One entry of a `ValidationException.ErrorList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code: code.to_string(),
            message: message.into(),
        }
    }

    fn to_json(&self) -> Value {
        json!({"FieldName": self.field, "Message": self.message, "Code": self.code})
    }
}

/// A `ValidationException` with `Reason` and one `ErrorList` entry per error.
pub fn validation(reason: &str, errors: &[FieldError]) -> ApiError {
    let list: Vec<Value> = errors.iter().map(FieldError::to_json).collect();
    ApiError::validation(summary(errors))
        .with("Reason", reason)
        .with("ErrorList", list)
}

/// A request-level validation failure.
pub fn request_invalid(errors: &[FieldError]) -> ApiError {
    validation(REQUEST, errors)
}

/// A single request-level validation failure.
pub fn request_field(field: &str, code: &'static str, message: impl Into<String>) -> ApiError {
    request_invalid(&[FieldError::new(field, code, message)])
}

/// A single business-rule failure.
pub fn business(field: &str, code: &'static str, message: impl Into<String>) -> ApiError {
    validation(BUSINESS, &[FieldError::new(field, code, message)])
}

/// `ResourceNotFoundException` naming the missing resource.
pub fn not_found(kind: &str, id: &str) -> ApiError {
    ApiError::not_found(format!("{kind} '{id}' was not found in this catalog."))
}

/// A reused `ClientToken` with a different request body.
pub fn token_conflict() -> ApiError {
    ApiError::conflict("Conflicting client token submitted for a new request body.")
}

fn summary(errors: &[FieldError]) -> String {
    match errors {
        [] => "The request failed validation.".to_string(),
        [one] => one.message.clone(),
        many => {
            let parts: Vec<&str> = many.iter().map(|e| e.message.as_str()).collect();
            format!("{} validation errors: {}", many.len(), parts.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_carries_reason_and_error_list() {
        let e = business(
            "LifeCycle.ReviewStatus",
            code::ACTION_NOT_PERMITTED,
            "read-only",
        );
        assert_eq!(e.status, 400);
        assert_eq!(e.code, "ValidationException");
        assert_eq!(e.fields["Reason"], BUSINESS);
        assert_eq!(
            e.fields["ErrorList"],
            json!([{"FieldName": "LifeCycle.ReviewStatus", "Message": "read-only", "Code": "ACTION_NOT_PERMITTED"}])
        );
    }

    #[test]
    fn several_errors_are_summarised_in_the_message() {
        let e = request_invalid(&[
            FieldError::new("A", code::INVALID_VALUE, "A is bad"),
            FieldError::new("B", code::INVALID_VALUE, "B is bad"),
        ]);
        assert_eq!(e.message, "2 validation errors: A is bad; B is bad");
    }
}
