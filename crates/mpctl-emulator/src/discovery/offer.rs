//! GetOffer: the offer as its buyer sees it, with the agreement proposal id of its current
//! revision (the proposal rules are in `offering`).

use serde_json::{json, Value};

use super::{offer_id, Ctx};
use crate::clock;
use crate::ids;
use crate::offering::{current_proposal, expiration, find, not_found, replaced_agreement};
use crate::views::OfferView;
use crate::wire::OpResult;

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
pub fn get_offer(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = offer_id(input)?;
    let offer = find((ctx.offers, ctx.agreements), id, ctx.caller).ok_or_else(|| not_found(id))?;
    let mut out = json!({
        "offerId": offer.id,
        "catalog": "AWSMarketplace",
        "sellerOfRecord": seller(),
        "associatedEntities": [],
        "agreementProposalId": current_proposal(ctx.offers, offer.id),
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
        replaced_agreement(&offer).and_then(|a| ctx.agreements.products_of(&a).into_iter().next())
    });
    if let Some(product) = product_id.and_then(|p| ctx.offers.product(&p)) {
        out["associatedEntities"] = json!([{"product": {
            "productId": product.id,
            "productName": product.name,
            "manufacturer": seller(),
        }}]);
    }
    let mut badges = Vec::new();
    if !offer.buyer_accounts.is_empty() {
        badges.push(json!({"displayName": "Private price", "badgeType": "PRIVATE_PRICING"}));
    }
    if let Some(agreement) = replaced_agreement(&offer) {
        out["replacementAgreementId"] = json!(agreement);
        badges.push(json!({"displayName": "Replacement offer", "badgeType": "REPLACEMENT_OFFER"}));
    }
    out["badges"] = Value::Array(badges);
    Ok(out)
}
