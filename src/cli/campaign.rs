//! `mpctl campaign`: many deals from one CSV. Kept apart from the single-deal workflow because
//! its arguments are a file and a concurrency cap, not the project's step flags.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Run every row not yet done: offer, and with co-sell columns an opportunity (exit 3 if a
    /// row failed; re-run the same command to retry only those rows).
    #[command(
        after_help = COLUMNS
    )]
    Run(CampaignRunArgs),
    /// Show each row's status, ids and error from the campaign's state files (no AWS call).
    #[command(after_help = "Examples:\n  mpctl campaign status deals.csv")]
    Status(CampaignFileArg),
}

/// `campaign run --help`: the CSV's columns, so an installed binary (no README at hand) says
/// what the file holds.
const COLUMNS: &str = "CSV columns (a header row names them; one deal per row):
  buyers                buyer account ids (12 digits), separated by spaces or ';' (required)
  product               product id (prod-…) [default: PRODUCT_ID of the state file]
  offer_template        change set template, relative to the CSV [default: config offer_changeset]
  rate_card             usage prices CSV for the row (as create-offer --rate-card)
  offer_name            OFFER_NAME [default: config offer_name + ' (line N)']
  expiry                EXPIRY_DATE, YYYY-MM-DD in the future
  duration_days         CONTRACT_DURATION_DAYS
  discount_percent      percent off every price of the offer, above 0 and below 100
  customer_company, customer_website, customer_country
                        any co-sell column makes the row co-sell (an opportunity, submitted,
                        with the offer associated); these three are then required
  customer_postal_code, customer_industry
                        more customer fields for the opportunity

Examples:
  mpctl campaign run deals.csv --plan
  mpctl campaign run deals.csv --yes
  mpctl campaign run deals.csv --parallel 4 --output json";

#[derive(Debug, Clone, Args)]
pub struct CampaignRunArgs {
    /// The campaign CSV: a header row, then one deal per row (columns below).
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
