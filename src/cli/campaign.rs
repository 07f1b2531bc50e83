//! `mpctl campaign`: many deals from one CSV. Kept apart from the single-deal workflow because
//! its arguments are a file and a concurrency cap, not the project's step flags.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Run every row not yet done: offer, and with co-sell columns an opportunity (exit 3 if a
    /// row failed; re-run the same command to retry only those rows).
    #[command(
        after_help = "Examples:\n  mpctl campaign run deals.csv --yes\n  mpctl campaign run deals.csv --parallel 4 --output json"
    )]
    Run(CampaignRunArgs),
    /// Show each row's status, ids and error from the campaign's state files (no AWS call).
    #[command(after_help = "Examples:\n  mpctl campaign status deals.csv")]
    Status(CampaignFileArg),
}

#[derive(Debug, Clone, Args)]
pub struct CampaignRunArgs {
    /// The campaign CSV (header row; see the README's Campaigns section for the columns).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Rows in flight at once, which caps the change sets open at once.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub parallel: usize,
}

#[derive(Debug, Clone, Args)]
pub struct CampaignFileArg {
    /// The campaign CSV.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
}
