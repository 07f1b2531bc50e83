//! A Catalog entity as the emulator stores it: identity, revision, visibility and the
//! DescribeEntity `DetailsDocument` that applied changes keep current.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::{clock, ids};

/// One product, offer, resale authorization, offer set or solution.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub id: String,
    /// Entity type without version, e.g. `SaaSProduct`.
    pub type_name: String,
    /// Version part of the entity type, e.g. `1.0`.
    pub type_version: String,
    pub arn: String,
    /// Incremented once per change set that modifies the entity.
    pub revision: u32,
    /// `Draft`, `Limited`, `Public`, `Restricted`.
    pub visibility: String,
    pub last_modified: DateTime<Utc>,
    /// When a Release* change was applied (offers: when buyers may accept).
    pub released_at: Option<DateTime<Utc>>,
    /// The DescribeEntity DetailsDocument.
    pub document: Value,
    /// Offers created from a resale authorization: its id (ListEntities shows and filters it;
    /// the offer's DetailsDocument has no member for it).
    pub resale_authorization_id: Option<String>,
    /// Replacement offers: the agreement they replace (the Offer document has no member for
    /// it; Discovery and the Agreement API read it from here).
    pub replaced_agreement: Option<String>,
}

/// Id prefix for each creatable entity type.
fn id_prefix(type_name: &str) -> &'static str {
    match type_name {
        "Offer" => "offer-",
        "ResaleAuthorization" => "resaleauthz-",
        "OfferSet" => "offerset-",
        "Solution" => "soln-",
        "Experience" => "exp-",
        _ => "prod-",
    }
}

impl Entity {
    /// The seller account that created the entity.
    pub fn owner(&self) -> &str {
        ids::arn_account(&self.arn)
    }

    /// A new, empty entity of `entity_type` (`Offer@1.0`), revision 0 until its set applies.
    pub fn create(entity_type: &str, owner: &str, now: DateTime<Utc>) -> Entity {
        let (type_name, _) = split_type(entity_type);
        let id = format!("{}{}", id_prefix(type_name), ids::alnum(13));
        Entity::create_as(entity_type, owner, now, id, || ids::alnum(25))
    }

    /// [`Entity::create`] with the id (and a product's code) chosen by the caller: the seeding
    /// path draws them from its own seeded generator.
    pub fn create_as(
        entity_type: &str,
        owner: &str,
        now: DateTime<Utc>,
        id: String,
        product_code: impl FnOnce() -> String,
    ) -> Entity {
        let (type_name, type_version) = split_type(entity_type);
        let arn = ids::catalog_arn(owner, type_name, &id);
        let document = match type_name {
            "Offer" => json!({"Id": id, "State": "Draft", "Terms": [], "Rules": []}),
            "ResaleAuthorization" => json!({"Status": "Draft", "Terms": []}),
            // [I] A product's code (what Metering and Entitlement name it by) is 25 lowercase
            // alphanumerics, fixed at creation.
            t if t.ends_with("Product") => json!({"Description": {
                "ProductState": "Draft", "Visibility": "Draft", "ProductCode": product_code()}}),
            _ => json!({"Id": id}),
        };
        Entity {
            id,
            type_name: type_name.to_string(),
            type_version: type_version.to_string(),
            arn,
            revision: 0,
            visibility: "Draft".to_string(),
            last_modified: now,
            released_at: None,
            document,
            resale_authorization_id: None,
            replaced_agreement: None,
        }
    }

    /// `Offer@1.0`.
    pub fn entity_type(&self) -> String {
        format!("{}@{}", self.type_name, self.type_version)
    }

    /// `offer-…@3`, the form DescribeEntity and DescribeChangeSet report.
    pub fn versioned_id(&self) -> String {
        format!("{}@{}", self.id, self.revision)
    }

    /// A display name: product title, offer name, or the id.
    pub fn name(&self) -> String {
        let d = &self.document;
        d.pointer("/Description/ProductTitle")
            .or_else(|| d.get("Name"))
            .and_then(Value::as_str)
            .unwrap_or(&self.id)
            .to_string()
    }

    pub fn is_product(&self) -> bool {
        self.type_name.ends_with("Product")
    }

    /// DescribeEntity output.
    pub fn describe(&self) -> Value {
        json!({
            "EntityType": self.entity_type(),
            "EntityIdentifier": self.versioned_id(),
            "EntityArn": self.arn,
            "LastModifiedDate": clock::catalog_time(self.last_modified),
            "Details": self.document.to_string(),
            "DetailsDocument": self.document,
        })
    }
}

/// `Offer@1.0` → (`Offer`, `1.0`).
pub fn split_type(entity_type: &str) -> (&str, &str) {
    entity_type.split_once('@').unwrap_or((entity_type, "1.0"))
}

/// `prod-abc@2` → (`prod-abc`, Some(2)); a malformed revision is kept as `Err` text.
pub fn split_identifier(identifier: &str) -> (&str, Option<&str>) {
    match identifier.split_once('@') {
        Some((id, rev)) => (id, Some(rev)),
        None => (identifier, None),
    }
}
