//! One module per subcommand group: turns settings into workflow calls and results into output.

mod agreement;
mod buyer;
mod campaign;
mod changeset;
mod dashboard;
mod emulator;
mod entity;
mod init;
mod invitation;
mod offer;
mod offer_input;
mod offer_new;
mod opportunity;
mod status;
mod steps;

use crate::cli::{Cli, Command, EmulatorCommand};
use crate::output::Printer;
use crate::settings::Settings;

/// Runs the parsed command line.
pub async fn run(cli: Cli, printer: &Printer) -> anyhow::Result<()> {
    if let Command::Emulator(EmulatorCommand::Serve(args)) = &cli.command {
        return emulator::serve(args, printer).await;
    }
    if let Command::Init(args) = &cli.command {
        return init::run(printer, args);
    }
    let settings = Settings::resolve(&cli.global)?;
    match &cli.command {
        Command::Status => status::run(&settings, printer),
        Command::Emulator(_) | Command::Init(_) => unreachable!("handled above"),
        Command::Opportunity(c) => opportunity::run(&settings, printer, c).await,
        Command::Invitation(c) => invitation::run(&settings, printer, c).await,
        Command::Changeset(c) => changeset::run(&settings, printer, c).await,
        Command::Entity(c) => entity::run(&settings, printer, c).await,
        Command::Offer(c) => offer::run(&settings, printer, c).await,
        Command::Agreement(c) => agreement::run(&settings, printer, c).await,
        Command::Buyer(c) => buyer::run(&settings, printer, c).await,
        Command::Campaign(c) => campaign::run(&settings, printer, c).await,
        Command::Dashboard(a) => dashboard::run(settings.clone(), printer, a).await,
        step => steps::run(&settings, printer, step).await,
    }
}
