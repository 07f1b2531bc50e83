//! GetProduct: a product as the calling buyer may see it, from its Catalog document
//! (`Description`, `PromotionalResources`, `SupportInformation`, delivery options).
//!
//! [I] The answer also carries the product's `listingId`: the Rust SDK's newer model has it,
//! the embedded botocore model (2026-02-05) not yet.
//!
//! [I] `AdditionalResources` become `MANUFACTURER_INSTRUCTIONS` links, the support description
//! a `MANUFACTURER_SUPPORT` resource; promotional media and seller engagements are empty (the
//! Catalog's video links carry none of the preview and thumbnail URLs Discovery requires).

use serde_json::{json, Value};

use super::access::{find_product, listing_id};
use super::describe::{
    categories, deployed_on_aws, description_list, fulfillment_summaries, logo, long_description,
    seller, short_description,
};
use super::{invalid, Ctx};
use crate::views::ProductView;
use crate::wire::{ApiError, OpResult};

/// A required id member of the input.
pub(crate) fn required<'a>(input: &'a Value, key: &str) -> Result<&'a str, ApiError> {
    input
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            invalid(
                "MALFORMED_REQUEST_PARAMETERS",
                format!("{key} is required."),
            )
        })
}

/// `Resource` list.
pub fn resources(product: &ProductView<'_>) -> Vec<Value> {
    let mut out: Vec<Value> = product
        .document
        .pointer("/PromotionalResources/AdditionalResources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let url = r.get("Url").and_then(Value::as_str)?;
            let mut item = json!({"resourceType": "MANUFACTURER_INSTRUCTIONS", "contentType": "LINK", "value": url});
            if let Some(text) = r.get("Text").and_then(Value::as_str) {
                item["displayName"] = json!(text);
            }
            Some(item)
        })
        .collect();
    if let Some(support) = product
        .document
        .pointer("/SupportInformation/Description")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
    {
        out.push(json!({"resourceType": "MANUFACTURER_SUPPORT", "contentType": "OTHER", "value": support}));
    }
    out
}

/// GetProduct.
pub fn get_product(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required(input, "productId")?;
    let product = find_product((ctx.offers, ctx.agreements), id, ctx.caller)
        .ok_or_else(|| ApiError::not_found(format!("Product {id} not found.")))?;
    Ok(json!({
        "productId": product.id,
        "catalog": "AWSMarketplace",
        "productName": product.name,
        "deployedOnAws": deployed_on_aws(&product),
        "shortDescription": short_description(&product),
        "longDescription": long_description(&product),
        "manufacturer": seller(product.owner),
        "logoThumbnailUrl": logo(&product),
        "fulfillmentOptionSummaries": fulfillment_summaries(&product),
        "categories": categories(&product),
        "highlights": description_list(&product, "Highlights"),
        "promotionalMedia": [],
        "resources": resources(&product),
        "sellerEngagements": [],
        "listingId": listing_id(product.id),
    }))
}
