//! GetEntitlements: one entitlement per dimension of each ACTIVE agreement of the product — the
//! quantity the buyer chose on a configurable-upfront (contract) term, or a fixed term's grant —
//! named by CustomerIdentifier, CustomerAWSAccountId and LicenseArn, expiring with the
//! agreement; filtered by `Filter` (values of one name are alternatives, names all apply) and
//! paged by `MaxResults` (at most 25).
//!
//! [I] Only the seller that owns the product reads its entitlements: a product code unknown to
//! the caller is an InvalidParameterException. A product sold by usage alone entitles nobody to
//! anything here (its buyers are metered, not entitled). Without `MaxResults` a page holds 25.

use serde_json::{json, Value};

use super::{invalid, Ctx};
use crate::clock::epoch_seconds;
use crate::saas;
use crate::views::PurchaseView;
use crate::wire::OpResult;

const PAGE: usize = 25;

/// GetEntitlements.
pub(super) fn get_entitlements(ctx: &mut Ctx, input: &Value) -> OpResult {
    let code = input
        .get("ProductCode")
        .and_then(Value::as_str)
        .unwrap_or("");
    let product = saas::product_by_code(ctx.offers, code)
        .filter(|p| p.owner == ctx.caller)
        .ok_or_else(|| invalid(format!("The product code {code} is not valid.")))?;
    let all: Vec<Value> = (ctx.agreements.purchases_of(product.id).iter())
        .filter(|p| p.active && p.start_time <= ctx.now)
        .flat_map(|p| entitlements(p, code))
        .filter(|e| matches(e, input.get("Filter")))
        .collect();
    let start = match input.get("NextToken").and_then(Value::as_str) {
        None => 0,
        Some(t) => (t.parse::<usize>().ok())
            .filter(|n| *n <= all.len())
            .ok_or_else(|| invalid("NextToken is not valid."))?,
    };
    let size = (input.get("MaxResults").and_then(Value::as_u64)).map_or(PAGE, |n| n as usize);
    let end = (start + size).min(all.len());
    let mut out = json!({ "Entitlements": all[start..end] });
    if end < all.len() {
        out["NextToken"] = json!(end.to_string());
    }
    Ok(out)
}

/// The entitlements one agreement grants.
fn entitlements(p: &PurchaseView, code: &str) -> Vec<Value> {
    let list = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut dims: Vec<(String, i64)> = Vec::new();
    for term in p.terms {
        let pairs = if let Some(t) = term.get("configurableUpfrontPricingTerm") {
            let conf = t.get("configuration").cloned().unwrap_or(Value::Null);
            (list(&conf, "dimensions").iter())
                .map(|d| {
                    (
                        d.get("dimensionKey").cloned(),
                        d.get("dimensionValue").cloned(),
                    )
                })
                .collect::<Vec<_>>()
        } else if let Some(t) = term.get("fixedUpfrontPricingTerm") {
            (list(t, "grants").iter())
                .map(|g| {
                    (
                        g.get("dimensionKey").cloned(),
                        g.get("maxQuantity").cloned(),
                    )
                })
                .collect()
        } else {
            continue;
        };
        for (key, value) in pairs {
            if let (Some(Value::String(k)), Some(n)) = (key, value.and_then(|v| v.as_i64())) {
                dims.push((k, n));
            }
        }
    }
    (dims.into_iter())
        .map(|(dimension, n)| {
            json!({
                "ProductCode": code,
                "Dimension": dimension,
                "CustomerIdentifier": saas::customer_identifier(p.acceptor, code),
                "CustomerAWSAccountId": p.acceptor,
                "LicenseArn": saas::license_arn(p.id),
                "Value": {"IntegerValue": n},
                "ExpirationDate": epoch_seconds(p.end_time),
            })
        })
        .collect()
}

/// Whether `e` passes every filter name.
fn matches(e: &Value, filter: Option<&Value>) -> bool {
    let Some(filter) = filter.and_then(Value::as_object) else {
        return true;
    };
    filter.iter().all(|(name, values)| {
        let member = match name.as_str() {
            "CUSTOMER_IDENTIFIER" => "CustomerIdentifier",
            "CUSTOMER_AWS_ACCOUNT_ID" => "CustomerAWSAccountId",
            "LICENSE_ARN" => "LicenseArn",
            "DIMENSION" => "Dimension",
            _ => return true,
        };
        let values = values.as_array().map_or(&[][..], Vec::as_slice);
        values.iter().any(|v| e.get(member) == Some(v))
    })
}
