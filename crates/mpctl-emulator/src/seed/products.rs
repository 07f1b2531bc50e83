//! Seeded SaaS products: released and public, with a SaaS URL delivery option and dimensions —
//! contract tiers, metered workloads, or both — as `saas-product.json` publishes them.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::rng::SeedRng;
use super::words;
use crate::catalog::{CatalogState, SeedEntity};

/// Which dimensions a product has, and so which terms its offers may price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pricing {
    /// Entitled tiers only (contracts).
    Contract,
    /// Externally metered workloads only (pay as you go).
    Usage,
    /// Both (contracts with consumption).
    Both,
}

/// A seeded product, as its offers need it.
pub(super) struct Product {
    pub id: String,
    pub title: String,
    pub pricing: Pricing,
    pub released_at: DateTime<Utc>,
}

pub(super) const TIERS: &[&str] = &["BasicService", "PremiumService", "EnterpriseService"];
pub(super) const WORKLOADS: &[&str] = &["WorkloadSmall", "WorkloadMedium", "WorkloadLarge"];

/// Makes `n` products owned by `owner`, published from `start` on, one a few hours apart.
pub(super) fn seed(
    catalog: &mut CatalogState,
    rng: &mut SeedRng,
    owner: &str,
    n: usize,
    start: DateTime<Utc>,
) -> Result<Vec<Product>, String> {
    let mut made = Vec::with_capacity(n);
    for i in 0..n {
        let pricing = match i % 3 {
            0 => Pricing::Both,
            1 => Pricing::Contract,
            _ => Pricing::Usage,
        };
        let title = words::product_title(i);
        let at = start + Duration::minutes(7 * i as i64);
        let id = format!("prod-{}", rng.alnum(13));
        let product_code = rng.alnum(25);
        let changes = changes(&title, pricing);
        let mut fresh = |prefix: &str| format!("{prefix}{}", rng.alnum(13));
        let entity = SeedEntity {
            entity_type: "SaaSProduct@1.0",
            owner,
            id: id.clone(),
            product_code,
            changes,
            at,
        };
        catalog.seed_entity(entity, &mut fresh)?;
        made.push(Product {
            id,
            title,
            pricing,
            released_at: at,
        });
    }
    Ok(made)
}

fn changes(title: &str, pricing: Pricing) -> Vec<(&'static str, Value)> {
    let slug: String = title.to_lowercase().replace(' ', "-");
    vec![
        ("CreateProduct", json!({})),
        (
            "UpdateInformation",
            json!({"ProductTitle": title,
                "ShortDescription": format!("{title}, delivered as SaaS"),
                "LongDescription": format!("{title} runs in the seller's AWS account and bills through AWS Marketplace."),
                "Highlights": ["Pay through your AWS bill", "Deploys in minutes"],
                "SearchKeywords": [slug.clone(), "saas"],
                "Categories": ["Data Catalogs"],
                "LogoUrl": "https://s3.amazonaws.com/logos/sample.png",
                "AdditionalResources": []}),
        ),
        (
            "AddDeliveryOptions",
            json!({"DeliveryOptions": [{"Details": {"SaaSUrlDeliveryOptionDetails": {
                "FulfillmentUrl": format!("https://{slug}.example.com/register")}}}]}),
        ),
        ("AddDimensions", Value::Array(dimensions(pricing))),
        ("ReleaseProduct", json!({})),
        ("UpdateVisibility", json!({"TargetVisibility": "Public"})),
    ]
}

fn dimensions(pricing: Pricing) -> Vec<Value> {
    let dim = |key: &str, kind: &str| json!({"Key": key, "Name": key, "Description": key, "Types": [kind], "Unit": "Units"});
    let mut dims = Vec::new();
    if pricing != Pricing::Usage {
        dims.extend(TIERS.iter().map(|k| dim(k, "Entitled")));
    }
    if pricing != Pricing::Contract {
        dims.extend(WORKLOADS.iter().map(|k| dim(k, "ExternallyMetered")));
    }
    dims
}
