//! The Catalog's EventBridge events (source `aws.marketplacecatalog`, aws-events-cosell.md
//! §A.3): a change set that ended (`Change Set Succeeded`/`Failed`/`Cancelled`) and an offer or
//! offer set a change set released (`Offer Released`, `OfferSet Released`), each for the seller
//! account that owns it, at the instant the set ended.
//!
//! [I] The event's `requestId` is a fresh UUID (AWS documents it only as a de-duplication id).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::changesets::ChangeSetRecord;
use super::entity::Entity;
use crate::clock;
use crate::outbox::{Change, Outbox, CATALOG};

const MARKETPLACE: &str = "AWSMarketplace";

/// `Change Set <Status>` for a set that just ended.
pub fn change_set_ended(outbox: &mut Outbox, record: &ChangeSetRecord) {
    let end = record.end.unwrap_or(record.start);
    let detail_type = match record.status.as_str() {
        "SUCCEEDED" => "Change Set Succeeded",
        "CANCELLED" => "Change Set Cancelled",
        _ => "Change Set Failed",
    };
    let mut detail = json!({
        "requestId": crate::ids::uuid(),
        "Catalog": MARKETPLACE,
        "ChangeSetId": record.id,
        "ChangeSetName": record.name,
        "StartTime": clock::catalog_time(record.start),
        "EndTime": clock::catalog_time(end),
    });
    if let Some(code) = &record.failure_code {
        detail["FailureCode"] = json!(code);
    }
    outbox.record(Change {
        time: end,
        account: record.owner(),
        source: CATALOG,
        detail_type,
        resources: vec![record.arn.clone()],
        detail,
    });
}

/// The offers and offer sets released now: released at `at` and not in `before`.
pub fn released(
    outbox: &mut Outbox,
    entities: &BTreeMap<String, Entity>,
    before: &BTreeSet<String>,
    at: DateTime<Utc>,
) {
    let new = entities
        .values()
        .filter(|e| e.released_at == Some(at) && !before.contains(&e.id));
    for entity in new {
        let (detail_type, detail) = match entity.type_name.as_str() {
            "Offer" => ("Offer Released", offer_detail(entity, entities)),
            "OfferSet" => ("OfferSet Released", offer_set_detail(entity)),
            _ => continue,
        };
        outbox.record(Change {
            time: at,
            account: entity.owner(),
            source: CATALOG,
            detail_type,
            resources: vec![entity.arn.clone()],
            detail,
        });
    }
}

/// The ids of the offers and offer sets already released.
pub fn released_ids(entities: &BTreeMap<String, Entity>) -> BTreeSet<String> {
    entities
        .values()
        .filter(|e| e.released_at.is_some() && matches!(e.type_name.as_str(), "Offer" | "OfferSet"))
        .map(|e| e.id.clone())
        .collect()
}

fn offer_detail(offer: &Entity, entities: &BTreeMap<String, Entity>) -> Value {
    let owner = offer.owner();
    let product = offer
        .document
        .get("ProductId")
        .and_then(Value::as_str)
        .and_then(|p| entities.get(p));
    json!({
        "requestId": crate::ids::uuid(),
        "catalog": MARKETPLACE,
        "offer": {
            "id": offer.id,
            // The event's own ARN form (SG-EB), unlike `resources`.
            "arn": format!("arn:aws:catalog:us-east-1:{owner}:Offer/{}", offer.id),
            "name": offer.document.get("Name"),
            "expirationDate": super::availability_end(&offer.document),
        },
        "product": product.map(|p| json!({"id": p.id, "arn": p.arn, "title": p.name()})),
        "manufacturer": {"accountId": product.map_or(owner, Entity::owner)},
        "sellerOfRecord": {"accountId": owner},
        "targetedBuyerAccountIds": super::targeted_buyers(&offer.document),
    })
}

fn offer_set_detail(set: &Entity) -> Value {
    let offers: Vec<Value> = set.document["Offers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| json!({"offer": {"id": o["OfferId"]}}))
        .collect();
    json!({
        "requestId": crate::ids::uuid(),
        "catalog": MARKETPLACE,
        "offerSet": {"id": set.id, "arn": set.arn, "name": set.document.get("Name")},
        "associatedOffers": offers,
    })
}
