//! One module per subcommand group: turns settings into workflow calls and results into output.

mod agreement;
mod buyer;
mod campaign;
mod changeset;
mod dashboard;
mod docs;
mod doctor;
mod emulator;
mod emulator_seed;
mod engagement;
mod engagement_edits;
mod engagement_snapshot;
mod entitlement;
mod entity;
mod events;
mod ids;
mod init;
mod invitation;
mod lead;
mod listing;
mod metering;
mod offer;
mod opportunity;
mod opportunity_bulk;
mod opportunity_more;
mod status;
mod workflow;

pub mod schema;

use crate::cli::{Cli, Command, EmulatorCommand};
use crate::output::Printer;
use crate::settings::Settings;

/// Runs the parsed command line.
pub async fn run(cli: Cli, printer: &Printer) -> anyhow::Result<()> {
    if let Command::Emulator(command) = &cli.command {
        return match command {
            EmulatorCommand::Serve(args) => emulator::serve(args, printer).await,
            EmulatorCommand::Advance { duration } => {
                emulator::advance(&cli.global, *duration, printer).await
            }
            EmulatorCommand::Time => emulator::time(&cli.global, printer).await,
            EmulatorCommand::Seed(crate::cli::SeedCommand::RegistrationToken {
                account,
                product,
            }) => {
                crate::project::ids::check(
                    crate::project::ids::Kind::Product,
                    "--product",
                    product,
                )?;
                emulator::seed_token(&cli.global, (account, product), printer).await
            }
            EmulatorCommand::Seed(crate::cli::SeedCommand::Catalog(args)) => {
                emulator_seed::seed_catalog(&cli.global, args, printer).await
            }
            EmulatorCommand::Seed(seed) => emulator::seed(&cli.global, seed, printer).await,
        };
    }
    match &cli.command {
        Command::Init(args) => return init::run(printer, &args.dir),
        Command::Completions(args) => return docs::completions(args),
        Command::Man => return docs::man(),
        _ => {}
    }
    if let Command::Doctor = &cli.command {
        return doctor::run(&cli.global.flags(), printer).await;
    }
    ids::check_all(&cli.command)?;
    let flags = cli.global.flags();
    let settings = if needs_config(&cli.command) {
        Settings::resolve(&flags)?
    } else {
        Settings::resolve_tolerant(&flags, printer)?
    };
    if settings.config_absent && needs_config(&cli.command) {
        printer.warn(format!(
            "{} not found: using the built-in defaults (`mpctl init DIR` writes a starter project)",
            settings.config_path.display()
        ));
    }
    match &cli.command {
        Command::Status => status::run(&settings, printer),
        Command::Emulator(_)
        | Command::Init(_)
        | Command::Completions(_)
        | Command::Man
        | Command::Doctor => {
            unreachable!("handled above")
        }
        Command::Opportunity(c) => opportunity::run(&settings, printer, c).await,
        Command::Invitation(c) => invitation::run(&settings, printer, c).await,
        Command::Lead(c) => lead::run(&settings, printer, c).await,
        Command::Engagement(c) => engagement::run(&settings, printer, c).await,
        Command::Changeset(c) => changeset::run(&settings, printer, c).await,
        Command::Entity(c) => entity::run(&settings, printer, c).await,
        Command::Listing(c) => listing::run(&settings, printer, c).await,
        Command::Offer(c) => offer::run(&settings, printer, c).await,
        Command::Agreement(c) => agreement::run(&settings, printer, c).await,
        Command::Buyer(c) => buyer::run(&settings, printer, c).await,
        Command::Campaign(c) => campaign::run(&settings, printer, c).await,
        Command::Dashboard(a) => dashboard::run(settings.clone(), printer, a).await,
        Command::Metering(c) => metering::run(&settings, printer, c).await,
        Command::Entitlement(c) => entitlement::run(&settings, printer, c).await,
        Command::Events(c) => events::run(&settings, printer, c).await,
        step => workflow::run(&settings, printer, step).await,
    }
}

/// Whether a broken `config.json` must stop the command: only commands that read no AWS and
/// need none of its settings go on without it.
fn needs_config(command: &Command) -> bool {
    use crate::cli::ChangesetCommand as C;
    !matches!(
        command,
        Command::Status | Command::Changeset(C::Templates | C::Validate(_) | C::Render(_))
    )
}
