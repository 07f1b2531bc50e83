//! The arguments of the post-sale commands on payment requests, charges and purchase orders:
//! the seller's `agreement request-payment|payment-requests|payment-request|
//! withdraw-payment-request` and the buyer's `buyer payment-requests|accept-payment|
//! reject-payment|charges|set-purchase-order|cancel-agreement`.

use clap::builder::PossibleValuesParser;
use clap::Args;

use super::BuyerArgs;
use crate::agreement::payment::STATUSES;

#[derive(Debug, Clone, Args)]
pub struct RequestPaymentArgs {
    /// The agreement with a VariablePaymentTerm (agmt-…); the term is found for you.
    pub agreement_id: String,
    /// What the buyer sees it as (5–64 characters), e.g. "Milestone 1: onboarding".
    #[arg(long, value_name = "TEXT")]
    pub name: String,
    /// How much, in the term's currency (e.g. 5000 or 5000.00).
    #[arg(long, value_name = "AMOUNT")]
    pub amount: String,
    /// More for the buyer (1–2000 characters).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PaymentRequestsArgs {
    /// Only this agreement's requests (agmt-…).
    pub agreement_id: Option<String>,
    /// Only requests in this status.
    #[arg(long, value_name = "S", value_parser = PossibleValuesParser::new(STATUSES))]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PaymentIdArgs {
    /// Payment request id (pr-…).
    pub payment_request_id: String,
    /// Its agreement (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: String,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerPaymentRequestsArgs {
    /// Only this agreement's requests (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: Option<String>,
    /// Only requests in this status.
    #[arg(long, value_name = "S", value_parser = PossibleValuesParser::new(STATUSES))]
    pub status: Option<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerAcceptPaymentArgs {
    #[command(flatten)]
    pub request: PaymentIdArgs,
    /// The purchase order the charge's invoice will carry.
    #[arg(long, value_name = "REFERENCE")]
    pub purchase_order: Option<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerRejectPaymentArgs {
    #[command(flatten)]
    pub request: PaymentIdArgs,
    /// Why (the seller sees it; 1–250 characters).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerChargesArgs {
    /// Only this agreement's charges (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: Option<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct SetPurchaseOrderArgs {
    /// The charge (`buyer charges` lists them).
    pub charge_id: String,
    /// Its agreement (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: String,
    /// The purchase order reference its future invoices carry (1–200 characters).
    #[arg(long, value_name = "REFERENCE")]
    pub purchase_order: String,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerCancelAgreementArgs {
    /// The pay-as-you-go agreement to end (agmt-…).
    pub agreement_id: String,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}
