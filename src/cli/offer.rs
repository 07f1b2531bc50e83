//! `offer list|describe|extend|expire|clone|replace`: the arguments of [`crate::commands`]'s
//! `offer` module, what a seller does with offers that exist.

use std::path::PathBuf;

use chrono::NaiveDate;
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
    /// Name of the new offer [default: "Private offer for ACCOUNTS (terms of SOURCE)"; never
    /// the source's, which may name its customer].
    #[arg(long)]
    pub name: Option<String>,
    /// Description of the new offer [default: "Private offer for ACCOUNTS, on the terms of
    /// SOURCE"; never the source's, which may name its customer].
    #[arg(long)]
    pub description: Option<String>,
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
