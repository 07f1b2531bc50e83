//! A SaaS product's buyers as Metering and Entitlement name them, shared by both services (which
//! may not name each other): the product behind a `ProductCode`, its metered dimensions, the
//! `CustomerIdentifier` and `LicenseArn` of a buyer, and the agreement that makes a buyer
//! subscribed. Everything is read through the Catalog's and the Agreement service's views.
//!
//! [I] Where AWS publishes no format:
//! - A `CustomerIdentifier` is stable per buyer account and product: 14 lowercase hex digits
//!   derived from both, so it needs no stored state and survives restarts.
//! - A `LicenseArn` is one per agreement:
//!   `arn:aws:license-manager::294406891311:license:l-<32 hex digits derived from the agreement
//!   id>` (294406891311 is the account AWS Marketplace grants licenses from).
//! - A buyer is subscribed for usage in any hour its ACTIVE agreement has started by the end of.
//! - A dimension is metered when its `Types` include `ExternallyMetered` (SaaS) or `Metered`.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::views::{Agreements, Offers, ProductView, PurchaseView};

/// The account AWS Marketplace grants licenses from.
const LICENSE_ISSUER: &str = "294406891311";

fn hex(input: &str, digits: usize) -> String {
    let digest = Sha256::digest(input.as_bytes());
    let mut out: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    out.truncate(digits);
    out
}

/// `Description.ProductCode` of a product document.
pub fn product_code<'a>(p: &ProductView<'a>) -> Option<&'a str> {
    p.document.pointer("/Description/ProductCode")?.as_str()
}

/// The product whose code is `code`.
pub fn product_by_code<'a>(offers: &'a dyn Offers, code: &str) -> Option<ProductView<'a>> {
    (offers.products().into_iter()).find(|p| product_code(p) == Some(code))
}

/// The keys of the product's dimensions a seller meters.
pub fn metered_dimensions(p: &ProductView) -> Vec<String> {
    let dims = p.document.get("Dimensions").and_then(Value::as_array);
    (dims.into_iter().flatten())
        .filter(|d| {
            let types = d.get("Types").and_then(Value::as_array);
            (types.into_iter().flatten())
                .any(|t| matches!(t.as_str(), Some("ExternallyMetered" | "Metered")))
        })
        .filter_map(|d| d.get("Key").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// The `CustomerIdentifier` of `account` for the product with `code`.
pub fn customer_identifier(account: &str, code: &str) -> String {
    hex(&format!("customer/{account}/{code}"), 14)
}

/// The `LicenseArn` of an agreement.
pub fn license_arn(agreement_id: &str) -> String {
    let id = hex(&format!("license/{agreement_id}"), 32);
    format!("arn:aws:license-manager::{LICENSE_ISSUER}:license:l-{id}")
}

/// The agreement that makes `account` a subscriber of `product_id` for usage at `at`, asked at
/// `now`: started by the end of `at`'s hour ([I] usage is metered by the hour, so usage in the
/// hour the agreement starts counts, however the clients round its timestamp), and ACTIVE — or
/// ended less than an hour before `now` with `at` before its end: the final-usage window that
/// AWS's "Purchase Agreement Ended" event opens (aws-events-cosell.md). An ACTIVE one first.
pub fn active_purchase<'a>(
    agreements: &'a dyn Agreements,
    product_id: &str,
    account: &str,
    (at, now): (DateTime<Utc>, DateTime<Utc>),
) -> Option<PurchaseView<'a>> {
    let hour_end = at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at) + TimeDelta::hours(1);
    let final_usage = |p: &PurchaseView| {
        p.ended_at
            .is_some_and(|e| at <= e && now <= e + TimeDelta::hours(1))
    };
    (agreements.purchases_of(product_id).into_iter())
        .filter(|p| p.acceptor == account && p.start_time < hour_end)
        .filter(|p| p.active || final_usage(p))
        .min_by_key(|p| !p.active)
}

/// The buyer account whose `CustomerIdentifier` for `code` is `identifier`, among the
/// product's buyers and `known` accounts (those a registration token was issued for).
pub fn account_of_identifier(
    agreements: &dyn Agreements,
    product_id: &str,
    code: &str,
    identifier: &str,
    known: &[&str],
) -> Option<String> {
    let buyers = agreements.purchases_of(product_id);
    (buyers
        .iter()
        .map(|p| p.acceptor)
        .chain(known.iter().copied()))
    .find(|a| customer_identifier(a, code) == identifier)
    .map(str::to_string)
}

/// The agreement of `product_id` whose license is `arn`.
pub fn purchase_by_license<'a>(
    agreements: &'a dyn Agreements,
    product_id: &str,
    arn: &str,
) -> Option<PurchaseView<'a>> {
    (agreements.purchases_of(product_id).into_iter()).find(|p| license_arn(p.id) == arn)
}

/// The product a `LicenseArn` belongs to (when a request names no product code).
pub fn product_of_license<'a>(
    offers: &'a dyn Offers,
    agreements: &dyn Agreements,
    arn: &str,
) -> Option<ProductView<'a>> {
    (offers.products().into_iter()).find(|p| purchase_by_license(agreements, p.id, arn).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_stable_and_distinct() {
        assert_eq!(customer_identifier("1", "a"), customer_identifier("1", "a"));
        assert_ne!(customer_identifier("1", "a"), customer_identifier("2", "a"));
        assert_eq!(customer_identifier("1", "a").len(), 14);
        let arn = license_arn("agmt-1");
        assert!(arn.starts_with("arn:aws:license-manager::294406891311:license:l-"));
        assert_eq!(arn.rsplit("l-").next().map(str::len), Some(32));
    }
}
