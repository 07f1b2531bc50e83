//! Agreement requests: the buyer's quote (CreateAgreementRequest) waiting to be accepted
//! (AcceptAgreementRequest), and the client tokens that make creating one idempotent.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One CreateAgreementRequest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgreementRequest {
    /// `ar-` + 25 lowercase alphanumerics.
    pub id: String,
    /// The buyer account that created it.
    pub acceptor: String,
    pub offer_id: String,
    /// `NEW` or `REPLACE`.
    pub intent: String,
    pub source_agreement: Option<String>,
    /// Requested term ids.
    pub term_ids: Vec<String>,
    /// `enableAutoRenew` from a requested renewal term configuration.
    pub auto_renew: Option<bool>,
    /// The requested `variablePaymentTermConfiguration` (the buyer's payment-request approval
    /// strategy), kept on the agreement's VariablePaymentTerm.
    #[serde(default)]
    pub variable_payment: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    /// The agreement AcceptAgreementRequest made, once accepted.
    pub agreement_id: Option<String>,
    /// The CreateAgreementRequest output, replayed for a repeated client token.
    pub output: serde_json::Value,
}

/// Every agreement request, and `(caller, clientToken)` → request id.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Requests {
    pub list: Vec<AgreementRequest>,
    pub tokens: BTreeMap<String, String>,
}

impl Requests {
    pub fn get(&self, id: &str) -> Option<&AgreementRequest> {
        self.list.iter().find(|r| r.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut AgreementRequest> {
        self.list.iter_mut().find(|r| r.id == id)
    }

    /// Whether `buyer` has started the buyer flow on `offer_id` (the stand-in buyer then keeps
    /// out of it).
    pub fn has_request(&self, offer_id: &str, buyer: &str) -> bool {
        self.list
            .iter()
            .any(|r| r.offer_id == offer_id && r.acceptor == buyer)
    }

    pub fn token_key(caller: &str, token: &str) -> String {
        format!("{caller}/{token}")
    }
}
