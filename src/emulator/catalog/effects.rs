//! What each change type does to an entity's DescribeEntity document. Change types without a
//! specific rule fall back to replacing terms by `Type` (Update*Terms) or merging top-level keys,
//! so every corpus change applies and stays visible.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::entity::Entity;
use crate::emulator::ids;

/// A per-change error as DescribeChangeSet reports it in `ErrorDetailList`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

impl ErrorDetail {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ErrorDetail {
            code: code.to_string(),
            message: message.into(),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({"ErrorCode": self.code, "ErrorMessage": self.message})
    }
}

/// Applies one change's resolved details to its entity.
pub fn apply(
    entity: &mut Entity,
    change_type: &str,
    details: &Value,
    now: DateTime<Utc>,
) -> Result<(), ErrorDetail> {
    match change_type {
        "CreateProduct" => merge_product_description(entity, details),
        "CreateOffer"
        | "CreateReplacementOffer"
        | "CreateOfferUsingResaleAuthorization"
        | "CreateReplacementOfferUsingResaleAuthorization" => {
            merge_top(entity, details);
        }
        "UpdateInformation" if entity.is_product() => merge_product_information(entity, details),
        "UpdateTargeting" if entity.is_product() => set(entity, "Targeting", details.clone()),
        "UpdateTargeting" => upsert_rule(entity, "TargetingRule", details),
        "UpdateAvailability" => upsert_rule(entity, "AvailabilityRule", details),
        "AddDeliveryOptions" => add_delivery_options(entity, details),
        "AddDimensions" => add_dimensions(entity, details)?,
        "ReleaseProduct" => release_product(entity, now),
        "ReleaseOffer" => release_offer(entity, now)?,
        "UpdatePricingTerms" => replace_terms(entity, details, |t| t.ends_with("PricingTerm")),
        _ if details.get("Terms").is_some() => {
            let types: Vec<String> = term_types(details);
            replace_terms(entity, details, |t| types.iter().any(|x| x == t));
        }
        _ => merge_top(entity, details),
    }
    Ok(())
}

fn doc(entity: &mut Entity) -> &mut Map<String, Value> {
    if !entity.document.is_object() {
        entity.document = json!({});
    }
    entity
        .document
        .as_object_mut()
        .expect("document is an object")
}

fn set(entity: &mut Entity, key: &str, value: Value) {
    doc(entity).insert(key.to_string(), value);
}

fn merge_top(entity: &mut Entity, details: &Value) {
    if let Some(obj) = details.as_object() {
        let d = doc(entity);
        for (k, v) in obj {
            d.insert(k.clone(), v.clone());
        }
    }
}

const DESCRIPTION_KEYS: &[&str] = &[
    "ProductTitle",
    "ShortDescription",
    "LongDescription",
    "Highlights",
    "SearchKeywords",
    "Categories",
    "Sku",
    "AssociatedProducts",
];

fn merge_product_description(entity: &mut Entity, details: &Value) {
    let Some(obj) = details.as_object() else {
        return;
    };
    let d = doc(entity);
    let desc = d.entry("Description").or_insert_with(|| json!({}));
    for key in DESCRIPTION_KEYS {
        if let (Some(v), Some(target)) = (obj.get(*key), desc.as_object_mut()) {
            target.insert((*key).to_string(), v.clone());
        }
    }
}

fn merge_product_information(entity: &mut Entity, details: &Value) {
    merge_product_description(entity, details);
    let Some(obj) = details.as_object() else {
        return;
    };
    let d = doc(entity);
    let promo = d.entry("PromotionalResources").or_insert_with(|| json!({}));
    if let Some(promo) = promo.as_object_mut() {
        if let Some(logo) = obj.get("LogoUrl") {
            promo.insert("LogoUrl".into(), logo.clone());
        }
        if let Some(Value::Array(urls)) = obj.get("VideoUrls") {
            let videos: Vec<Value> = urls
                .iter()
                .map(|u| json!({"Type": "Link", "Url": u, "Title": "Product video"}))
                .collect();
            promo.insert("Videos".into(), Value::Array(videos));
        }
        if let Some(res) = obj.get("AdditionalResources") {
            promo.insert("AdditionalResources".into(), res.clone());
        }
    }
    if let Some(support) = obj.get("SupportDescription") {
        d.insert("SupportInformation".into(), json!({"Description": support}));
    }
}

fn upsert_rule(entity: &mut Entity, rule_type: &str, details: &Value) {
    let mut rule = json!({"Type": rule_type});
    if let (Some(r), Some(obj)) = (rule.as_object_mut(), details.as_object()) {
        for (k, v) in obj {
            r.insert(k.clone(), v.clone());
        }
    }
    let d = doc(entity);
    let rules = d.entry("Rules").or_insert_with(|| json!([]));
    if let Some(list) = rules.as_array_mut() {
        list.retain(|r| r.get("Type").and_then(Value::as_str) != Some(rule_type));
        list.push(rule);
    }
}

fn add_delivery_options(entity: &mut Entity, details: &Value) {
    let options: Vec<Value> = details
        .get("DeliveryOptions")
        .and_then(Value::as_array)
        .map(|opts| opts.iter().map(delivery_option).collect())
        .unwrap_or_default();
    let d = doc(entity);
    let versions = d.entry("Versions").or_insert_with(|| json!([]));
    let Some(list) = versions.as_array_mut() else {
        return;
    };
    if list.is_empty() {
        list.push(json!({"Id": format!("version-{}", ids::alnum(13)), "DeliveryOptions": []}));
    }
    if let Some(Value::Array(existing)) = list.last_mut().and_then(|v| v.get_mut("DeliveryOptions"))
    {
        existing.extend(options);
    }
}

/// `{Details: {SaaSUrlDeliveryOptionDetails: {FulfillmentUrl}}}` → `{Id, Type: SaaSUrl, FulfillmentUrl, …}`.
fn delivery_option(option: &Value) -> Value {
    let mut out = Map::new();
    out.insert("Id".into(), json!(format!("do-{}", ids::alnum(13))));
    if let Some(Value::Object(kinds)) = option.get("Details") {
        for (kind, body) in kinds {
            let short = kind.trim_end_matches("DeliveryOptionDetails");
            out.insert("Type".into(), json!(short));
            if let Some(fields) = body.as_object() {
                out.extend(fields.clone());
            }
        }
    }
    out.insert("Visibility".into(), json!("Limited"));
    Value::Object(out)
}

fn add_dimensions(entity: &mut Entity, details: &Value) -> Result<(), ErrorDetail> {
    let new_dims = details.as_array().cloned().unwrap_or_default();
    let d = doc(entity);
    let dims = d.entry("Dimensions").or_insert_with(|| json!([]));
    let Some(list) = dims.as_array_mut() else {
        return Ok(());
    };
    for dim in new_dims {
        let key = dim
            .get("Key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let types = dim.get("Types").cloned().unwrap_or(json!([]));
        let clash = list.iter().any(|d| {
            d.get("Key").and_then(Value::as_str) == Some(key.as_str())
                && d.get("Types") == Some(&types)
        });
        if clash {
            return Err(ErrorDetail::new(
                "DUPLICATE_DIMENSION",
                format!("The product already has a dimension with Key '{key}' and the same Types."),
            ));
        }
        list.push(dim);
    }
    Ok(())
}

fn release_product(entity: &mut Entity, now: DateTime<Utc>) {
    entity.visibility = "Limited".to_string();
    entity.released_at.get_or_insert(now);
    if let Some(desc) = doc(entity)
        .get_mut("Description")
        .and_then(Value::as_object_mut)
    {
        desc.insert("Visibility".into(), json!("Limited"));
        desc.insert("ProductState".into(), json!("Active"));
    }
}

fn release_offer(entity: &mut Entity, now: DateTime<Utc>) -> Result<(), ErrorDetail> {
    let has_pricing = term_types(&entity.document)
        .iter()
        .any(|t| t.ends_with("PricingTerm"));
    if !has_pricing {
        return Err(ErrorDetail::new(
            "MISSING_PRICING_TERMS",
            "An offer cannot be released without pricing terms; add an UpdatePricingTerms change.",
        ));
    }
    entity.visibility = if entity
        .document
        .pointer("/Rules")
        .map(has_buyer_targeting)
        .unwrap_or(false)
    {
        "Private".to_string()
    } else {
        "Public".to_string()
    };
    entity.released_at.get_or_insert(now);
    set(entity, "State", json!("Released"));
    Ok(())
}

fn has_buyer_targeting(rules: &Value) -> bool {
    rules.as_array().is_some_and(|rs| {
        rs.iter()
            .filter_map(|r| {
                r.pointer("/PositiveTargeting/BuyerAccounts")
                    .and_then(Value::as_array)
            })
            .any(|a| !a.is_empty())
    })
}

/// The `Type` of every term in `doc.Terms`.
pub fn term_types(doc: &Value) -> Vec<String> {
    doc.get("Terms")
        .and_then(Value::as_array)
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t.get("Type").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn replace_terms(entity: &mut Entity, details: &Value, replaces: impl Fn(&str) -> bool) {
    let new_terms = details
        .get("Terms")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let d = doc(entity);
    let terms = d.entry("Terms").or_insert_with(|| json!([]));
    if let Some(list) = terms.as_array_mut() {
        list.retain(|t| !t.get("Type").and_then(Value::as_str).is_some_and(&replaces));
        list.extend(new_terms);
    }
    if let Some(model) = details.get("PricingModel") {
        d.insert("PricingModel".into(), model.clone());
    }
}
