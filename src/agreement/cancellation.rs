//! Cancellation requests (aws-postsale.md §3.1): the seller asks to cancel an agreement
//! (SendAgreementCancellationRequest), follows and withdraws the request; the buyer accepts or
//! rejects it. Each write's body is rendered here, as JSON with the wire's member names, by the
//! same code that sends it, so `--plan` shows exactly what goes out.

use aws_sdk_marketplaceagreement::types::{
    AgreementCancellationRequestReasonCode as ReasonCode,
    AgreementCancellationRequestStatus as Status,
};
use aws_sdk_marketplaceagreement::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use super::view::time;
use crate::aws::describe_error;

/// The reason codes SendAgreementCancellationRequest takes (the model's enum).
pub const REASON_CODES: [&str; 8] = [
    "INCORRECT_TERMS_ACCEPTED",
    "REPLACING_AGREEMENT",
    "TEST_AGREEMENT",
    "ALTERNATIVE_PROCUREMENT_CHANNEL",
    "PRODUCT_DISCONTINUED",
    "UNINTENDED_RENEWAL",
    "BUYER_DISSATISFACTION",
    "OTHER",
];

/// A cancellation request's statuses (the model's enum).
pub const STATUSES: [&str; 5] = [
    "PENDING_APPROVAL",
    "APPROVED",
    "REJECTED",
    "CANCELLED",
    "VALIDATION_FAILED",
];

/// One cancellation request as AWS returns it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Cancellation {
    /// `acr-…`.
    pub cancellation_request_id: String,
    pub agreement_id: String,
    /// PENDING_APPROVAL, APPROVED, REJECTED, CANCELLED or VALIDATION_FAILED.
    pub status: String,
    pub reason_code: String,
    /// The seller's description (not in list results).
    pub description: Option<String>,
    /// The buyer's rejection reason, the seller's withdrawal reason, or why validation failed.
    pub status_message: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`, or empty.
    pub created_at: String,
    pub updated_at: String,
}

/// The same fields read from any of the request's outputs (SDK types with the same accessors).
macro_rules! cancellation_of {
    ($o:expr, $description:expr, $message:expr) => {{
        let o = $o;
        Cancellation {
            cancellation_request_id: o
                .agreement_cancellation_request_id()
                .unwrap_or_default()
                .into(),
            agreement_id: o.agreement_id().unwrap_or_default().into(),
            status: o.status().map(Status::as_str).unwrap_or_default().into(),
            reason_code: o
                .reason_code()
                .map(ReasonCode::as_str)
                .unwrap_or_default()
                .into(),
            description: $description,
            status_message: $message,
            created_at: time(o.created_at()),
            updated_at: time(o.updated_at()),
        }
    }};
}

fn described(text: Option<&str>) -> Option<String> {
    text.map(String::from)
}

/// SendAgreementCancellationRequest's body. The `clientToken` is derived from the agreement,
/// reason and description (as change set tokens are from their request), so a re-run is the
/// same request and AWS creates no second one.
pub fn send_body(agreement: &str, reason: &str, description: Option<&str>) -> Value {
    let mut body = json!({"agreementId": agreement, "reasonCode": reason});
    if let Some(d) = description {
        body["description"] = d.into();
    }
    body["clientToken"] = crate::aws::runner::token_for(&body).into();
    body
}

/// Sends the body [`send_body`] rendered.
pub async fn send(client: &Client, body: &Value) -> anyhow::Result<Cancellation> {
    let member = |k: &str| body[k].as_str().map(String::from);
    let op = "SendAgreementCancellationRequest";
    let o = client
        .send_agreement_cancellation_request()
        .set_agreement_id(member("agreementId"))
        .set_reason_code(member("reasonCode").map(|r| ReasonCode::from(r.as_str())))
        .set_description(member("description"))
        .set_client_token(member("clientToken"))
        .send()
        .await
        .map_err(|e| describe_error(op, e))?;
    Ok(cancellation_of!(&o, described(o.description()), None))
}

/// Every page of ListAgreementCancellationRequests, as `party` (`Proposer` for the seller).
pub async fn list(
    client: &Client,
    party: &str,
    agreement: Option<&str>,
    status: Option<&str>,
) -> anyhow::Result<Vec<Cancellation>> {
    let items = client
        .list_agreement_cancellation_requests()
        .party_type(party)
        .set_agreement_id(agreement.map(String::from))
        .set_status(status.map(Status::from))
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListAgreementCancellationRequests", e))?;
    Ok(items
        .iter()
        .map(|s| cancellation_of!(s, None, None))
        .collect())
}

/// Sends `$builder` (one of the operations on a request) for the request `$id` of
/// `$agreement`; `$message` reads the output `$o`'s status message where it has one.
macro_rules! on_request {
    ($builder:expr, $op:literal, $agreement:expr, $id:expr, |$o:ident| $message:expr) => {{
        let $o = $builder
            .agreement_id($agreement)
            .agreement_cancellation_request_id($id)
            .send()
            .await
            .map_err(|e| describe_error($op, e))?;
        Ok(cancellation_of!(&$o, described($o.description()), $message))
    }};
}

/// GetAgreementCancellationRequest.
pub async fn get(client: &Client, agreement: &str, id: &str) -> anyhow::Result<Cancellation> {
    let op = client.get_agreement_cancellation_request();
    on_request!(op, "GetAgreementCancellationRequest", agreement, id, |o| {
        described(o.status_message())
    })
}

/// The body of an answer to a request: its ids, and the reason under `reason_member`.
pub fn answer_body(agreement: &str, id: &str, reason: Option<(&str, &str)>) -> Value {
    let mut body = json!({"agreementId": agreement, "agreementCancellationRequestId": id});
    if let Some((member, text)) = reason {
        body[member] = text.into();
    }
    body
}

/// CancelAgreementCancellationRequest (the seller withdraws): `reason` is `cancellationReason`.
pub async fn withdraw(
    client: &Client,
    agreement: &str,
    id: &str,
    reason: &str,
) -> anyhow::Result<Cancellation> {
    let op = client
        .cancel_agreement_cancellation_request()
        .cancellation_reason(reason);
    on_request!(
        op,
        "CancelAgreementCancellationRequest",
        agreement,
        id,
        |o| { described(o.status_message()) }
    )
}

/// AcceptAgreementCancellationRequest (the buyer): the agreement then ends as CANCELLED.
pub async fn accept(client: &Client, agreement: &str, id: &str) -> anyhow::Result<Cancellation> {
    let op = client.accept_agreement_cancellation_request();
    on_request!(
        op,
        "AcceptAgreementCancellationRequest",
        agreement,
        id,
        |_o| None
    )
}

/// RejectAgreementCancellationRequest (the buyer): `reason` is `rejectionReason`, which the
/// seller sees.
pub async fn reject(
    client: &Client,
    agreement: &str,
    id: &str,
    reason: &str,
) -> anyhow::Result<Cancellation> {
    let op = client
        .reject_agreement_cancellation_request()
        .rejection_reason(reason);
    on_request!(
        op,
        "RejectAgreementCancellationRequest",
        agreement,
        id,
        |o| { described(o.status_message()) }
    )
}
