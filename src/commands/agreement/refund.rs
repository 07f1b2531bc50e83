//! `agreement invoices|refund|refunds|refund-request|bulk-refund`: an agreement's invoices and credit memos
//! with what remains refundable, a refund of part of an invoice, and the refunds sent. A
//! refund cannot be undone: it is checked against the invoice first (read even under
//! `--plan`, and named), and its confirmation names the amount, the invoice and the agreement.

use std::path::Path;

use schemars::JsonSchema;
use serde::Serialize;

use crate::agreement::invoice::{self, Invoice};
use crate::agreement::refund::{self as refunds, Ask, Refund};
use crate::aws;
use crate::cli::{InvoicesArgs, RefundArgs, RefundIdArgs, RefundsArgs};
use crate::confirm::{self, Planned};
use crate::exit::Failure;
use crate::output::{table, List, Printer, Report, ResultPrinted};
use crate::settings::Settings;

/// `agreement invoices`: one item per invoice or credit memo.
#[derive(Debug, Serialize, JsonSchema)]
pub struct InvoiceList {
    pub agreement_id: String,
    #[serde(flatten)]
    pub list: List<Invoice>,
}

impl Report for InvoiceList {
    fn text(&self) -> String {
        if self.list.is_empty() {
            return format!("agreement {} has no invoices yet", self.agreement_id);
        }
        let rows: Vec<Vec<String>> = self
            .list
            .items
            .iter()
            .map(|i| {
                let cur = i.currency_code.clone().unwrap_or_default();
                let money = |v: &Option<String>| v.as_ref().map(|v| format!("{v} {cur}"));
                vec![
                    i.invoice_id.clone(),
                    i.invoice_type.clone(),
                    i.issued_at.clone(),
                    i.billing_period.clone().unwrap_or_default(),
                    money(&i.amount).unwrap_or_default(),
                    money(&i.refundable).unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        let head = [
            "INVOICE",
            "TYPE",
            "ISSUED",
            "PERIOD",
            "AMOUNT",
            "REFUNDABLE",
        ];
        table(&head, &rows)
    }
}

/// `agreement refund|refund-request`: one refund.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RefundView {
    #[serde(flatten)]
    pub refund: Refund,
    /// `agreement refund` only: AWS answered with a refund it had made before this run (the
    /// same request, the same token).
    #[serde(skip)]
    pub earlier: bool,
}

impl Report for RefundView {
    fn text(&self) -> String {
        let r = &self.refund;
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows = [
            ("Refund", r.billing_adjustment_request_id.clone()),
            ("Agreement", r.agreement_id.clone()),
            ("Invoice", r.invoice_id.clone()),
            ("Amount", format!("{} {}", r.amount, r.currency_code)),
            ("Status", r.status.clone()),
            ("Reason", opt(&r.reason_code)),
            ("Description", opt(&r.description)),
            ("Message", opt(&r.status_message)),
            ("Created", r.created_at.clone()),
            ("Updated", r.updated_at.clone()),
        ]
        .map(|(k, v)| vec![k.to_string(), v]);
        let note = match self.earlier {
            true => format!(
                "\nThis refund was requested before, at {}: AWS answered this same request with it; no second refund was made.",
                r.created_at
            ),
            false => String::new(),
        };
        format!("{}{note}", table(&["FIELD", "VALUE"], &rows))
    }
}

/// `agreement refunds`: one item per refund.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RefundList(pub List<Refund>);

impl Report for RefundList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no refunds match".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|r| {
                vec![
                    r.billing_adjustment_request_id.clone(),
                    r.agreement_id.clone(),
                    r.invoice_id.clone(),
                    format!("{} {}", r.amount, r.currency_code),
                    r.status.clone(),
                    r.updated_at.clone(),
                ]
            })
            .collect();
        let head = [
            "REFUND",
            "AGREEMENT",
            "INVOICE",
            "AMOUNT",
            "STATUS",
            "UPDATED",
        ];
        table(&head, &rows)
    }
}

/// `agreement invoices`.
pub async fn invoices(settings: &Settings, a: &InvoicesArgs) -> anyhow::Result<InvoiceList> {
    let clients = aws::connect(settings).await?;
    let mut found = invoice::list(&clients.agreement, &a.agreement_id, None).await?;
    if let Some(kind) = &a.r#type {
        found.retain(|i| i.invoice_type.eq_ignore_ascii_case(&kind.replace('-', "_")));
    }
    Ok(InvoiceList {
        agreement_id: a.agreement_id.clone(),
        list: List::new(found),
    })
}

/// `agreement refund`: checked against the invoice, planned or confirmed, sent; `None` under
/// `--plan`.
pub async fn refund(
    settings: &Settings,
    printer: &Printer,
    a: &RefundArgs,
) -> anyhow::Result<Option<RefundView>> {
    confirm::gate(settings)?;
    let ask = Ask {
        agreement: a.agreement_id.clone(),
        invoice: a.invoice.clone(),
        amount: a.amount.clone(),
        currency: a.currency.clone(),
        reason: a.reason.clone(),
        description: a.description.clone(),
    };
    let clients = aws::connect(settings).await?;
    let started = crate::aws::service_time::target_now();
    let ready = crate::agreement::refund_check::prepare(&clients.agreement, &ask).await?;
    let op = "BatchCreateBillingAdjustmentRequest";
    let planned = [Planned::new(op, "", ready.body.clone())];
    if confirm::after_reads(settings, printer, &ready.reads, &planned, &[ready.line])? {
        return Ok(None);
    }
    let entry = ready.body["billingAdjustmentRequestEntries"][0].clone();
    let sent = refunds::send(&clients.agreement, &[entry]).await?;
    if let Some((_, code, message)) = sent.errors.first() {
        anyhow::bail!("AWS refused the refund ({code}): {message}");
    }
    let (_, id) = sent
        .created
        .first()
        .ok_or_else(|| anyhow::anyhow!("{op} answered with neither the refund nor an error"))?;
    let got = refunds::get(&clients.agreement, &ask.agreement, id).await?;
    // A few seconds' slack for the clocks of this machine and AWS.
    let earlier = chrono::DateTime::parse_from_rfc3339(&got.created_at)
        .is_ok_and(|t| t < started - chrono::Duration::seconds(5));
    Ok(Some(RefundView {
        refund: got,
        earlier,
    }))
}

/// `agreement refunds`.
pub async fn list(settings: &Settings, a: &RefundsArgs) -> anyhow::Result<RefundList> {
    let clients = aws::connect(settings).await?;
    let agreement = a.agreement_id.as_deref();
    let found = refunds::list(&clients.agreement, agreement, a.status.as_deref()).await?;
    Ok(RefundList(List::new(found)))
}

/// `agreement refund-request`.
pub async fn get(settings: &Settings, a: &RefundIdArgs) -> anyhow::Result<RefundView> {
    let clients = aws::connect(settings).await?;
    let got = refunds::get(&clients.agreement, &a.agreement, &a.refund_id).await?;
    Ok(RefundView {
        refund: got,
        earlier: false,
    })
}

/// `agreement bulk-refund`: prints every row's outcome; exit 3 when a row is not created (1
/// after an AWS error, 130 after Ctrl-C), the results printed either way.
pub async fn bulk(settings: &Settings, printer: &Printer, csv: &Path) -> anyhow::Result<()> {
    let Some((report, sent)) = crate::refund::run(settings, printer, csv).await? else {
        return Ok(());
    };
    printer.print(&report);
    if let Err(e) = sent {
        return Err(ResultPrinted(e).into());
    }
    let left = report.0.items.iter().filter(|i| !i.created()).count();
    if left == 0 {
        return Ok(());
    }
    let message = format!(
        "{left} of {} refunds were not created (see {}); re-run `{}` to retry only those",
        report.0.count,
        crate::refund::results::path_for(csv).display(),
        crate::resume::command_line()
    );
    Err(ResultPrinted(Failure::ResourceFailed(message).into()).into())
}
