//! `buyer accept|replace`: the buyer side of a deal, for Sandbox rehearsal or the emulator.

use serde_json::json;

use crate::confirm::{self, Planned};

use crate::aws;
use crate::buyer;
use crate::cli::BuyerCommand;
use crate::output::Printer;
use crate::settings::Settings;

pub async fn run(settings: &Settings, printer: &Printer, cmd: &BuyerCommand) -> anyhow::Result<()> {
    let args = match cmd {
        BuyerCommand::Accept(a) => &a.buyer,
        BuyerCommand::Replace(a) => &a.buyer,
    };
    let (offer, source) = match cmd {
        BuyerCommand::Accept(a) => (&a.offer_id, None),
        BuyerCommand::Replace(a) => (&a.offer, Some(&a.agreement_id)),
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
    let endpoint = seller
        .emulator
        .as_ref()
        .map(|h| h.base_url.clone())
        .or_else(|| settings.endpoint_url.clone());
    let b = buyer::connect(
        settings,
        endpoint.as_deref(),
        args.buyer_profile.as_deref(),
        args.account.as_deref(),
    )
    .await?;
    match cmd {
        BuyerCommand::Accept(a) => {
            let done = buyer::agree(settings, printer, &b, &a.offer_id, &a.terms, None).await?;
            let mut doc = done.to_json();
            doc["ok"] = json!(true);
            doc["offer_id"] = json!(a.offer_id);
            doc["buyer_account_id"] = json!(b.account);
            printer.result(
                &format!(
                    "{} accepted offer {}: agreement {} (entitlements provisioned)",
                    b.label, a.offer_id, done.agreement_id
                ),
                &doc,
            );
        }
        BuyerCommand::Replace(a) => {
            let done =
                buyer::agree(settings, printer, &b, &a.offer, &[], Some(&a.agreement_id)).await?;
            let mut doc = done.to_json();
            doc["ok"] = json!(true);
            doc["offer_id"] = json!(a.offer);
            doc["replaced_agreement_id"] = json!(a.agreement_id);
            doc["buyer_account_id"] = json!(b.account);
            printer.result(
                &format!(
                    "{} replaced agreement {} with {} (offer {})",
                    b.label, a.agreement_id, done.agreement_id, a.offer
                ),
                &doc,
            );
        }
    }
    Ok(())
}
