//! `offer`, `agreement`, `buyer` and `dashboard`: what happens to an offer after the workflow.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// List offers (ListEntities), optionally only private ones, of a product, or for a buyer.
    #[command(
        after_help = "Examples:\n  mpctl offer list --private --product prod-abc\n  mpctl offer list --buyer 111122223333"
    )]
    List(OfferListArgs),
    /// Show an offer: name, product, state, targeting, availability, pricing model, terms.
    #[command(after_help = "Examples:\n  mpctl offer describe offer-abc")]
    Describe(OfferIdArg),
    /// Move an offer's availability end date (UpdateAvailability) and wait.
    #[command(after_help = "Examples:\n  mpctl offer extend offer-abc --until 2027-06-30")]
    Extend(OfferExtendArgs),
    /// End an offer's availability now (AvailabilityEndDate yesterday) and wait.
    #[command(after_help = "Examples:\n  mpctl offer expire offer-abc")]
    Expire(OfferExpireArgs),
    /// Create a new private offer with another offer's terms for other buyers.
    #[command(
        after_help = "Examples:\n  mpctl offer clone offer-abc --buyer 444455556666 --dry-run"
    )]
    Clone(OfferCloneArgs),
    /// Create a replacement offer for an agreement (CreateReplacementOffer, terms, release).
    #[command(after_help = "Examples:\n  mpctl offer replace agmt-abc --until 2027-12-31")]
    Replace(OfferReplaceArgs),
}

#[derive(Debug, Clone, Args)]
pub struct OfferListArgs {
    /// Only private offers (targeted to buyer accounts).
    #[arg(long)]
    pub private: bool,
    /// Only offers of this product.
    #[arg(long, value_name = "ID")]
    pub product: Option<String>,
    /// Only offers targeted to this buyer account.
    #[arg(long, value_name = "ACCOUNT")]
    pub buyer: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct OfferIdArg {
    /// Offer id (offer-…).
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct OfferExtendArgs {
    /// Offer id (offer-…).
    pub id: String,
    /// New availability end date (YYYY-MM-DD, in the future).
    #[arg(long, value_name = "DATE", value_parser = super::values::parse_day)]
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Args)]
pub struct OfferExpireArgs {
    /// Offer id (offer-…).
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct OfferCloneArgs {
    /// Source offer id (offer-…).
    pub id: String,
    /// Buyer accounts of the new offer [default: the global --buyers FILE (or a single
    /// 12-digit account given as --buyers)].
    #[arg(long, value_name = "ACCOUNT", num_args = 1..)]
    pub buyer: Vec<String>,
    /// Name of the new offer [default: the source's name + " (copy)"].
    #[arg(long)]
    pub name: Option<String>,
    /// Availability end date [default: the source's if still ahead, else today + 30 days].
    #[arg(long, value_name = "DATE", value_parser = super::values::parse_day)]
    pub until: Option<NaiveDate>,
    /// Print the change set and stop (nothing is sent).
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct OfferReplaceArgs {
    /// The agreement to replace (agmt-…).
    pub agreement_id: String,
    /// Change set template ({{AGREEMENT_ID}} is the agreement) [default: the agreement's
    /// offer terms, copied].
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Name of the replacement offer.
    #[arg(long)]
    pub name: Option<String>,
    /// Availability end date [default: today + 30 days].
    #[arg(long, value_name = "DATE", value_parser = super::values::parse_day)]
    pub until: Option<NaiveDate>,
    /// Print the change set and stop (nothing is sent).
    #[arg(long)]
    pub dry_run: bool,
}

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

#[derive(Debug, Subcommand)]
pub enum BuyerCommand {
    /// Accept an offer as the buyer: GetOffer, GetOfferTerms, CreateAgreementRequest (NEW),
    /// AcceptAgreementRequest, then wait for the entitlements.
    #[command(
        after_help = "Examples:\n  mpctl buyer accept offer-abc --local\n  mpctl buyer accept offer-abc --buyer-profile buyer-sandbox"
    )]
    Accept(BuyerAcceptArgs),
    /// Replace an agreement with another offer (intent REPLACE).
    #[command(after_help = "Examples:\n  mpctl buyer replace agmt-abc --offer offer-def --local")]
    Replace(BuyerReplaceArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BuyerArgs {
    /// AWS profile with the buyer's credentials [default: config "buyer_profile"; against the
    /// emulator, test keys for --account].
    #[arg(long, value_name = "NAME")]
    pub buyer_profile: Option<String>,
    /// Against the emulator: the buyer account to act as [default: first in buyer_ids.txt].
    #[arg(long, value_name = "ACCOUNT")]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerAcceptArgs {
    /// Offer id (offer-…).
    pub offer_id: String,
    /// Accept only these term ids [default: every term of the offer].
    #[arg(long, value_name = "TERM_ID", num_args = 1..)]
    pub terms: Vec<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerReplaceArgs {
    /// The agreement to replace (agmt-…).
    pub agreement_id: String,
    /// The offer whose terms replace it.
    #[arg(long, value_name = "OFFER_ID")]
    pub offer: String,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct DashboardArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub bind: SocketAddr,
    /// Accept connections from other hosts (non-loopback --bind).
    #[arg(long)]
    pub allow_remote: bool,
    /// Open the dashboard in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Show data only: no clone, extend, expire or replace.
    #[arg(long)]
    pub read_only: bool,
}
