//! The Catalog's part of `emulator seed catalog`: an entity created with a chosen id and the
//! changes of one change set applied to it by the same effects `StartChangeSet` runs
//! (`effects::apply`), so DescribeEntity, ListEntities, Discovery and the Agreement API read a
//! seeded product or offer exactly as one a seller published. No change set record and no event:
//! seeded entities are history, and AWS announces changes, not history.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::effects::{self, Links};
use super::entity::Entity;
use super::CatalogState;
use crate::views::OfferView;

/// One entity to seed: its type, owner, id, a product's code, and its change set's changes.
pub(crate) struct SeedEntity<'a> {
    pub entity_type: &'a str,
    pub owner: &'a str,
    pub id: String,
    pub product_code: String,
    /// `(ChangeType, resolved DetailsDocument)` in the order the set applies them.
    pub changes: Vec<(&'static str, Value)>,
    /// When AWS applied the set.
    pub at: DateTime<Utc>,
}

impl CatalogState {
    /// Whether `id` already names an entity (the same seed given twice).
    pub(crate) fn has_entity(&self, id: &str) -> bool {
        self.entities.contains_key(id)
    }

    /// Creates the entity and applies its changes as one set (revision 1). `fresh_id` names the
    /// delivery options and versions the effects add (seeded ids, not the effects' own).
    pub(crate) fn seed_entity(
        &mut self,
        seed: SeedEntity<'_>,
        fresh_id: &mut dyn FnMut(&str) -> String,
    ) -> Result<(), String> {
        self.generation += 1;
        let code = seed.product_code;
        let mut entity = Entity::create_as(seed.entity_type, seed.owner, seed.at, seed.id, || code);
        for (change_type, details) in &seed.changes {
            effects::apply(
                &mut entity,
                change_type,
                details,
                &Links::default(),
                seed.at,
            )
            .map_err(|e| format!("{change_type} on {}: {}", entity.id, e.message))?;
        }
        rename_generated_ids(&mut entity.document, fresh_id);
        entity.revision = 1;
        entity.last_modified = seed.at;
        self.entities.insert(entity.id.clone(), entity);
        Ok(())
    }

    /// A seeded offer as the other services read it (seeded offers are in no offer set, so
    /// this skips the offer set lookup [`Offers::offer`](crate::views::Offers::offer) makes).
    pub(crate) fn seeded_offer(&self, id: &str) -> Option<OfferView<'_>> {
        let e = self.entities.get(id).filter(|e| e.type_name == "Offer")?;
        Some(self.offer_view_in(e, None))
    }
}

/// The `version-…` and `do-…` ids `AddDeliveryOptions` drew, replaced by seeded ones.
fn rename_generated_ids(document: &mut Value, fresh_id: &mut dyn FnMut(&str) -> String) {
    let versions = document.get_mut("Versions").and_then(Value::as_array_mut);
    for version in versions.into_iter().flatten() {
        version["Id"] = json!(fresh_id("version-"));
        let options = version
            .get_mut("DeliveryOptions")
            .and_then(Value::as_array_mut);
        for option in options.into_iter().flatten() {
            option["Id"] = json!(fresh_id("do-"));
        }
    }
}
