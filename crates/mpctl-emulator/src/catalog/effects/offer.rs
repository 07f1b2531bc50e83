//! Offer change types: creation (plain, from a resale authorization, replacing an agreement),
//! information, terms, markup, targeting and availability rules, and release — written in the
//! `OfferEntityDetail` shape (`Id`, `Name`, `Description`, `ProductId`, `State`, `Terms`,
//! `Rules`, `MarkupPercentage`).

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::{
    doc, merge_keys, replace_pricing_terms, replace_terms_by_type, rule_fields, upsert_rule,
    ErrorDetail, Links,
};
use crate::catalog::entity::Entity;

/// Applies an offer change; `Ok(false)` when the change type is not modelled.
pub fn apply(
    entity: &mut Entity,
    change_type: &str,
    details: &Value,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<bool, ErrorDetail> {
    match change_type {
        "CreateOffer" => merge_keys(entity, details, &["ProductId", "Name", "Description"]),
        "CreateOfferUsingResaleAuthorization" => {
            from_resale_authorization(entity, links, now)?;
            merge_keys(entity, details, &["Name", "Description"]);
        }
        "CreateReplacementOffer" => replacing(entity, links)?,
        "CreateReplacementOfferUsingResaleAuthorization" => {
            from_resale_authorization(entity, links, now)?;
            replacing(entity, links)?;
            same_product(entity, links)?;
        }
        "UpdateInformation" => merge_keys(entity, details, &["Name", "Description"]),
        "UpdateMarkup" => {
            if let Some(p) = details.get("Percentage") {
                doc(entity).insert("MarkupPercentage".into(), p.clone());
            }
        }
        "UpdateTargeting" => {
            let mut fields = Map::new();
            for key in ["PositiveTargeting", "NegativeTargeting"] {
                if let Some(v) = details.get(key) {
                    fields.insert(key.into(), v.clone());
                }
            }
            upsert_rule(entity, "TargetingRule", fields);
        }
        "UpdateAvailability" => {
            let mut fields = rule_fields(entity, "AvailabilityRule");
            if let Some(v) = details.get("AvailabilityEndDate") {
                fields.insert("AvailabilityEndDate".into(), v.clone());
            }
            upsert_rule(entity, "AvailabilityRule", fields);
        }
        "UpdatePricingTerms" => replace_pricing_terms(entity, details),
        "UpdateLegalTerms"
        | "UpdateSupportTerms"
        | "UpdateValidityTerms"
        | "UpdatePaymentScheduleTerms"
        | "UpdateRenewalTerms"
        | "UpdateCustomerVerificationTerms" => replace_terms_by_type(entity, details),
        "ReleaseOffer" => release(entity, now)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// A channel-partner offer sells the authorization's product at the authorization's prices
/// (the reseller adds a markup); the authorization must be released, unexpired and not used up.
fn from_resale_authorization(
    entity: &mut Entity,
    links: &Links,
    now: DateTime<Utc>,
) -> Result<(), ErrorDetail> {
    let Some(ra) = &links.resale else {
        return Err(ErrorDetail::new(
            "ENTITY_NOT_FOUND",
            "ResaleAuthorizationId does not name a resale authorization in this catalog.",
        ));
    };
    let today = now.format("%Y-%m-%d").to_string();
    if let Some(blocker) = super::resale::offer_blocker(ra, &today) {
        return Err(blocker);
    }
    entity.resale_authorization_id = Some(ra.id.clone());
    let d = doc(entity);
    if let Some(p) = ra.document.get("ProductId") {
        d.insert("ProductId".into(), p.clone());
    }
    // Resale pricing terms become the offer's terms without the `Resale` prefix.
    let terms: Vec<Value> = ra
        .document
        .get("Terms")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|t| {
            t.get("Type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.ends_with("PricingTerm"))
        })
        .map(|t| {
            let mut t = t.clone();
            if let Some(name) = t.get("Type").and_then(Value::as_str) {
                let plain = name.trim_start_matches("Resale").to_string();
                t["Type"] = json!(plain);
            }
            if let Some(obj) = t.as_object_mut() {
                obj.remove("Id");
            }
            t
        })
        .collect();
    super::array(d, "Terms").extend(terms);
    Ok(())
}

/// A replacement offer sells the replaced agreement's product to that agreement's buyer.
fn replacing(entity: &mut Entity, links: &Links) -> Result<(), ErrorDetail> {
    let Some(agreement) = &links.agreement else {
        return Err(ErrorDetail::new(
            "AGREEMENT_NOT_FOUND",
            "AgreementId does not name an agreement of this seller.",
        ));
    };
    if agreement.status != "ACTIVE" {
        return Err(ErrorDetail::new(
            "INVALID_AGREEMENT_STATE",
            format!(
                "Agreement {} is {}; only an ACTIVE agreement can be replaced.",
                agreement.id, agreement.status
            ),
        ));
    }
    entity.replaced_agreement = Some(agreement.id.clone());
    if let Some(product) = &agreement.product_id {
        doc(entity)
            .entry("ProductId")
            .or_insert_with(|| json!(product));
    }
    let mut fields = Map::new();
    fields.insert(
        "PositiveTargeting".into(),
        json!({"BuyerAccounts": [agreement.acceptor]}),
    );
    upsert_rule(entity, "TargetingRule", fields);
    Ok(())
}

/// Pricing is checked on the set's final state (see [`super::release_problem`]): a set may
/// price the offer after the ReleaseOffer change.
/// A resale replacement offer must sell the same product as the agreement it replaces.
fn same_product(entity: &Entity, links: &Links) -> Result<(), ErrorDetail> {
    let sold = entity.document.get("ProductId").and_then(Value::as_str);
    let bought = links
        .agreement
        .as_ref()
        .and_then(|a| a.product_id.as_deref());
    match (sold, bought) {
        (Some(s), Some(b)) if s != b => Err(ErrorDetail::new(
            "INCOMPATIBLE_AGREEMENT",
            format!("The resale authorization is for product {s}, but the agreement is for {b}."),
        )),
        _ => Ok(()),
    }
}

fn release(entity: &mut Entity, now: DateTime<Utc>) -> Result<(), ErrorDetail> {
    let private = !super::super::targeted_buyers(&entity.document).is_empty();
    entity.visibility = if private { "Private" } else { "Public" }.to_string();
    entity.released_at.get_or_insert(now);
    doc(entity).insert("State".into(), json!("Released"));
    Ok(())
}
