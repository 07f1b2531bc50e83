//! The operations software running in the buyer's own account calls (AMI and container
//! products): MeterUsage reports one record for the calling buyer, RegisterUsage checks a
//! container's entitlement. The caller is the buyer: it needs an ACTIVE agreement for the
//! product (CustomerNotEntitledException otherwise).
//!
//! [I] `DryRun` runs every check and records nothing (no MeteringRecordId). A `ClientToken`
//! sent again for another record is an IdempotencyConflictException. RegisterUsage knows public
//! key version 1 only; its `Signature` is an opaque emulator string, not a verifiable JWT.

use serde_json::{json, Value};

use super::record::{self, product};
use super::state::{key, Seen};
use super::{error, Ctx};
use crate::clock::epoch_seconds;
use crate::saas;
use crate::views::PurchaseView;
use crate::wire::{ApiError, OpResult};

/// The caller's ACTIVE agreement for `product_id`.
fn entitled<'a>(ctx: &Ctx<'a>, product_id: &str) -> Result<PurchaseView<'a>, ApiError> {
    saas::active_purchase(ctx.agreements, product_id, ctx.caller, (ctx.now, ctx.now)).ok_or_else(
        || {
            let message = format!(
                "Account {} is not entitled to product {product_id}.",
                ctx.caller
            );
            error("CustomerNotEntitledException", message)
        },
    )
}

/// MeterUsage.
pub(super) fn meter_usage(ctx: &mut Ctx, input: &Value) -> OpResult {
    let code = input
        .get("ProductCode")
        .and_then(Value::as_str)
        .unwrap_or("");
    let product = product(ctx, code, None)?;
    let at = record::timestamp(input, "Timestamp", ctx.now)?;
    let dimension = (input.get("UsageDimension").and_then(Value::as_str)).unwrap_or("");
    record::dimension(&product, dimension)?;
    let quantity = record::quantity(input, "UsageQuantity")?;
    let purchase = entitled(ctx, product.id)?;
    let key = key(product.id, ctx.caller, dimension, at);
    if let Some(token) = input.get("ClientToken").and_then(Value::as_str) {
        if ctx.state.token_conflicts(token, &key, quantity) {
            let message = format!("ClientToken {token} was used for another request.");
            return Err(error("IdempotencyConflictException", message));
        }
    }
    if input.get("DryRun").and_then(Value::as_bool) == Some(true) {
        return Ok(json!({}));
    }
    match ctx.state.seen(&key, quantity) {
        Seen::Same(id) => Ok(json!({ "MeteringRecordId": id })),
        Seen::Conflict => Err(error(
            "DuplicateRequestException",
            "A record for this dimension and time was already sent with another quantity.",
        )),
        Seen::New(id) => {
            ctx.state.store(key, &id, quantity);
            let charge = record::charge(&purchase, dimension, quantity, at);
            ctx.usage.extend(charge);
            Ok(json!({ "MeteringRecordId": id }))
        }
    }
}

/// RegisterUsage.
pub(super) fn register_usage(ctx: &mut Ctx, input: &Value) -> OpResult {
    let code = input
        .get("ProductCode")
        .and_then(Value::as_str)
        .unwrap_or("");
    let product = product(ctx, code, None)?;
    if input.get("PublicKeyVersion").and_then(Value::as_i64) != Some(1) {
        return Err(error(
            "InvalidPublicKeyVersionException",
            "PublicKeyVersion must be 1.",
        ));
    }
    let purchase = entitled(ctx, product.id)?;
    let nonce = input.get("Nonce").and_then(Value::as_str).unwrap_or("");
    let signature = format!("emulator.{}.{}.{nonce}", purchase.id, ctx.now.timestamp());
    Ok(json!({
        "Signature": signature,
        "PublicKeyRotationTimestamp": epoch_seconds(ctx.now),
    }))
}
