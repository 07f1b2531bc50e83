//! GetOffer: the offer as its buyer sees it, with the agreement proposal id of its current
//! revision (the proposal rules are in `offering`).

use serde_json::{json, Value};

use super::describe::{pricing_model, pricing_model_type, seller};
use super::offer_set::offer_badges;
use super::{offer_id, Ctx};
use crate::clock;
use crate::offering::{current_proposal, expiration, find, not_found, replaced_agreement};
use crate::wire::OpResult;

/// GetOffer.
pub fn get_offer(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = offer_id(input)?;
    let offer = find((ctx.offers, ctx.agreements), id, ctx.caller).ok_or_else(|| not_found(id))?;
    let mut out = json!({
        "offerId": offer.id,
        "catalog": "AWSMarketplace",
        "sellerOfRecord": seller(offer.owner),
        "associatedEntities": [],
        "agreementProposalId": current_proposal(ctx.offers, offer.id),
        "pricingModel": pricing_model(pricing_model_type(&offer)),
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
            "manufacturer": seller(product.owner),
        }}]);
    }
    if let Some(agreement) = replaced_agreement(&offer) {
        out["replacementAgreementId"] = json!(agreement);
    }
    out["badges"] = Value::Array(offer_badges(&offer));
    Ok(out)
}
