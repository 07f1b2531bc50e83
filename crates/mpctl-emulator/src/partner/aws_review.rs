//! AWS's review of a submitted `AWS`-catalog opportunity, on the emulator clock
//! (`Timings::review_seconds`, `emulator serve --review-seconds`): Submitted for the first half,
//! In review for the second, then an outcome. Sandbox opportunities are not reviewed: there the
//! client simulates AWS through UpdateOpportunity (see `review`).
//!
//! The outcome is Approved unless the opportunity's `Project.Title` carries a marker, so a
//! seller can rehearse every branch deterministically:
//! - `[review:action-required]` → Action Required (resubmittable), with ReviewStatusReason and
//!   ReviewComments saying what AWS wants;
//! - `[review:rejected]` → Rejected (final), with the same two fields.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::catalog_name::CatalogName;
use super::opportunity::Opportunity;
use super::review::{ACTION_REQUIRED, APPROVED, IN_REVIEW, REJECTED, SUBMITTED};
use crate::clock;

/// Title marker that makes the review end in Action Required.
pub const ACTION_REQUIRED_MARKER: &str = "[review:action-required]";
/// Title marker that makes the review end in Rejected.
pub const REJECTED_MARKER: &str = "[review:rejected]";

/// Marks `o` submitted at `at`; its review starts then.
pub fn submit(o: &mut Opportunity, at: DateTime<Utc>) {
    o.review.status = SUBMITTED.to_string();
    o.review.comments = None;
    o.review.reason = None;
    o.review.submitted = Some(at);
    o.touch(at);
}

/// Moves `o`'s review forward to `now`.
pub fn advance(o: &mut Opportunity, now: DateTime<Utc>, review_seconds: f64) -> bool {
    let Some(submitted) = o.review.submitted else {
        return false;
    };
    if o.catalog != CatalogName::Aws {
        return false;
    }
    let status = o.review.status.as_str();
    let in_review_at = clock::after(submitted, review_seconds / 2.0);
    let decided_at = clock::after(submitted, review_seconds);
    if (status == SUBMITTED || status == IN_REVIEW) && now >= decided_at {
        decide(o);
        o.review.submitted = None;
        o.touch(decided_at);
    } else if status == SUBMITTED && now >= in_review_at {
        o.review.status = IN_REVIEW.to_string();
        o.touch(in_review_at);
    } else {
        return false;
    }
    true
}

fn decide(o: &mut Opportunity) {
    let title = o.get_str(&["Project", "Title"]).unwrap_or_default();
    let (status, reason, comments) = if title.contains(REJECTED_MARKER) {
        (
            REJECTED,
            Some("Opportunity is a duplicate"),
            Some("AWS found an existing opportunity for this customer and project; this one will not be pursued."),
        )
    } else if title.contains(ACTION_REQUIRED_MARKER) {
        (
            ACTION_REQUIRED,
            Some("Incomplete opportunity details"),
            Some("Describe the customer's business problem and the solution's use case in more detail, then resubmit."),
        )
    } else {
        (APPROVED, None, None)
    };
    o.review.status = status.to_string();
    o.review.reason = reason.map(|r| json!(r));
    o.review.comments = comments.map(|c| json!(c));
}
