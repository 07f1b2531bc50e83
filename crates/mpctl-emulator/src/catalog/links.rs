//! What a change's details point at: every `ProductId`, `ResaleAuthorizationId`, `OfferId`,
//! `SolutionId` and `OfferSetId` (at any depth) must name an existing entity of the right type, and the product,
//! resale authorization and agreement a change copies from are resolved for its effect.

use std::collections::BTreeMap;

use serde_json::Value;

use super::agreements::Agreements;
use super::effects::{ErrorDetail, Links};
use super::entity::{split_identifier, Entity};

/// The entity type (without version) that an id under each details key must name.
const LINK_KEYS: &[(&str, &str)] = &[
    ("ProductId", "Product"),
    ("ResaleAuthorizationId", "ResaleAuthorization"),
    ("OfferId", "Offer"),
    ("SolutionId", "Solution"),
    ("OfferSetId", "OfferSet"),
];

/// Every id the details point at (`ProductId`, `ResaleAuthorizationId`, `OfferId`,
/// `SolutionId`, at any depth) must name an existing entity of the right type.
pub fn check(
    work: &BTreeMap<String, Entity>,
    details: &Value,
    path: &str,
) -> Result<(), ErrorDetail> {
    match details {
        Value::Object(members) => {
            for (key, value) in members {
                let here = format!("{path}/{key}");
                if let (Some((_, kind)), Some(id)) =
                    (LINK_KEYS.iter().find(|(k, _)| k == key), value.as_str())
                {
                    check_link(work, &here, id, kind)?;
                }
                check(work, value, &here)?;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(work, item, &format!("{path}/{i}"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_link(
    work: &BTreeMap<String, Entity>,
    path: &str,
    id: &str,
    kind: &str,
) -> Result<(), ErrorDetail> {
    let Some(entity) = work.get(split_identifier(id).0) else {
        return Err(ErrorDetail::new(
            "ENTITY_NOT_FOUND",
            format!("{path}: '{id}' does not name an entity in this catalog."),
        ));
    };
    let fits = if kind == "Product" {
        entity.is_product()
    } else {
        entity.type_name == kind
    };
    if !fits {
        return Err(ErrorDetail::new(
            "INCOMPATIBLE_ENTITY_TYPE",
            format!(
                "{path}: '{id}' is a {}, not a {kind}.",
                entity.entity_type()
            ),
        ));
    }
    Ok(())
}

/// The entities and agreement a change's details name, for effects that copy from them.
pub fn resolve(
    work: &BTreeMap<String, Entity>,
    details: &Value,
    agreements: &Agreements,
) -> Result<Links, ErrorDetail> {
    let get = |key: &str| {
        details
            .get(key)
            .and_then(Value::as_str)
            .and_then(|id| work.get(split_identifier(id).0))
            .cloned()
    };
    let resale = get("ResaleAuthorizationId");
    let agreement = match details.get("AgreementId").and_then(Value::as_str) {
        Some(id) => Some(agreements.get(id).cloned().ok_or_else(|| {
            ErrorDetail::new(
                "AGREEMENT_NOT_FOUND",
                format!("AgreementId '{id}' does not name an agreement of this seller."),
            )
        })?),
        None => None,
    };
    let product = get("ProductId").or_else(|| {
        resale
            .as_ref()
            .and_then(|r| r.document.get("ProductId"))
            .and_then(Value::as_str)
            .and_then(|id| work.get(id))
            .cloned()
    });
    Ok(Links {
        product,
        resale,
        agreement,
    })
}
