//! `mpctl listing preview ID --as ACCOUNT`: connects as the buyer account (the buyer's clients
//! from `buyer::connect`, sending where the seller's would: `--local`, `--endpoint-url` or AWS)
//! and prints what `listing::preview` reads through Discovery. Writes nothing.

use crate::cli::ListingCommand;
use crate::exit::bad_input;
use crate::output::Printer;
use crate::settings::Settings;

pub use crate::listing::preview::ListingPreview;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &ListingCommand,
) -> anyhow::Result<()> {
    match command {
        ListingCommand::Preview(args) => {
            let account = args.account.as_str();
            if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad_input(format!(
                    "--as {account:?} is not a 12-digit AWS account id; nothing was sent"
                )));
            }
            let seller = crate::aws::connect(settings).await?;
            let buyer = crate::buyer::connect(
                settings,
                &seller,
                args.buyer_profile.as_deref(),
                Some(account),
            )
            .await?;
            let shown =
                crate::listing::preview::preview(&buyer.discovery, &args.id, account).await?;
            printer.print(&shown);
            Ok(())
        }
    }
}
