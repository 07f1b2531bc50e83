//! `offer list|describe|extend|expire|clone|replace`: what a seller does with offers. Reads
//! ([`read`]) connect and call; writes ([`availability`], [`create`]) validate the change set
//! first (exit 2, nothing sent), show it, ask for confirmation where they create something,
//! then start it and wait. Helpers shared by the writes are in [`common`].

mod availability;
mod common;
mod create;
mod read;

use crate::cli::OfferCommand;
use crate::output::Printer;
use crate::settings::Settings;

pub use availability::AvailabilityChanged;
pub use create::NewOffer;
pub use read::{OfferList, OfferView};

pub async fn run(settings: &Settings, printer: &Printer, cmd: &OfferCommand) -> anyhow::Result<()> {
    match cmd {
        OfferCommand::List(a) => printer.print(&read::list(settings, a).await?),
        OfferCommand::Describe(a) => printer.print(&read::describe(settings, &a.id).await?),
        OfferCommand::Extend(a) => {
            printer.print(&availability::extend(settings, printer, &a.id, a.until).await?)
        }
        OfferCommand::Expire(a) => {
            printer.print(&availability::expire(settings, printer, &a.id).await?)
        }
        OfferCommand::Clone(a) => printer.print(&create::clone(settings, printer, a).await?),
        OfferCommand::Replace(a) => printer.print(&create::replace(settings, printer, a).await?),
    }
    Ok(())
}
