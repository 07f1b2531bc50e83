//! ResolveCustomer: the seller's registration page turns the buyer's registration token into the
//! buyer's `CustomerIdentifier`, `CustomerAWSAccountId`, the `ProductCode` and, when the buyer's
//! agreement is ACTIVE, its `LicenseArn`.
//!
//! [I] Only the seller that owns the product resolves its tokens: anyone else gets
//! InvalidTokenException, as for a token never issued. A token is valid for
//! `state::TOKEN_SECONDS` after it was issued (ExpiredTokenException after that).

use chrono::Duration;
use serde_json::{json, Value};

use super::state::TOKEN_SECONDS;
use super::{error, Ctx};
use crate::saas;
use crate::wire::OpResult;

/// ResolveCustomer.
pub(super) fn resolve_customer(ctx: &mut Ctx, input: &Value) -> OpResult {
    let token = input.get("RegistrationToken").and_then(Value::as_str);
    let invalid = || {
        error(
            "InvalidTokenException",
            "The registration token is not valid.",
        )
    };
    let issued = token.and_then(|t| ctx.state.token(t)).ok_or_else(invalid)?;
    let product = ctx.offers.product(&issued.product_id);
    let product = product
        .filter(|p| p.owner == ctx.caller)
        .ok_or_else(invalid)?;
    if ctx.now > issued.issued_at + Duration::seconds(TOKEN_SECONDS) {
        return Err(error(
            "ExpiredTokenException",
            "The registration token has expired.",
        ));
    }
    let code = saas::product_code(&product).unwrap_or_default();
    let account = issued.account.as_str();
    let mut out = json!({
        "CustomerIdentifier": saas::customer_identifier(account, code),
        "CustomerAWSAccountId": account,
        "ProductCode": code,
    });
    if let Some(p) = saas::active_purchase(ctx.agreements, product.id, account, (ctx.now, ctx.now))
    {
        out["LicenseArn"] = json!(saas::license_arn(p.id));
    }
    Ok(out)
}
