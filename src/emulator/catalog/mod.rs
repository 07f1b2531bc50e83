//! Emulated AWS Marketplace Catalog API (rest-json): change sets and the entities they create.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::clock::Timings;
use super::wire::{ApiError, OpResult};
use super::world::World;

/// What other services may read about an offer entity.
#[derive(Debug, Clone)]
pub struct OfferView<'a> {
    /// `offer-…`
    pub id: &'a str,
    /// `arn:aws:aws-marketplace:us-east-1:<acct>:AWSMarketplace/Offer/<id>`
    pub arn: &'a str,
    /// The product the offer sells.
    pub product_id: Option<&'a str>,
    /// The product's entity type without version, e.g. `SaaSProduct`.
    pub product_type: Option<&'a str>,
    /// `Draft` or `Released`.
    pub state: &'a str,
    /// When the ReleaseOffer change was applied.
    pub released_at: Option<DateTime<Utc>>,
    /// `Rules[Type=TargetingRule].PositiveTargeting.BuyerAccounts`; empty for a public offer.
    pub buyer_accounts: Vec<String>,
    /// The DescribeEntity DetailsDocument of the offer (`Id`, `Name`, `ProductId`, `State`,
    /// `Terms`, `Rules`, …) as the applied change sets left it.
    pub document: &'a Value,
}

/// All Catalog data: entities and change sets.
#[derive(Debug, Default)]
pub struct CatalogState {}

impl CatalogState {
    /// Applies or fails every change set whose time has come.
    pub fn advance(&mut self, _now: DateTime<Utc>, _timings: &Timings) {}

    /// Every offer entity.
    pub fn offers(&self) -> Vec<OfferView<'_>> {
        Vec::new()
    }

    /// The offer with this id, if it exists.
    pub fn offer(&self, id: &str) -> Option<OfferView<'_>> {
        self.offers().into_iter().find(|o| o.id == id)
    }

    /// The offer with this ARN, if it exists.
    pub fn offer_by_arn(&self, arn: &str) -> Option<OfferView<'_>> {
        self.offers().into_iter().find(|o| o.arn == arn)
    }
}

/// Runs one Catalog operation.
pub fn handle(_world: &mut World, _method: &str, op: &str, _input: &Value, _now: DateTime<Utc>) -> OpResult {
    Err(ApiError::new(404, "UnknownOperationException", format!("unknown operation {op}")))
}
