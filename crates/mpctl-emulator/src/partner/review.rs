//! The review lifecycle: which `ReviewStatus` values a partner may edit in, who may change the
//! status (only AWS in the `AWS` catalog; the client, simulating AWS, in `Sandbox`), and what an
//! opportunity needs before it can be submitted (aws-behavior §C).

use serde_json::Value;

use super::catalog_name::CatalogName;
use super::errors::{business, code, FieldError};
use super::opportunity::Opportunity;
use crate::wire::ApiError;

pub use super::opportunity::PENDING_SUBMISSION;
pub const SUBMITTED: &str = "Submitted";
pub const IN_REVIEW: &str = "In review";
pub const APPROVED: &str = "Approved";
pub const REJECTED: &str = "Rejected";
pub const ACTION_REQUIRED: &str = "Action Required";

const FIELD: &str = "LifeCycle.ReviewStatus";

/// [I] The review outcomes a Sandbox client may simulate, by current status. Submission itself
/// (→ Submitted) only happens through SubmitOpportunity or an engagement task, as in AWS.
const SANDBOX_TRANSITIONS: &[(&str, &[&str])] = &[
    (SUBMITTED, &[IN_REVIEW, APPROVED, ACTION_REQUIRED, REJECTED]),
    (IN_REVIEW, &[APPROVED, ACTION_REQUIRED, REJECTED]),
];

/// Fields AWS requires before it accepts a submission (aws-behavior §C; [I] for the exact set).
const REQUIRED_FOR_SUBMISSION: &[&[&str]] = &[
    &["Customer", "Account", "CompanyName"],
    &["Customer", "Account", "Industry"],
    &["Customer", "Account", "WebsiteUrl"],
    &["Project", "Title"],
    &["Project", "CustomerBusinessProblem"],
];

/// Length bounds of `Project.CustomerBusinessProblem`, in characters.
const PROBLEM_CHARS: (usize, usize) = (20, 2000);

/// The `LifeCycle.ReviewStatus` a request carries.
pub fn requested(input: &Value) -> Option<&str> {
    input.get("LifeCycle")?.get("ReviewStatus")?.as_str()
}

/// [I] A new opportunity always starts in Pending Submission, in both catalogs: the status is
/// AWS's to set, and Sandbox simulates review on existing opportunities through UpdateOpportunity.
pub fn check_create(input: &Value) -> Result<(), ApiError> {
    match requested(input) {
        Some(s) if s != PENDING_SUBMISSION => Err(business(
            FIELD,
            code::ACTION_NOT_PERMITTED,
            format!("A new opportunity starts in '{PENDING_SUBMISSION}'; ReviewStatus '{s}' cannot be set on create."),
        )),
        _ => Ok(()),
    }
}

/// The review status after an UpdateOpportunity in `catalog` on an opportunity in `current`,
/// or why the update is refused. Sending the current status back (a Get → Update round trip) is
/// not a change.
pub fn check_update(
    catalog: CatalogName,
    current: &str,
    input: &Value,
) -> Result<String, ApiError> {
    match (catalog, requested(input).filter(|s| *s != current)) {
        (_, None) => editable(current).map(|()| current.to_string()),
        (CatalogName::Aws, Some(_)) => Err(business(
            FIELD,
            code::ACTION_NOT_PERMITTED,
            "LifeCycle.ReviewStatus is read-only in the AWS catalog; AWS sets it when it reviews the opportunity.",
        )),
        (CatalogName::Sandbox, Some(to)) => simulate(current, to).map(|()| to.to_string()),
    }
}

/// Refuses edits while AWS holds the opportunity (Submitted, In review) or after it rejected it.
pub fn editable(current: &str) -> Result<(), ApiError> {
    if [SUBMITTED, IN_REVIEW, REJECTED].contains(&current) {
        return Err(business(
            FIELD,
            code::INVALID_RESOURCE_STATE,
            format!("The opportunity cannot be updated while its review status is '{current}'."),
        ));
    }
    Ok(())
}

fn simulate(from: &str, to: &str) -> Result<(), ApiError> {
    let allowed: &[&str] = SANDBOX_TRANSITIONS
        .iter()
        .find(|(f, _)| *f == from)
        .map_or(&[], |(_, to)| to);
    if allowed.contains(&to) {
        return Ok(());
    }
    editable(from)?;
    Err(business(
        FIELD,
        code::ACTION_NOT_PERMITTED,
        format!(
            "In the Sandbox catalog, ReviewStatus can change from '{from}' only to: {}.",
            if allowed.is_empty() {
                "nothing".to_string()
            } else {
                allowed.join(", ")
            }
        ),
    ))
}

/// Refuses a submission unless the opportunity awaits one (new, or sent back by AWS).
pub fn check_submittable(opportunity: &Opportunity) -> Result<(), ApiError> {
    let status = opportunity.review.status.as_str();
    if status == PENDING_SUBMISSION || status == ACTION_REQUIRED {
        return Ok(());
    }
    Err(business(
        FIELD,
        code::INVALID_RESOURCE_STATE,
        format!("Only opportunities in '{PENDING_SUBMISSION}' or '{ACTION_REQUIRED}' can be submitted; this one is '{status}'."),
    ))
}

/// What keeps AWS from accepting the opportunity, one entry per problem.
pub fn submission_blockers(opportunity: &Opportunity) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = REQUIRED_FOR_SUBMISSION
        .iter()
        .filter(|path| {
            opportunity
                .get_str(path)
                .is_none_or(|s| s.trim().is_empty())
        })
        .map(|path| {
            let field = path.join(".");
            let message = format!("{field} is required for submission.");
            FieldError::new(field, code::REQUIRED_FIELD_MISSING, message)
        })
        .collect();
    let problem = opportunity.get_str(&["Project", "CustomerBusinessProblem"]);
    if let Some(n) = problem.map(|p| p.chars().count()).filter(|n| *n > 0) {
        let (min, max) = PROBLEM_CHARS;
        if n < min || n > max {
            let message = format!(
                "Project.CustomerBusinessProblem must be {min}-{max} characters long (it is {n})."
            );
            errors.push(FieldError::new(
                "Project.CustomerBusinessProblem",
                code::INVALID_VALUE,
                message,
            ));
        }
    }
    if opportunity.related("Solutions").is_empty() {
        let message =
            "At least one solution must be associated (RelatedEntityIdentifiers.Solutions).";
        errors.push(FieldError::new(
            "RelatedEntityIdentifiers.Solutions",
            code::REQUIRED_FIELD_MISSING,
            message,
        ));
    }
    errors
}

/// A task's failure `Message` for these blockers.
pub fn blockers_message(errors: &[FieldError]) -> String {
    let parts: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    format!("Opportunity validation failed: {}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use serde_json::json;

    use super::*;

    fn with_status(status: &str) -> Value {
        json!({"LifeCycle": {"ReviewStatus": status}})
    }

    #[test]
    fn aws_catalog_status_is_read_only_but_may_be_echoed() {
        assert_eq!(
            check_update(CatalogName::Aws, APPROVED, &with_status(APPROVED)).ok(),
            Some(APPROVED.to_string())
        );
        let err = check_update(
            CatalogName::Aws,
            PENDING_SUBMISSION,
            &with_status(SUBMITTED),
        )
        .expect_err("read-only");
        assert_eq!(err.fields["ErrorList"][0]["Code"], "ACTION_NOT_PERMITTED");
    }

    #[test]
    fn locked_statuses_refuse_plain_updates_in_both_catalogs() {
        for catalog in [CatalogName::Aws, CatalogName::Sandbox] {
            for status in [SUBMITTED, IN_REVIEW, REJECTED] {
                let err = check_update(catalog, status, &json!({})).expect_err("locked");
                assert_eq!(err.fields["ErrorList"][0]["Code"], "INVALID_RESOURCE_STATE");
                assert_eq!(err.fields["Reason"], "BUSINESS_VALIDATION_FAILED");
            }
        }
    }

    #[test]
    fn sandbox_simulates_review_outcomes() {
        let approve = check_update(CatalogName::Sandbox, SUBMITTED, &with_status(APPROVED));
        assert_eq!(approve.ok(), Some(APPROVED.to_string()));
        let back = check_update(CatalogName::Sandbox, APPROVED, &with_status(SUBMITTED))
            .expect_err("not a review");
        assert_eq!(back.fields["ErrorList"][0]["Code"], "ACTION_NOT_PERMITTED");
        let rejected = check_update(CatalogName::Sandbox, REJECTED, &with_status(APPROVED))
            .expect_err("final");
        assert_eq!(
            rejected.fields["ErrorList"][0]["Code"],
            "INVALID_RESOURCE_STATE"
        );
    }

    #[test]
    fn blockers_name_every_missing_field() {
        let input = json!({"Customer": {"Account": {"CompanyName": "Acme"}},
                           "Project": {"CustomerBusinessProblem": "too short"}});
        let o = Opportunity::new(
            crate::ids::SELLER_ACCOUNT,
            "O1".into(),
            CatalogName::Aws,
            &input,
            Utc::now(),
        );
        let fields: Vec<String> = submission_blockers(&o)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "Customer.Account.Industry",
                "Customer.Account.WebsiteUrl",
                "Project.Title",
                "Project.CustomerBusinessProblem",
                "RelatedEntityIdentifiers.Solutions",
            ]
        );
    }
}
