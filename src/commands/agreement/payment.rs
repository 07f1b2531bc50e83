//! `agreement request-payment|payment-requests|payment-request|withdraw-payment-request`: the
//! seller's payment requests. A request is checked first against the agreement's
//! VariablePaymentTerm (found by GetAgreementTerms, named under `--plan`) and what remains under
//! its maximum (ListAgreementPaymentRequests); the writes are planned and confirmed like every
//! other write.

use schemars::JsonSchema;
use serde::Serialize;

use crate::agreement::payment::{self as payments, Payment};
use crate::aws;
use crate::cli::{PaymentIdArgs, PaymentRequestsArgs, RequestPaymentArgs};
use crate::confirm::{self, Planned};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

/// One payment request: the seller's and the buyer's commands.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PaymentView {
    #[serde(flatten)]
    pub request: Payment,
}

impl Report for PaymentView {
    fn text(&self) -> String {
        let r = &self.request;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows = [
            ("Request", r.payment_request_id.clone()),
            ("Agreement", r.agreement_id.clone()),
            ("Name", r.name.clone()),
            ("Amount", format!("{} {}", r.amount, r.currency_code)),
            ("Status", r.status.clone()),
            ("Charge", opt(&r.charge_id)),
            ("Description", opt(&r.description)),
            ("Message", opt(&r.status_message)),
            ("Created", r.created_at.clone()),
            ("Updated", r.updated_at.clone()),
        ]
        .map(|(k, v)| vec![k.to_string(), v]);
        table(&["FIELD", "VALUE"], &rows)
    }
}

/// `agreement payment-requests` and `buyer payment-requests`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PaymentList(pub List<Payment>);

impl Report for PaymentList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no payment requests match".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|r| {
                vec![
                    r.payment_request_id.clone(),
                    r.agreement_id.clone(),
                    r.name.clone(),
                    format!("{} {}", r.amount, r.currency_code),
                    r.status.clone(),
                    r.charge_id.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let head = ["REQUEST", "AGREEMENT", "NAME", "AMOUNT", "STATUS", "CHARGE"];
        table(&head, &rows)
    }
}

/// `agreement request-payment`; `None` under `--plan`.
pub async fn request(
    settings: &Settings,
    printer: &Printer,
    a: &RequestPaymentArgs,
) -> anyhow::Result<Option<PaymentView>> {
    confirm::gate(settings)?;
    let clients = aws::connect(settings).await?;
    let agreement = &a.agreement_id;
    let description = a.description.as_deref();
    let ready = payments::prepare(
        &clients.agreement,
        agreement,
        &a.name,
        &a.amount,
        description,
    )
    .await?;
    let op = "SendAgreementPaymentRequest";
    let planned = [Planned::new(op, "", ready.body.clone())];
    if confirm::after_reads(settings, printer, &ready.reads, &planned, &[ready.line])? {
        return Ok(None);
    }
    let body = ready.body;
    let sent = payments::send(&clients.agreement, &body).await?;
    let got = payments::get(&clients.agreement, agreement, &sent.payment_request_id).await?;
    Ok(Some(PaymentView { request: got }))
}

/// `agreement payment-requests`: as the proposer, every page.
pub async fn list(settings: &Settings, a: &PaymentRequestsArgs) -> anyhow::Result<PaymentList> {
    let clients = aws::connect(settings).await?;
    let (agreement, status) = (a.agreement_id.as_deref(), a.status.as_deref());
    let found = payments::list(&clients.agreement, "Proposer", agreement, status).await?;
    Ok(PaymentList(List::new(found)))
}

/// `agreement payment-request`.
pub async fn get(settings: &Settings, a: &PaymentIdArgs) -> anyhow::Result<PaymentView> {
    let clients = aws::connect(settings).await?;
    let got = payments::get(&clients.agreement, &a.agreement, &a.payment_request_id).await?;
    Ok(PaymentView { request: got })
}

/// `agreement withdraw-payment-request`; `None` under `--plan`.
pub async fn withdraw(
    settings: &Settings,
    printer: &Printer,
    a: &PaymentIdArgs,
) -> anyhow::Result<Option<PaymentView>> {
    let body = payments::answer_body(&a.agreement, &a.payment_request_id, None);
    let op = "CancelAgreementPaymentRequest";
    if confirm::single(settings, printer, Planned::new(op, "", body.clone()))? {
        return Ok(None);
    }
    let clients = aws::connect(settings).await?;
    let done = payments::answer(&clients.agreement, op, &body).await?;
    Ok(Some(PaymentView { request: done }))
}
