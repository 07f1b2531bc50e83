//! SearchFacets: for the listings a search matches (`search::matching`), the values of each
//! facet type with the number of listings that have it.
//!
//! [I] Every facet is returned on one page (no `nextToken`); values are ordered by count, then
//! value. `AVERAGE_CUSTOMER_RATING` has no values (emulated listings have no reviews). Without
//! `facetTypes`, every facet type is returned.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::search::{matching, values};
use super::Ctx;
use crate::wire::OpResult;

const FACETS: &[&str] = &[
    "AVERAGE_CUSTOMER_RATING",
    "CATEGORY",
    "PUBLISHER",
    "FULFILLMENT_OPTION_TYPE",
    "PRICING_MODEL",
    "PRICING_UNIT",
    "DEPLOYED_ON_AWS",
    "NUMBER_OF_PRODUCTS",
];

/// SearchFacets.
pub fn search_facets(ctx: &mut Ctx, input: &Value) -> OpResult {
    let found = matching(ctx, input)?;
    let asked: Vec<&str> = input
        .get("facetTypes")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .filter(|a: &Vec<&str>| !a.is_empty())
        .unwrap_or_else(|| FACETS.to_vec());
    let mut facets = Map::new();
    for kind in asked {
        let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
        for (_, listing) in &found {
            for v in values(listing, kind) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut list: Vec<((String, String), u64)> = counts.into_iter().collect();
        list.sort_by(|(a, ca), (b, cb)| cb.cmp(ca).then_with(|| a.cmp(b)));
        let list: Vec<Value> = list
            .into_iter()
            .map(|((value, display), count)| json!({"value": value, "displayName": display, "count": count}))
            .collect();
        facets.insert(kind.to_string(), Value::Array(list));
    }
    Ok(json!({"totalResults": found.len(), "listingFacets": facets}))
}
