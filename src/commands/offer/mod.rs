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
    if !matches!(cmd, OfferCommand::List(_) | OfferCommand::Describe(_)) {
        crate::confirm::gate(settings)?;
    }
    // The writes return `None` under `--plan`: the plan was the result.
    let written = match cmd {
        OfferCommand::List(a) => return print(printer, read::list(settings, a).await?),
        OfferCommand::Describe(a) => return print(printer, read::describe(settings, &a.id).await?),
        OfferCommand::Extend(a) => {
            let done = availability::extend(settings, printer, &a.id, a.until).await?;
            return done.map_or(Ok(()), |d| print(printer, d));
        }
        OfferCommand::Expire(a) => {
            let done = availability::expire(settings, printer, &a.id).await?;
            return done.map_or(Ok(()), |d| print(printer, d));
        }
        OfferCommand::Clone(a) => create::clone(settings, printer, a).await?,
        OfferCommand::Replace(a) => create::replace(settings, printer, a).await?,
    };
    written.map_or(Ok(()), |d| print(printer, d))
}

fn print<R: crate::output::Report>(printer: &Printer, result: R) -> anyhow::Result<()> {
    printer.print(&result);
    Ok(())
}
