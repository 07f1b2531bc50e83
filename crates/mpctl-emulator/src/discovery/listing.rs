//! GetListing, and the listing a product shows the caller (shared with SearchListings): the
//! product's description with the pricing models, badges and offers of the offers the caller
//! may see on it.
//!
//! [I] Emulated listings have no reviews: `reviewSummary` has no sources (average rating 0).
//! The `FREE_TRIAL` badge shows when an offer the caller sees has a free trial term; no other
//! listing badge is derived.

use serde_json::{json, Value};

use super::access::{find_product, listing_id, product_of_listing, visible_offers_of};
use super::describe::{
    categories, description_list, fulfillment_summaries, has_free_trial, logo, long_description,
    offer_information, pricing_model, pricing_model_type, pricing_units, product_information,
    seller, short_description,
};
use super::product::{required, resources};
use super::Ctx;
use crate::views::{OfferView, ProductView};
use crate::wire::{ApiError, OpResult};

/// What a listing shows for one product and caller.
pub struct Listing<'a> {
    pub product: ProductView<'a>,
    pub offers: Vec<OfferView<'a>>,
}

impl<'a> Listing<'a> {
    /// The listing of `product` as `ctx.caller` sees it.
    pub fn of(ctx: &Ctx<'a>, product: ProductView<'a>) -> Listing<'a> {
        let offers = visible_offers_of((ctx.offers, ctx.agreements), product.id, ctx.caller);
        Listing { product, offers }
    }

    /// The pricing model types of the offers, each once.
    pub fn pricing_model_types(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for o in &self.offers {
            let t = pricing_model_type(o);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn pricing_models(&self) -> Vec<Value> {
        self.pricing_model_types()
            .into_iter()
            .map(pricing_model)
            .collect()
    }

    fn badges(&self) -> Vec<Value> {
        if self.offers.iter().any(has_free_trial) {
            vec![json!({"displayName": "Free trial", "badgeType": "FREE_TRIAL"})]
        } else {
            vec![]
        }
    }

    fn review_summary() -> Value {
        json!({"reviewSourceSummaries": []})
    }

    /// `ListingSummary` (SearchListings).
    pub fn summary(&self) -> Value {
        let p = &self.product;
        json!({
            "listingId": listing_id(p.id),
            "listingName": p.name,
            "publisher": seller(p.owner),
            "catalog": "AWSMarketplace",
            "shortDescription": short_description(p),
            "logoThumbnailUrl": logo(p),
            "categories": categories(p),
            "fulfillmentOptionSummaries": fulfillment_summaries(p),
            "badges": self.badges(),
            "reviewSummary": Self::review_summary(),
            "pricingModels": self.pricing_models(),
            "pricingUnits": pricing_units(p),
            "associatedEntities": [{"product": product_information(p)}],
        })
    }

    /// GetListing's output.
    pub fn detail(&self) -> Value {
        let p = &self.product;
        let mut entities: Vec<Value> = self
            .offers
            .iter()
            .map(|o| json!({"product": product_information(p), "offer": offer_information(o)}))
            .collect();
        if entities.is_empty() {
            entities.push(json!({"product": product_information(p)}));
        }
        json!({
            "associatedEntities": entities,
            "badges": self.badges(),
            "catalog": "AWSMarketplace",
            "categories": categories(p),
            "fulfillmentOptionSummaries": fulfillment_summaries(p),
            "highlights": description_list(p, "Highlights"),
            "listingId": listing_id(p.id),
            "listingName": p.name,
            "logoThumbnailUrl": logo(p),
            "longDescription": long_description(p),
            "pricingModels": self.pricing_models(),
            "pricingUnits": pricing_units(p),
            "promotionalMedia": [],
            "publisher": seller(p.owner),
            "resources": resources(p),
            "reviewSummary": Self::review_summary(),
            "sellerEngagements": [],
            "shortDescription": short_description(p),
            "useCases": [],
        })
    }
}

/// GetListing.
pub fn get_listing(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required(input, "listingId")?;
    let missing = || ApiError::not_found(format!("Listing {id} not found."));
    let product_id = product_of_listing(id).ok_or_else(missing)?;
    let product =
        find_product((ctx.offers, ctx.agreements), &product_id, ctx.caller).ok_or_else(missing)?;
    Ok(Listing::of(ctx, product).detail())
}
