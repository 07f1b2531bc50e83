//! `buyer accept|replace|accept-cancellation|reject-cancellation`: the arguments of the buyer-side commands (Sandbox rehearsal or the
//! emulator), including which buyer credentials to use.

use clap::{Args, Subcommand};

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
    /// Accept the seller's cancellation request (AcceptAgreementCancellationRequest): the
    /// agreement ends as CANCELLED.
    #[command(
        after_help = "Examples:\n  mpctl buyer accept-cancellation acr-abc --agreement agmt-abc --local\n  mpctl buyer accept-cancellation acr-abc --agreement agmt-abc --buyer-profile buyer-sandbox"
    )]
    AcceptCancellation(BuyerCancellationArgs),
    /// Reject the seller's cancellation request (RejectAgreementCancellationRequest); the
    /// seller reads the reason and the agreement stays active.
    #[command(
        after_help = "Examples:\n  mpctl buyer reject-cancellation acr-abc --agreement agmt-abc --reason \"We still use it\" --local"
    )]
    RejectCancellation(BuyerRejectArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BuyerCancellationArgs {
    #[command(flatten)]
    pub request: crate::cli::CancellationIdArgs,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerRejectArgs {
    #[command(flatten)]
    pub request: crate::cli::CancellationIdArgs,
    /// Why (the seller sees it; 1–2000 characters).
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub buyer: BuyerArgs,
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
