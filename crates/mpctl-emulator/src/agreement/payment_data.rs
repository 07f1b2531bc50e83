//! The data of payment requests against a VariablePaymentTerm (aws-postsale.md §3.3, §4.3): the
//! requests, their statuses and the remembered `clientToken`s, apart from the operations
//! (`payment_requests`, `payment_read`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::cancel_data::{remembered, Token};

/// `PaymentRequestStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum PrStatus {
    PendingApproval,
    Approved,
    Rejected,
    Cancelled,
}

impl PrStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            PrStatus::PendingApproval => "PENDING_APPROVAL",
            PrStatus::Approved => "APPROVED",
            PrStatus::Rejected => "REJECTED",
            PrStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One SendAgreementPaymentRequest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct PaymentRequest {
    /// `pr-` + 25 lowercase alphanumerics.
    pub id: String,
    pub agreement_id: String,
    pub term_id: String,
    pub name: String,
    pub description: Option<String>,
    pub amount: String,
    pub currency: String,
    pub status: PrStatus,
    /// The buyer's rejection reason.
    pub status_message: Option<String>,
    /// The charge an approval created.
    pub charge_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the buyer's AUTO_APPROVE_ON_EXPIRATION approves it, if it does.
    pub auto_approve_at: Option<DateTime<Utc>>,
}

/// Every payment request, and `caller/clientToken` → its first call.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Payments {
    pub(super) list: Vec<PaymentRequest>,
    pub(super) tokens: BTreeMap<String, Token>,
}

impl Payments {
    pub(super) fn token(&self, key: &str, now: DateTime<Utc>) -> Option<&Token> {
        remembered(&self.tokens, key, now)
    }
}
