//! Offer set and solution change types. AWS publishes no DescribeEntity shape for these, so
//! the documents hold what the changes carry: an offer set's `Name`, `BuyerNotes`, `Offers`
//! (`[{OfferId}]`), `SolutionId` and `State`; a solution's information, related products and
//! `State`. Referenced offers, solutions and products are checked to exist before this runs.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{array, doc, merge_top};
use crate::catalog::entity::Entity;

/// Applies an offer set or solution change; `false` when the change type is not modelled.
pub fn apply(entity: &mut Entity, change_type: &str, details: &Value, now: DateTime<Utc>) -> bool {
    match change_type {
        "CreateOfferSet" | "CreateSolution" => {
            merge_top(entity, details);
            doc(entity).insert("State".into(), json!("Draft"));
        }
        "UpdateInformation" | "UpdateRelatedProducts" => merge_top(entity, details),
        "AssociateOffers" => {
            let list = array(doc(entity), "Offers");
            for offer in offers(details) {
                if !list.iter().any(|o| o["OfferId"] == offer["OfferId"]) {
                    list.push(offer);
                }
            }
        }
        "DisassociateOffers" => {
            let gone = offers(details);
            array(doc(entity), "Offers")
                .retain(|o| !gone.iter().any(|g| g["OfferId"] == o["OfferId"]));
        }
        "AssociateSolution" => {
            if let Some(s) = details.get("SolutionId") {
                doc(entity).insert("SolutionId".into(), s.clone());
            }
        }
        "DisassociateSolution" => {
            doc(entity).remove("SolutionId");
        }
        "ReleaseOfferSet" | "ReleaseSolution" => {
            entity.visibility = "Public".to_string();
            entity.released_at.get_or_insert(now);
            doc(entity).insert("State".into(), json!("Released"));
        }
        _ => return false,
    }
    true
}

fn offers(details: &Value) -> Vec<Value> {
    details
        .get("Offers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|o| o.get("OfferId"))
        .map(|id| json!({"OfferId": id}))
        .collect()
}
