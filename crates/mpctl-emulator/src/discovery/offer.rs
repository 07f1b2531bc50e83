//! GetOffer, and the agreement proposal ids it hands out.
//!
//! [I] A proposal id names one revision of an offer (`ap-` + 25 alphanumerics derived from
//! `offer@revision`), so a later change to the offer (new terms, new end date) supersedes it:
//! CreateAgreementRequest with an older id fails with `SUPERSEDED_AGREEMENT_PROPOSAL`.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::offer_id;
use super::visibility::{self, find};
use crate::catalog::OfferView;
use crate::clock;
use crate::ids;
use crate::wire::{ApiError, OpResult};
use crate::world::World;

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

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
pub fn resolve(world: &World, proposal: &str) -> Proposal {
    for offer in world.catalog.offers() {
        let Some(entity) = world.catalog.entity(offer.id) else {
            continue;
        };
        if proposal_id(offer.id, entity.revision) == proposal {
            return Proposal::Current(offer.id.to_string());
        }
        if (0..entity.revision).any(|r| proposal_id(offer.id, r) == proposal) {
            return Proposal::Superseded(offer.id.to_string());
        }
    }
    Proposal::Unknown
}

/// The current proposal id of an offer.
pub fn current_proposal(world: &World, offer_id: &str) -> Option<String> {
    world
        .catalog
        .entity(offer_id)
        .map(|e| proposal_id(offer_id, e.revision))
}

/// [I] An offer may be accepted through the whole `AvailabilityEndDate` (UTC): it expires at the
/// end of that day.
pub fn expiration(offer: &OfferView<'_>) -> Option<DateTime<Utc>> {
    let end = visibility::availability_end(offer)?;
    let day = NaiveDate::parse_from_str(end.get(..10)?, "%Y-%m-%d").ok()?;
    day.succ_opt()?.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

fn seller() -> Value {
    json!({"sellerProfileId": format!("seller-{}", ids::SELLER_ACCOUNT), "displayName": "Emulated seller"})
}

/// `pricingModel` from the offer's `PricingModel` or its pricing terms.
fn pricing_model(offer: &OfferView<'_>) -> Value {
    let declared = offer.document.get("PricingModel").and_then(Value::as_str);
    let types: Vec<&str> = offer
        .document
        .get("Terms")
        .and_then(Value::as_array)
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t.get("Type").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    let has = |t: &str| types.contains(&t);
    let kind = match declared {
        Some("Contract") => "CONTRACT",
        Some("Usage") => "USAGE",
        Some("Byol") => "BYOL",
        Some("Free") | Some("FreeTrial") => "FREE",
        _ if has("ConfigurableUpfrontPricingTerm") || has("FixedUpfrontPricingTerm") => "CONTRACT",
        _ if has("UsageBasedPricingTerm") => "USAGE",
        _ if has("ByolPricingTerm") => "BYOL",
        _ => "FREE",
    };
    let display = match kind {
        "CONTRACT" => "Contract",
        "USAGE" => "Usage",
        "BYOL" => "Bring your own license",
        _ => "Free",
    };
    json!({"pricingModelType": kind, "displayName": display})
}

/// GetOffer.
pub fn get_offer(world: &World, input: &Value, caller: &str) -> OpResult {
    let id = offer_id(input)?;
    let offer = find(world, id, caller).ok_or_else(|| not_found(id))?;
    let mut out = json!({
        "offerId": offer.id,
        "catalog": "AWSMarketplace",
        "sellerOfRecord": seller(),
        "associatedEntities": [],
        "agreementProposalId": current_proposal(world, offer.id),
        "pricingModel": pricing_model(&offer),
        "badges": [],
    });
    if let Some(name) = offer.document.get("Name").and_then(Value::as_str) {
        out["offerName"] = json!(name);
    }
    if let Some(t) = expiration(&offer) {
        out["expirationTime"] = json!(clock::epoch_seconds(t));
    }
    if let Some(t) = offer.released_at {
        out["availableFromTime"] = json!(clock::epoch_seconds(t));
    }
    // A replacement offer sells what the replaced agreement covers.
    let product_id = offer.product_id.map(str::to_string).or_else(|| {
        visibility::replaced_agreement(&offer)
            .and_then(|a| world.agreement.products_of(&a).into_iter().next())
    });
    if let Some(product) = product_id.and_then(|p| world.catalog.entity(&p)) {
        out["associatedEntities"] = json!([{"product": {
            "productId": product.id,
            "productName": product.name(),
            "manufacturer": seller(),
        }}]);
    }
    let mut badges = Vec::new();
    if !offer.buyer_accounts.is_empty() {
        badges.push(json!({"displayName": "Private price", "badgeType": "PRIVATE_PRICING"}));
    }
    if let Some(agreement) = visibility::replaced_agreement(&offer) {
        out["replacementAgreementId"] = json!(agreement);
        badges.push(json!({"displayName": "Replacement offer", "badgeType": "REPLACEMENT_OFFER"}));
    }
    out["badges"] = Value::Array(badges);
    Ok(out)
}

/// The `ResourceNotFoundException` for an offer the caller cannot see.
pub(crate) fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Offer {id} not found."))
}
