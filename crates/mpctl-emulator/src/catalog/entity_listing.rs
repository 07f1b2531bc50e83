//! ListEntities: the per-type view of each entity (the fields its `<Type>Summary` shows and
//! that `EntityTypeFilters`/`EntityTypeSort` name), the legacy `FilterList`/`Sort`,
//! `OwnershipType`, and pagination.
//!
//! Filters follow the model's three forms: `ValueList` (any value equals; for list fields any
//! element; `None` matches an empty list, e.g. offers without targeting), `WildCardValue`
//! (case-insensitive substring) and `DateRange` (`AfterValue`/`BeforeValue`, inclusive; a
//! `YYYY-MM-DD` field compares as midnight UTC).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::entity::Entity;
use super::errors::invalid;
use super::listing::{filters, max_results, page, sort_spec};
use super::CatalogState;
use crate::clock;
use crate::wire::{ApiError, OpResult};

pub fn list_entities(state: &CatalogState, caller: &str, input: &Value) -> OpResult {
    let entity_type = input
        .get("EntityType")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("EntityType is required."))?;
    let size = max_results(input, 20, 50)?;
    let type_filters = union_member(input, "EntityTypeFilters", entity_type, "Filters")?;
    let type_sort = union_member(input, "EntityTypeSort", entity_type, "Sort")?;
    // `SELF` (the default): the caller's own entities; `SHARED`: what other accounts shared with
    // it, which is the resale authorizations manufacturers released for it.
    let shared = input.get("OwnershipType").and_then(Value::as_str) == Some("SHARED");
    let visible = |e: &Entity| match shared {
        true => super::effects::shared_with(e, caller),
        false => e.owner() == caller,
    };
    let legacy = filters(input);
    let sets = state.offer_sets();
    let mut found: Vec<(&Entity, Map<String, Value>)> = state
        .entities
        .values()
        .filter(|e| e.type_name == entity_type && visible(e))
        .map(|e| (e, fields(&sets, e)))
        .filter(|(_, f)| {
            legacy
                .iter()
                .all(|(name, values)| legacy_match(f, name, values))
        })
        .filter(|(_, f)| type_filters.is_none_or(|tf| matches_all(f, tf)))
        .collect();
    let (by, desc) = match type_sort {
        Some(s) => (
            s.get("SortBy").and_then(Value::as_str).map(str::to_string),
            s.get("SortOrder").and_then(Value::as_str) != Some("ASCENDING"),
        ),
        None => sort_spec(input),
    };
    let key = by.unwrap_or_else(|| "LastModifiedDate".to_string());
    found.sort_by(|(a, fa), (b, fb)| {
        sort_key(fa, &key)
            .cmp(&sort_key(fb, &key))
            .then(a.last_modified.cmp(&b.last_modified))
            .then(a.id.cmp(&b.id))
    });
    if desc {
        found.reverse();
    }
    let items = found.into_iter().map(|(e, f)| summary(e, f)).collect();
    page(items, input, size, "EntitySummaryList")
}

/// The member of a union (`EntityTypeFilters`, `EntityTypeSort`) for `entity_type`; any other
/// member is a ValidationException (the union names the type it applies to).
fn union_member<'a>(
    input: &'a Value,
    union: &str,
    entity_type: &str,
    suffix: &str,
) -> Result<Option<&'a Map<String, Value>>, ApiError> {
    let Some(members) = input.get(union).and_then(Value::as_object) else {
        return Ok(None);
    };
    let wanted = format!("{entity_type}{suffix}");
    match members.iter().next() {
        None => Ok(None),
        Some((name, body)) if *name == wanted && members.len() == 1 => Ok(body.as_object()),
        Some((name, _)) => Err(invalid(format!(
            "{union}.{name} does not apply to EntityType {entity_type}; use {union}.{wanted}."
        ))),
    }
}

/// The fields of an entity that filters and sorts may name, as its summary shows them.
fn fields(sets: &BTreeMap<&str, &str>, e: &Entity) -> Map<String, Value> {
    let mut f = Fields(Map::new());
    f.put("EntityId", Some(json!(e.id)));
    f.put(
        "LastModifiedDate",
        Some(json!(clock::catalog_time(e.last_modified))),
    );
    f.put("Visibility", Some(json!(e.visibility)));
    match e.type_name.as_str() {
        "Offer" => offer_fields(&mut f, sets, e),
        "ResaleAuthorization" => resale_fields(&mut f, &e.document),
        "OfferSet" => offer_set_fields(&mut f, e),
        t if t.ends_with("Product") => {
            f.put("ProductTitle", Some(json!(e.name())));
            let types: Vec<Value> = e.document["Versions"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|v| v["DeliveryOptions"].as_array().into_iter().flatten())
                .filter_map(|o| o.get("Type").cloned())
                .collect();
            f.put("DeliveryOptionTypes", Some(Value::Array(types)));
        }
        _ => f.put("Name", Some(json!(e.name()))),
    }
    f.0
}

/// A summary's fields; absent and null values are left out.
struct Fields(Map<String, Value>);

impl Fields {
    fn put(&mut self, k: &str, v: Option<Value>) {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            self.0.insert(k.to_string(), v);
        }
    }
}

fn release_date(e: &Entity) -> Option<Value> {
    e.released_at.map(|r| json!(clock::catalog_time(r)))
}

fn offer_fields(f: &mut Fields, sets: &BTreeMap<&str, &str>, e: &Entity) {
    let d = &e.document;
    let buyers = super::targeted_buyers(d);
    let mut targeting = Vec::new();
    if !buyers.is_empty() {
        targeting.push(json!("BuyerAccounts"));
    }
    if offer_countries(d) {
        targeting.push(json!("CountryCodes"));
    }
    f.put("Name", d.get("Name").cloned());
    f.put("ProductId", d.get("ProductId").cloned());
    f.put(
        "ResaleAuthorizationId",
        e.resale_authorization_id.clone().map(Value::from),
    );
    f.put("ReleaseDate", release_date(e));
    f.put(
        "AvailabilityEndDate",
        super::availability_end(d).map(Value::from),
    );
    f.put("BuyerAccounts", Some(json!(buyers)));
    f.put(
        "State",
        Some(d.get("State").cloned().unwrap_or(json!("Draft"))),
    );
    f.put("Targeting", Some(Value::Array(targeting)));
    f.put(
        "OfferSetId",
        sets.get(e.id.as_str()).map(|s| Value::from(*s)),
    );
}

fn resale_fields(f: &mut Fields, d: &Value) {
    let rule = |ty: &str, key: &str| {
        d.get("Rules")
            .and_then(Value::as_array)
            .and_then(|rs| rs.iter().find(|r| r["Type"] == ty))
            .and_then(|r| r.get(key))
            .cloned()
    };
    for key in [
        "Name",
        "ProductId",
        "ProductName",
        "ManufacturerAccountId",
        "ManufacturerLegalName",
        "CreatedDate",
    ] {
        f.put(key, d.get(key).cloned());
    }
    f.put(
        "ResellerAccountID",
        rule("ResellerRule", "ResellerAccountId"),
    );
    f.put(
        "ResellerLegalName",
        rule("ResellerRule", "ResellerLegalName"),
    );
    f.put(
        "AvailabilityEndDate",
        rule("AvailabilityRule", "AvailabilityEndDate"),
    );
    f.put("Status", d.get("Status").cloned());
}

fn offer_set_fields(f: &mut Fields, e: &Entity) {
    let d = &e.document;
    let offers: Vec<Value> = d["Offers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o.get("OfferId").cloned())
        .collect();
    f.put("Name", d.get("Name").cloned());
    f.put("State", d.get("State").cloned());
    f.put("ReleaseDate", release_date(e));
    f.put("AssociatedOfferIds", Some(Value::Array(offers)));
    f.put("SolutionId", d.get("SolutionId").cloned());
}

fn offer_countries(d: &Value) -> bool {
    d["Rules"].as_array().into_iter().flatten().any(|r| {
        r.pointer("/PositiveTargeting/CountryCodes")
            .and_then(Value::as_array)
            .is_some_and(|c| !c.is_empty())
    })
}

/// The legacy `FilterList` (`EntityId`, `Name`, `Visibility`, `ProductId`, …): any value equals
/// the field (`Name` matches as a substring).
fn legacy_match(f: &Map<String, Value>, name: &str, values: &[String]) -> bool {
    let field = match name {
        "Name" => f.get("Name").or_else(|| f.get("ProductTitle")),
        other => f.get(other),
    };
    match field.and_then(Value::as_str) {
        Some(v) if name == "Name" => values.iter().any(|w| v.contains(w.as_str())),
        Some(v) => values.iter().any(|w| w == v),
        None => false,
    }
}

fn matches_all(f: &Map<String, Value>, filters: &Map<String, Value>) -> bool {
    filters
        .iter()
        .all(|(name, filter)| matches(f.get(name), filter))
}

fn matches(field: Option<&Value>, filter: &Value) -> bool {
    let texts: Vec<&str> = match field {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    };
    if let Some(list) = filter.get("ValueList").and_then(Value::as_array) {
        let hit = list
            .iter()
            .filter_map(Value::as_str)
            .any(|want| (want == "None" && texts.is_empty()) || texts.contains(&want));
        if !hit {
            return false;
        }
    }
    if let Some(w) = filter.get("WildCardValue").and_then(Value::as_str) {
        let w = w.to_lowercase();
        if !texts.iter().any(|t| t.to_lowercase().contains(&w)) {
            return false;
        }
    }
    if let Some(range) = filter.get("DateRange") {
        let Some(at) = texts.first().map(|t| instant(t)) else {
            return false;
        };
        let after = range.get("AfterValue").and_then(Value::as_str).map(instant);
        let before = range
            .get("BeforeValue")
            .and_then(Value::as_str)
            .map(instant);
        if after.is_some_and(|a| at < a) || before.is_some_and(|b| at > b) {
            return false;
        }
    }
    true
}

/// A comparable instant: dates become midnight UTC.
fn instant(text: &str) -> String {
    if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    }
}

fn sort_key(f: &Map<String, Value>, key: &str) -> String {
    match f.get(key) {
        Some(Value::String(s)) => instant(s),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// One `EntitySummary` with its `<Type>Summary` member.
fn summary(e: &Entity, mut f: Map<String, Value>) -> Value {
    let mut out = json!({
        "Name": e.name(),
        "EntityType": e.type_name,
        "EntityId": e.id,
        "EntityArn": e.arn,
        "LastModifiedDate": clock::catalog_time(e.last_modified),
        "Visibility": e.visibility,
    });
    for common in ["EntityId", "LastModifiedDate"] {
        f.remove(common);
    }
    if !e.is_product() {
        f.remove("Visibility");
    }
    if e.is_product() {
        f.remove("DeliveryOptionTypes");
    }
    out[format!("{}Summary", e.type_name)] = Value::Object(f);
    out
}
