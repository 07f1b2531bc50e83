//! The agreements the emulator holds, and which (offer, buyer) pairs have already accepted.
//!
//! An agreement is a snapshot: its accepted terms and charges are copied from the offer when the
//! buyer accepts, so later offer revisions do not rewrite an existing agreement (as on AWS).

use std::collections::HashSet;

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
}

impl Status {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Status::Active => "ACTIVE",
            Status::Expired => "EXPIRED",
            Status::Replaced => "REPLACED",
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
}

/// All Agreement data.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct AgreementState {
    agreements: Vec<Agreement>,
    /// (offer id, buyer account) pairs that already produced an agreement.
    accepted: HashSet<(String, String)>,
    /// Buyer agreement requests (CreateAgreementRequest / AcceptAgreementRequest).
    pub(super) requests: super::requests::Requests,
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

    /// ACTIVE agreements whose end time has passed become EXPIRED (no renewal is emulated).
    pub(super) fn expire(&mut self, now: DateTime<Utc>) {
        for a in &mut self.agreements {
            if a.status == Status::Active && now >= a.end_time {
                a.status = Status::Expired;
                a.last_update_time = a.end_time;
            }
        }
    }
}
