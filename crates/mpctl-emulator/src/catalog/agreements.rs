//! The agreements a change set names (`AgreementId` of CreateReplacementOffer*), looked up
//! through the Agreement service when the set is started. The Catalog applies sets later, from
//! its own state, so each set keeps the snapshot it was started with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::changesets::changes;
use crate::agreement::AgreementState;

/// What a replacement offer needs to know about the agreement it replaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementRef {
    pub id: String,
    /// `ACTIVE`, `EXPIRED`, …
    pub status: String,
    /// The buyer account that accepted it.
    pub acceptor: String,
    /// The product it bought, when the agreement names one.
    pub product_id: Option<String>,
}

/// Agreement id → what the Agreement service knows of it (absent ids are unknown agreements).
pub type Agreements = BTreeMap<String, AgreementRef>;

/// Looks up every `AgreementId` in the request's change details.
pub fn lookup(agreements: &AgreementState, request: &Value) -> Agreements {
    let mut found = Agreements::new();
    for change in changes(request) {
        let Some(details) = mpctl_changeset::details_of(change) else {
            continue;
        };
        let Some(id) = details.get("AgreementId").and_then(Value::as_str) else {
            continue;
        };
        let described = agreements.describe(id, crate::ids::SELLER_ACCOUNT);
        if let Ok(a) = described {
            let text = |p: &str| a.pointer(p).and_then(Value::as_str).map(str::to_string);
            found.insert(
                id.to_string(),
                AgreementRef {
                    id: id.to_string(),
                    status: text("/status").unwrap_or_default(),
                    acceptor: text("/acceptor/accountId").unwrap_or_default(),
                    product_id: text("/proposalSummary/resources/0/id"),
                },
            );
        }
    }
    found
}
