//! GetOfferSet: a released offer set as its buyer sees it (who may see one is `access`'s rule),
//! with the product-offer pairs of its offers; and the badges a purchase option shows, shared
//! with ListPurchaseOptions.
//!
//! [I] An offer set's availability is its offers': available from the latest release among them
//! and expiring with the earliest expiration.

use serde_json::{json, Value};

use super::access::find_offer_set;
use super::describe::{offer_information, product_information, seller};
use super::product::required;
use super::Ctx;
use crate::clock;
use crate::offering::expiration;
use crate::views::{OfferView, ProductView};
use crate::wire::{ApiError, OpResult};

/// `PurchaseOptionBadge` list of an offer.
pub fn offer_badges(offer: &OfferView<'_>) -> Vec<Value> {
    let mut badges = Vec::new();
    if !offer.buyer_accounts.is_empty() {
        badges.push(json!({"displayName": "Private price", "badgeType": "PRIVATE_PRICING"}));
    }
    if offer.replaced_agreement.is_some() {
        badges.push(json!({"displayName": "Replacement offer", "badgeType": "REPLACEMENT_OFFER"}));
    }
    badges
}

/// The `{product, offer}` pair of each offer whose product exists.
pub fn pairs(ctx: &Ctx, offers: &[OfferView<'_>]) -> Vec<Value> {
    offers
        .iter()
        .filter_map(|o| {
            let product = o.product_id.and_then(|p| ctx.offers.product(p))?;
            Some(json!({"product": product_information(&product), "offer": offer_information(o)}))
        })
        .collect()
}

/// `availableFromTime`/`expirationTime` of a set of offers, set on `out`.
pub fn availability(out: &mut Value, offers: &[OfferView<'_>]) {
    if let Some(t) = offers.iter().filter_map(|o| o.released_at).max() {
        out["availableFromTime"] = json!(clock::epoch_seconds(t));
    }
    if let Some(t) = offers.iter().filter_map(expiration).min() {
        out["expirationTime"] = json!(clock::epoch_seconds(t));
    }
}

/// The badges of an offer set: those every one of its offers shows.
pub fn set_badges(offers: &[OfferView<'_>]) -> Vec<Value> {
    let Some(first) = offers.first() else {
        return vec![];
    };
    offer_badges(first)
        .into_iter()
        .filter(|b| offers.iter().all(|o| offer_badges(o).contains(b)))
        .collect()
}

/// GetOfferSet's output.
pub fn describe(ctx: &Ctx, set: &ProductView<'_>, offers: &[OfferView<'_>]) -> Value {
    let mut out = json!({
        "offerSetId": set.id,
        "catalog": "AWSMarketplace",
        "sellerOfRecord": seller(set.owner),
        "badges": set_badges(offers),
        "associatedEntities": pairs(ctx, offers),
    });
    if let Some(name) = set.document.get("Name").and_then(Value::as_str) {
        out["offerSetName"] = json!(name);
    }
    if let Some(notes) = set.document.get("BuyerNotes").and_then(Value::as_str) {
        out["buyerNotes"] = json!(notes);
    }
    availability(&mut out, offers);
    out
}

/// GetOfferSet.
pub fn get_offer_set(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required(input, "offerSetId")?;
    let (set, offers) = find_offer_set((ctx.offers, ctx.agreements), id, ctx.caller)
        .ok_or_else(|| ApiError::not_found(format!("Offer set {id} not found.")))?;
    Ok(describe(ctx, &set, &offers))
}
