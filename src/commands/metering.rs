//! `metering send FILE --product ID`: a SaaS product's usage from a CSV (`crate::metering`).

use crate::cli::MeteringCommand;
use crate::exit::Failure;
use crate::output::{Printer, ResultPrinted};
use crate::settings::Settings;

/// Runs a `metering` subcommand.
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    c: &MeteringCommand,
) -> anyhow::Result<()> {
    match c {
        MeteringCommand::Send(a) => send(settings, printer, (&a.csv, &a.product)).await,
    }
}

/// Prints every row's outcome; exit 3 when a row is not metered (1 after an AWS error, 130
/// after Ctrl-C), the results printed either way.
async fn send(
    settings: &Settings,
    printer: &Printer,
    (csv, product): (&std::path::Path, &str),
) -> anyhow::Result<()> {
    let Some((report, sent)) = crate::metering::run(settings, printer, (csv, product)).await?
    else {
        return Ok(());
    };
    printer.print(&report);
    if let Err(e) = sent {
        return Err(ResultPrinted(e).into());
    }
    let left = report.0.items.iter().filter(|i| !i.metered()).count();
    if left == 0 {
        return Ok(());
    }
    let message = format!(
        "{left} of {} usage records were not metered (see {}); re-run `{}` to retry those AWS may still accept",
        report.0.count,
        crate::metering::results::path_for(csv).display(),
        crate::resume::command_line()
    );
    Err(ResultPrinted(Failure::ResourceFailed(message).into()).into())
}
