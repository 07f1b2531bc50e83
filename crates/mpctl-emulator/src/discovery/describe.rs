//! The pieces of Discovery's answers built from Catalog documents, shared by the handlers:
//! seller and product information, pricing models and units, categories, fulfillment option
//! summaries, descriptions and the logo.
//!
//! [I] The seller's profile id is `seller-<account>` and its display name "Emulated seller"
//! (the Catalog has no seller profile). A product without a `LogoUrl` gets AWS Marketplace's
//! placeholder logo, one without a short description its title, one without a long description
//! its short description (Discovery requires all three). A category's id is its name in
//! lower-kebab case; its display name the name.

use serde_json::{json, Value};

use crate::views::{OfferView, ProductView};

/// The logo Discovery shows when the product has none.
const PLACEHOLDER_LOGO: &str = "https://d7umqicpi7263.cloudfront.net/img/product/placeholder.png";

/// `SellerInformation` for a seller account.
pub fn seller(account: &str) -> Value {
    json!({"sellerProfileId": seller_profile_id(account), "displayName": "Emulated seller"})
}

/// The seller profile id of an account.
pub fn seller_profile_id(account: &str) -> String {
    format!("seller-{account}")
}

/// `ProductInformation`.
pub fn product_information(product: &ProductView<'_>) -> Value {
    json!({
        "productId": product.id,
        "productName": product.name,
        "manufacturer": seller(product.owner),
    })
}

/// `OfferInformation`.
pub fn offer_information(offer: &OfferView<'_>) -> Value {
    let mut out = json!({"offerId": offer.id, "sellerOfRecord": seller(offer.owner)});
    if let Some(name) = offer.document.get("Name").and_then(Value::as_str) {
        out["offerName"] = json!(name);
    }
    out
}

/// `USAGE`, `CONTRACT`, `BYOL` or `FREE` from the offer's `PricingModel` or its pricing terms.
pub fn pricing_model_type(offer: &OfferView<'_>) -> &'static str {
    let declared = offer.document.get("PricingModel").and_then(Value::as_str);
    let has = |t: &str| {
        offer
            .document
            .get("Terms")
            .and_then(Value::as_array)
            .is_some_and(|ts| {
                ts.iter()
                    .any(|x| x.get("Type").and_then(Value::as_str) == Some(t))
            })
    };
    match declared {
        Some("Contract") => "CONTRACT",
        Some("Usage") => "USAGE",
        Some("Byol") => "BYOL",
        Some("Free") | Some("FreeTrial") => "FREE",
        _ if has("ConfigurableUpfrontPricingTerm") || has("FixedUpfrontPricingTerm") => "CONTRACT",
        _ if has("UsageBasedPricingTerm") => "USAGE",
        _ if has("ByolPricingTerm") => "BYOL",
        _ => "FREE",
    }
}

/// `PricingModel` of a type.
pub fn pricing_model(kind: &str) -> Value {
    let display = match kind {
        "CONTRACT" => "Contract",
        "USAGE" => "Usage",
        "BYOL" => "Bring your own license",
        _ => "Free",
    };
    json!({"pricingModelType": kind, "displayName": display})
}

/// Whether an offer has a free trial term.
pub fn has_free_trial(offer: &OfferView<'_>) -> bool {
    offer
        .document
        .get("Terms")
        .and_then(Value::as_array)
        .is_some_and(|ts| {
            ts.iter()
                .any(|t| t.get("Type").and_then(Value::as_str) == Some("FreeTrialPricingTerm"))
        })
}

/// A string member of the product's `Description`.
fn description<'a>(product: &'a ProductView<'_>, key: &str) -> Option<&'a str> {
    product
        .document
        .pointer(&format!("/Description/{key}"))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// A string list member of the product's `Description`.
pub fn description_list(product: &ProductView<'_>, key: &str) -> Vec<String> {
    product
        .document
        .pointer(&format!("/Description/{key}"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The short description (or the title).
pub fn short_description(product: &ProductView<'_>) -> String {
    description(product, "ShortDescription").map_or_else(|| product.name.clone(), str::to_string)
}

/// The long description (or the short one).
pub fn long_description(product: &ProductView<'_>) -> String {
    description(product, "LongDescription")
        .map_or_else(|| short_description(product), str::to_string)
}

/// The logo URL (or the placeholder).
pub fn logo(product: &ProductView<'_>) -> String {
    product
        .document
        .pointer("/PromotionalResources/LogoUrl")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .unwrap_or(PLACEHOLDER_LOGO)
        .to_string()
}

/// A category's id: its name in lower-kebab case.
pub fn category_id(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// `Category` list.
pub fn categories(product: &ProductView<'_>) -> Vec<Value> {
    description_list(product, "Categories")
        .iter()
        .map(|c| json!({"categoryId": category_id(c), "displayName": c}))
        .collect()
}

/// `PricingUnitType` of a dimension's `Unit`.
fn pricing_unit_type(unit: &str) -> &'static str {
    match unit.to_ascii_lowercase().as_str() {
        "users" | "user" | "seats" => "USERS",
        "hosts" | "host" | "hrs" | "hours" => "HOSTS",
        "requests" | "request" => "REQUESTS",
        "mbps" | "gbps" => "BANDWIDTH",
        "mb" | "gb" | "tb" | "data" => "DATA",
        "tiers" | "tier" => "TIERS",
        _ => "UNITS",
    }
}

/// The pricing unit types of the product's dimensions, each once.
pub fn pricing_unit_types(product: &ProductView<'_>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for dim in product
        .document
        .get("Dimensions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = pricing_unit_type(dim.get("Unit").and_then(Value::as_str).unwrap_or(""));
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out
}

/// `PricingUnit` list.
pub fn pricing_units(product: &ProductView<'_>) -> Vec<Value> {
    pricing_unit_types(product)
        .into_iter()
        .map(|t| {
            let mut display = t.to_ascii_lowercase();
            display[..1].make_ascii_uppercase();
            json!({"pricingUnitType": t, "displayName": display})
        })
        .collect()
}

/// `FulfillmentOptionType` and its display name for a delivery option `Type`, or else for the
/// product's entity type.
pub fn fulfillment_type(
    option_type: Option<&str>,
    product_type: &str,
) -> (&'static str, &'static str) {
    match option_type.unwrap_or("") {
        "SaaSUrl" => return ("SAAS", "SaaS"),
        "AmazonMachineImage" => return ("AMAZON_MACHINE_IMAGE", "Amazon Machine Image"),
        "Container" | "EcrDeliveryOptionDetails" => return ("CONTAINER", "Container image"),
        "Helm" => return ("HELM", "Helm chart"),
        "EksAddOn" => return ("EKS_ADD_ON", "Amazon EKS add-on"),
        _ => {}
    }
    match product_type {
        "SaaSProduct" => ("SAAS", "SaaS"),
        "AmiProduct" => ("AMAZON_MACHINE_IMAGE", "Amazon Machine Image"),
        "ContainerProduct" => ("CONTAINER", "Container image"),
        "MachineLearningProduct" => ("SAGEMAKER_MODEL", "Amazon SageMaker model"),
        "DataProduct" => ("DATA_EXCHANGE", "AWS Data Exchange"),
        _ => ("PROFESSIONAL_SERVICES", "Professional services"),
    }
}

/// The delivery options a buyer may see (every version's, not `Restricted`).
pub fn delivery_options<'a>(product: &'a ProductView<'_>) -> Vec<(&'a Value, &'a Value)> {
    product
        .document
        .get("Versions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|v| {
            v.get("DeliveryOptions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(move |o| (v, o))
        })
        .filter(|(_, o)| o.get("Visibility").and_then(Value::as_str) != Some("Restricted"))
        .collect()
}

/// `FulfillmentOptionSummary` list: one per fulfillment type the visible delivery options have.
pub fn fulfillment_summaries(product: &ProductView<'_>) -> Vec<Value> {
    let mut kinds: Vec<(&str, &str)> = Vec::new();
    for (_, option) in delivery_options(product) {
        let kind = fulfillment_type(
            option.get("Type").and_then(Value::as_str),
            product.type_name,
        );
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
        .into_iter()
        .map(|(t, d)| json!({"fulfillmentOptionType": t, "displayName": d}))
        .collect()
}

/// `DeployedOnAwsStatus`.
///
/// [I] SaaS products are `NOT_DEPLOYED` (the Catalog records no "Deployed on AWS" attestation);
/// products the buyer runs in its own account, and every other kind, `NOT_APPLICABLE`.
pub fn deployed_on_aws(product: &ProductView<'_>) -> &'static str {
    if product.type_name == "SaaSProduct" {
        "NOT_DEPLOYED"
    } else {
        "NOT_APPLICABLE"
    }
}
