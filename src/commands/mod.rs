//! One module per subcommand group: turns settings into workflow calls and results into output.

mod agreement;
mod buyer;
mod emulator;
mod offer;
mod offer_new;
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
    let settings = Settings::resolve(&cli.global)?;
    match &cli.command {
        Command::Status => status::run(&settings, printer),
        Command::Emulator(_) => unreachable!("handled above"),
        Command::Offer(c) => offer::run(&settings, printer, c).await,
        Command::Agreement(c) => agreement::run(&settings, printer, c).await,
        Command::Buyer(c) => buyer::run(&settings, printer, c).await,
        step => steps::run(&settings, printer, step).await,
    }
}
