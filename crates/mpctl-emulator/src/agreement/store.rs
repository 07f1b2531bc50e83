//! The agreements the emulator holds, and which (offer, buyer) pairs have already accepted.
//!
//! An agreement is a snapshot: its accepted terms and charges are copied from the offer when the
//! buyer accepts, so later offer revisions do not rewrite an existing agreement (as on AWS).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::wire::ApiError;

/// `A:AgreementStatus` values the emulator produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Status {
    Active,
    Expired,
    /// A REPLACE agreement request was accepted against it.
    Replaced,
    /// An agreement cancellation request was approved (see `cancellation`).
    Cancelled,
}

impl Status {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Status::Active => "ACTIVE",
            Status::Expired => "EXPIRED",
            Status::Replaced => "REPLACED",
            Status::Cancelled => "CANCELLED",
        }
    }
}

/// `proposalSummary.resources[]`: the product an offer sells.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Resource {
    pub id: String,
    /// Product entity type without version, e.g. `SaaSProduct`.
    pub kind: String,
}

/// One `PurchaseAgreement` between the seller (proposer) and a buyer (acceptor).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Agreement {
    /// `agmt-` + 25 lowercase alphanumerics.
    pub id: String,
    pub agreement_type: String,
    pub proposer: String,
    pub acceptor: String,
    pub offer_id: String,
    /// The offer set the offer belonged to when the buyer accepted (`proposalSummary.offerSetId`).
    #[serde(default)]
    pub offer_set_id: Option<String>,
    pub resources: Vec<Resource>,
    pub acceptance_time: DateTime<Utc>,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub last_update_time: DateTime<Utc>,
    pub status: Status,
    /// `A:AcceptedTerm` union objects, each with exactly one key.
    pub terms: Vec<Value>,
    pub currency_code: String,
    pub agreement_value: String,
}

impl Agreement {
    /// Whether the accepted terms include a renewal term (drives `endTimeBehavior`).
    pub(super) fn has_renewal_term(&self) -> bool {
        self.terms.iter().any(|t| t.get("renewalTerm").is_some())
    }

    /// Whether the buyer accepted the renewal term with auto-renew on.
    pub(super) fn auto_renews(&self) -> bool {
        self.terms.iter().any(|t| {
            t.pointer("/renewalTerm/configuration/enableAutoRenew") == Some(&Value::Bool(true))
        })
    }
}

/// All Agreement data.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct AgreementState {
    agreements: Vec<Agreement>,
    /// (offer id, buyer account) pairs that already produced an agreement.
    accepted: BTreeSet<(String, String)>,
    /// The buyer stand-in's last full scan: (the catalog's generation, agreement requests,
    /// the next instant an acceptance comes due). While the first two are unchanged nothing
    /// can come due before the third, so a request at a seller's size does not rebuild every
    /// offer's view. Derived, not saved.
    #[serde(skip)]
    pub(super) accept_watch: Option<(u64, usize, DateTime<Utc>)>,
    /// Buyer agreement requests (CreateAgreementRequest / AcceptAgreementRequest).
    pub(super) requests: super::requests::Requests,
    /// Seller cancellation requests (SendAgreementCancellationRequest and the answers).
    #[serde(default)]
    pub(super) cancellations: super::cancel_data::Cancellations,
    /// Charges, invoices, credit memos and metered usage (see `invoices`).
    #[serde(default)]
    pub(super) ledger: super::ledger::Ledger,
    /// Seller billing adjustment requests (refunds; see `billing`).
    #[serde(default)]
    pub(super) adjustments: super::billing_data::Adjustments,
    /// Seller payment requests against VariablePaymentTerms (see `payment_requests`).
    #[serde(default)]
    pub(super) payments: super::payment_data::Payments,
}

impl AgreementState {
    pub(super) fn has_accepted(&self, offer_id: &str, buyer: &str) -> bool {
        self.accepted
            .contains(&(offer_id.to_string(), buyer.to_string()))
    }

    pub(super) fn insert(&mut self, agreement: Agreement) {
        self.accepted
            .insert((agreement.offer_id.clone(), agreement.acceptor.clone()));
        self.agreements.push(agreement);
    }

    pub(super) fn get(&self, id: &str) -> Option<&Agreement> {
        self.agreements.iter().find(|a| a.id == id)
    }

    /// The agreement `id` as `caller` may read it: only its proposer and acceptor may; anyone
    /// else gets AccessDeniedException, as the model lists for DescribeAgreement,
    /// GetAgreementTerms and GetAgreementEntitlements.
    pub(super) fn party_view(&self, id: &str, caller: &str) -> Result<&Agreement, ApiError> {
        let a = self
            .get(id)
            .ok_or_else(|| super::input::agreement_not_found(id))?;
        if a.proposer != caller && a.acceptor != caller {
            return Err(super::input::access_denied(id, caller));
        }
        Ok(a)
    }

    pub(super) fn get_mut(&mut self, id: &str) -> Option<&mut Agreement> {
        self.agreements.iter_mut().find(|a| a.id == id)
    }

    pub(super) fn all(&self) -> &[Agreement] {
        &self.agreements
    }

    /// ACTIVE agreements whose end time has passed become EXPIRED, unless the buyer accepted
    /// auto-renewal: [I] those renew in place for another term of the same length, as many
    /// times as the clock passed (AWS starts a renewed period; the emulator keeps one id).
    /// Returns the agreements that expired now.
    pub(super) fn expire(&mut self, now: DateTime<Utc>, changed: &mut bool) -> Vec<&Agreement> {
        let mut expired = Vec::new();
        for (i, a) in self.agreements.iter_mut().enumerate() {
            if a.status != Status::Active || now < a.end_time {
                continue;
            }
            *changed = true;
            let term = a.end_time - a.start_time;
            if a.auto_renews() && term > chrono::Duration::zero() {
                while now >= a.end_time {
                    a.last_update_time = a.end_time;
                    a.end_time += term;
                }
                continue;
            }
            a.status = Status::Expired;
            a.last_update_time = a.end_time;
            expired.push(i);
        }
        expired.into_iter().map(|i| &self.agreements[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use serde_json::json;

    use super::*;

    fn agreement(auto_renew: Option<bool>, start: DateTime<Utc>) -> Agreement {
        let terms = match auto_renew {
            Some(on) => vec![json!({"renewalTerm": {"configuration": {"enableAutoRenew": on}}})],
            None => Vec::new(),
        };
        Agreement {
            id: "agmt-1".into(),
            agreement_type: "PurchaseAgreement".into(),
            proposer: "123456789012".into(),
            acceptor: "444455556666".into(),
            offer_id: "offer-1".into(),
            offer_set_id: None,
            resources: Vec::new(),
            acceptance_time: start,
            start_time: start,
            end_time: start + Duration::days(365),
            last_update_time: start,
            status: Status::Active,
            terms,
            currency_code: "USD".into(),
            agreement_value: "0".into(),
        }
    }

    #[test]
    fn past_its_end_an_agreement_expires_or_renews_per_its_renewal_term() {
        let start = Utc::now();
        for (auto_renew, status) in [
            (None, Status::Expired),
            (Some(false), Status::Expired),
            (Some(true), Status::Active),
        ] {
            let mut state = AgreementState::default();
            state.insert(agreement(auto_renew, start));
            state.expire(start + Duration::days(400), &mut false);
            let a = state.get("agmt-1").expect("kept");
            assert_eq!(a.status, status, "{auto_renew:?}");
            if status == Status::Active {
                assert_eq!(a.end_time, start + Duration::days(730));
                assert_eq!(a.last_update_time, start + Duration::days(365));
            }
        }
    }
}
