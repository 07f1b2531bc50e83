//! The checks every usage record passes, whichever operation carries it: its timestamp within
//! AWS's window, its dimension one the product meters, its allocations adding up to its
//! quantity; and the price of accepted usage on the buyer's agreement.
//!
//! [I] AWS accepts usage up to 6 hours old; a timestamp more than 1 hour ahead of the service's
//! clock is out of bounds too (clock skew aside, usage cannot be in the future). Usage of a
//! dimension the agreement's UsageBasedPricingTerm does not price (or prices at 0) is accepted
//! and charges nothing.

use chrono::{DateTime, Duration, Utc};
use mpctl_facts::money::Money;
use serde_json::Value;

use super::{error, UsageCharge};
use crate::clock::parse_json_instant;
use crate::saas;
use crate::views::{ProductView, PurchaseView};
use crate::wire::ApiError;

/// The product a request's code names; `owner` (the seller for BatchMeterUsage) must own it.
pub fn product<'a>(
    ctx: &super::Ctx<'a>,
    code: &str,
    owner: Option<&str>,
) -> Result<ProductView<'a>, ApiError> {
    saas::product_by_code(ctx.offers, code)
        .filter(|p| owner.is_none_or(|o| p.owner == o))
        .ok_or_else(|| {
            error(
                "InvalidProductCodeException",
                format!("The product code {code} is not valid for this account."),
            )
        })
}

/// The record's `Timestamp`, within AWS's window around `now`.
pub fn timestamp(record: &Value, key: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, ApiError> {
    let at = record.get(key).and_then(parse_json_instant);
    let at = at.ok_or_else(|| ApiError::validation(format!("{key} is not a timestamp")))?;
    if at <= now - Duration::hours(6) || at > now + Duration::hours(1) {
        let message = format!(
            "Timestamp {} is out of bounds: usage must be reported within 6 hours of the event.",
            at.to_rfc3339()
        );
        return Err(error("TimestampOutOfBoundsException", message));
    }
    Ok(at)
}

/// `dimension`, if the product meters it.
pub fn dimension(product: &ProductView, dimension: &str) -> Result<(), ApiError> {
    if saas::metered_dimensions(product)
        .iter()
        .any(|d| d == dimension)
    {
        return Ok(());
    }
    let message = format!(
        "The usage dimension {dimension} is not a metered dimension of product {}.",
        product.id
    );
    Err(error("InvalidUsageDimensionException", message))
}

/// The record's quantity (0 when absent, as AWS defaults it), matched by its allocations.
pub fn quantity(record: &Value, key: &str) -> Result<i64, ApiError> {
    let quantity = record.get(key).and_then(Value::as_i64).unwrap_or(0);
    let Some(allocations) = record.get("UsageAllocations").and_then(Value::as_array) else {
        return Ok(quantity);
    };
    let allocated: i64 = (allocations.iter())
        .filter_map(|a| a.get("AllocatedUsageQuantity").and_then(Value::as_i64))
        .sum();
    if allocated != quantity {
        let message =
            format!("The usage allocations add up to {allocated}, not the quantity {quantity}.");
        return Err(error("InvalidUsageAllocationsException", message));
    }
    Ok(quantity)
}

/// The charge `quantity` units of `dimension` make on `purchase`, if its terms price them.
pub fn charge(
    purchase: &PurchaseView,
    dimension: &str,
    quantity: i64,
    at: DateTime<Utc>,
) -> Option<UsageCharge> {
    let price = purchase
        .terms
        .iter()
        .filter_map(|t| t.get("usageBasedPricingTerm"))
        .flat_map(|t| {
            t.get("rateCards")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .flat_map(|c| {
            c.get("rateCard")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .find(|item| item.get("dimensionKey").and_then(Value::as_str) == Some(dimension))
        .and_then(|item| Money::parse(item.get("price")?.as_str()?))?;
    let amount = price.times(u32::try_from(quantity).ok()?);
    amount.is_positive().then(|| UsageCharge {
        agreement_id: purchase.id.to_string(),
        amount: amount.to_string(),
        at,
    })
}
