//! The agreement page after the signature — its cancellation requests, invoices (with what
//! remains refundable), refunds and payment requests — and the three post-sale actions on it:
//! ask the buyer to cancel, refund part of an invoice, request a payment. Each action is built
//! and checked by the CLI's own code (`agreement::refund::prepare`, `agreement::payment::prepare`,
//! `agreement::cancellation::send_body`), shown as the exact request on the confirmation page,
//! and sent only from there, like the change set actions (see [`super::actions`]).

use maud::{html, Markup};
use serde_json::Value;

use super::pending::{ActionForm, Pending, Request};
use super::Shared;
use crate::agreement::cancellation::{self, REASON_CODES as CANCEL_REASONS};
use crate::agreement::refund::{self, Ask, REASON_CODES as REFUND_REASONS};
use crate::agreement::{invoice, payment};
use crate::exit::bad_input;

fn select(name: &str, options: &[&str]) -> Markup {
    html! { select name=(name) { @for o in options { option value=(o) { (o) } } } }
}

/// A post-sale action form for agreement `id`, posting to the preview.
fn form(csrf: &str, id: &str, kind: &str, form_id: &str, fields: Markup) -> Markup {
    html! {
        form.inline method="post" action="/actions/preview" id=(form_id) {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="kind" value=(kind);
            input type="hidden" name="agreement" value=(id);
            (fields)
        }
    }
}

fn or_error<T>(r: &anyhow::Result<Vec<T>>) -> Option<Markup> {
    r.as_ref().err().map(super::html::error)
}

/// The four post-sale sections of agreement `id`; the forms unless read-only (`variable`: the
/// agreement has a VariablePaymentTerm, so payment requests can be sent).
pub async fn sections(app: &Shared, id: &str, variable: bool) -> Markup {
    let c = &app.clients.agreement;
    let (cancels, invoices, refunds, payments) = tokio::join!(
        cancellation::list(c, "Proposer", Some(id), None),
        invoice::list(c, id, None),
        refund::list(c, Some(id), None),
        payment::list(c, "Proposer", Some(id), None),
    );
    let writable = !app.read_only;
    let csrf = &app.csrf;
    html! {
        h2 { "Cancellation requests" }
        @if let Some(e) = or_error(&cancels) { (e) }
        table id="cancellations" {
            tr { th { "Request" } th { "Status" } th { "Reason" } th { "Updated" } th { "Message" } }
            @for r in cancels.as_deref().unwrap_or_default() {
                tr { td { (r.cancellation_request_id) } td { (r.status) } td { (r.reason_code) } td { (r.updated_at) } td { (r.status_message.clone().unwrap_or_default()) } }
            }
        }
        @if writable {
            (form(csrf, id, "cancel", "cancel-form", html! {
                (select("reason", &CANCEL_REASONS)) " "
                input type="text" name="description" placeholder="What the buyer reads" size="30"; " "
                button type="submit" id="cancel" { "Ask the buyer to cancel…" }
            }))
        }
        h2 { "Invoices" }
        @if let Some(e) = or_error(&invoices) { (e) }
        table id="invoices" {
            tr { th { "Invoice" } th { "Type" } th { "Issued" } th { "Amount" } th { "Refundable" } @if writable { th { "Refund" } } }
            @for i in invoices.as_deref().unwrap_or_default() {
                @let cur = i.currency_code.clone().unwrap_or_default();
                tr {
                    td { (i.invoice_id) } td { (i.invoice_type) } td { (i.issued_at) }
                    td { (i.amount.clone().unwrap_or_default()) " " (cur) }
                    td { (i.refundable.clone().map(|r| format!("{r} {cur}")).unwrap_or_else(|| "-".into())) }
                    @if writable { td { @if i.refundable.is_some() {
                        (form(csrf, id, "refund", &format!("refund-{}", i.invoice_id), html! {
                            input type="hidden" name="invoice" value=(i.invoice_id);
                            input type="text" name="amount" size="8" placeholder="amount"; " "
                            (select("reason", &REFUND_REASONS)) " "
                            button type="submit" class="refund" { "Refund…" }
                        }))
                    } } }
                }
            }
        }
        h2 { "Refunds" }
        @if let Some(e) = or_error(&refunds) { (e) }
        table id="refunds" {
            tr { th { "Refund" } th { "Invoice" } th { "Amount" } th { "Status" } th { "Updated" } }
            @for r in refunds.as_deref().unwrap_or_default() {
                tr { td { (r.billing_adjustment_request_id) } td { (r.invoice_id) } td { (r.amount) " " (r.currency_code) } td { (r.status) } td { (r.updated_at) } }
            }
        }
        h2 { "Payment requests" }
        @if let Some(e) = or_error(&payments) { (e) }
        table id="payment-requests" {
            tr { th { "Request" } th { "Name" } th { "Amount" } th { "Status" } th { "Charge" } }
            @for p in payments.as_deref().unwrap_or_default() {
                tr { td { (p.payment_request_id) } td { (p.name) } td { (p.amount) " " (p.currency_code) } td { (p.status) } td { (p.charge_id.clone().unwrap_or_default()) } }
            }
        }
        @if writable && variable {
            (form(csrf, id, "payment-request", "payment-form", html! {
                input type="text" name="name" placeholder="Milestone 1" size="20"; " "
                input type="text" name="amount" placeholder="amount" size="8"; " "
                button type="submit" id="request-payment" { "Request a payment…" }
            }))
        }
    }
}

fn required<'a>(v: &'a Option<String>, name: &str) -> anyhow::Result<&'a str> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad_input(format!("{name} is required")))
}

fn optional(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// The request a post-sale form asks for, built and checked by the CLI's code; `None` for a
/// kind that is not post-sale.
pub async fn build(app: &Shared, f: &ActionForm) -> Option<anyhow::Result<Pending>> {
    let kind = f.kind.as_str();
    if !matches!(kind, "cancel" | "refund" | "payment-request") {
        return None;
    }
    Some(built(app, f, kind).await)
}

async fn built(app: &Shared, f: &ActionForm, kind: &str) -> anyhow::Result<Pending> {
    let c = &app.clients.agreement;
    let agreement = required(&f.agreement, "agreement")?.to_string();
    let (label, operation, body) = match kind {
        "cancel" => {
            let reason = required(&f.reason, "reason")?;
            let description = optional(&f.description);
            let body = cancellation::send_body(&agreement, reason, description.as_deref());
            let label = format!("Ask the buyer of {agreement} to cancel ({reason})");
            (label, "SendAgreementCancellationRequest", body)
        }
        "refund" => {
            let ask = Ask {
                agreement: agreement.clone(),
                invoice: required(&f.invoice, "invoice")?.into(),
                amount: required(&f.amount, "amount")?.into(),
                currency: None,
                reason: required(&f.reason, "reason")?.into(),
                description: optional(&f.description),
            };
            let ready = crate::agreement::refund_check::prepare(c, &ask).await?;
            let label = ready.line[..1].to_uppercase() + &ready.line[1..];
            (label, "BatchCreateBillingAdjustmentRequest", ready.body)
        }
        _ => {
            let (name, amount) = (required(&f.name, "name")?, required(&f.amount, "amount")?);
            let ready = payment::prepare(c, &agreement, name, amount, None).await?;
            let label = ready.line[..1].to_uppercase() + &ready.line[1..];
            (label, "SendAgreementPaymentRequest", ready.body)
        }
    };
    Ok(Pending {
        label,
        step: format!("agreement {kind}"),
        request: Request::Write { operation, body },
    })
}

/// Sends a confirmed post-sale request; the id AWS gave it (`acr-…`, `ba-…`, `pr-…`).
pub async fn send(app: &Shared, operation: &str, body: &Value) -> anyhow::Result<String> {
    let c = &app.clients.agreement;
    match operation {
        "SendAgreementCancellationRequest" => {
            Ok(cancellation::send(c, body).await?.cancellation_request_id)
        }
        "BatchCreateBillingAdjustmentRequest" => {
            let entries = body["billingAdjustmentRequestEntries"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let sent = refund::send(c, &entries).await?;
            if let Some((_, code, message)) = sent.errors.first() {
                anyhow::bail!("AWS refused the refund ({code}): {message}");
            }
            let created = sent.created.first().map(|(_, id)| id.clone());
            created
                .ok_or_else(|| anyhow::anyhow!("AWS answered with neither a refund nor an error"))
        }
        _ => Ok(payment::send(c, body).await?.payment_request_id),
    }
}
