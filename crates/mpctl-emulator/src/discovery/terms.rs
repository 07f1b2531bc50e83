//! GetOfferTerms: the offer's Catalog terms as Discovery `OfferTerm` unions. The term ids are
//! the ones agreements made from the offer carry (shared with the Agreement emulator), so a
//! buyer can request exactly these ids in CreateAgreementRequest.
//!
//! Discovery's rate-card items and grants also require `displayName` and `unit`: they come from
//! the product's dimension (`Name`, `Unit`), falling back to the key.
//!
//! [I] All terms are returned on one page; `maxResults` is checked but there is no paging.

use serde_json::{json, Value};

use super::{invalid, offer_id, Ctx};
use crate::agreement::terms_of;
use crate::offering::{find, not_found};
use crate::views::{OfferView, Offers};
use crate::wire::OpResult;

fn dimension(offers: &dyn Offers, offer: &OfferView<'_>, key: &str) -> (String, String) {
    let found = offer
        .product_id
        .and_then(|p| offers.product(p))
        .and_then(|p| {
            p.document
                .get("Dimensions")
                .and_then(Value::as_array)
                .cloned()
        })
        .unwrap_or_default()
        .into_iter()
        .find(|d| d.get("Key").and_then(Value::as_str) == Some(key));
    let text = |k: &str| {
        found
            .as_ref()
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .unwrap_or(key)
            .to_string()
    };
    (text("Name"), text("Unit"))
}

/// Adds `displayName`/`unit` to every object with a `dimensionKey` below `v`.
fn label(offers: &dyn Offers, offer: &OfferView<'_>, v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(key) = m
                .get("dimensionKey")
                .and_then(Value::as_str)
                .map(str::to_string)
            {
                let (name, unit) = dimension(offers, offer, &key);
                m.entry("displayName").or_insert(json!(name));
                m.entry("unit").or_insert(json!(unit));
            }
            for child in m.values_mut() {
                label(offers, offer, child);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| label(offers, offer, x)),
        _ => {}
    }
}

/// GetOfferTerms.
pub fn get_offer_terms(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = offer_id(input)?;
    if let Some(m) = input.get("maxResults").filter(|v| !v.is_null()) {
        if !m.as_u64().is_some_and(|n| (1..=100).contains(&n)) {
            return Err(invalid(
                "MALFORMED_REQUEST_PARAMETERS",
                format!("maxResults {m} is out of range."),
            ));
        }
    }
    let offer = find((ctx.offers, ctx.agreements), id, ctx.caller).ok_or_else(|| not_found(id))?;
    let mut terms = terms_of(&offer);
    for t in &mut terms {
        if let Some(renewal) = t.get_mut("renewalTerm").and_then(Value::as_object_mut) {
            // The buyer's choice is made in CreateAgreementRequest, not offered.
            renewal.remove("configuration");
        }
        label(ctx.offers, &offer, t);
    }
    Ok(json!({ "offerTerms": terms }))
}
