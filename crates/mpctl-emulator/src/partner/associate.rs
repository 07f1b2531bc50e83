//! AssociateOpportunity and DisassociateOpportunity: linking solutions, AWS products and AWS
//! Marketplace offers to an opportunity, with the per-type limits of aws-behavior §A.3 (10
//! solutions, 20 AWS products, one Marketplace private offer).
//!
//! Offers are looked up in the emulated Marketplace Catalog (by ARN, or by `offer-…` id), which
//! serves both Partner Central catalogs; an offer is always stored by its ARN, the form
//! `RelatedEntityIdentifiers.AwsMarketplaceOffers` reports.

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::{business, code, request_field};
use super::opportunity::Opportunity;
use super::solutions::ACTIVE;
use super::Ctx;
use crate::views::Offers;
use crate::wire::{required_str, ApiError, OpResult};

const SOLUTIONS: &str = "Solutions";
const OFFERS: &str = "AwsMarketplaceOffers";
const FIELD: &str = "RelatedEntityIdentifier";

/// The most associations of one type an opportunity may have.
fn limit(kind: &str) -> usize {
    match kind {
        SOLUTIONS => 10,
        OFFERS => 1,
        // AwsProducts: 20 (documented); [I] the same for offer sets and the SDK-only types.
        _ => 20,
    }
}

/// What a request links or unlinks.
struct Link<'a> {
    catalog: CatalogName,
    opportunity: &'a str,
    kind: &'a str,
    target: &'a str,
}

impl<'a> Link<'a> {
    fn from_input(input: &'a Value) -> Result<Self, ApiError> {
        let target = required_str(input, "RelatedEntityIdentifier")?;
        if target.trim().is_empty() {
            return Err(request_field(
                FIELD,
                code::INVALID_VALUE,
                "RelatedEntityIdentifier must not be empty.",
            ));
        }
        Ok(Link {
            catalog: CatalogName::from_input(input)?,
            opportunity: required_str(input, "OpportunityIdentifier")?,
            kind: required_str(input, "RelatedEntityType")?,
            target,
        })
    }
}

pub fn associate(ctx: &mut Ctx, input: &Value) -> OpResult {
    let link = Link::from_input(input)?;
    let offers = ctx.offers;
    let now = ctx.now;
    let data = ctx.data(link.catalog);
    data.opportunity(link.opportunity)?;
    let value = resolve(&link, data, offers)?;
    let opportunity = data.opportunity_mut(link.opportunity)?;
    if opportunity.related(link.kind).contains(&value) {
        return Ok(json!({}));
    }
    check_room(opportunity, link.kind)?;
    opportunity
        .related
        .entry(link.kind.to_string())
        .or_default()
        .push(value);
    opportunity.touch(now);
    ctx.announce(link.catalog, "Updated", link.opportunity);
    Ok(json!({}))
}

pub fn disassociate(ctx: &mut Ctx, input: &Value) -> OpResult {
    let link = Link::from_input(input)?;
    let now = ctx.now;
    let opportunity = ctx.data(link.catalog).opportunity_mut(link.opportunity)?;
    let list = opportunity
        .related
        .entry(link.kind.to_string())
        .or_default();
    let Some(position) = list
        .iter()
        .position(|v| same_entity(link.kind, v, link.target))
    else {
        return Err(ApiError::not_found(format!(
            "{} '{}' is not associated with opportunity {}.",
            link.kind, link.target, link.opportunity
        )));
    };
    list.remove(position);
    opportunity.touch(now);
    ctx.announce(link.catalog, "Updated", link.opportunity);
    Ok(json!({}))
}

/// The identifier to store for the linked entity, after checking that it exists.
fn resolve(link: &Link, data: &Dataset, offers: &dyn Offers) -> Result<String, ApiError> {
    match link.kind {
        SOLUTIONS => solution(data, link.target),
        OFFERS => offers
            .offer_by_arn(link.target)
            .or_else(|| offers.offer(link.target))
            .map(|o| o.arn.to_string())
            .ok_or_else(|| {
                ApiError::not_found(format!(
                    "AWS Marketplace offer '{}' was not found.",
                    link.target
                ))
            }),
        // [I] Products, offer sets and the SDK-only types cannot be checked against anything
        // the emulator holds, so any non-empty identifier is accepted.
        _ => Ok(link.target.to_string()),
    }
}

/// [I] Only Active solutions can be associated: an Inactive one cannot be co-sold.
fn solution(data: &Dataset, target: &str) -> Result<String, ApiError> {
    let found = data
        .solutions
        .iter()
        .find(|s| s.id == target || s.arn == target)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Solution '{target}' was not found in this catalog."
            ))
        })?;
    if found.status != ACTIVE {
        return Err(business(
            FIELD,
            code::ACTION_NOT_PERMITTED,
            format!(
                "Solution {} is {}; only Active solutions can be associated.",
                found.id, found.status
            ),
        ));
    }
    Ok(found.id.clone())
}

fn check_room(opportunity: &Opportunity, kind: &str) -> Result<(), ApiError> {
    let existing = opportunity.related(kind);
    if existing.len() < limit(kind) {
        return Ok(());
    }
    let message = match (kind, existing.first()) {
        (OFFERS, Some(current)) => format!(
            "Only one AWS Marketplace private offer can be associated with an opportunity; {} already has {current}. Disassociate it first.",
            opportunity.id
        ),
        _ => format!("An opportunity can have at most {} {kind} associations.", limit(kind)),
    };
    Err(business(FIELD, code::TOO_MANY_VALUES, message))
}

/// Whether a stored identifier denotes the requested one; offers are stored by ARN but may be
/// named by id.
fn same_entity(kind: &str, stored: &str, requested: &str) -> bool {
    stored == requested || (kind == OFFERS && stored.ends_with(&format!("/{requested}")))
}
