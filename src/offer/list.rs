//! `offer list`: ListEntities of type Offer with the Catalog's offer filters — Targeting
//! (`BuyerAccounts` for private offers; the deprecated Visibility filter is not used),
//! ProductId, and BuyerAccounts (a wildcard match on a targeted account) — over every page.
//! "Expired" is judged at the service's time (the responses' `Date`), not the client's.

use aws_sdk_marketplacecatalog::types::{
    EntityTypeFilters, OfferBuyerAccountsFilter, OfferFilters, OfferProductIdFilter,
    OfferTargetingFilter, OfferTargetingString,
};

use crate::aws::describe_error;
use crate::aws::service_time::ServiceTime;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub private_only: bool,
    pub product: Option<String>,
    pub buyer: Option<String>,
}

/// One row of the listing.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub product_id: String,
    pub state: String,
    pub buyers: Vec<String>,
    pub availability_end: String,
    /// The availability end date has passed at the service's time.
    pub expired: bool,
}

/// The offers, and the service's time they were read at.
#[derive(Debug, Clone)]
pub struct Listing {
    pub rows: Vec<Row>,
    pub now: chrono::DateTime<chrono::Utc>,
}

fn filters(q: &Query) -> Option<EntityTypeFilters> {
    if !q.private_only && q.product.is_none() && q.buyer.is_none() {
        return None;
    }
    let mut f = OfferFilters::builder();
    if q.private_only {
        f = f.targeting(
            OfferTargetingFilter::builder()
                .value_list(OfferTargetingString::BuyerAccounts)
                .build(),
        );
    }
    if let Some(p) = &q.product {
        f = f.product_id(OfferProductIdFilter::builder().value_list(p).build());
    }
    if let Some(b) = &q.buyer {
        f = f.buyer_accounts(
            OfferBuyerAccountsFilter::builder()
                .wild_card_value(b)
                .build(),
        );
    }
    Some(EntityTypeFilters::OfferFilters(f.build()))
}

/// Every offer matching the query.
pub async fn run(
    catalog: &aws_sdk_marketplacecatalog::Client,
    q: &Query,
) -> anyhow::Result<Listing> {
    let time = ServiceTime::default();
    let catalog = aws_sdk_marketplacecatalog::Client::from_conf(
        catalog
            .config()
            .to_builder()
            .interceptor(time.clone())
            .build(),
    );
    let mut rows = Vec::new();
    let mut pages = catalog
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .set_entity_type_filters(filters(q))
        .max_results(50)
        .into_paginator()
        .send();
    while let Some(out) = pages.next().await {
        let out = out.map_err(|e| describe_error("ListEntities", e))?;
        for e in out.entity_summary_list() {
            let s = e.offer_summary();
            let buyers = s.map(|s| s.buyer_accounts().to_vec()).unwrap_or_default();
            // The wildcard filter matches substrings; a buyer filter means this exact account.
            if q.buyer.as_ref().is_some_and(|b| !buyers.contains(b)) {
                continue;
            }
            let end = s
                .and_then(|s| s.availability_end_date())
                .unwrap_or_default();
            rows.push(Row {
                id: e.entity_id().unwrap_or_default().to_string(),
                name: s
                    .and_then(|s| s.name())
                    .or(e.name())
                    .unwrap_or_default()
                    .to_string(),
                product_id: s
                    .and_then(|s| s.product_id())
                    .unwrap_or_default()
                    .to_string(),
                state: s
                    .and_then(|s| s.state())
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                buyers,
                expired: time.is_past(end),
                availability_end: end.to_string(),
            });
        }
    }
    Ok(Listing {
        rows,
        now: time.now(),
    })
}
