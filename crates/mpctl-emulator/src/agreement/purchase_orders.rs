//! The buyer's charges and purchase orders (aws-postsale.md §3.4, §7): ListAgreementCharges lists
//! the charges of the caller's agreements as acceptor, past and future; UpdatePurchaseOrders
//! links a PO to charges not invoiced yet, which their invoices then carry.
//!
//! [I] Where the reference is silent:
//! - ListAgreementCharges covers only agreements the caller accepted (a seller's list is empty),
//!   in `time` order (charges of one instant in the order they were planned), 50 a page; charges dropped because their agreement ended before
//!   they came due are not listed.
//! - UpdatePurchaseOrders checks every item before changing any: the same charge twice is
//!   `DUPLICATE_CHARGES`; items on two agreements, a charge due within 3 hours or already past
//!   (invoiced), a stale `chargeRevision`, or an agreement that is not ACTIVE is
//!   `UNSUPPORTED_ACTION`; a charge that is not the caller's as acceptor, or not on the given
//!   `agreementId`, is ResourceNotFoundException (`Charge`); an item without
//!   `purchaseOrderReference` is `MISSING_PURCHASE_ORDER_REFERENCE` (removing a PO is not
//!   emulated).

use chrono::Duration;
use serde_json::{json, Value};

use super::input::{invalid, max_results, opt_str};
use super::ledger::Charge;
use super::store::Status;
use super::time::epoch;
use super::{paging, Ctx};
use crate::wire::{ApiError, OpResult};

/// The page size when `maxResults` is absent.
const DEFAULT_PAGE: usize = 50;
/// How close to its time a charge's PO can still change ([ERR], §3.4).
const PO_CUTOFF_HOURS: i64 = 3;

/// ListAgreementCharges.
pub(super) fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&*ctx.state, ctx.caller);
    let agreement_id = opt_str(input, "agreementId", "INVALID_AGREEMENT_ID")?;
    let agreement_type = opt_str(input, "agreementType", "INVALID_AGREEMENT_TYPE")?;
    let catalog = opt_str(input, "catalog", "INVALID_CATALOG")?;
    let max = max_results(input, DEFAULT_PAGE)?;
    let mut items: Vec<(&Charge, &str)> = (state.ledger.charges.iter())
        .filter(|c| agreement_id.is_none_or(|id| c.agreement_id == id))
        .filter(|_| catalog.is_none_or(|c| c == "AWSMarketplace"))
        .filter_map(|c| {
            let a = state.get(&c.agreement_id)?;
            let typed = agreement_type.is_none_or(|t| t == a.agreement_type);
            (a.acceptor == caller && typed).then_some((c, a.agreement_type.as_str()))
        })
        .collect();
    items.sort_by_key(|(c, _)| c.time);
    let (page, next) = paging::page(&items, input, max)?;
    let charges: Vec<Value> = (page.iter())
        .map(|(c, agreement_type)| {
            let mut out = json!({
                "id": c.id,
                "revision": c.revision,
                "agreementId": c.agreement_id,
                "agreementType": agreement_type,
                "currencyCode": c.currency,
                "amount": c.amount,
                "time": epoch(c.time),
            });
            if let Some(po) = &c.purchase_order {
                out["purchaseOrderReference"] = json!(po);
            }
            out
        })
        .collect();
    let mut out = json!({ "items": charges });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}

/// UpdatePurchaseOrders.
pub(super) fn update(ctx: &mut Ctx, input: &Value) -> OpResult {
    let items = input
        .get("purchaseOrders")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut targets: Vec<(usize, String)> = Vec::new();
    for item in items {
        let index = check_item(ctx, item)?;
        if targets.iter().any(|(i, _)| *i == index) {
            let message = "A charge appears more than once.";
            return Err(invalid("DUPLICATE_CHARGES", "purchaseOrders", message));
        }
        let po = opt_str(
            item,
            "purchaseOrderReference",
            "INVALID_PURCHASE_ORDER_REFERENCE",
        )?;
        let po = po.filter(|p| !p.is_empty()).ok_or_else(|| {
            let message = "Every item needs a purchaseOrderReference.";
            invalid(
                "MISSING_PURCHASE_ORDER_REFERENCE",
                "purchaseOrderReference",
                message,
            )
        })?;
        targets.push((index, po.to_string()));
    }
    let charges = &ctx.state.ledger.charges;
    let agreements: Vec<&str> = targets
        .iter()
        .map(|(i, _)| charges[*i].agreement_id.as_str())
        .collect();
    if agreements.iter().any(|a| *a != agreements[0]) {
        let message = "Every purchase order must be for charges of one agreement.";
        return Err(invalid("UNSUPPORTED_ACTION", "purchaseOrders", message));
    }
    for (index, po) in targets {
        ctx.state.ledger.charges[index].purchase_order = Some(po);
    }
    Ok(json!({}))
}

/// The index of the charge an item names, if its PO may change.
fn check_item(ctx: &Ctx, item: &Value) -> Result<usize, ApiError> {
    let charge_id = item
        .get("chargeId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let agreement_id = opt_str(item, "agreementId", "INVALID_AGREEMENT_ID")?;
    let state = &*ctx.state;
    let not_found = || {
        ApiError::not_found(format!("Charge {charge_id} not found."))
            .with("resourceId", charge_id)
            .with("resourceType", "Charge")
    };
    let index = (state.ledger.charges.iter())
        .position(|c| c.id == charge_id && agreement_id.is_none_or(|a| c.agreement_id == a))
        .ok_or_else(not_found)?;
    let c = &state.ledger.charges[index];
    let a = (state.get(&c.agreement_id))
        .filter(|a| a.acceptor == ctx.caller)
        .ok_or_else(not_found)?;
    let refuse = |message: String| Err(invalid("UNSUPPORTED_ACTION", "purchaseOrders", message));
    if a.status != Status::Active {
        return refuse(format!("Agreement {} is {}.", a.id, a.status.as_str()));
    }
    if let Some(rev) = item.get("chargeRevision").and_then(Value::as_i64) {
        if rev != c.revision {
            return refuse(format!(
                "Charge {charge_id} is at revision {}, not {rev}.",
                c.revision
            ));
        }
    }
    if c.invoice_id.is_some() || c.time <= ctx.now + Duration::hours(PO_CUTOFF_HOURS) {
        return refuse(format!(
            "Charge {charge_id} is due within {PO_CUTOFF_HOURS} hours or already past; its purchase order cannot change."
        ));
    }
    Ok(index)
}
