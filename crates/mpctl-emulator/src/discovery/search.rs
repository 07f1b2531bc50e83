//! SearchListings, and the matching SearchFacets shares: the listings of the products the
//! caller may see, narrowed by `searchText` and `filters` (ANDed; a filter's values ORed).
//!
//! [I] Search text matches when every word of it (case-insensitive) occurs in the listing's
//! title, descriptions, highlights, search keywords, categories or publisher name. Relevance is
//! the number of those fields that mention a word; ties go by title, then listing id. Emulated
//! listings have no reviews: their average rating is 0, so `MIN_AVERAGE_CUSTOMER_RATING` above
//! 0 matches nothing, and sorting by rating (either order) falls back to the title. The default order is
//! `DESCENDING` relevance (the best match first).
//!
//! [I] Filter values: `CATEGORY` a category id or name; `PUBLISHER` a seller profile id or
//! display name; `FULFILLMENT_OPTION_TYPE`, `PRICING_MODEL`, `PRICING_UNIT`, `DEPLOYED_ON_AWS`
//! the model's enum values; `NUMBER_OF_PRODUCTS` a count (always 1 here); the rating filters a
//! single number from 0.0 to 5.0. Anything else is `ValidationException`.

use serde_json::{json, Value};

use super::access::visible_products;
use super::describe::{
    categories, category_id, deployed_on_aws, description_list, fulfillment_summaries,
    pricing_unit_types, seller_profile_id, short_description,
};
use super::listing::Listing;
use super::paging::{page, with_token};
use super::{invalid, Ctx};
use crate::wire::{ApiError, OpResult};

/// A listing's value(s) for one filter or facet type.
pub fn values(listing: &Listing<'_>, kind: &str) -> Vec<(String, String)> {
    let p = &listing.product;
    let same = |v: &str| (v.to_string(), v.to_string());
    match kind {
        "CATEGORY" => categories(p)
            .iter()
            .map(|c| {
                let id = c["categoryId"].as_str().unwrap_or_default().to_string();
                (
                    id,
                    c["displayName"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect(),
        "PUBLISHER" => vec![(seller_profile_id(p.owner), "Emulated seller".to_string())],
        "FULFILLMENT_OPTION_TYPE" => fulfillment_summaries(p)
            .iter()
            .map(|f| {
                let t = f["fulfillmentOptionType"].as_str().unwrap_or_default();
                (
                    t.to_string(),
                    f["displayName"].as_str().unwrap_or(t).to_string(),
                )
            })
            .collect(),
        "PRICING_MODEL" => listing
            .pricing_model_types()
            .into_iter()
            .map(same)
            .collect(),
        "PRICING_UNIT" => pricing_unit_types(p).into_iter().map(same).collect(),
        "DEPLOYED_ON_AWS" => vec![same(deployed_on_aws(p))],
        "NUMBER_OF_PRODUCTS" => vec![same("1")],
        "AVERAGE_CUSTOMER_RATING" => vec![],
        _ => vec![],
    }
}

/// The model's values of the enumerated filters.
fn allowed(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "FULFILLMENT_OPTION_TYPE" => &[
            "AMAZON_MACHINE_IMAGE",
            "API",
            "CLOUDFORMATION_TEMPLATE",
            "CONTAINER",
            "HELM",
            "EKS_ADD_ON",
            "EC2_IMAGE_BUILDER_COMPONENT",
            "DATA_EXCHANGE",
            "PROFESSIONAL_SERVICES",
            "SAAS",
            "SAGEMAKER_ALGORITHM",
            "SAGEMAKER_MODEL",
        ],
        "PRICING_MODEL" => &["USAGE", "CONTRACT", "BYOL", "FREE"],
        "PRICING_UNIT" => &[
            "USERS",
            "HOSTS",
            "BANDWIDTH",
            "DATA",
            "TIERS",
            "REQUESTS",
            "UNITS",
        ],
        "DEPLOYED_ON_AWS" => &["DEPLOYED", "NOT_DEPLOYED", "NOT_APPLICABLE"],
        _ => return None,
    })
}

/// One checked filter.
pub struct Filter {
    kind: String,
    values: Vec<String>,
}

impl Filter {
    fn matches(&self, listing: &Listing<'_>) -> bool {
        let rating = 0.0_f64;
        let bound = || self.values[0].parse::<f64>().unwrap_or(0.0);
        match self.kind.as_str() {
            "MIN_AVERAGE_CUSTOMER_RATING" => rating >= bound(),
            "MAX_AVERAGE_CUSTOMER_RATING" => rating <= bound(),
            "NUMBER_OF_PRODUCTS" => self.values.iter().any(|v| v.trim() == "1"),
            kind => {
                let have = values(listing, kind);
                self.values.iter().any(|v| {
                    have.iter().any(|(id, name)| {
                        id == v || name.eq_ignore_ascii_case(v) || *id == category_id(v)
                    })
                })
            }
        }
    }
}

fn check(kind: &str, values: &[String]) -> Result<(), ApiError> {
    let bad = |m: String| Err(invalid("MALFORMED_REQUEST_PARAMETERS", m));
    if kind.ends_with("AVERAGE_CUSTOMER_RATING") {
        let ok = values.len() == 1
            && values[0]
                .parse::<f64>()
                .is_ok_and(|r| (0.0..=5.0).contains(&r));
        return if ok {
            Ok(())
        } else {
            bad(format!("{kind} takes one number from 0.0 to 5.0."))
        };
    }
    if let Some(ok) = allowed(kind) {
        if let Some(v) = values.iter().find(|v| !ok.contains(&v.as_str())) {
            return bad(format!("{v} is not a valid value for filter {kind}."));
        }
    }
    Ok(())
}

/// The request's filters, checked.
pub fn filters(input: &Value) -> Result<Vec<Filter>, ApiError> {
    let mut out = Vec::new();
    for f in input
        .get("filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let kind = f
            .get("filterType")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let values: Vec<String> = f
            .get("filterValues")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        check(&kind, &values)?;
        out.push(Filter { kind, values });
    }
    Ok(out)
}

/// The text fields search text is matched against.
fn texts(listing: &Listing<'_>) -> Vec<String> {
    let p = &listing.product;
    let mut out = vec![
        p.name.clone(),
        short_description(p),
        "Emulated seller".to_string(),
    ];
    for key in ["LongDescription"] {
        if let Some(s) = p
            .document
            .pointer(&format!("/Description/{key}"))
            .and_then(Value::as_str)
        {
            out.push(s.to_string());
        }
    }
    for key in ["Highlights", "SearchKeywords", "Categories"] {
        out.extend(description_list(p, key));
    }
    out.into_iter().map(|s| s.to_lowercase()).collect()
}

/// The relevance of a listing for `words`, or `None` when a word is missing.
fn relevance(listing: &Listing<'_>, words: &[String]) -> Option<usize> {
    let fields = texts(listing);
    let mut score = 0;
    for w in words {
        let hits = fields.iter().filter(|f| f.contains(w.as_str())).count();
        if hits == 0 {
            return None;
        }
        score += hits;
    }
    Some(score)
}

/// The listings the request matches, each with its relevance, best first.
pub fn matching<'a>(ctx: &Ctx<'a>, input: &Value) -> Result<Vec<(usize, Listing<'a>)>, ApiError> {
    let filters = filters(input)?;
    let words: Vec<String> = input
        .get("searchText")
        .and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<(usize, Listing<'a>)> =
        visible_products((ctx.offers, ctx.agreements), ctx.caller)
            .into_iter()
            .map(|p| Listing::of(ctx, p))
            .filter(|l| filters.iter().all(|f| f.matches(l)))
            .filter_map(|l| relevance(&l, &words).map(|r| (r, l)))
            .collect();
    out.sort_by(|(ra, a), (rb, b)| {
        rb.cmp(ra)
            .then_with(|| a.product.name.cmp(&b.product.name))
            .then_with(|| a.product.id.cmp(b.product.id))
    });
    Ok(out)
}

/// SearchListings.
pub fn search_listings(ctx: &mut Ctx, input: &Value) -> OpResult {
    let mut found = matching(ctx, input)?;
    let by_rating = input.get("sortBy").and_then(Value::as_str) == Some("AVERAGE_CUSTOMER_RATING");
    if by_rating {
        found.sort_by(|(_, a), (_, b)| {
            a.product
                .name
                .cmp(&b.product.name)
                .then_with(|| a.product.id.cmp(b.product.id))
        });
    }
    if !by_rating && input.get("sortOrder").and_then(Value::as_str) == Some("ASCENDING") {
        found.reverse();
    }
    let total = found.len();
    let (items, next) = page("SearchListings", input, 100, found)?;
    let summaries: Vec<Value> = items.iter().map(|(_, l)| l.summary()).collect();
    Ok(with_token(
        json!({"totalResults": total, "listingSummaries": summaries}),
        next,
    ))
}
