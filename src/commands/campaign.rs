//! `campaign run|status`: the CLI side of src/campaign.

use crate::cli::CampaignCommand;
use crate::output::Printer;
use crate::settings::Settings;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    c: &CampaignCommand,
) -> anyhow::Result<()> {
    match c {
        CampaignCommand::Run(a) => {
            crate::campaign::run(settings, printer, &a.file, a.parallel).await
        }
        CampaignCommand::Status(a) => crate::campaign::status(printer, &a.file),
    }
}
