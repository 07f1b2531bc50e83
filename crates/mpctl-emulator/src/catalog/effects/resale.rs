//! Resale authorization change types, written in the `ResaleAuthorizationEntityDetail` shape:
//! the manufacturer's product and dimensions, the reseller and availability rules, the buyer
//! terms (pricing, legal, payment schedule, buyer targeting) and `Status`
//! (`Draft` → `Active` on release, `Restricted`).
//!
//! [I] AWS documents the rule names only loosely: the reseller is a `ResellerRule` and the
//! expiry/usage limits an `AvailabilityRule` (`Usage` is `OneTimeUse` when at most one offer may
//! be created, else `MultipleUse`).

use serde_json::{json, Map, Value};

use super::{
    doc, merge_keys, replace_pricing_terms, replace_terms_by_type, rule_fields, terms_of,
    upsert_rule, ErrorDetail, Links,
};
use crate::catalog::entity::Entity;
use crate::clock;

/// Applies a resale authorization change; `Ok(false)` when the change type is not modelled.
pub fn apply(
    entity: &mut Entity,
    change_type: &str,
    details: &Value,
    links: &Links,
) -> Result<bool, ErrorDetail> {
    match change_type {
        "CreateResaleAuthorization" => create(entity, details, links)?,
        "UpdateInformation" => merge_keys(
            entity,
            details,
            &["Name", "Description", "PreExistingBuyerAgreement"],
        ),
        "UpdateAvailability" => availability(entity, details),
        "UpdateBuyerTargetingTerms" => buyer_targeting(entity, details),
        "UpdatePricingTerms" => {
            replace_pricing_terms(entity, details);
            merge_keys(entity, details, &["PricingModel"]);
        }
        "UpdateLegalTerms" | "UpdatePaymentScheduleTerms" | "UpdateBuyerValidityTerms" => {
            replace_terms_by_type(entity, details)
        }
        // Pricing is checked on the set's final state (see `super::release_problem`).
        "ReleaseResaleAuthorization" => {
            entity.visibility = "Public".to_string();
            doc(entity).insert("Status".into(), json!("Active"));
        }
        "RestrictResaleAuthorization" => {
            entity.visibility = "Restricted".to_string();
            doc(entity).insert("Status".into(), json!("Restricted"));
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn create(entity: &mut Entity, details: &Value, links: &Links) -> Result<(), ErrorDetail> {
    let Some(product) = &links.product else {
        return Err(ErrorDetail::new(
            "ENTITY_NOT_FOUND",
            "ProductId does not name a product in this catalog.",
        ));
    };
    let created = clock::catalog_time(entity.last_modified);
    let manufacturer = entity.owner().to_string();
    let dimensions = product
        .document
        .get("Dimensions")
        .cloned()
        .unwrap_or(json!([]));
    {
        let d = doc(entity);
        d.insert("ProductId".into(), json!(product.id));
        d.insert("ProductName".into(), json!(product.name()));
        d.insert("ManufacturerAccountId".into(), json!(manufacturer));
        d.insert("CreatedDate".into(), json!(created));
        d.insert("Dimensions".into(), dimensions);
    }
    merge_keys(entity, details, &["Name", "Description"]);
    if let Some(reseller) = details.get("ResellerAccountId") {
        let mut fields = Map::new();
        fields.insert("ResellerAccountId".into(), reseller.clone());
        upsert_rule(entity, "ResellerRule", fields);
    }
    Ok(())
}

fn availability(entity: &mut Entity, details: &Value) {
    let mut fields = rule_fields(entity, "AvailabilityRule");
    for key in ["AvailabilityEndDate", "OffersMaxQuantity"] {
        if let Some(v) = details.get(key) {
            fields.insert(key.into(), v.clone());
        }
    }
    let one_time = fields.get("OffersMaxQuantity").and_then(Value::as_u64) == Some(1);
    fields.insert(
        "Usage".into(),
        json!(if one_time {
            "OneTimeUse"
        } else {
            "MultipleUse"
        }),
    );
    upsert_rule(entity, "AvailabilityRule", fields);
}

/// `PositiveTargeting.BuyerAccounts` is a list of account ids in the change and a list of
/// `{AwsAccountId}` objects in the entity.
fn buyer_targeting(entity: &mut Entity, details: &Value) {
    let terms: Vec<Value> = terms_of(details)
        .into_iter()
        .map(|mut t| {
            let accounts: Vec<Value> =
                super::strings(t.pointer("/PositiveTargeting/BuyerAccounts"))
                    .into_iter()
                    .map(|a| json!({"AwsAccountId": a}))
                    .collect();
            if t.get("PositiveTargeting").is_some() {
                t["PositiveTargeting"] = json!({"BuyerAccounts": accounts});
            }
            t
        })
        .collect();
    let wrapped = json!({"Terms": terms});
    replace_terms_by_type(entity, &wrapped);
}

/// One more offer was created from this authorization.
pub fn count_offer(entity: &mut Entity) {
    let details = super::object(doc(entity), "OfferDetails");
    let n = details
        .get("OfferCreatedCount")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    details.insert("OfferCreatedCount".into(), json!(n + 1));
}

/// Why no (further) offer may be created from this authorization: not released, past its
/// `AvailabilityEndDate`, or all of its `OffersMaxQuantity` offers already created.
/// Whether `ra` is a resale authorization its manufacturer shared with `account`: AWS shares
/// one with the reseller its `ResellerRule` names once it is released (Active, and still after
/// it is Restricted, so the reseller can see why it no longer works). A draft is the
/// manufacturer's alone. The reseller can read it and reference it from its own change sets
/// (`CreateOfferUsingResaleAuthorization`, `CreateReplacementOfferUsingResaleAuthorization`,
/// the change types whose shapes carry a `ResaleAuthorizationId`), never change it.
pub fn shared_with(ra: &Entity, account: &str) -> bool {
    let released = matches!(
        ra.document.get("Status").and_then(Value::as_str),
        Some("Active" | "Restricted")
    );
    ra.type_name == "ResaleAuthorization"
        && released
        && rule_fields(ra, "ResellerRule")
            .get("ResellerAccountId")
            .and_then(Value::as_str)
            == Some(account)
}

pub fn offer_blocker(ra: &Entity, today: &str) -> Option<ErrorDetail> {
    let status = ra.document.get("Status").and_then(Value::as_str);
    if status != Some("Active") {
        return Some(ErrorDetail::new(
            "INVALID_RESALE_AUTHORIZATION_STATE",
            format!(
                "Resale authorization {} is {}; only a released (Active) one can be used.",
                ra.id,
                status.unwrap_or("Draft")
            ),
        ));
    }
    let rule = rule_fields(ra, "AvailabilityRule");
    if let Some(end) = rule.get("AvailabilityEndDate").and_then(Value::as_str) {
        if end < today {
            return Some(ErrorDetail::new(
                "RESALE_AUTHORIZATION_EXPIRED",
                format!("Resale authorization {} expired on {end}.", ra.id),
            ));
        }
    }
    let created = ra
        .document
        .pointer("/OfferDetails/OfferCreatedCount")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    match rule.get("OffersMaxQuantity").and_then(Value::as_u64) {
        Some(max) if created >= max => Some(ErrorDetail::new(
            "RESALE_AUTHORIZATION_EXHAUSTED",
            format!(
                "Resale authorization {} allows {max} offer(s) and {created} were already created from it.",
                ra.id
            ),
        )),
        _ => None,
    }
}
