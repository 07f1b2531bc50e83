//! The data of agreement cancellation requests — the requests, their statuses and the
//! remembered `clientToken`s — apart from the operations and the clock's part (`cancellation`),
//! so that the agreement store and the events read it without importing the logic.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How long the buyer has to answer before the request is approved (aws-postsale.md §4.1).
pub(super) const BUYER_WINDOW_DAYS: i64 = 7;
/// How long a `clientToken` is remembered (aws-postsale.md §5).
const TOKEN_WINDOW_HOURS: i64 = 8;

/// `AgreementCancellationRequestStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum CrStatus {
    PendingApproval,
    Approved,
    Rejected,
    Cancelled,
    ValidationFailed,
}

impl CrStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            CrStatus::PendingApproval => "PENDING_APPROVAL",
            CrStatus::Approved => "APPROVED",
            CrStatus::Rejected => "REJECTED",
            CrStatus::Cancelled => "CANCELLED",
            CrStatus::ValidationFailed => "VALIDATION_FAILED",
        }
    }

    /// The words of its event's detail-type (`Agreement Cancellation Request <words> - <role>`).
    pub(super) fn event_words(self) -> &'static str {
        match self {
            CrStatus::PendingApproval => "Pending Approval",
            CrStatus::Approved => "Approved",
            CrStatus::Rejected => "Rejected",
            CrStatus::Cancelled => "Cancelled",
            CrStatus::ValidationFailed => "Validation Failed",
        }
    }
}

/// One SendAgreementCancellationRequest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct CancellationRequest {
    /// `acr-` + 25 lowercase alphanumerics.
    pub id: String,
    pub agreement_id: String,
    pub reason_code: String,
    pub description: Option<String>,
    pub status: CrStatus,
    /// The buyer's rejection reason, the seller's withdrawal reason, or the validation failure.
    pub status_message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A remembered `clientToken`: what it was sent with, and the output it got.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Token {
    pub at: DateTime<Utc>,
    pub request: Value,
    pub output: Value,
}

/// The call remembered under `key` in `tokens`, if it is inside the token window at `now` (the
/// same window for every Agreement `clientToken`: cancellation and payment requests, billing
/// adjustment entries).
pub(super) fn remembered<'a>(
    tokens: &'a BTreeMap<String, Token>,
    key: &str,
    now: DateTime<Utc>,
) -> Option<&'a Token> {
    tokens
        .get(key)
        .filter(|t| now - t.at < Duration::hours(TOKEN_WINDOW_HOURS))
}

/// Every cancellation request, and `caller/clientToken` → its first call.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Cancellations {
    pub(super) list: Vec<CancellationRequest>,
    pub(super) tokens: BTreeMap<String, Token>,
}

impl Cancellations {
    /// The remembered call for `key`, if it is inside the token window at `now`.
    pub(super) fn token(&self, key: &str, now: DateTime<Utc>) -> Option<&Token> {
        remembered(&self.tokens, key, now)
    }

    pub(super) fn pending_on(&self, agreement_id: &str) -> Option<&CancellationRequest> {
        self.list
            .iter()
            .find(|r| r.agreement_id == agreement_id && r.status == CrStatus::PendingApproval)
    }
}
