//! `metering send`: a SaaS product's metered usage (Marketplace Metering).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum MeteringCommand {
    /// Send metered usage of a SaaS product from a CSV (`buyer,dimension,quantity,timestamp`;
    /// buyer = 12-digit account id or license ARN, timestamp RFC 3339 within AWS's 6 hours):
    /// every row checked first, then 25 records per BatchMeterUsage call within AWS's 10 calls
    /// a second. Journaled next to the CSV (FILE.journal): a re-run after a crash or Ctrl-C
    /// sends only what is left, and AWS keeps one record per row; results in FILE.results.csv.
    #[command(
        after_help = "Examples:\n  mpctl metering send usage.csv --product prod-abcdefghijklm --plan\n  mpctl metering send usage.csv --product prod-abcdefghijklm --yes --output json\n\nusage.csv:\n  buyer,dimension,quantity,timestamp\n  111122223333,WorkloadSmall,12,2026-12-07T10:00:00Z\n  arn:aws:license-manager::294406891311:license:l-0123456789abcdef0123456789abcdef,WorkloadLarge,3,2026-12-07T10:00:00Z"
    )]
    Send(MeteringSendArgs),
}

#[derive(Debug, Clone, Args)]
pub struct MeteringSendArgs {
    /// The usage CSV.
    #[arg(value_name = "FILE")]
    pub csv: std::path::PathBuf,
    /// The SaaS product the usage is for (prod-…); its ProductCode is read from the Catalog.
    #[arg(long, value_name = "PRODUCT_ID")]
    pub product: String,
}
