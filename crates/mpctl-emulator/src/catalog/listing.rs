//! ListChangeSets (filters, sort), and the paging, `FilterList` and `Sort` helpers that
//! ListEntities (`entity_listing`) shares.

use serde_json::{json, Value};

use super::errors::invalid;
use super::CatalogState;
use crate::clock;
use crate::wire::{ApiError, OpResult};

/// Reads `MaxResults` within `1..=max`, defaulting to `default`.
pub(super) fn max_results(input: &Value, default: usize, max: usize) -> Result<usize, ApiError> {
    match input.get("MaxResults").and_then(Value::as_u64) {
        None => Ok(default),
        Some(n) if (1..=max as u64).contains(&n) => Ok(n as usize),
        Some(n) => Err(invalid(format!("MaxResults {n} is out of range 1-{max}."))),
    }
}

/// A page of `items` from the offset in `NextToken`.
pub(super) fn page(items: Vec<Value>, input: &Value, size: usize, key: &str) -> OpResult {
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
pub(super) fn filters(input: &Value) -> Vec<(String, Vec<String>)> {
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

pub(super) fn sort_spec(input: &Value) -> (Option<String>, bool) {
    let by = input
        .pointer("/Sort/SortBy")
        .and_then(Value::as_str)
        .map(str::to_string);
    // The model: SortOrder defaults to DESCENDING. Without any Sort, oldest first.
    let desc = match input.get("Sort") {
        Some(_) => input.pointer("/Sort/SortOrder").and_then(Value::as_str) != Some("ASCENDING"),
        None => false,
    };
    (by, desc)
}

pub fn list_change_sets(state: &CatalogState, caller: &str, input: &Value) -> OpResult {
    let size = max_results(input, 20, 20)?;
    let fs = filters(input);
    let mut sets: Vec<_> = state
        .changesets
        .iter()
        .filter(|c| c.owner() == caller)
        .filter(|c| {
            fs.iter().all(|(name, values)| match name.as_str() {
                "ChangeSetId" => values.contains(&c.id),
                "ChangeSetName" => c.name.as_ref().is_some_and(|n| values.contains(n)),
                "Status" => values.contains(&c.status),
                "EntityId" => c.entity_ids.iter().any(|e| values.contains(e)),
                "AfterStartTime" => values.iter().all(|v| clock::catalog_time(c.start) >= *v),
                "BeforeStartTime" => values.iter().all(|v| clock::catalog_time(c.start) <= *v),
                "AfterEndTime" => c
                    .end
                    .is_some_and(|e| values.iter().all(|v| clock::catalog_time(e) >= *v)),
                "BeforeEndTime" => c
                    .end
                    .is_some_and(|e| values.iter().all(|v| clock::catalog_time(e) <= *v)),
                _ => true,
            })
        })
        .collect();
    let (by, desc) = sort_spec(input);
    match by.as_deref() {
        Some("ChangeSetId") => sets.sort_by(|a, b| a.id.cmp(&b.id)),
        Some("Name") => sets.sort_by(|a, b| a.name.cmp(&b.name)),
        Some("EndTime") => sets.sort_by_key(|c| (c.end, c.start)),
        Some("Status") => sets.sort_by_key(|c| c.status.clone()),
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
