//! BatchMeterUsage: a SaaS seller reports up to 25 usage records of one product. Every record is
//! checked before any is accepted (a bad timestamp, dimension, identifier or allocation fails
//! the call); then each is answered on its own: `Success` (new, or the same record again with
//! its first `MeteringRecordId`), `DuplicateRecord` (same buyer, dimension and time with another
//! quantity) or `CustomerNotSubscribed` (no ACTIVE agreement for the product at that time, nor
//! one that ended less than an hour ago, before the usage: see `saas::active_purchase`).
//!
//! Buyers are named by exactly one of `CustomerIdentifier` (from ResolveCustomer),
//! `CustomerAWSAccountId` or `LicenseArn`. [I] Naming none or two fails the call with
//! InvalidCustomerIdentifierException; an unknown CustomerIdentifier too, an unknown LicenseArn
//! with InvalidLicenseException. Without `ProductCode` the product is the one the first
//! record's `LicenseArn` belongs to.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::record::{self, product};
use super::state::{key, Seen};
use super::{error, Ctx};
use crate::saas;
use crate::views::ProductView;
use crate::wire::{ApiError, OpResult};

/// A record that passed the checks.
struct Checked<'a> {
    input: &'a Value,
    account: String,
    dimension: &'a str,
    quantity: i64,
    at: DateTime<Utc>,
}

/// BatchMeterUsage.
pub(super) fn batch_meter_usage(ctx: &mut Ctx, input: &Value) -> OpResult {
    let records = input.get("UsageRecords").and_then(Value::as_array);
    let records = records.map_or(&[][..], Vec::as_slice);
    let product = request_product(ctx, input, records)?;
    let code = saas::product_code(&product).unwrap_or_default().to_string();
    let checked = (records.iter())
        .map(|r| check(ctx, &product, &code, r))
        .collect::<Result<Vec<_>, _>>()?;
    let product_id = product.id.to_string();
    let results: Vec<Value> = (checked.iter())
        .map(|c| answer(ctx, &product_id, c))
        .collect();
    Ok(json!({"Results": results, "UnprocessedRecords": []}))
}

/// The product of the request: its `ProductCode`, else the first record's license's.
fn request_product<'a>(
    ctx: &Ctx<'a>,
    input: &Value,
    records: &[Value],
) -> Result<ProductView<'a>, ApiError> {
    if let Some(code) = input.get("ProductCode").and_then(Value::as_str) {
        return product(ctx, code, Some(ctx.caller));
    }
    let license = (records.iter()).find_map(|r| r.get("LicenseArn").and_then(Value::as_str));
    license
        .and_then(|arn| saas::product_of_license(ctx.offers, ctx.agreements, arn))
        .filter(|p| p.owner == ctx.caller)
        .ok_or_else(|| {
            let message = "ProductCode is required unless the records name a LicenseArn.";
            error("InvalidProductCodeException", message)
        })
}

/// The checks of one record, and the buyer account it names.
fn check<'a>(
    ctx: &Ctx,
    product: &ProductView,
    code: &str,
    r: &'a Value,
) -> Result<Checked<'a>, ApiError> {
    let at = record::timestamp(r, "Timestamp", ctx.now)?;
    let dimension = r.get("Dimension").and_then(Value::as_str).unwrap_or("");
    record::dimension(product, dimension)?;
    let quantity = record::quantity(r, "Quantity")?;
    let account = buyer(ctx, product, code, r)?;
    Ok(Checked {
        input: r,
        account,
        dimension,
        quantity,
        at,
    })
}

/// The buyer account a record names by exactly one identifier.
fn buyer(ctx: &Ctx, product: &ProductView, code: &str, r: &Value) -> Result<String, ApiError> {
    // The Rust SDK sends an unset CustomerIdentifier as "" (the member was once required).
    let named = |k: &str| r.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
    let ids = (
        named("CustomerIdentifier"),
        named("CustomerAWSAccountId"),
        named("LicenseArn"),
    );
    let invalid = |m: String| error("InvalidCustomerIdentifierException", m);
    match ids {
        (Some(id), None, None) => {
            let known = ctx.state.token_accounts();
            saas::account_of_identifier(ctx.agreements, product.id, code, id, &known).ok_or_else(
                || {
                    invalid(format!(
                        "CustomerIdentifier {id} is not a customer of this product."
                    ))
                },
            )
        }
        (None, Some(account), None) => Ok(account.to_string()),
        (None, None, Some(arn)) => saas::purchase_by_license(ctx.agreements, product.id, arn)
            .map(|p| p.acceptor.to_string())
            .ok_or_else(|| {
                let message = format!("LicenseArn {arn} is not a license of this product.");
                error("InvalidLicenseException", message)
            }),
        _ => Err(invalid(
            "A usage record names its customer by exactly one of CustomerIdentifier, \
             CustomerAWSAccountId and LicenseArn."
                .to_string(),
        )),
    }
}

/// The result of one checked record; a new one is stored and priced.
fn answer(ctx: &mut Ctx, product_id: &str, c: &Checked) -> Value {
    let result = |status: &str, id: Option<&str>| {
        let mut v = json!({"UsageRecord": c.input, "Status": status});
        if let Some(id) = id {
            v["MeteringRecordId"] = json!(id);
        }
        v
    };
    let Some(purchase) =
        saas::active_purchase(ctx.agreements, product_id, &c.account, (c.at, ctx.now))
    else {
        return result("CustomerNotSubscribed", None);
    };
    let key = key(product_id, &c.account, c.dimension, c.at);
    match ctx.state.seen(&key, c.quantity) {
        Seen::Same(id) => result("Success", Some(&id)),
        Seen::Conflict => result("DuplicateRecord", None),
        Seen::New(id) => {
            ctx.state.store(key, &id, c.quantity);
            ctx.usage
                .extend(record::charge(&purchase, c.dimension, c.quantity, c.at));
            result("Success", Some(&id))
        }
    }
}
