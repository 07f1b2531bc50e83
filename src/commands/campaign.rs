//! `campaign run|status`: the CLI side of src/campaign; both print the rows' typed results.

use crate::cli::CampaignCommand;
use crate::output::Printer;
use crate::settings::Settings;

pub use crate::campaign::results::CampaignResults;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    c: &CampaignCommand,
) -> anyhow::Result<()> {
    match c {
        CampaignCommand::Run(a) => {
            let Some(report) = crate::campaign::run(settings, printer, &a.file, a.parallel).await?
            else {
                return Ok(());
            };
            printer.print(&report);
            crate::campaign::finish(settings, &a.file, &report)
        }
        CampaignCommand::Status(a) => {
            printer.print(&crate::campaign::status(&a.file)?);
            Ok(())
        }
    }
}
