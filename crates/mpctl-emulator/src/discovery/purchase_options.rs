//! ListPurchaseOptions: the offers and offer sets the calling buyer may see, filtered.
//!
//! At least one `PRODUCT_ID` or `VISIBILITY_SCOPE` filter is required (AWS's note); filters are
//! ANDed, a filter's values ORed.
//!
//! [I] Values: `PURCHASE_OPTION_TYPE` `OFFER`/`OFFERSET`; `VISIBILITY_SCOPE` `PUBLIC` (an
//! untargeted offer) / `PRIVATE` (targeted, or a replacement offer); `AVAILABILITY_STATUS`
//! `AVAILABLE` (may be accepted now) / `FUTURE` (not yet) / `EXPIRED` (past its end date);
//! `SELLER_OF_RECORD_PROFILE_ID` a seller profile id; `PRODUCT_ID` a product id. Another value
//! of an enumerated filter is `ValidationException`. An offer in an offer set is listed only
//! through its set (so not at all while the set is unreleased). Options are ordered by id.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::access::find_offer_set;
use super::describe::{seller, seller_profile_id};
use super::offer_set::{availability, offer_badges, pairs, set_badges};
use super::paging::{page, with_token};
use super::{invalid, Ctx};
use crate::offering::{expiration, visible};
use crate::views::OfferView;
use crate::wire::{ApiError, OpResult};

/// What the filters test of one purchase option.
struct Purchasable<'a> {
    id: String,
    kind: &'static str,
    seller: &'a str,
    offers: Vec<OfferView<'a>>,
    name: Option<String>,
    set_seller: Option<&'a str>,
}

impl Purchasable<'_> {
    fn products(&self) -> Vec<&str> {
        self.offers.iter().filter_map(|o| o.product_id).collect()
    }

    fn private(&self) -> bool {
        self.offers
            .iter()
            .any(|o| !o.buyer_accounts.is_empty() || o.replaced_agreement.is_some())
    }

    fn status(&self, now: DateTime<Utc>) -> &'static str {
        if self.offers.iter().filter_map(expiration).any(|t| t <= now) {
            "EXPIRED"
        } else if self
            .offers
            .iter()
            .any(|o| o.released_at.is_some_and(|t| t > now))
        {
            "FUTURE"
        } else {
            "AVAILABLE"
        }
    }

    fn matches(&self, filter_type: &str, value: &str, now: DateTime<Utc>) -> bool {
        match filter_type {
            "PRODUCT_ID" => self.products().contains(&value),
            "SELLER_OF_RECORD_PROFILE_ID" => seller_profile_id(self.seller) == value,
            "PURCHASE_OPTION_TYPE" => self.kind == value,
            "VISIBILITY_SCOPE" => (value == "PRIVATE") == self.private(),
            "AVAILABILITY_STATUS" => self.status(now) == value,
            _ => false,
        }
    }
}

/// The values an enumerated filter accepts.
fn allowed(filter_type: &str) -> Option<&'static [&'static str]> {
    match filter_type {
        "PURCHASE_OPTION_TYPE" => Some(&["OFFER", "OFFERSET"]),
        "VISIBILITY_SCOPE" => Some(&["PUBLIC", "PRIVATE"]),
        "AVAILABILITY_STATUS" => Some(&["AVAILABLE", "FUTURE", "EXPIRED"]),
        _ => None,
    }
}

/// The `(filterType, values)` pairs, checked.
fn filters(input: &Value) -> Result<Vec<(String, Vec<String>)>, ApiError> {
    let mut out = Vec::new();
    for f in input
        .get("filters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let t = f
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
        if let Some(ok) = allowed(&t) {
            if let Some(bad) = values.iter().find(|v| !ok.contains(&v.as_str())) {
                return Err(invalid(
                    "MALFORMED_REQUEST_PARAMETERS",
                    format!(
                        "{bad} is not a valid value for filter {t}; valid values: {}.",
                        ok.join(", ")
                    ),
                ));
            }
        }
        out.push((t, values));
    }
    if !out
        .iter()
        .any(|(t, _)| t == "PRODUCT_ID" || t == "VISIBILITY_SCOPE")
    {
        return Err(invalid(
            "MALFORMED_REQUEST_PARAMETERS",
            "Include a PRODUCT_ID or a VISIBILITY_SCOPE filter.",
        ));
    }
    Ok(out)
}

/// Every purchase option the caller may see, by id.
fn options<'a>(ctx: &Ctx<'a>) -> Vec<Purchasable<'a>> {
    let mut out: Vec<Purchasable<'a>> = Vec::new();
    let mut sets: Vec<String> = Vec::new();
    for offer in ctx.offers.offers() {
        if !visible(ctx.agreements, &offer, ctx.caller) {
            continue;
        }
        if let Some(set_id) = offer.offer_set_id.clone() {
            if !sets.contains(&set_id) {
                sets.push(set_id);
            }
            continue;
        }
        out.push(Purchasable {
            id: offer.id.to_string(),
            kind: "OFFER",
            seller: offer.owner,
            name: offer
                .document
                .get("Name")
                .and_then(Value::as_str)
                .map(str::to_string),
            offers: vec![offer],
            set_seller: None,
        });
    }
    for id in sets {
        if let Some((set, offers)) = find_offer_set((ctx.offers, ctx.agreements), &id, ctx.caller) {
            out.push(Purchasable {
                id: set.id.to_string(),
                kind: "OFFERSET",
                seller: set.owner,
                name: set
                    .document
                    .get("Name")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                offers,
                set_seller: Some(set.owner),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// `PurchaseOptionSummary`.
fn summary(ctx: &Ctx, o: &Purchasable<'_>) -> Value {
    let mut entities = pairs(ctx, &o.offers);
    if let Some(owner) = o.set_seller {
        for e in &mut entities {
            e["offerSet"] = json!({"offerSetId": o.id, "sellerOfRecord": seller(owner)});
        }
    }
    let badges = match o.kind {
        "OFFER" => o.offers.first().map(offer_badges).unwrap_or_default(),
        _ => set_badges(&o.offers),
    };
    let mut out = json!({
        "purchaseOptionId": o.id,
        "catalog": "AWSMarketplace",
        "purchaseOptionType": o.kind,
        "sellerOfRecord": seller(o.seller),
        "badges": badges,
        "associatedEntities": entities,
    });
    if let Some(name) = &o.name {
        out["purchaseOptionName"] = json!(name);
    }
    availability(&mut out, &o.offers);
    out
}

/// ListPurchaseOptions.
pub fn list_purchase_options(ctx: &mut Ctx, input: &Value) -> OpResult {
    let filters = filters(input)?;
    let now = ctx.now;
    let matched: Vec<Purchasable<'_>> = options(ctx)
        .into_iter()
        .filter(|o| {
            filters
                .iter()
                .all(|(t, values)| values.iter().any(|v| o.matches(t, v, now)))
        })
        .collect();
    let (items, next) = page("ListPurchaseOptions", input, 100, matched)?;
    let items: Vec<Value> = items.iter().map(|o| summary(ctx, o)).collect();
    Ok(with_token(json!({ "purchaseOptions": items }), next))
}
