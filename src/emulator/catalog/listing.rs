//! ListEntities and ListChangeSets: filters, sort and opaque-token pagination.

use serde_json::{json, Value};

use super::entity::Entity;
use super::ops::invalid;
use super::CatalogState;
use crate::emulator::clock;
use crate::emulator::wire::{ApiError, OpResult};

/// Reads `MaxResults` within `1..=max`, defaulting to `default`.
fn max_results(input: &Value, default: usize, max: usize) -> Result<usize, ApiError> {
    match input.get("MaxResults").and_then(Value::as_u64) {
        None => Ok(default),
        Some(n) if (1..=max as u64).contains(&n) => Ok(n as usize),
        Some(n) => Err(invalid(format!("MaxResults {n} is out of range 1-{max}."))),
    }
}

/// A page of `items` from the offset in `NextToken`.
fn page(items: Vec<Value>, input: &Value, size: usize, key: &str) -> OpResult {
    let offset = match input.get("NextToken").and_then(Value::as_str) {
        None => 0,
        Some(t) => t
            .strip_prefix("page-")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= items.len())
            .ok_or_else(|| invalid(format!("NextToken '{t}' is not valid.")))?,
    };
    let end = (offset + size).min(items.len());
    let mut out = json!({ key: items[offset..end].to_vec() });
    if end < items.len() {
        out["NextToken"] = json!(format!("page-{end}"));
    }
    Ok(out)
}

/// `FilterList` entries as (Name, values); date-range filters carry their bounds in `values`.
fn filters(input: &Value) -> Vec<(String, Vec<String>)> {
    input
        .get("FilterList")
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    let name = f
                        .get("Name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string();
                    let values = f
                        .get("ValueList")
                        .and_then(Value::as_array)
                        .map(|v| {
                            v.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default();
                    (name, values)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn sort_spec(input: &Value) -> (Option<String>, bool) {
    let by = input
        .pointer("/Sort/SortBy")
        .and_then(Value::as_str)
        .map(str::to_string);
    let desc = input.pointer("/Sort/SortOrder").and_then(Value::as_str) == Some("DESCENDING");
    (by, desc)
}

pub fn list_change_sets(state: &CatalogState, input: &Value) -> OpResult {
    let size = max_results(input, 20, 20)?;
    let fs = filters(input);
    let mut sets: Vec<_> = state
        .changesets
        .iter()
        .filter(|c| {
            fs.iter().all(|(name, values)| match name.as_str() {
                "ChangeSetId" => values.contains(&c.id),
                "ChangeSetName" => c.name.as_ref().is_some_and(|n| values.contains(n)),
                "Status" => values.iter().any(|v| v == c.status),
                "EntityId" => c.entity_ids.iter().any(|e| values.contains(e)),
                _ => true,
            })
        })
        .collect();
    let (by, desc) = sort_spec(input);
    match by.as_deref() {
        Some("ChangeSetId") => sets.sort_by(|a, b| a.id.cmp(&b.id)),
        Some("Name") => sets.sort_by(|a, b| a.name.cmp(&b.name)),
        Some("EndTime") => sets.sort_by_key(|c| c.end),
        Some("Status") => sets.sort_by_key(|c| c.status),
        _ => sets.sort_by_key(|c| c.start),
    }
    if desc {
        sets.reverse();
    }
    page(
        sets.into_iter().map(|c| c.summary()).collect(),
        input,
        size,
        "ChangeSetSummaryList",
    )
}

pub fn list_entities(state: &CatalogState, input: &Value) -> OpResult {
    let entity_type = input
        .get("EntityType")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("EntityType is required."))?;
    let size = max_results(input, 20, 50)?;
    let fs = filters(input);
    let mut found: Vec<&Entity> = state
        .entities
        .values()
        .filter(|e| e.type_name == entity_type)
        .filter(|e| {
            fs.iter()
                .all(|(name, values)| generic_filter(e, name, values))
        })
        .filter(|e| type_filters(e, input))
        .collect();
    let (by, desc) = sort_spec(input);
    match by.as_deref() {
        Some("EntityId") => found.sort_by(|a, b| a.id.cmp(&b.id)),
        Some("Name") => found.sort_by_key(|e| e.name()),
        _ => found.sort_by_key(|e| e.last_modified),
    }
    if desc {
        found.reverse();
    }
    page(
        found.into_iter().map(summary).collect(),
        input,
        size,
        "EntitySummaryList",
    )
}

fn generic_filter(e: &Entity, name: &str, values: &[String]) -> bool {
    match name {
        "EntityId" => values.contains(&e.id),
        "Name" => values.iter().any(|v| e.name().contains(v.as_str())),
        "Visibility" => values.contains(&e.visibility),
        "ProductId" => values
            .iter()
            .any(|v| e.document.get("ProductId").and_then(Value::as_str) == Some(v)),
        _ => true,
    }
}

/// `EntityTypeFilters` (a union): the offer filters the workflow and sellers use.
fn type_filters(e: &Entity, input: &Value) -> bool {
    let Some(f) = input.pointer("/EntityTypeFilters/OfferFilters") else {
        return true;
    };
    let value_list = |key: &str| -> Option<Vec<String>> {
        f.pointer(&format!("/{key}/ValueList"))
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
    };
    let offer = offer_summary(e);
    let checks = [
        (
            "EntityId",
            offer.get("EntityId").cloned().unwrap_or(json!(e.id)),
        ),
        (
            "ProductId",
            offer.get("ProductId").cloned().unwrap_or(Value::Null),
        ),
        ("State", offer.get("State").cloned().unwrap_or(Value::Null)),
    ];
    let simple = checks.iter().all(|(key, actual)| match value_list(key) {
        Some(wanted) => actual
            .as_str()
            .is_some_and(|a| wanted.iter().any(|w| w == a)),
        None => true,
    });
    let targeting = match value_list("Targeting") {
        Some(wanted) => {
            let kinds = offer
                .get("Targeting")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            wanted.iter().any(|w| {
                if w == "None" {
                    kinds.is_empty()
                } else {
                    kinds.iter().any(|k| k.as_str() == Some(w))
                }
            })
        }
        None => true,
    };
    let buyer = match f
        .pointer("/BuyerAccounts/WildCardValue")
        .and_then(Value::as_str)
    {
        Some(w) => offer_buyers(e).iter().any(|b| b.contains(w)),
        None => true,
    };
    simple && targeting && buyer
}

fn offer_buyers(e: &Entity) -> Vec<String> {
    super::targeted_buyers(&e.document)
}

fn offer_summary(e: &Entity) -> serde_json::Map<String, Value> {
    let d = &e.document;
    let mut s = serde_json::Map::new();
    s.insert("Name".into(), json!(e.name()));
    if let Some(p) = d.get("ProductId") {
        s.insert("ProductId".into(), p.clone());
    }
    s.insert(
        "State".into(),
        d.get("State").cloned().unwrap_or(json!("Draft")),
    );
    if let Some(r) = e.released_at {
        s.insert("ReleaseDate".into(), json!(clock::catalog_time(r)));
    }
    let buyers = offer_buyers(e);
    let mut targeting = Vec::new();
    if !buyers.is_empty() {
        targeting.push(json!("BuyerAccounts"));
        s.insert("BuyerAccounts".into(), json!(buyers));
    }
    s.insert("Targeting".into(), Value::Array(targeting));
    if let Some(end) = super::availability_end(d) {
        s.insert("AvailabilityEndDate".into(), json!(end));
    }
    s
}

fn summary(e: &Entity) -> Value {
    let mut out = json!({
        "Name": e.name(),
        "EntityType": e.type_name,
        "EntityId": e.id,
        "EntityArn": e.arn,
        "LastModifiedDate": clock::catalog_time(e.last_modified),
        "Visibility": e.visibility,
    });
    let key = format!("{}Summary", e.type_name);
    let extra = if e.type_name == "Offer" {
        Value::Object(offer_summary(e))
    } else if e.is_product() {
        json!({"ProductTitle": e.name(), "Visibility": e.visibility})
    } else {
        json!({"Name": e.name()})
    };
    out[key] = extra;
    out
}
