//! Refunds: the Agreement API's billing adjustments (aws-postsale.md §3.2). A refund is an
//! entry of BatchCreateBillingAdjustmentRequest — at most 5 entries and one agreement per call,
//! each with its own `clientToken` — that AWS validates, then completes with a credit memo.
//! Each entry's body is rendered here, with the wire's member names, by the code that sends
//! it, so `--plan` shows exactly what goes out; its `clientToken` is derived from the entry, so
//! the same refund asked twice (a re-run, a resumed CSV) is the same request to AWS.

use aws_sdk_marketplaceagreement::types::{
    BatchCreateBillingAdjustmentRequestEntry as Entry, BillingAdjustmentReasonCode as ReasonCode,
    BillingAdjustmentStatus as Status,
};
use aws_sdk_marketplaceagreement::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use super::view::time;
use crate::aws::describe_error;

/// The reason codes a billing adjustment takes (the model's enum).
pub const REASON_CODES: [&str; 7] = [
    "INCORRECT_TERMS_ACCEPTED",
    "INCORRECT_METERING",
    "TEST_ENVIRONMENT_CHARGES",
    "ALTERNATIVE_PROCUREMENT_CHANNEL",
    "UNINTENDED_RENEWAL",
    "BUYER_DISSATISFACTION",
    "OTHER",
];

/// A billing adjustment's statuses (the model's enum).
pub const STATUSES: [&str; 3] = ["PENDING", "VALIDATION_FAILED", "COMPLETED"];

/// Entries per BatchCreateBillingAdjustmentRequest (aws-postsale.md §3.2).
pub const BATCH: usize = 5;

/// One refund as AWS reports it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Refund {
    /// `ba-…`.
    pub billing_adjustment_request_id: String,
    pub agreement_id: String,
    /// The invoice refunded.
    pub invoice_id: String,
    /// The amount refunded, a decimal string (before tax).
    pub amount: String,
    pub currency_code: String,
    /// PENDING, COMPLETED or VALIDATION_FAILED.
    pub status: String,
    /// Only from GetBillingAdjustmentRequest.
    pub reason_code: Option<String>,
    pub description: Option<String>,
    /// Why validation failed.
    pub status_message: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub created_at: String,
    pub updated_at: String,
}

/// One refund asked for, by a command line or a CSV row.
#[derive(Debug, Clone)]
pub struct Ask {
    pub agreement: String,
    pub invoice: String,
    pub amount: String,
    /// The currency the seller expects (checked against the invoice's); `None`: the invoice's.
    pub currency: Option<String>,
    pub reason: String,
    pub description: Option<String>,
}

/// The `clientToken` of `ask`: derived from what it refunds (agreement, invoice, amount,
/// reason, description) and `occurrence` (the n-th identical refund of a CSV, 0 for the first),
/// so the same refund asked again is the same request and AWS returns it instead of refunding
/// twice (within its 8-hour idempotency window).
pub fn token(ask: &Ask, occurrence: usize) -> String {
    let mut seed = json!({
        "agreementId": ask.agreement,
        "originalInvoiceId": ask.invoice,
        "adjustmentAmount": ask.amount,
        "adjustmentReasonCode": ask.reason,
        "description": ask.description,
    });
    if occurrence > 0 {
        seed["occurrence"] = occurrence.into();
    }
    crate::aws::runner::token_for(&seed)
}

/// The entry for `ask` in `currency` (its invoice's), carrying `token` ([`token`]).
pub fn entry_body(ask: &Ask, currency: &str, token: &str) -> Value {
    let mut entry = json!({
        "agreementId": ask.agreement,
        "originalInvoiceId": ask.invoice,
        "adjustmentAmount": ask.amount,
        "currencyCode": currency,
        "adjustmentReasonCode": ask.reason,
    });
    if let Some(d) = &ask.description {
        entry["description"] = d.as_str().into();
    }
    entry["clientToken"] = token.into();
    entry
}

/// The request body of one call.
pub fn batch_body(entries: &[Value]) -> Value {
    json!({ "billingAdjustmentRequestEntries": entries })
}

/// What one call did, entry by entry (by `clientToken`).
#[derive(Debug, Default)]
pub struct Sent {
    /// (clientToken, `ba-…`) of each refund created (or found: a repeated token).
    pub created: Vec<(String, String)>,
    /// (clientToken, code, message) of each entry AWS refused.
    pub errors: Vec<(String, String, String)>,
}

/// Sends the entries [`entry_body`] rendered, in one BatchCreateBillingAdjustmentRequest.
pub async fn send(client: &Client, entries: &[Value]) -> anyhow::Result<Sent> {
    let member = |e: &Value, k: &str| e[k].as_str().map(String::from);
    let built = entries
        .iter()
        .map(|e| {
            Entry::builder()
                .set_agreement_id(member(e, "agreementId"))
                .set_original_invoice_id(member(e, "originalInvoiceId"))
                .set_adjustment_amount(member(e, "adjustmentAmount"))
                .set_currency_code(member(e, "currencyCode"))
                .set_adjustment_reason_code(
                    member(e, "adjustmentReasonCode").map(|r| ReasonCode::from(r.as_str())),
                )
                .set_description(member(e, "description"))
                .set_client_token(member(e, "clientToken"))
                .build()
                .map_err(anyhow::Error::from)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let op = "BatchCreateBillingAdjustmentRequest";
    let o = client
        .batch_create_billing_adjustment_request()
        .set_billing_adjustment_request_entries(Some(built))
        .send()
        .await
        .map_err(|e| describe_error(op, e))?;
    Ok(Sent {
        created: o
            .items()
            .iter()
            .map(|i| {
                (
                    i.client_token().into(),
                    i.billing_adjustment_request_id().into(),
                )
            })
            .collect(),
        errors: o
            .errors()
            .iter()
            .map(|e| {
                (
                    e.client_token().into(),
                    e.code().as_str().into(),
                    e.message().into(),
                )
            })
            .collect(),
    })
}

/// GetBillingAdjustmentRequest.
pub async fn get(client: &Client, agreement: &str, id: &str) -> anyhow::Result<Refund> {
    let o = client
        .get_billing_adjustment_request()
        .agreement_id(agreement)
        .billing_adjustment_request_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetBillingAdjustmentRequest", e))?;
    Ok(Refund {
        billing_adjustment_request_id: o.billing_adjustment_request_id().into(),
        agreement_id: o.agreement_id().into(),
        invoice_id: o.original_invoice_id().into(),
        amount: o.adjustment_amount().into(),
        currency_code: o.currency_code().into(),
        status: o.status().as_str().into(),
        reason_code: Some(o.adjustment_reason_code().as_str().into()),
        description: o.description().map(String::from),
        status_message: o.status_message().map(String::from),
        created_at: time(Some(o.created_at())),
        updated_at: time(Some(o.updated_at())),
    })
}

/// Every page of ListBillingAdjustmentRequests (one agreement's, or all).
pub async fn list(
    client: &Client,
    agreement: Option<&str>,
    status: Option<&str>,
) -> anyhow::Result<Vec<Refund>> {
    let items = client
        .list_billing_adjustment_requests()
        .set_agreement_id(agreement.map(String::from))
        .set_status(status.map(Status::from))
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListBillingAdjustmentRequests", e))?;
    Ok(items
        .iter()
        .map(|s| Refund {
            billing_adjustment_request_id: s.billing_adjustment_request_id().into(),
            agreement_id: s.agreement_id().into(),
            invoice_id: s.original_invoice_id().into(),
            amount: s.adjustment_amount().into(),
            currency_code: s.currency_code().into(),
            status: s.status().as_str().into(),
            reason_code: None,
            description: None,
            status_message: None,
            created_at: time(Some(s.created_at())),
            updated_at: time(Some(s.updated_at())),
        })
        .collect())
}
