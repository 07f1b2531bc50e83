//! An agreement's invoices and credit memos (ListAgreementInvoiceLineItems grouped by invoice,
//! aws-postsale.md §6), with what remains refundable on each: `maxAdjustmentAmount`, which
//! drops by every completed refund. A seller's refunds are checked against it before sending.

use aws_sdk_marketplaceagreement::types::{InvoiceType, LineItemGroupBy};
use aws_sdk_marketplaceagreement::Client;
use schemars::JsonSchema;
use serde::Serialize;

use super::view::time;
use crate::aws::describe_error;

/// One invoice or credit memo of an agreement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Invoice {
    pub invoice_id: String,
    pub agreement_id: String,
    /// `INVOICE` (a debit the buyer pays) or `CREDIT_MEMO` (a refund issued).
    pub invoice_type: String,
    /// Pre-tax amount, a decimal string.
    pub amount: Option<String>,
    /// What can still be refunded (`maxAdjustmentAmount`); `null` for a credit memo.
    pub refundable: Option<String>,
    pub currency_code: Option<String>,
    /// `YYYY-MM`.
    pub billing_period: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`, or empty.
    pub issued_at: String,
}

/// Every page of ListAgreementInvoiceLineItems for `agreement` (only `invoice` when given).
pub async fn list(
    client: &Client,
    agreement: &str,
    invoice: Option<&str>,
) -> anyhow::Result<Vec<Invoice>> {
    let groups = client
        .list_agreement_invoice_line_items()
        .agreement_id(agreement)
        .group_by(LineItemGroupBy::InvoiceId)
        .set_invoice_id(invoice.map(String::from))
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListAgreementInvoiceLineItems", e))?;
    Ok(groups
        .iter()
        .map(|g| {
            let money = g.pricing_currency_amount();
            Invoice {
                invoice_id: g.invoice_id().unwrap_or_default().into(),
                agreement_id: g.agreement_id().unwrap_or(agreement).into(),
                invoice_type: g
                    .invoice_type()
                    .map(InvoiceType::as_str)
                    .unwrap_or_default()
                    .into(),
                amount: money.and_then(|m| m.amount()).map(String::from),
                refundable: money
                    .and_then(|m| m.max_adjustment_amount())
                    .map(String::from),
                currency_code: money.and_then(|m| m.currency_code()).map(String::from),
                billing_period: g
                    .invoice_billing_period()
                    .map(|p| format!("{:04}-{:02}", p.year(), p.month())),
                issued_at: time(g.issued_time()),
            }
        })
        .collect())
}
