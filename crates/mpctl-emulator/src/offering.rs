//! The rules about an offer that Discovery (the buyer's view) and the Agreement service (the
//! buyer's acceptance) both apply, written once over the read-only views: who may see an offer,
//! when it expires, and the agreement proposal ids that name its revisions.
//!
//! [I] A buyer sees a released offer when it is public, targets the buyer's account, or is a
//! replacement offer for one of the buyer's agreements; anything else is
//! `ResourceNotFoundException`, as if it did not exist. The seller account sees every released
//! offer.
//!
//! [I] A proposal id names one revision of an offer (`ap-` + 25 alphanumerics derived from
//! `offer@revision`), so a later change to the offer (new terms, new end date) supersedes it:
//! CreateAgreementRequest with an older id fails with `SUPERSEDED_AGREEMENT_PROPOSAL`.
//!
//! [I] An offer may be accepted through the whole `AvailabilityEndDate` (UTC): it expires at the
//! start of the next day.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::views::{self, Agreements, OfferView, Offers};
use crate::wire::ApiError;

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// The agreement a replacement offer replaces.
pub fn replaced_agreement(offer: &OfferView<'_>) -> Option<String> {
    offer.replaced_agreement.map(str::to_string)
}

/// Whether `caller` may see `offer`.
pub fn visible(agreements: &dyn Agreements, offer: &OfferView<'_>, caller: &str) -> bool {
    if offer.state != "Released" {
        return false;
    }
    if caller == offer.owner {
        return true;
    }
    if let Some(agreement) = replaced_agreement(offer) {
        return agreements.acceptor_of(&agreement).as_deref() == Some(caller);
    }
    offer.buyer_accounts.is_empty() || offer.buyer_accounts.iter().any(|b| b == caller)
}

/// The offer `id` if `caller` may see it.
pub fn find<'a>(
    (offers, agreements): (&'a dyn Offers, &dyn Agreements),
    id: &str,
    caller: &str,
) -> Option<OfferView<'a>> {
    offers.offer(id).filter(|o| visible(agreements, o, caller))
}

/// When the offer can no longer be accepted, if it has an end date.
pub fn expiration(offer: &OfferView<'_>) -> Option<DateTime<Utc>> {
    let end = views::availability_end(offer.document)?;
    let day = NaiveDate::parse_from_str(end.get(..10)?, "%Y-%m-%d").ok()?;
    day.succ_opt()?.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

/// The proposal id of `offer_id` at `revision`.
pub fn proposal_id(offer_id: &str, revision: u32) -> String {
    let digest = Sha256::digest(format!("{offer_id}@{revision}"));
    let suffix: String = digest
        .iter()
        .take(25)
        .map(|b| ALNUM[usize::from(*b) % ALNUM.len()] as char)
        .collect();
    format!("ap-{suffix}")
}

/// What a proposal id refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// The offer's current proposal.
    Current(String),
    /// An earlier revision of the offer.
    Superseded(String),
    Unknown,
}

/// Resolves a proposal id against every offer's revisions.
pub fn resolve(offers: &dyn Offers, proposal: &str) -> Proposal {
    for offer in offers.offers() {
        if proposal_id(offer.id, offer.revision) == proposal {
            return Proposal::Current(offer.id.to_string());
        }
        if (0..offer.revision).any(|r| proposal_id(offer.id, r) == proposal) {
            return Proposal::Superseded(offer.id.to_string());
        }
    }
    Proposal::Unknown
}

/// The current proposal id of an offer.
pub fn current_proposal(offers: &dyn Offers, offer_id: &str) -> Option<String> {
    offers
        .offer(offer_id)
        .map(|o| proposal_id(offer_id, o.revision))
}

/// The `ResourceNotFoundException` for an offer the caller cannot see.
pub fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Offer {id} not found."))
}
