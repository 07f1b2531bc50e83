//! Billing adjustments (refunds, aws-postsale.md §3.2, §4.2, §5, §9): BatchCreateBillingAdjustmentRequest
//! checks each entry against its invoice and creates the ones that pass as PENDING; on the
//! emulator's clock each PENDING request then completes — the invoice's refundable amount drops
//! and a credit memo is issued — or fails validation. The reads are in `billing_read`.
//!
//! [I] Where the reference is silent:
//! - Batch shape (operation-level ValidationException): no entry `MISSING_BILLING_ADJUSTMENTS`,
//!   more than 5 `BILLING_ADJUSTMENTS_LIMIT_EXCEEDED`, two agreements `MULTIPLE_AGREEMENT_IDS`;
//!   the buyer calling it `UNSUPPORTED_ACTION`.
//! - Per entry (`errors[]`): an agreement the caller is no party to, or an invoice not on the
//!   agreement, `RESOURCE_NOT_FOUND_EXCEPTION`; a credit memo, another currency, a zero amount,
//!   more decimals than the currency has, or more than the invoice's remaining
//!   `maxAdjustmentAmount`, `VALIDATION_EXCEPTION`; an invoice with a PENDING adjustment
//!   (also one created earlier in the same batch) `CONFLICT_EXCEPTION`; a `clientToken` used
//!   earlier in the batch `VALIDATION_EXCEPTION`, one remembered with other values
//!   `CONFLICT_EXCEPTION`, with the same values the first request's id comes back in `items[]`.
//! - A request is processed `Timings::task_seconds` after it was created. It fails validation
//!   (`VALIDATION_FAILED`, reason in `statusMessage`) when its invoice was issued more than
//!   `ADJUSTMENT_PERIOD_DAYS` before, or the invoice no longer has that much to refund;
//!   otherwise it completes.
//! - An agreement that is no longer ACTIVE can still be refunded: AWS's documented order for a
//!   refund that depends on a cancellation is to cancel first, then adjust (§4.1).
//! - The credit memo's `amount` is positive, it has no `maxAdjustmentAmount`, and its billing
//!   period is the month it is issued in.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde_json::{json, Value};

use super::billing_data::{Adjustment, BaStatus};
use super::cancel_data::Token;
use super::cancellation::{party, require, Side};
use super::input::invalid;
use super::ledger::{Invoice, InvoiceKind};
use super::money::Money;
use super::requests::Requests;
use super::store::AgreementState;
use super::{events, invoices, Ctx};
use crate::clock;
use crate::ids;
use crate::outbox::Outbox;
use crate::wire::{ApiError, OpResult};

/// The most entries one call may carry (aws-postsale.md §3.2).
const MAX_ENTRIES: usize = 5;
/// [I] How old an invoice may be and still be adjusted (the reference leaves it open, §10 Q11).
pub(super) const ADJUSTMENT_PERIOD_DAYS: i64 = 365;

/// One entry's failure: `(code, message)`.
type EntryError = (&'static str, String);

/// BatchCreateBillingAdjustmentRequest.
pub(super) fn batch_create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let entries = input
        .get("billingAdjustmentRequestEntries")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    check_batch(ctx, entries)?;
    let (mut items, mut errors) = (Vec::new(), Vec::new());
    let mut seen: Vec<&str> = Vec::new();
    for entry in entries {
        let token = entry["clientToken"].as_str().unwrap_or_default();
        let outcome = if seen.contains(&token) {
            Err((
                "VALIDATION_EXCEPTION",
                "clientToken is used twice in the batch.".into(),
            ))
        } else {
            create_one(ctx, entry, token)
        };
        seen.push(token);
        match outcome {
            Ok(id) => items.push(json!({"billingAdjustmentRequestId": id, "clientToken": token})),
            Err((code, message)) => {
                errors.push(json!({"code": code, "message": message, "clientToken": token}))
            }
        }
    }
    Ok(json!({ "items": items, "errors": errors }))
}

/// The batch-shape checks, and that the caller is not the buyer.
fn check_batch(ctx: &Ctx, entries: &[Value]) -> Result<(), ApiError> {
    let field = "billingAdjustmentRequestEntries";
    if entries.is_empty() {
        let message = "At least one billing adjustment request entry is required.";
        return Err(invalid("MISSING_BILLING_ADJUSTMENTS", field, message));
    }
    if entries.len() > MAX_ENTRIES {
        let message = format!(
            "At most {MAX_ENTRIES} entries per call, got {}.",
            entries.len()
        );
        return Err(invalid(
            "BILLING_ADJUSTMENTS_LIMIT_EXCEEDED",
            field,
            message,
        ));
    }
    let first = entries[0]["agreementId"].as_str().unwrap_or_default();
    if entries
        .iter()
        .any(|e| e["agreementId"].as_str() != Some(first))
    {
        let message = "Every entry of a batch must name the same agreementId.";
        return Err(invalid("MULTIPLE_AGREEMENT_IDS", field, message));
    }
    if let Ok((_, side)) = party(ctx.state, first, ctx.caller) {
        require(side, Side::Proposer, "BatchCreateBillingAdjustmentRequest")?;
    }
    Ok(())
}

/// Checks and creates one entry; its request id, or its `errors[]` code and message.
fn create_one(ctx: &mut Ctx, entry: &Value, token: &str) -> Result<String, EntryError> {
    let s = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or_default();
    let fingerprint = json!({
        "agreementId": s("agreementId"), "originalInvoiceId": s("originalInvoiceId"),
        "adjustmentAmount": s("adjustmentAmount"), "currencyCode": s("currencyCode"),
        "adjustmentReasonCode": s("adjustmentReasonCode"), "description": entry.get("description"),
    });
    let key = Requests::token_key(ctx.caller, token);
    if let Some(seen) = ctx.state.adjustments.token(&key, ctx.now) {
        return match seen.request == fingerprint {
            true => Ok(seen.output.as_str().unwrap_or_default().to_string()),
            false => Err((
                "CONFLICT_EXCEPTION",
                "The clientToken was already used with different parameters.".into(),
            )),
        };
    }
    let (agreement_id, invoice_id) = (s("agreementId"), s("originalInvoiceId"));
    let not_found = |what: String| ("RESOURCE_NOT_FOUND_EXCEPTION", what);
    party(ctx.state, agreement_id, ctx.caller)
        .map_err(|_| not_found(format!("Agreement {agreement_id} not found.")))?;
    let invoice = (ctx.state.ledger)
        .invoice(agreement_id, invoice_id)
        .ok_or_else(|| {
            not_found(format!(
                "Invoice {invoice_id} not found on agreement {agreement_id}."
            ))
        })?;
    let amount = check_amount(invoice, s("adjustmentAmount"), s("currencyCode"))
        .map_err(|m| ("VALIDATION_EXCEPTION", m))?;
    if let Some(p) = ctx.state.adjustments.pending_on(invoice_id) {
        let message = format!(
            "Invoice {invoice_id} has a pending billing adjustment {}.",
            p.id
        );
        return Err(("CONFLICT_EXCEPTION", message));
    }
    let request = Adjustment {
        id: format!("ba-{}", ids::alnum(25)),
        agreement_id: agreement_id.to_string(),
        invoice_id: invoice_id.to_string(),
        amount: amount.to_string(),
        currency: invoice.currency.clone(),
        reason_code: s("adjustmentReasonCode").to_string(),
        description: entry
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        status: BaStatus::Pending,
        status_message: None,
        created_at: ctx.now,
        updated_at: ctx.now,
        credit_memo: None,
    };
    let id = request.id.clone();
    let adjustments = &mut ctx.state.adjustments;
    adjustments.list.push(request);
    let remembered = Token {
        at: ctx.now,
        request: fingerprint,
        output: json!(id),
    };
    adjustments.tokens.insert(key, remembered);
    Ok(id)
}

/// The entry's amount if the invoice can take it; else why not.
fn check_amount(invoice: &Invoice, amount: &str, currency: &str) -> Result<String, String> {
    if invoice.kind != InvoiceKind::Invoice {
        return Err(format!(
            "{} is a credit memo; only invoices can be adjusted.",
            invoice.id
        ));
    }
    if currency != invoice.currency {
        return Err(format!(
            "currencyCode {currency} does not match the invoice's currency {}.",
            invoice.currency
        ));
    }
    let Some(m) = Money::parse(amount).filter(|m| m.is_positive()) else {
        return Err(format!(
            "adjustmentAmount {amount:?} is not a positive amount."
        ));
    };
    if !m.fits(currency) {
        return Err(format!(
            "adjustmentAmount {amount} has more decimals than {currency} allows."
        ));
    }
    let max = remaining(invoice);
    if m > max {
        return Err(format!(
            "Refund amount {m} {currency} exceeds maximum refundable amount {max} {currency}."
        ));
    }
    Ok(amount.to_string())
}

/// The invoice's remaining refundable amount.
fn remaining(invoice: &Invoice) -> Money {
    (invoice.max_adjustment.as_deref())
        .and_then(Money::parse)
        .unwrap_or_default()
}

/// The clock's part: every PENDING request whose processing time has come completes or fails
/// at that instant ([I], see above).
pub(super) fn advance(
    state: &mut AgreementState,
    now: DateTime<Utc>,
    task_seconds: f64,
    outbox: &mut Outbox,
) -> bool {
    let due: Vec<(usize, DateTime<Utc>)> = (state.adjustments.list.iter().enumerate())
        .filter(|(_, r)| r.status == BaStatus::Pending)
        .map(|(i, r)| (i, clock::after(r.created_at, task_seconds)))
        .filter(|(_, at)| *at <= now)
        .collect();
    let changed = !due.is_empty();
    for (index, at) in due {
        let r = state.adjustments.list[index].clone();
        let failure = state.ledger.invoice(&r.agreement_id, &r.invoice_id).map_or(
            Some("The original invoice no longer exists.".to_string()),
            |inv| validate(inv, &r, at),
        );
        let r = &mut state.adjustments.list[index];
        r.updated_at = at;
        match failure {
            Some(why) => {
                r.status = BaStatus::ValidationFailed;
                r.status_message = Some(why);
            }
            None => {
                r.status = BaStatus::Completed;
                r.credit_memo = Some(invoices::invoice_id(at));
            }
        }
        let r = r.clone();
        if r.status == BaStatus::Completed {
            credit(state, &r, at);
        }
        if let Some(a) = state.get(&r.agreement_id) {
            events::billing_adjustment(outbox, a, &r);
        }
    }
    changed
}

/// Why processing fails, if it does.
fn validate(invoice: &Invoice, r: &Adjustment, at: DateTime<Utc>) -> Option<String> {
    if at - invoice.issued_at > Duration::days(ADJUSTMENT_PERIOD_DAYS) {
        return Some(format!(
            "INVALID_INVOICE_ADJUSTMENT_PERIOD: invoice {} was issued more than {ADJUSTMENT_PERIOD_DAYS} days ago.",
            invoice.id
        ));
    }
    let amount = Money::parse(&r.amount).unwrap_or_default();
    (amount > remaining(invoice)).then(|| {
        format!(
            "EXCEEDED_MAXIMUM_ADJUSTMENT_AMOUNT: invoice {} has {} left to refund.",
            invoice.id,
            remaining(invoice)
        )
    })
}

/// Completion: the invoice's refundable amount drops by the adjustment; a credit memo for it.
fn credit(state: &mut AgreementState, r: &Adjustment, at: DateTime<Utc>) {
    let Some(invoice) = state.ledger.invoice_mut(&r.invoice_id) else {
        return;
    };
    let left = remaining(invoice).minus(Money::parse(&r.amount).unwrap_or_default());
    invoice.max_adjustment = Some(left.to_string());
    let memo = Invoice {
        id: r
            .credit_memo
            .clone()
            .unwrap_or_else(|| invoices::invoice_id(at)),
        agreement_id: r.agreement_id.clone(),
        kind: InvoiceKind::CreditMemo,
        amount: Money::parse(&r.amount).unwrap_or_default().to_string(),
        max_adjustment: None,
        currency: r.currency.clone(),
        period: (at.year(), at.month()),
        issued_at: at,
        source: r.invoice_id.clone(),
        purchase_order: invoice.purchase_order.clone(),
    };
    state.ledger.invoices.push(memo);
}
