//! Marketplace Discovery through the Rust SDK (`aws-sdk-marketplacediscovery`), signed as the
//! seller, the targeted buyer and a stranger: what each account sees of products, listings,
//! offers and offer sets (released only, private offers to their buyers only), the list and
//! search operations with their filters and paging, and the same visibility through boto3.

mod boto3;
mod catalog_views;
mod search;

use serde_json::{json, Value};

use crate::support::accounts::{private_offer, product};
use crate::support::catalog::run_ok;
use crate::support::CatalogClient;

/// A SaaS product with a description, a delivery option and the given categories, released
/// (Limited) and, when `public`, made Public; returns its id.
pub async fn released_product(
    c: &CatalogClient,
    title: &str,
    categories: &[&str],
    public: bool,
) -> String {
    let id = product(c, title).await;
    let et = "SaaSProduct@1.0";
    let at = json!({"Type": et, "Identifier": id});
    let mut info = json!({
        "ProductTitle": title,
        "ShortDescription": format!("{title} in short"),
        "LongDescription": format!("{title}, described at length."),
        "Highlights": ["Fast"],
        "SearchKeywords": ["emulated"],
        "LogoUrl": "https://example.com/logo.png",
    });
    if !categories.is_empty() {
        info["Categories"] = json!(categories);
    }
    let mut changes = vec![
        json!({"ChangeType": "UpdateInformation", "Entity": at, "DetailsDocument": info}),
        json!({"ChangeType": "AddDeliveryOptions", "Entity": at, "DetailsDocument": {"DeliveryOptions": [
            {"Details": {"SaaSUrlDeliveryOptionDetails": {"FulfillmentUrl": "https://example.com/signup"}}}
        ]}}),
        json!({"ChangeType": "ReleaseProduct", "Entity": at, "DetailsDocument": {}}),
    ];
    if public {
        changes.push(json!({"ChangeType": "UpdateVisibility", "Entity": at, "DetailsDocument": {"TargetVisibility": "Public"}}));
    }
    run_ok(c, &changes).await;
    id
}

/// A released public offer (no targeting) on `product`; returns its id.
pub async fn public_offer(c: &CatalogClient, product: &str) -> String {
    let ty = "Offer@1.0";
    let at = json!({"Type": ty, "Identifier": "$O.Entity.Identifier"});
    let pricing = json!({"PricingModel": "Usage", "Terms": [
        {"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [{"DimensionKey": "Seats", "Price": "0.10"}]}]}
    ]});
    let changes = [
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": ty}, "DetailsDocument": {"ProductId": product, "Name": "Public offer"}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": pricing}),
        json!({"ChangeType": "ReleaseOffer", "Entity": at, "DetailsDocument": {}}),
    ];
    run_ok(c, &changes).await.remove(0)
}

/// A private offer on `product` for `buyer` (see `support::accounts::private_offer`).
pub async fn offer_for(c: &CatalogClient, product: &str, buyer: &str) -> String {
    private_offer(c, product, buyer, Value::Null, &[]).await
}
