//! `mpctl opportunity export|import`: every opportunity to a CSV, and a CSV into Partner
//! Central (see `cosell::bulk`).

use std::path::Path;

use crate::cosell::bulk::{self, export::Exported, results::ImportResults};
use crate::exit::Failure;
use crate::output::{Printer, Report, ResultPrinted};
use crate::settings::Settings;

impl Report for Exported {
    fn text(&self) -> String {
        format!(
            "{} opportunities written to {} ({} with AWS's stage)",
            self.count, self.file, self.with_aws_stage
        )
    }
}

pub async fn export(settings: &Settings, printer: &Printer, file: &Path) -> anyhow::Result<()> {
    let done = bulk::export::export(settings, printer, file).await?;
    printer.print(&done);
    Ok(())
}

/// Prints every row's outcome; exits 3 when a row is not in Partner Central, or with the error
/// that stopped the run (the results printed first either way).
pub async fn import(settings: &Settings, printer: &Printer, csv: &Path) -> anyhow::Result<()> {
    let Some((report, sent)) = bulk::import(settings, printer, csv).await? else {
        return Ok(());
    };
    printer.print(&report);
    if let Err(e) = sent {
        return Err(ResultPrinted(e).into());
    }
    if report.complete() {
        return Ok(());
    }
    let left = report
        .0
        .items
        .iter()
        .filter(|i| !matches!(i.status.as_str(), "created" | "updated" | "done"))
        .count();
    let message = format!(
        "{left} of {} rows are not in Partner Central (see {}); re-run `{}` to retry only those",
        report.0.count,
        bulk::results::path_for(csv).display(),
        crate::resume::command_line()
    );
    Err(ResultPrinted(Failure::ResourceFailed(message).into()).into())
}

/// The results type, for the schema registry.
pub type Imported = ImportResults;
