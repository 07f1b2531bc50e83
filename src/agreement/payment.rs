//! Payment requests against an agreement's VariablePaymentTerm (aws-postsale.md §3.3): the
//! seller asks the buyer to approve a charge (professional services billed as delivered), the
//! buyer approves (a `ch-…` charge follows) or rejects, the seller may withdraw a pending one.
//! The term is found for the seller (GetAgreementTerms), and the amount is checked against what
//! remains under the term's `maxTotalChargeAmount` (pending and approved requests count) before
//! anything is sent. Each write's body is rendered here, with the wire's member names, by the
//! code that sends it, so `--plan` shows exactly what goes out.

use aws_sdk_marketplaceagreement::types::{AcceptedTerm, PaymentRequestStatus as Status};
use aws_sdk_marketplaceagreement::Client;
use mpctl_facts::money::{minor_units, Money};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use super::view::time;
use crate::aws::describe_error;

/// A payment request's statuses (the model's enum).
pub const STATUSES: [&str; 6] = [
    "VALIDATING",
    "VALIDATION_FAILED",
    "PENDING_APPROVAL",
    "APPROVED",
    "REJECTED",
    "CANCELLED",
];

/// One payment request as AWS reports it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Payment {
    /// `pr-…`.
    pub payment_request_id: String,
    pub agreement_id: String,
    pub status: String,
    pub name: String,
    pub description: Option<String>,
    /// The amount, a decimal string.
    pub amount: String,
    pub currency_code: String,
    /// `ch-…`, once APPROVED.
    pub charge_id: Option<String>,
    /// The buyer's rejection reason, or why validation failed.
    pub status_message: Option<String>,
    /// `YYYY-MM-DDTHH:MM:SSZ`, or empty.
    pub created_at: String,
    pub updated_at: String,
}

/// The same fields read from any of the request's outputs (SDK types with the same accessors).
macro_rules! payment_of {
    ($o:expr, $description:expr, $charge:expr, $message:expr, $updated:expr) => {{
        let o = $o;
        Payment {
            payment_request_id: o.payment_request_id().unwrap_or_default().into(),
            agreement_id: o.agreement_id().unwrap_or_default().into(),
            status: o.status().map(Status::as_str).unwrap_or_default().into(),
            name: o.name().unwrap_or_default().into(),
            description: $description,
            amount: o.charge_amount().unwrap_or_default().into(),
            currency_code: o.currency_code().unwrap_or_default().into(),
            charge_id: $charge,
            status_message: $message,
            created_at: time(o.created_at()),
            updated_at: $updated,
        }
    }};
}

fn owned(v: Option<&str>) -> Option<String> {
    v.map(String::from)
}

/// An agreement's VariablePaymentTerm: id, currency and the most it may ever charge.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    pub currency: String,
    pub max_total: Option<String>,
}

/// GetAgreementTerms, keeping the VariablePaymentTerm (`None`: the agreement has none).
pub async fn term(client: &Client, agreement: &str) -> anyhow::Result<Option<Term>> {
    let o = client
        .get_agreement_terms()
        .agreement_id(agreement)
        .send()
        .await
        .map_err(|e| describe_error("GetAgreementTerms", e))?;
    Ok(o.accepted_terms().iter().find_map(|t| match t {
        AcceptedTerm::VariablePaymentTerm(v) => Some(Term {
            id: v.id().unwrap_or_default().into(),
            currency: v.currency_code().unwrap_or_default().into(),
            max_total: owned(v.max_total_charge_amount()),
        }),
        _ => None,
    }))
}

/// What remains under `term`'s maximum once `requests` (the agreement's, any status) are
/// counted: pending and approved ones use the balance, the others give it back.
pub fn remaining(term: &Term, requests: &[Payment]) -> Option<Money> {
    let max = Money::parse(term.max_total.as_deref()?)?;
    let used = requests
        .iter()
        .filter(|p| {
            matches!(
                p.status.as_str(),
                "PENDING_APPROVAL" | "APPROVED" | "VALIDATING"
            )
        })
        .filter_map(|p| Money::parse(&p.amount))
        .fold(Money::default(), Money::plus);
    Some(max.minus(used))
}

/// Why `amount` cannot be requested under `term` with `left` remaining, if it cannot.
pub fn refusal(term: &Term, amount: &str, left: Option<Money>) -> Option<String> {
    let cur = &term.currency;
    let value = match crate::agreement::refund_check::amount(amount) {
        Ok(v) => v,
        Err(m) => return Some(m),
    };
    if !value.fits(cur) {
        let places = minor_units(cur);
        return Some(format!(
            "{amount} {cur} has more decimals than {cur} takes ({places})"
        ));
    }
    match left {
        Some(left) if value > left => Some(format!(
            "{amount} {cur} is more than the {left} {cur} left under the term's maximum of {} {cur}",
            term.max_total.as_deref().unwrap_or("?")
        )),
        _ => None,
    }
}

/// A payment request ready to confirm: its body, the reads made to render it, and one line
/// saying what it does.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub body: Value,
    pub reads: Vec<String>,
    pub line: String,
}

/// Finds the agreement's VariablePaymentTerm and checks the request against what remains
/// under its maximum (both reads named), before anything is sent: the CLI's `agreement
/// request-payment` and the dashboard's action. Every refusal is bad input (exit 2).
pub async fn prepare(
    client: &Client,
    agreement: &str,
    name: &str,
    amount: &str,
    description: Option<&str>,
) -> anyhow::Result<Prepared> {
    let bad = |m: String| crate::exit::bad_input(format!("{m}; nothing was sent"));
    let chars = name.chars().count();
    if !(5..=64).contains(&chars) {
        return Err(bad(format!("name: {chars} characters; AWS takes 5 to 64")));
    }
    crate::agreement::refund_check::amount(amount).map_err(bad)?;
    let Some(term) = term(client, agreement).await? else {
        return Err(bad(format!(
            "agreement {agreement} has no VariablePaymentTerm: payment requests need an offer with one (the @proserv-offer template has it)"
        )));
    };
    let earlier = list(client, "Proposer", Some(agreement), None).await?;
    if let Some(why) = refusal(&term, amount, remaining(&term, &earlier)) {
        return Err(bad(why));
    }
    Ok(Prepared {
        body: send_body(agreement, &term.id, name, amount, description),
        reads: vec![
            format!(
                "GetAgreementTerms {agreement} (VariablePaymentTerm {})",
                term.id
            ),
            format!("ListAgreementPaymentRequests {agreement}"),
        ],
        line: format!(
            "ask the buyer of {agreement} to approve {amount} {} ({name})",
            term.currency
        ),
    })
}

/// SendAgreementPaymentRequest's body; its `clientToken` derived from the request, so a re-run
/// is the same request and AWS creates no second one.
pub fn send_body(
    agreement: &str,
    term: &str,
    name: &str,
    amount: &str,
    description: Option<&str>,
) -> Value {
    let mut body =
        json!({"agreementId": agreement, "termId": term, "name": name, "chargeAmount": amount});
    if let Some(d) = description {
        body["description"] = d.into();
    }
    body["clientToken"] = crate::aws::runner::token_for(&body).into();
    body
}

/// Sends the body [`send_body`] rendered.
pub async fn send(client: &Client, body: &Value) -> anyhow::Result<Payment> {
    let member = |k: &str| body[k].as_str().map(String::from);
    let o = client
        .send_agreement_payment_request()
        .set_agreement_id(member("agreementId"))
        .set_term_id(member("termId"))
        .set_name(member("name"))
        .set_charge_amount(member("chargeAmount"))
        .set_description(member("description"))
        .set_client_token(member("clientToken"))
        .send()
        .await
        .map_err(|e| describe_error("SendAgreementPaymentRequest", e))?;
    Ok(payment_of!(
        &o,
        owned(o.description()),
        None,
        None,
        String::new()
    ))
}

/// GetAgreementPaymentRequest.
pub async fn get(client: &Client, agreement: &str, id: &str) -> anyhow::Result<Payment> {
    let o = client
        .get_agreement_payment_request()
        .agreement_id(agreement)
        .payment_request_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetAgreementPaymentRequest", e))?;
    let (charge, message) = (owned(o.charge_id()), owned(o.status_message()));
    Ok(payment_of!(
        &o,
        owned(o.description()),
        charge,
        message,
        time(o.updated_at())
    ))
}

/// Every page of ListAgreementPaymentRequests, as `party` (`Proposer` or `Acceptor`).
pub async fn list(
    client: &Client,
    party: &str,
    agreement: Option<&str>,
    status: Option<&str>,
) -> anyhow::Result<Vec<Payment>> {
    let items = client
        .list_agreement_payment_requests()
        .party_type(party)
        .set_agreement_id(agreement.map(String::from))
        .set_status(status.map(Status::from))
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListAgreementPaymentRequests", e))?;
    Ok(items
        .iter()
        .map(|s| payment_of!(s, None, owned(s.charge_id()), None, time(s.updated_at())))
        .collect())
}

/// The body of an answer to a request: its ids, plus `extra` (`purchaseOrderReference`,
/// `rejectionReason`) when given.
pub fn answer_body(agreement: &str, id: &str, extra: Option<(&str, &str)>) -> Value {
    let mut body = json!({"agreementId": agreement, "paymentRequestId": id});
    if let Some((member, text)) = extra {
        body[member] = text.into();
    }
    body
}

/// Sends an answer ([`answer_body`]): `op` is CancelAgreementPaymentRequest (the seller
/// withdraws), AcceptAgreementPaymentRequest or RejectAgreementPaymentRequest (the buyer);
/// then reads the request back (Accept's answer has no charge id).
pub async fn answer(client: &Client, op: &str, body: &Value) -> anyhow::Result<Payment> {
    let member = |k: &str| body[k].as_str().map(String::from);
    let (agreement, id) = (member("agreementId"), member("paymentRequestId"));
    let sent = match op {
        "CancelAgreementPaymentRequest" => client
            .cancel_agreement_payment_request()
            .set_agreement_id(agreement.clone())
            .set_payment_request_id(id.clone())
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(op, e)),
        "AcceptAgreementPaymentRequest" => client
            .accept_agreement_payment_request()
            .set_agreement_id(agreement.clone())
            .set_payment_request_id(id.clone())
            .set_purchase_order_reference(member("purchaseOrderReference"))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(op, e)),
        _ => client
            .reject_agreement_payment_request()
            .set_agreement_id(agreement.clone())
            .set_payment_request_id(id.clone())
            .set_rejection_reason(member("rejectionReason"))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error(op, e)),
    };
    sent?;
    get(
        client,
        &agreement.unwrap_or_default(),
        &id.unwrap_or_default(),
    )
    .await
}
