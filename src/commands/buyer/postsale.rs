//! `buyer payment-requests|accept-payment|reject-payment|charges|set-purchase-order|
//! cancel-agreement`: the buyer's side after the signature, for Sandbox rehearsal (a buyer
//! profile) or the emulator (the buyer's test key). Writes are planned and confirmed like every
//! other write; a purchase order is set at the charge's current revision, read first.

use schemars::JsonSchema;
use serde::Serialize;

use crate::agreement::payment as payments;
use crate::aws;
use crate::buyer::charges::{self, Charge};
use crate::buyer::{self, Buyer};
use crate::cli::{BuyerArgs, BuyerCommand};
use crate::commands::agreement::{PaymentList, PaymentView};
use crate::confirm::{self, Planned};
use crate::exit::bad_input;
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

/// `buyer charges`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChargeList(pub List<Charge>);

impl Report for ChargeList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no charges".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|c| {
                let cur = c.currency_code.clone().unwrap_or_default();
                vec![
                    c.charge_id.clone(),
                    c.agreement_id.clone(),
                    format!("{} {cur}", c.amount.clone().unwrap_or_default()),
                    c.time.clone(),
                    c.purchase_order.clone().unwrap_or_default(),
                ]
            })
            .collect();
        table(
            &["CHARGE", "AGREEMENT", "AMOUNT", "TIME", "PURCHASE ORDER"],
            &rows,
        )
    }
}

/// `buyer set-purchase-order`: the charge as AWS lists it afterwards.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PurchaseOrderSet {
    pub charge: Charge,
}

impl Report for PurchaseOrderSet {
    fn text(&self) -> String {
        let c = &self.charge;
        let po = c.purchase_order.as_deref().unwrap_or_default();
        format!(
            "charge {} of {} now carries purchase order {po}",
            c.charge_id, c.agreement_id
        )
    }
}

/// `buyer cancel-agreement`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AgreementCancelled {
    pub agreement_id: String,
    /// The agreement's status afterwards, as the buyer reads it (`CANCELLED`).
    pub status: String,
}

impl Report for AgreementCancelled {
    fn text(&self) -> String {
        format!("agreement {} is {}", self.agreement_id, self.status)
    }
}

async fn connect(settings: &Settings, args: &BuyerArgs) -> anyhow::Result<Buyer> {
    let seller = aws::connect(settings).await?;
    let (profile, account) = (args.buyer_profile.as_deref(), args.account.as_deref());
    buyer::connect(settings, &seller, profile, account).await
}

/// Runs one of this module's commands.
pub async fn run(settings: &Settings, printer: &Printer, cmd: &BuyerCommand) -> anyhow::Result<()> {
    match cmd {
        BuyerCommand::PaymentRequests(a) => {
            let b = connect(settings, &a.buyer).await?;
            let (agreement, status) = (a.agreement.as_deref(), a.status.as_deref());
            let found = payments::list(&b.agreement, "Acceptor", agreement, status).await?;
            printer.print(&PaymentList(List::new(found)));
        }
        BuyerCommand::AcceptPayment(_) | BuyerCommand::RejectPayment(_) => {
            answer(settings, printer, cmd).await?
        }
        BuyerCommand::Charges(a) => {
            let b = connect(settings, &a.buyer).await?;
            let found = charges::list(&b.agreement, a.agreement.as_deref()).await?;
            printer.print(&ChargeList(List::new(found)));
        }
        BuyerCommand::SetPurchaseOrder(_) => purchase_order(settings, printer, cmd).await?,
        BuyerCommand::CancelAgreement(a) => {
            let body = serde_json::json!({"agreementId": a.agreement_id});
            if confirm::single(settings, printer, Planned::new("CancelAgreement", "", body))? {
                return Ok(());
            }
            let b = connect(settings, &a.buyer).await?;
            charges::cancel_agreement(&b.agreement, &a.agreement_id).await?;
            let status = charges::agreement_status(&b.agreement, &a.agreement_id).await?;
            let agreement_id = a.agreement_id.clone();
            printer.print(&AgreementCancelled {
                agreement_id,
                status,
            });
        }
        _ => unreachable!("buyer::run sends only post-sale commands here"),
    }
    Ok(())
}

/// `buyer accept-payment|reject-payment`.
async fn answer(settings: &Settings, printer: &Printer, cmd: &BuyerCommand) -> anyhow::Result<()> {
    let (request, extra, args, op) = match cmd {
        BuyerCommand::AcceptPayment(a) => (
            &a.request,
            a.purchase_order
                .as_deref()
                .map(|p| ("purchaseOrderReference", p)),
            &a.buyer,
            "AcceptAgreementPaymentRequest",
        ),
        BuyerCommand::RejectPayment(a) => (
            &a.request,
            a.reason.as_deref().map(|r| ("rejectionReason", r)),
            &a.buyer,
            "RejectAgreementPaymentRequest",
        ),
        _ => unreachable!("only answers"),
    };
    let body = payments::answer_body(&request.agreement, &request.payment_request_id, extra);
    if confirm::single(settings, printer, Planned::new(op, "", body.clone()))? {
        return Ok(());
    }
    let b = connect(settings, args).await?;
    let done = payments::answer(&b.agreement, op, &body).await?;
    printer.print(&PaymentView { request: done });
    Ok(())
}

/// `buyer set-purchase-order`: reads the charge (its revision), then UpdatePurchaseOrders.
async fn purchase_order(
    settings: &Settings,
    printer: &Printer,
    cmd: &BuyerCommand,
) -> anyhow::Result<()> {
    let BuyerCommand::SetPurchaseOrder(a) = cmd else {
        unreachable!("only set-purchase-order")
    };
    if a.purchase_order.is_empty() || a.purchase_order.chars().count() > 200 {
        return Err(bad_input(
            "--purchase-order: 1 to 200 characters; nothing was sent",
        ));
    }
    confirm::gate(settings)?;
    let b = connect(settings, &a.buyer).await?;
    let find = |all: Vec<Charge>| all.into_iter().find(|c| c.charge_id == a.charge_id);
    let listed = charges::list(&b.agreement, Some(&a.agreement)).await?;
    let Some(charge) = find(listed) else {
        return Err(bad_input(format!(
            "agreement {} has no charge {} (`mpctl buyer charges --agreement {}` lists them); nothing was sent",
            a.agreement, a.charge_id, a.agreement
        )));
    };
    let revision = charge.revision.unwrap_or(1);
    let body =
        charges::purchase_order_body(&a.agreement, &a.charge_id, revision, &a.purchase_order);
    let reads = [format!(
        "ListAgreementCharges {} (charge revision)",
        a.agreement
    )];
    let planned = [Planned::new("UpdatePurchaseOrders", "", body.clone())];
    let line = format!(
        "purchase order {} on charge {}",
        a.purchase_order, a.charge_id
    );
    if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
        return Ok(());
    }
    charges::set_purchase_order(&b.agreement, &body).await?;
    let after = find(charges::list(&b.agreement, Some(&a.agreement)).await?);
    let charge = after.ok_or_else(|| anyhow::anyhow!("charge {} vanished", a.charge_id))?;
    printer.print(&PurchaseOrderSet { charge });
    Ok(())
}
