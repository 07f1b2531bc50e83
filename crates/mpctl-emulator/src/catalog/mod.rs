//! Emulated AWS Marketplace Catalog API (rest-json): change sets and the entities they create.
//!
//! Submodules: `entity` (the stored entity), `changesets` (lifecycle), `apply` (atomic
//! application with references), `links` (ids the details name), `effects` (per change type
//! and entity family), `agreements` (agreements named by replacement offers), `ops` (operation
//! handlers), `listing` (ListChangeSets, shared paging helpers), `entity_listing` (ListEntities).

mod agreements;
mod apply;
mod changesets;
mod effects;
mod entity;
mod entity_listing;
mod links;
mod listing;
mod ops;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use changesets::ChangeSetRecord;
pub use entity::Entity;

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
    /// The agreement a replacement offer replaces.
    pub replaced_agreement: Option<&'a str>,
}

/// All Catalog data: entities and change sets.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CatalogState {
    entities: BTreeMap<String, Entity>,
    changesets: Vec<ChangeSetRecord>,
    /// ClientRequestToken → change set id.
    tokens: HashMap<String, String>,
    /// Change sets doomed by an injected `server-fault`: they end FAILED with SERVER_FAULT.
    server_faults: BTreeSet<String>,
}

impl CatalogState {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// Makes the change set in a StartChangeSet reply end FAILED with SERVER_FAULT, applying
    /// nothing (fault injection).
    pub fn doom_change_set(&mut self, start_reply: &Value) {
        if let Some(id) = start_reply.get("ChangeSetId").and_then(Value::as_str) {
            self.server_faults.insert(id.to_string());
        }
    }

    pub fn changeset(&self, id: &str) -> Option<&ChangeSetRecord> {
        self.changesets.iter().find(|c| c.id == id)
    }

    /// Every offer entity.
    pub fn offers(&self) -> Vec<OfferView<'_>> {
        self.entities
            .values()
            .filter(|e| e.type_name == "Offer")
            .map(|e| self.offer_view(e))
            .collect()
    }

    fn offer_view<'a>(&'a self, e: &'a Entity) -> OfferView<'a> {
        let product_id = e.document.get("ProductId").and_then(Value::as_str);
        OfferView {
            id: &e.id,
            arn: &e.arn,
            product_id,
            product_type: product_id
                .and_then(|p| self.entity(p))
                .map(|p| p.type_name.as_str()),
            state: e
                .document
                .get("State")
                .and_then(Value::as_str)
                .unwrap_or("Draft"),
            released_at: e.released_at,
            buyer_accounts: targeted_buyers(&e.document),
            document: &e.document,
            replaced_agreement: e.replaced_agreement.as_deref(),
        }
    }

    /// The offer with this id, if it exists.
    pub fn offer(&self, id: &str) -> Option<OfferView<'_>> {
        self.entities
            .get(id)
            .filter(|e| e.type_name == "Offer")
            .map(|e| self.offer_view(e))
    }

    /// The offer with this ARN, if it exists.
    pub fn offer_by_arn(&self, arn: &str) -> Option<OfferView<'_>> {
        let id = arn.rsplit('/').next()?;
        self.offer(id).filter(|o| o.arn == arn)
    }
}

/// Buyer accounts in an offer document's TargetingRule.
pub(crate) fn targeted_buyers(document: &Value) -> Vec<String> {
    document
        .get("Rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| r.get("Type").and_then(Value::as_str) == Some("TargetingRule"))
        .filter_map(|r| {
            r.pointer("/PositiveTargeting/BuyerAccounts")
                .and_then(Value::as_array)
        })
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// `AvailabilityEndDate` from an offer document's AvailabilityRule.
pub(crate) fn availability_end(document: &Value) -> Option<String> {
    document
        .get("Rules")
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("Type").and_then(Value::as_str) == Some("AvailabilityRule"))?
        .get("AvailabilityEndDate")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Runs one Catalog operation.
pub fn handle(
    world: &mut World,
    method: &str,
    op: &str,
    input: &Value,
    now: DateTime<Utc>,
) -> OpResult {
    if (method, op) == ("POST", "StartChangeSet") {
        let agreements = agreements::lookup(world, input, now);
        return ops::start_change_set(&mut world.catalog, input, now, agreements);
    }
    let state = &mut world.catalog;
    match (method, op) {
        ("GET", "DescribeChangeSet") => ops::describe_change_set(state, input),
        ("POST", "ListChangeSets") => ops::list_change_sets(state, input),
        ("PATCH", "CancelChangeSet") => ops::cancel_change_set(state, input, now),
        ("GET", "DescribeEntity") => ops::describe_entity(state, input),
        ("POST", "ListEntities") => ops::list_entities(state, input),
        ("POST", "BatchDescribeEntities") => ops::batch_describe_entities(state, input),
        _ => Err(ApiError::new(
            404,
            "UnknownOperationException",
            format!("{method} /{op} is not a Marketplace Catalog operation."),
        )),
    }
}
