//! What each change type does to an entity's DescribeEntity document, one module per entity
//! family: `product` (SaaS, AMI, container, ML products), `offer`, `resale` (resale
//! authorizations) and `offerset` (offer sets and solutions). The documents follow the entity
//! JSON Schemas in `catalog-shapes.json`, so DescribeEntity shows an entity as AWS would after the
//! same change sets. Shared document helpers (terms, rules, merges) live here.
//!
//! A change type the family does not model fails the change with `UNSUPPORTED_CHANGE_TYPE`
//! rather than silently writing keys the entity shape does not have.

mod delivery;
mod offer;
mod offerset;
mod product;
mod resale;

pub use resale::shared_with;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::agreements::AgreementRef;
use super::entity::Entity;

/// A per-change error as DescribeChangeSet reports it in `ErrorDetailList`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Entities and agreements a change's details point at, resolved before the change runs.
#[derive(Debug, Default)]
pub struct Links {
    /// The product named by `ProductId` (or the product of the resale authorization/agreement).
    pub product: Option<Entity>,
    /// The resale authorization named by `ResaleAuthorizationId`.
    pub resale: Option<Entity>,
    /// The agreement named by `AgreementId`, as seen when the set was started.
    pub agreement: Option<AgreementRef>,
}

/// Applies one change's resolved details to its entity.
pub fn apply(
    entity: &mut Entity,
    change_type: &str,
    details: &Value,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<(), ErrorDetail> {
    let handled = if entity.is_product() {
        product::apply(entity, change_type, details, now)?
    } else {
        match entity.type_name.as_str() {
            "Offer" => offer::apply(entity, change_type, details, links, now)?,
            "ResaleAuthorization" => resale::apply(entity, change_type, details, links)?,
            "OfferSet" | "Solution" => offerset::apply(entity, change_type, details, now),
            // Entity types outside the corpus (Experience, …) keep the generic behaviour.
            _ => {
                merge_top(entity, details);
                true
            }
        }
    };
    if handled {
        Ok(())
    } else {
        Err(ErrorDetail::new(
            "UNSUPPORTED_CHANGE_TYPE",
            format!(
                "The emulator does not model {change_type} on {} entities.",
                entity.entity_type()
            ),
        ))
    }
}

/// A resale authorization counts the offers created from it (`OfferDetails.OfferCreatedCount`).
pub fn count_resale_offer(resale: &mut Entity, change_type: &str) {
    if matches!(
        change_type,
        "CreateOfferUsingResaleAuthorization" | "CreateReplacementOfferUsingResaleAuthorization"
    ) {
        resale::count_offer(resale);
    }
}

/// The document as a JSON object (made one if it is not).
pub(super) fn doc(entity: &mut Entity) -> &mut Map<String, Value> {
    if !entity.document.is_object() {
        entity.document = json!({});
    }
    entity
        .document
        .as_object_mut()
        .expect("document is an object")
}

/// The object at `doc[key]`, created empty when missing.
pub(super) fn object<'a>(doc: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = doc.entry(key).or_insert_with(|| json!({}));
    if !slot.is_object() {
        *slot = json!({});
    }
    slot.as_object_mut().expect("an object")
}

/// The array at `doc[key]`, created empty when missing.
pub(super) fn array<'a>(doc: &'a mut Map<String, Value>, key: &str) -> &'a mut Vec<Value> {
    let slot = doc.entry(key).or_insert_with(|| json!([]));
    if !slot.is_array() {
        *slot = json!([]);
    }
    slot.as_array_mut().expect("an array")
}

/// Copies the listed keys of `details` to the top level of the document.
pub(super) fn merge_keys(entity: &mut Entity, details: &Value, keys: &[&str]) {
    let d = doc(entity);
    for key in keys {
        if let Some(v) = details.get(*key) {
            d.insert((*key).to_string(), v.clone());
        }
    }
}

/// Copies every key of `details` to the top level (entity types without a published shape).
pub(super) fn merge_top(entity: &mut Entity, details: &Value) {
    if let Some(obj) = details.as_object() {
        let d = doc(entity);
        for (k, v) in obj {
            d.insert(k.clone(), v.clone());
        }
    }
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

/// Replaces the document's terms that `replaces` selects with `new_terms`.
pub(super) fn replace_terms(
    entity: &mut Entity,
    new_terms: Vec<Value>,
    replaces: impl Fn(&str) -> bool,
) {
    let list = array(doc(entity), "Terms");
    list.retain(|t| !t.get("Type").and_then(Value::as_str).is_some_and(&replaces));
    list.extend(new_terms);
}

/// Update*Terms: each term in `details.Terms` replaces the existing term of its `Type`.
pub(super) fn replace_terms_by_type(entity: &mut Entity, details: &Value) {
    let types = term_types(details);
    replace_terms(entity, terms_of(details), |t| types.iter().any(|x| x == t));
}

/// UpdatePricingTerms: the new pricing terms replace every existing pricing term.
pub(super) fn replace_pricing_terms(entity: &mut Entity, details: &Value) {
    replace_terms(entity, terms_of(details), |t| t.ends_with("PricingTerm"));
}

pub(super) fn terms_of(details: &Value) -> Vec<Value> {
    details
        .get("Terms")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// True when the document holds at least one pricing term.
fn has_pricing(entity: &Entity) -> bool {
    term_types(&entity.document)
        .iter()
        .any(|t| t.ends_with("PricingTerm"))
}

/// Why a released offer or resale authorization may not be released, judged on the state the
/// whole set leaves it in (a set may add pricing after its Release change).
pub fn release_problem(entity: &Entity, change_type: &str) -> Option<ErrorDetail> {
    let what = match change_type {
        "ReleaseOffer" => "An offer",
        "ReleaseResaleAuthorization" => "A resale authorization",
        _ => return None,
    };
    (!has_pricing(entity)).then(|| {
        ErrorDetail::new(
            "MISSING_PRICING_TERMS",
            format!("{what} cannot be released without pricing terms; add an UpdatePricingTerms change."),
        )
    })
}

/// Replaces the rule of `rule_type` in `doc.Rules` with `fields` (plus `Type`).
pub(super) fn upsert_rule(entity: &mut Entity, rule_type: &str, fields: Map<String, Value>) {
    let mut rule = Map::new();
    rule.insert("Type".into(), json!(rule_type));
    rule.extend(fields);
    let list = array(doc(entity), "Rules");
    match list
        .iter_mut()
        .find(|r| r.get("Type").and_then(Value::as_str) == Some(rule_type))
    {
        Some(existing) => *existing = Value::Object(rule),
        None => list.push(Value::Object(rule)),
    }
}

/// The fields of the rule of `rule_type`, empty when there is none.
pub(super) fn rule_fields(entity: &Entity, rule_type: &str) -> Map<String, Value> {
    entity
        .document
        .get("Rules")
        .and_then(Value::as_array)
        .and_then(|rs| {
            rs.iter()
                .find(|r| r.get("Type").and_then(Value::as_str) == Some(rule_type))
        })
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter(|(k, _)| k.as_str() != "Type")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Strings of a JSON array member, in order.
pub(super) fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Appends the strings of `add` not already in the array at `key`.
pub(super) fn union_into(target: &mut Map<String, Value>, key: &str, add: &[String]) {
    let list = array(target, key);
    for item in add {
        if !list.iter().any(|v| v.as_str() == Some(item)) {
            list.push(json!(item));
        }
    }
}

/// Removes the strings of `remove` from the array at `key`.
pub(super) fn remove_from(target: &mut Map<String, Value>, key: &str, remove: &[String]) {
    let list = array(target, key);
    list.retain(|v| !v.as_str().is_some_and(|s| remove.iter().any(|r| r == s)));
}
