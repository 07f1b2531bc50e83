//! `agreement search|describe|terms|cancel|cancellations|cancellation|withdraw-cancellation`:
//! the arguments of the seller's agreement commands.

use chrono::{DateTime, Utc};
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};

use crate::agreement::cancellation::{REASON_CODES, STATUSES};

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
    /// Ask the buyer to cancel an agreement (SendAgreementCancellationRequest); the request
    /// waits for the buyer's answer (`agreement cancellation` follows it). A re-run with the
    /// same reason and description is the same request: nothing new is sent.
    #[command(
        after_help = "Examples:\n  mpctl agreement cancel agmt-abc --reason TEST_AGREEMENT\n  mpctl agreement cancel agmt-abc --reason REPLACING_AGREEMENT --description \"Moving to the 2027 contract\"\n  mpctl agreement cancel agmt-abc --reason OTHER --plan"
    )]
    Cancel(CancelArgs),
    /// List cancellation requests on your agreements (every page), newest answers included.
    #[command(
        after_help = "Examples:\n  mpctl agreement cancellations\n  mpctl agreement cancellations agmt-abc\n  mpctl agreement cancellations --status PENDING_APPROVAL --output json"
    )]
    Cancellations(CancellationsArgs),
    /// Show one cancellation request: its status and the buyer's answer (GetAgreementCancellationRequest).
    #[command(
        after_help = "Examples:\n  mpctl agreement cancellation acr-abc --agreement agmt-abc"
    )]
    Cancellation(CancellationIdArgs),
    /// Withdraw a pending cancellation request (CancelAgreementCancellationRequest); the
    /// agreement stays active.
    #[command(
        after_help = "Examples:\n  mpctl agreement withdraw-cancellation acr-abc --agreement agmt-abc\n  mpctl agreement withdraw-cancellation acr-abc --agreement agmt-abc --reason \"Sent in error\""
    )]
    WithdrawCancellation(WithdrawArgs),
}

#[derive(Debug, Clone, Args)]
pub struct CancelArgs {
    /// The agreement to cancel (agmt-…).
    pub agreement_id: String,
    /// Why (AWS's reason codes).
    #[arg(long, value_name = "CODE", value_parser = PossibleValuesParser::new(REASON_CODES))]
    pub reason: String,
    /// What the buyer reads with the request (1–2000 characters).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CancellationsArgs {
    /// Only this agreement's requests (agmt-…).
    pub agreement_id: Option<String>,
    /// Only requests in this status.
    #[arg(long, value_name = "S", value_parser = PossibleValuesParser::new(STATUSES))]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CancellationIdArgs {
    /// Cancellation request id (acr-…).
    pub request_id: String,
    /// The agreement it cancels (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: String,
}

#[derive(Debug, Clone, Args)]
pub struct WithdrawArgs {
    #[command(flatten)]
    pub request: CancellationIdArgs,
    /// Why it is withdrawn (AWS requires one; 1–2000 characters).
    #[arg(long, value_name = "TEXT", default_value = "Withdrawn by the seller")]
    pub reason: String,
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
