//! `buyer accept|replace|accept-cancellation|reject-cancellation`: the buyer side of a deal,
//! for Sandbox rehearsal or the emulator; after the signature (payment requests, charges,
//! purchase orders, CancelAgreement) in [`postsale`].

mod postsale;

pub use postsale::{AgreementCancelled, ChargeList, PurchaseOrderSet};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

use crate::agreement::cancellation as requests;
use crate::aws;
use crate::buyer::{self, Buyer};
use crate::cli::BuyerCommand;
use crate::commands::agreement::CancellationView;
use crate::confirm::{self, Planned};
use crate::output::{Printer, Report};
use crate::settings::Settings;

/// `buyer accept` and `buyer replace`: the agreement the buyer now has.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Agreed {
    pub agreement_id: String,
    pub agreement_request_id: String,
    /// The offer terms accepted.
    pub term_ids: Vec<String>,
    pub offer_id: String,
    /// `buyer replace` only: the agreement replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_agreement_id: Option<String>,
    pub buyer_account_id: Option<String>,
    #[serde(skip)]
    label: String,
}

impl Report for Agreed {
    fn text(&self) -> String {
        match &self.replaced_agreement_id {
            Some(old) => format!(
                "{} replaced agreement {old} with {} (offer {})",
                self.label, self.agreement_id, self.offer_id
            ),
            None => format!(
                "{} accepted offer {}: agreement {} (entitlements provisioned)",
                self.label, self.offer_id, self.agreement_id
            ),
        }
    }
}

pub async fn run(settings: &Settings, printer: &Printer, cmd: &BuyerCommand) -> anyhow::Result<()> {
    let args = match cmd {
        BuyerCommand::Accept(a) => &a.buyer,
        BuyerCommand::Replace(a) => &a.buyer,
        BuyerCommand::AcceptCancellation(_) | BuyerCommand::RejectCancellation(_) => {
            return answer(settings, printer, cmd).await;
        }
        _ => return postsale::run(settings, printer, cmd).await,
    };
    let (offer, source) = match cmd {
        BuyerCommand::Replace(a) => (&a.offer, Some(&a.agreement_id)),
        BuyerCommand::Accept(a) => (&a.offer_id, None),
        _ => unreachable!("answered above"),
    };
    let body = json!({"OfferId": offer, "SourceAgreementId": source});
    if confirm::single(
        settings,
        printer,
        Planned::new("AcceptAgreementRequest", "", body),
    )? {
        return Ok(());
    }
    // The seller's connection decides the endpoint (and starts the --local emulator).
    let seller = aws::connect(settings).await?;
    let b = buyer::connect(
        settings,
        &seller,
        args.buyer_profile.as_deref(),
        args.account.as_deref(),
    )
    .await?;
    let terms = match cmd {
        BuyerCommand::Accept(a) => a.terms.as_slice(),
        _ => &[],
    };
    let replaced = source.map(String::as_str);
    let done = buyer::agree(settings, printer, &b, offer, terms, replaced).await?;
    printer.print(&agreed(&b, offer, replaced, done));
    Ok(())
}

fn agreed(b: &Buyer, offer: &str, replaced: Option<&str>, done: buyer::Accepted) -> Agreed {
    Agreed {
        agreement_id: done.agreement_id,
        agreement_request_id: done.agreement_request_id,
        term_ids: done.term_ids,
        offer_id: offer.to_string(),
        replaced_agreement_id: replaced.map(String::from),
        buyer_account_id: b.account.clone(),
        label: b.label.clone(),
    }
}

/// `buyer accept-cancellation|reject-cancellation`: the buyer answers the seller's request.
async fn answer(settings: &Settings, printer: &Printer, cmd: &BuyerCommand) -> anyhow::Result<()> {
    let (request, reason, args) = match cmd {
        BuyerCommand::AcceptCancellation(a) => (&a.request, None, &a.buyer),
        BuyerCommand::RejectCancellation(a) => (&a.request, Some(a.reason.as_str()), &a.buyer),
        _ => unreachable!("only answers"),
    };
    let (agreement, id) = (request.agreement.as_str(), request.request_id.as_str());
    let body = requests::answer_body(agreement, id, reason.map(|r| ("rejectionReason", r)));
    let op = match reason {
        None => "AcceptAgreementCancellationRequest",
        Some(_) => "RejectAgreementCancellationRequest",
    };
    if confirm::single(settings, printer, Planned::new(op, "", body))? {
        return Ok(());
    }
    let seller = aws::connect(settings).await?;
    let (profile, account) = (args.buyer_profile.as_deref(), args.account.as_deref());
    let b = buyer::connect(settings, &seller, profile, account).await?;
    let done = match reason {
        None => requests::accept(&b.agreement, agreement, id).await?,
        Some(r) => requests::reject(&b.agreement, agreement, id, r).await?,
    };
    printer.print(&CancellationView { request: done });
    Ok(())
}
