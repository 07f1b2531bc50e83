//! `mpctl listing preview ID --as ACCOUNT`: connects as the buyer account (the buyer's clients
//! from `buyer::connect`, sending where the seller's would: `--local`, `--endpoint-url` or AWS)
//! and prints what `listing::preview` reads through Discovery. Writes nothing.
//! `mpctl listing pull|diff|plan|apply`: listing files (see `listing::run`).

use crate::cli::ListingCommand;
use crate::exit::bad_input;
use crate::output::Printer;
use crate::settings::Settings;

pub use crate::listing::preview::ListingPreview;
pub use crate::listing::report::{ListingApplied, ListingDiff, ListingPlan, ListingPulled};

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
        ListingCommand::Pull(a) => {
            printer.print(&crate::listing::run::pull(settings, &a.ids, &a.dir).await?);
            Ok(())
        }
        ListingCommand::Diff(a) => {
            printer.print(&crate::listing::run::diff(settings, &a.files, &a.dir).await?);
            Ok(())
        }
        ListingCommand::Plan(a) => {
            let plan = crate::listing::run::plan(settings, printer, &a.files, &a.dir).await?;
            printer.print(&plan);
            Ok(())
        }
        ListingCommand::Apply(a) => {
            let done = crate::listing::run::apply(settings, printer, &a.files, &a.dir).await?;
            done.iter().for_each(|d| printer.print(d));
            Ok(())
        }
    }
}
