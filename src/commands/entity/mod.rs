//! `mpctl entity describe ID…` ([`describe`]: DescribeEntity, or BatchDescribeEntities in
//! batches of 20) and `mpctl entity list TYPE` ([`list`]: every page of ListEntities).

mod describe;
mod list;

use crate::cli::EntityCommand;
use crate::output::Printer;
use crate::settings::Settings;

pub use describe::Described;
pub use list::EntityList;

/// The Marketplace Catalog every entity call names.
const CATALOG: &str = "AWSMarketplace";

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &EntityCommand,
) -> anyhow::Result<()> {
    match command {
        EntityCommand::Describe(args) => describe::run(settings, printer, &args.ids).await,
        EntityCommand::List(args) => {
            printer.print(&list::run(settings, args).await?);
            Ok(())
        }
    }
}
