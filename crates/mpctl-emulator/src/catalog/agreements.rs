//! The agreements a change set names (`AgreementId` of CreateReplacementOffer*), looked up
//! through the Agreement service when the set is started. The Catalog applies sets later, from
//! its own state, so each set keeps the snapshot it was started with.

use std::collections::BTreeMap;

use serde_json::Value;

use super::request::changes;
pub use crate::views::AgreementRef;
use crate::views::Agreements as AgreementView;

/// Agreement id → what the Agreement service knows of it (absent ids are unknown agreements).
pub type Agreements = BTreeMap<String, AgreementRef>;

/// Looks up every `AgreementId` in the request's change details.
pub fn lookup(agreements: &dyn AgreementView, request: &Value) -> Agreements {
    let mut found = Agreements::new();
    for change in changes(request) {
        let Some(details) = mpctl_changeset::details_of(change) else {
            continue;
        };
        let Some(id) = details.get("AgreementId").and_then(Value::as_str) else {
            continue;
        };
        if let Some(found_ref) = agreements.agreement_ref(id, crate::ids::SELLER_ACCOUNT) {
            found.insert(id.to_string(), found_ref);
        }
    }
    found
}
