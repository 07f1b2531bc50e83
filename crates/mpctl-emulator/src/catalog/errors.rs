//! The Catalog's ValidationException (HTTP 422, one `Message` member), as every Catalog check
//! and the model check say it.

use crate::service::validate::Violation;
use crate::wire::ApiError;

/// Catalog's ValidationException is HTTP 422.
pub fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(422, "ValidationException", message)
}

/// Model violations: the first one, behind its JSON pointer (`/ChangeSetTags/0/Key: …`), as the
/// service's change set checks say it.
pub fn model_invalid(violations: &[Violation]) -> ApiError {
    let first = violations.first().map_or_else(String::new, |v| {
        let pointer = v.path.replace(['.', '['], "/").replace(']', "");
        format!("/{pointer}: {}", v.message)
    });
    invalid(first)
}
