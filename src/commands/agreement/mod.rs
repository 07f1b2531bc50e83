//! `agreement search|describe|terms`: the seller's view of agreements. Each subcommand returns
//! a typed result; `terms` lives in [`terms`], cancellation requests in [`cancellation`], invoices and refunds in [`refund`].

pub mod cancellation;
pub mod payment;
pub mod refund;
mod terms;

pub use cancellation::{CancellationList, CancellationView};
pub use payment::{PaymentList, PaymentView};
pub use refund::{InvoiceList, RefundList, RefundView};
pub use terms::TermList;

use schemars::JsonSchema;
use serde::Serialize;

use crate::agreement::{search, view};
use crate::aws;
use crate::cli::{AgreementCommand, AgreementSearchArgs};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    cmd: &AgreementCommand,
) -> anyhow::Result<()> {
    match cmd {
        AgreementCommand::Search(a) => printer.print(&search(settings, a).await?),
        AgreementCommand::Describe(a) => printer.print(&describe(settings, &a.id).await?),
        AgreementCommand::Terms(a) => printer.print(&terms::run(settings, &a.id).await?),
        AgreementCommand::Cancel(a) => {
            if let Some(done) = cancellation::cancel(settings, printer, a).await? {
                printer.print(&done);
            }
        }
        AgreementCommand::Cancellations(a) => {
            printer.print(&cancellation::list(settings, a).await?)
        }
        AgreementCommand::Cancellation(a) => printer.print(&cancellation::get(settings, a).await?),
        AgreementCommand::WithdrawCancellation(a) => {
            if let Some(done) = cancellation::withdraw(settings, printer, a).await? {
                printer.print(&done);
            }
        }
        AgreementCommand::Invoices(a) => printer.print(&refund::invoices(settings, a).await?),
        AgreementCommand::Refund(a) => {
            if let Some(done) = refund::refund(settings, printer, a).await? {
                printer.print(&done);
            }
        }
        AgreementCommand::Refunds(a) => printer.print(&refund::list(settings, a).await?),
        AgreementCommand::RefundRequest(a) => printer.print(&refund::get(settings, a).await?),
        AgreementCommand::BulkRefund(a) => refund::bulk(settings, printer, &a.csv).await?,
        AgreementCommand::RequestPayment(a) => {
            if let Some(done) = payment::request(settings, printer, a).await? {
                printer.print(&done);
            }
        }
        AgreementCommand::PaymentRequests(a) => printer.print(&payment::list(settings, a).await?),
        AgreementCommand::PaymentRequest(a) => printer.print(&payment::get(settings, a).await?),
        AgreementCommand::WithdrawPaymentRequest(a) => {
            if let Some(done) = payment::withdraw(settings, printer, a).await? {
                printer.print(&done);
            }
        }
    }
    Ok(())
}

/// One agreement's common facts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Agreement {
    pub agreement_id: String,
    pub status: String,
    pub offer_id: String,
    pub product_ids: Vec<String>,
    /// The buyer's account.
    pub acceptor_account_id: String,
    /// The seller's account.
    pub proposer_account_id: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`, or empty.
    pub start_time: String,
    pub end_time: String,
}

impl From<&view::Summary> for Agreement {
    fn from(s: &view::Summary) -> Self {
        Agreement {
            agreement_id: s.id.clone(),
            status: s.status.clone(),
            offer_id: s.offer_id.clone(),
            product_ids: s.product_ids.clone(),
            acceptor_account_id: s.acceptor.clone(),
            proposer_account_id: s.proposer.clone(),
            start_time: s.start.clone(),
            end_time: s.end.clone(),
        }
    }
}

/// `agreement search`: one item per matching agreement.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AgreementList(pub List<Agreement>);

impl Report for AgreementList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no agreements match".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|a| {
                vec![
                    a.agreement_id.clone(),
                    a.status.clone(),
                    a.offer_id.clone(),
                    a.acceptor_account_id.clone(),
                    a.end_time.clone(),
                ]
            })
            .collect();
        table(&["AGREEMENT", "STATUS", "OFFER", "BUYER", "ENDS"], &rows)
    }
}

async fn search(settings: &Settings, a: &AgreementSearchArgs) -> anyhow::Result<AgreementList> {
    let q = search::Query {
        offer: a.offer.clone(),
        product: a.product.clone(),
        buyer: a.buyer.clone(),
        status: a.status.clone(),
        ends_before: a.ends_before.map(instant),
        ends_after: a.ends_after.map(instant),
    };
    let filters = search::filters(&q)?;
    let clients = aws::connect(settings).await?;
    let found = search::run(&clients.agreement, &filters).await?;
    if found.is_empty() {
        // "No agreements" for an id that does not exist would hide a typo: say which it is.
        for (flag, id) in [("--offer", &a.offer), ("--product", &a.product)] {
            if let Some(id) = id {
                exists(&clients.catalog, flag, id).await?;
            }
        }
    }
    Ok(AgreementList(
        found
            .iter()
            .map(|s| Agreement::from(&view::Summary::from_search(s)))
            .collect(),
    ))
}

/// A filter's entity exists in this account's catalog; else the not-found error, naming the flag.
async fn exists(
    catalog: &aws_sdk_marketplacecatalog::Client,
    flag: &str,
    id: &str,
) -> anyhow::Result<()> {
    let out = catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(id)
        .send()
        .await;
    match out {
        Ok(_) => Ok(()),
        Err(e) => {
            let e = aws::describe_error("DescribeEntity", e);
            Err(e.context(format!(
                "no agreements match, and {flag} {id} names nothing in this account's catalog"
            )))
        }
    }
}

/// The RFC 3339 form SearchAgreements' EndTime filters take.
fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// DescribeAgreement's estimated charges.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Charges {
    pub currency_code: Option<String>,
    pub agreement_value: Option<String>,
}

/// An agreement with its estimated charges.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AgreementDetail {
    #[serde(flatten)]
    pub summary: Agreement,
    pub estimated_charges: Charges,
}

/// `agreement describe`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AgreementView {
    pub agreement: AgreementDetail,
}

impl Report for AgreementView {
    fn text(&self) -> String {
        let a = &self.agreement.summary;
        let c = &self.agreement.estimated_charges;
        let value = format!(
            "{} {}",
            c.currency_code.as_deref().unwrap_or_default(),
            c.agreement_value.as_deref().unwrap_or_default()
        );
        let rows = [
            ("Agreement", a.agreement_id.clone()),
            ("Status", a.status.clone()),
            ("Offer", a.offer_id.clone()),
            ("Products", a.product_ids.join(", ")),
            ("Buyer", a.acceptor_account_id.clone()),
            ("Seller", a.proposer_account_id.clone()),
            ("Starts", a.start_time.clone()),
            ("Ends", a.end_time.clone()),
            ("Estimated value", value),
        ]
        .map(|(k, v)| vec![k.to_string(), v]);
        table(&["FIELD", "VALUE"], &rows)
    }
}

async fn describe(settings: &Settings, id: &str) -> anyhow::Result<AgreementView> {
    let clients = aws::connect(settings).await?;
    let out = clients
        .agreement
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .map_err(|e| aws::describe_error("DescribeAgreement", e))?;
    let charges = out.estimated_charges();
    Ok(AgreementView {
        agreement: AgreementDetail {
            summary: Agreement::from(&view::Summary::from_describe(&out)),
            estimated_charges: Charges {
                currency_code: charges.and_then(|c| c.currency_code()).map(String::from),
                agreement_value: charges.and_then(|c| c.agreement_value()).map(String::from),
            },
        },
    })
}
