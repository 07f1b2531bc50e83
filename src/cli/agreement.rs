//! `agreement search|describe|terms`: the arguments of the seller's agreement commands.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// SearchAgreements as the proposer, with the filter combinations the API allows.
    #[command(
        after_help = "Examples:\n  mpctl agreement search --status ACTIVE\n  mpctl agreement search --buyer 111122223333 --ends-before 2027-01-01"
    )]
    Search(AgreementSearchArgs),
    /// DescribeAgreement.
    #[command(after_help = "Examples:\n  mpctl agreement describe agmt-abc")]
    Describe(AgreementIdArg),
    /// GetAgreementTerms: every accepted term, payment schedules and rate cards included.
    #[command(after_help = "Examples:\n  mpctl agreement terms agmt-abc")]
    Terms(AgreementIdArg),
}

#[derive(Debug, Clone, Args)]
pub struct AgreementSearchArgs {
    /// Agreements on this offer.
    #[arg(long, value_name = "ID")]
    pub offer: Option<String>,
    /// Agreements for this product (ResourceIdentifier).
    #[arg(long, value_name = "ID")]
    pub product: Option<String>,
    /// Agreements accepted by this account.
    #[arg(long, value_name = "ACCOUNT")]
    pub buyer: Option<String>,
    /// Status (ACTIVE, EXPIRED, REPLACED, …).
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Agreements ending before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE", value_parser = super::values::parse_instant)]
    pub ends_before: Option<DateTime<Utc>>,
    /// Agreements ending after this date.
    #[arg(long, value_name = "DATE", value_parser = super::values::parse_instant)]
    pub ends_after: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Args)]
pub struct AgreementIdArg {
    /// Agreement id (agmt-…).
    pub id: String,
}
