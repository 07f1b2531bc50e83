//! `buyer accept|replace|accept-cancellation|reject-cancellation|payment-requests|
//! accept-payment|reject-payment|charges|set-purchase-order|cancel-agreement`: the arguments of the buyer-side commands (Sandbox rehearsal or the
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
    /// List the seller's payment requests on your agreements (ListAgreementPaymentRequests as
    /// the acceptor).
    #[command(
        after_help = "Examples:\n  mpctl buyer payment-requests --local\n  mpctl buyer payment-requests --agreement agmt-abc --status PENDING_APPROVAL --buyer-profile buyer-sandbox"
    )]
    PaymentRequests(super::BuyerPaymentRequestsArgs),
    /// Approve a payment request (AcceptAgreementPaymentRequest): the seller's charge is
    /// billed; shows the charge id.
    #[command(
        after_help = "Examples:\n  mpctl buyer accept-payment pr-abc --agreement agmt-abc --purchase-order PO-2027-0042"
    )]
    AcceptPayment(super::BuyerAcceptPaymentArgs),
    /// Reject a payment request (RejectAgreementPaymentRequest); the seller reads the reason.
    #[command(
        after_help = "Examples:\n  mpctl buyer reject-payment pr-abc --agreement agmt-abc --reason \"Milestone not delivered\""
    )]
    RejectPayment(super::BuyerRejectPaymentArgs),
    /// List the charges of your agreements, with their purchase orders (ListAgreementCharges).
    #[command(after_help = "Examples:\n  mpctl buyer charges --agreement agmt-abc")]
    Charges(super::BuyerChargesArgs),
    /// Put a purchase order on a future charge (UpdatePurchaseOrders, at the charge's current
    /// revision); its later invoices carry it.
    #[command(
        after_help = "Examples:\n  mpctl buyer set-purchase-order ch-abc --agreement agmt-abc --purchase-order PO-2027-0042"
    )]
    SetPurchaseOrder(super::SetPurchaseOrderArgs),
    /// End a pay-as-you-go agreement (CancelAgreement). Agreements with upfront, scheduled,
    /// recurring or variable payments end through the seller's cancellation request instead.
    #[command(after_help = "Examples:\n  mpctl buyer cancel-agreement agmt-abc --local")]
    CancelAgreement(super::BuyerCancelAgreementArgs),
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
