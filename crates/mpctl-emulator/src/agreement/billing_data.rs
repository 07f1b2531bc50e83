//! The data of billing adjustment requests (refunds, aws-postsale.md §3.2, §4.2): the requests,
//! their statuses and the remembered entry `clientToken`s, apart from the operations
//! (`billing`, `billing_read`) so the store and the events read it without the logic.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::cancel_data::{remembered, Token};

/// `BillingAdjustmentStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum BaStatus {
    Pending,
    ValidationFailed,
    Completed,
}

impl BaStatus {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            BaStatus::Pending => "PENDING",
            BaStatus::ValidationFailed => "VALIDATION_FAILED",
            BaStatus::Completed => "COMPLETED",
        }
    }
}

/// One billing adjustment request (one batch entry that passed the synchronous checks).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Adjustment {
    /// `ba-` + 25 lowercase alphanumerics.
    pub id: String,
    pub agreement_id: String,
    pub invoice_id: String,
    pub amount: String,
    pub currency: String,
    pub reason_code: String,
    pub description: Option<String>,
    pub status: BaStatus,
    /// Why validation failed (VALIDATION_FAILED only).
    pub status_message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The credit memo issued on completion.
    #[serde(default)]
    pub credit_memo: Option<String>,
}

/// Every billing adjustment request, and `caller/clientToken` → its entry's first call.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Adjustments {
    pub(super) list: Vec<Adjustment>,
    pub(super) tokens: BTreeMap<String, Token>,
}

impl Adjustments {
    pub(super) fn token(&self, key: &str, now: DateTime<Utc>) -> Option<&Token> {
        remembered(&self.tokens, key, now)
    }

    /// The PENDING request on invoice `invoice_id`, if any.
    pub(super) fn pending_on(&self, invoice_id: &str) -> Option<&Adjustment> {
        self.list
            .iter()
            .find(|r| r.invoice_id == invoice_id && r.status == BaStatus::Pending)
    }
}
