//! ListAgreementInvoiceLineItems (aws-postsale.md §3.2, §6): the seller's view of an agreement's
//! invoices and credit memos, one group per invoice, with what is still refundable.
//!
//! [I] Where the reference is silent: a non-party gets ResourceNotFoundException (`Agreement`),
//! the buyer `UNSUPPORTED_ACTION` (a seller operation); `afterIssuedTime`/`beforeIssuedTime` are
//! exclusive; groups come in `issuedTime` order, then id, 50 a page; every invoice's
//! `invoicingEntity` is Amazon Web Services, Inc. (the emulator has no EMEA buyers).

use serde_json::{json, Value};

use super::billing_read::opt_time;
use super::cancellation::{party, require, Side};
use super::input::{max_results, member, opt_str};
use super::ledger::{Invoice, InvoiceKind};
use super::time::epoch;
use super::{paging, Ctx};
use crate::wire::{required_str, OpResult};

/// The page size when `maxResults` is absent.
const DEFAULT_PAGE: usize = 50;

/// ListAgreementInvoiceLineItems.
pub(super) fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let agreement_id = required_str(input, "agreementId")?;
    let (_, side) = party(ctx.state, agreement_id, ctx.caller)?;
    require(side, Side::Proposer, "ListAgreementInvoiceLineItems")?;
    let invoice_id = opt_str(input, "invoiceId", "INVALID_INVOICE_ID")?;
    let kind = opt_str(input, "invoiceType", "OTHER")?;
    let period = member(input, "invoiceBillingPeriod").map(|p| {
        let n = |k: &str| p.get(k).and_then(Value::as_i64).unwrap_or_default();
        (n("year"), n("month"))
    });
    let after = opt_time(input, "afterIssuedTime")?;
    let before = opt_time(input, "beforeIssuedTime")?;
    let max = max_results(input, DEFAULT_PAGE)?;
    let mut groups: Vec<&Invoice> = (ctx.state.ledger.invoices.iter())
        .filter(|i| i.agreement_id == agreement_id)
        .filter(|i| invoice_id.is_none_or(|id| i.id == id))
        .filter(|i| kind.is_none_or(|k| i.kind.as_str() == k))
        .filter(|i| {
            period.is_none_or(|(y, m)| (i64::from(i.period.0), i64::from(i.period.1)) == (y, m))
        })
        .filter(|i| after.is_none_or(|t| i.issued_at > t) && before.is_none_or(|t| i.issued_at < t))
        .collect();
    groups.sort_by(|a, b| (a.issued_at, &a.id).cmp(&(b.issued_at, &b.id)));
    let (page, next) = paging::page(&groups, input, max)?;
    let summaries: Vec<Value> = page.iter().map(|i| group(i)).collect();
    let mut out = json!({ "agreementInvoiceLineItemGroupSummaries": summaries });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}

/// One `AgreementInvoiceLineItemGroupSummary`.
fn group(i: &Invoice) -> Value {
    let mut amount = json!({ "amount": i.amount, "currencyCode": i.currency });
    if let (InvoiceKind::Invoice, Some(max)) = (i.kind, &i.max_adjustment) {
        amount["maxAdjustmentAmount"] = json!(max);
    }
    json!({
        "agreementId": i.agreement_id,
        "invoiceId": i.id,
        "pricingCurrencyAmount": amount,
        "invoiceBillingPeriod": { "month": i.period.1, "year": i.period.0 },
        "issuedTime": epoch(i.issued_at),
        "invoiceType": i.kind.as_str(),
        "invoicingEntity": { "legalName": "Amazon Web Services, Inc." },
    })
}
