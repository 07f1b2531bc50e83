//! Emulated AWS Marketplace Catalog API (rest-json): change sets and the entities they create.
//!
//! Submodules: `entity` (the stored entity), `changesets` (lifecycle), `apply` (atomic
//! application with references), `links` (ids the details name), `effects` (per change type
//! and entity family), `agreements` (agreements named by replacement offers), `ops` (operation
//! handlers), `listing` (ListChangeSets, shared paging helpers), `entity_listing` (ListEntities),
//! `tags` (tags and resource policies by ARN).

mod agreements;
mod apply;
mod changesets;
mod effects;
mod entity;
mod entity_listing;
mod errors;
mod events;
mod lifecycle;
mod links;
mod listing;
mod ops;
mod request;
mod seed;
mod tags;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use changesets::ChangeSetRecord;
pub use entity::Entity;
pub(crate) use seed::SeedEntity;

use super::outbox::Outbox;
use super::service::model::Model;
use super::service::{Operation as Op, Table};
use super::views::{Agreements, OfferView, Offers, ProductView};
use super::wire::{ApiError, OpResult};

/// All Catalog data: entities and change sets.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CatalogState {
    entities: BTreeMap<String, Entity>,
    changesets: Vec<ChangeSetRecord>,
    /// ClientRequestToken → change set id.
    tokens: BTreeMap<String, String>,
    /// Change sets doomed by an injected `server-fault`: they end FAILED with SERVER_FAULT.
    server_faults: BTreeSet<String>,
    /// Resource ARN (entity or change set) → its tags.
    #[serde(default)]
    tags: BTreeMap<String, tags::Tags>,
    /// Entity ARN → its resource policy, the JSON string as given.
    #[serde(default)]
    policies: BTreeMap<String, String>,
    /// Moves on whenever entities change (a change set ends, a seed): what the agreement
    /// service's buyer stand-in compares to know the offers are as it last scanned them.
    /// Derived, not saved: 0 after a start, which only costs one full scan.
    #[serde(skip)]
    generation: u64,
}

/// The Catalog as one seller account sees it: its own entities and change sets only.
pub(crate) struct Owned<'a> {
    pub state: &'a mut CatalogState,
    pub caller: &'a str,
}

impl Owned<'_> {
    /// An entity the caller owns, or a resale authorization shared with it (readable only:
    /// change sets cannot target another account's entity, see `ops::check_targets`).
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.state
            .entity(id)
            .filter(|e| e.owner() == self.caller || effects::shared_with(e, self.caller))
    }

    pub fn changeset(&self, id: &str) -> Option<&ChangeSetRecord> {
        self.state
            .changeset(id)
            .filter(|c| c.owner() == self.caller)
    }
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

    /// Offer id → the offer set that holds it, in one pass (not one pass per offer: a seller's
    /// catalog holds thousands of offers).
    pub fn offer_sets(&self) -> BTreeMap<&str, &str> {
        let mut sets = BTreeMap::new();
        for set in self.entities.values().filter(|e| e.type_name == "OfferSet") {
            for offer in set.document["Offers"].as_array().into_iter().flatten() {
                if let Some(offer) = offer["OfferId"].as_str() {
                    sets.entry(offer).or_insert(set.id.as_str());
                }
            }
        }
        sets
    }

    /// Every offer entity.
    fn all_offers(&self) -> Vec<OfferView<'_>> {
        let sets = self.offer_sets();
        self.entities
            .values()
            .filter(|e| e.type_name == "Offer")
            .map(|e| self.offer_view_in(e, sets.get(e.id.as_str()).map(|s| s.to_string())))
            .collect()
    }

    fn offer_view<'a>(&'a self, e: &'a Entity) -> OfferView<'a> {
        self.offer_view_in(e, self.offer_set_of(&e.id))
    }

    fn offer_view_in<'a>(&'a self, e: &'a Entity, offer_set_id: Option<String>) -> OfferView<'a> {
        let product_id = e.document.get("ProductId").and_then(Value::as_str);
        OfferView {
            id: &e.id,
            arn: &e.arn,
            product_id,
            product_type: product_id
                .and_then(|p| self.entity(p))
                .map(|p| p.type_name.as_str()),
            owner: e.owner(),
            state: e
                .document
                .get("State")
                .and_then(Value::as_str)
                .unwrap_or("Draft"),
            released_at: e.released_at,
            buyer_accounts: targeted_buyers(&e.document),
            document: &e.document,
            replaced_agreement: e.replaced_agreement.as_deref(),
            offer_set_id,
            revision: e.revision,
        }
    }

    /// The offer set an offer is associated with, if any.
    pub fn offer_set_of(&self, offer_id: &str) -> Option<String> {
        self.entities
            .values()
            .filter(|e| e.type_name == "OfferSet")
            .find(|e| {
                e.document["Offers"]
                    .as_array()
                    .is_some_and(|os| os.iter().any(|o| o["OfferId"] == offer_id))
            })
            .map(|e| e.id.clone())
    }
}

/// What the other services read of the Catalog.
impl Offers for CatalogState {
    fn offers(&self) -> Vec<OfferView<'_>> {
        self.all_offers()
    }

    fn generation(&self) -> u64 {
        self.generation + 1
    }

    fn offer(&self, id: &str) -> Option<OfferView<'_>> {
        self.entities
            .get(id)
            .filter(|e| e.type_name == "Offer")
            .map(|e| self.offer_view(e))
    }

    fn product(&self, id: &str) -> Option<ProductView<'_>> {
        self.entity(id).map(product_view)
    }

    fn products(&self) -> Vec<ProductView<'_>> {
        self.entities
            .values()
            .filter(|e| e.is_product())
            .map(product_view)
            .collect()
    }
}

fn product_view(e: &Entity) -> ProductView<'_> {
    ProductView {
        id: &e.id,
        name: e.name(),
        document: &e.document,
        owner: e.owner(),
        type_name: &e.type_name,
        visibility: &e.visibility,
        released_at: e.released_at,
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

pub(crate) use crate::views::availability_end;

/// What a Catalog operation may touch: this service's state, the agreements a change set may
/// name (read-only), and the request's instant and account.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut CatalogState,
    pub agreements: &'a dyn Agreements,
    pub outbox: &'a mut Outbox,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

impl Ctx<'_> {
    /// The Catalog as the caller's account sees it.
    pub fn owned(&mut self) -> Owned<'_> {
        Owned {
            state: self.state,
            caller: self.caller,
        }
    }
}

/// A Catalog handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
///
/// Entities and change sets belong to the account that started the set (the account in their
/// ARN). Another account's ids are looked up in the caller's own account, where they do not
/// exist: Describe*/CancelChangeSet answer ResourceNotFoundException and a StartChangeSet change
/// that targets one fails with ENTITY_NOT_FOUND — the same answers as for an id nobody has, so a
/// seller cannot learn that another seller's product or offer exists (AWS scopes every Catalog
/// ARN to its owner account).
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Catalog,
    model: &MODEL,
    operations: &[
        Op::write("StartChangeSet", ops::start_change_set),
        Op::read("DescribeChangeSet", ops::describe_change_set),
        Op::read("ListChangeSets", ops::list_change_sets),
        Op::write("CancelChangeSet", ops::cancel_change_set),
        Op::read("DescribeEntity", ops::describe_entity),
        Op::read("ListEntities", ops::list_entities),
        Op::read("BatchDescribeEntities", ops::batch_describe_entities),
        Op::write("TagResource", tags::tag_resource),
        Op::write("UntagResource", tags::untag_resource),
        Op::read("ListTagsForResource", tags::list_tags_for_resource),
        Op::write("PutResourcePolicy", tags::put_resource_policy),
        Op::read("GetResourcePolicy", tags::get_resource_policy),
        Op::write("DeleteResourcePolicy", tags::delete_resource_policy),
    ],
    timestamps: &[],
    unknown: |request| {
        ApiError::new(
            404,
            "UnknownOperationException",
            format!(
                "{} /{} is not a Marketplace Catalog operation.",
                request.method, request.op
            ),
        )
    },
    invalid: errors::model_invalid,
};

/// The embedded botocore model (`marketplace-catalog` 2018-09-17).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);
