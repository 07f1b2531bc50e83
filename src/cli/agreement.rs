//! `agreement search|describe|terms|cancel|cancellations|cancellation|withdraw-cancellation|
//! invoices|refund|refunds|refund-request|bulk-refund|request-payment|payment-requests|
//! payment-request|withdraw-payment-request`: the arguments of the seller's agreement commands.

use chrono::{DateTime, Utc};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};

use crate::agreement::cancellation::{REASON_CODES, STATUSES};
use crate::agreement::refund::{REASON_CODES as REFUND_REASONS, STATUSES as REFUND_STATUSES};

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
    /// List an agreement's invoices and credit memos, with what remains refundable on each
    /// (ListAgreementInvoiceLineItems).
    #[command(
        after_help = "Examples:\n  mpctl agreement invoices agmt-abc\n  mpctl agreement invoices agmt-abc --type credit-memo --output json"
    )]
    Invoices(InvoicesArgs),
    /// Refund part of an invoice (BatchCreateBillingAdjustmentRequest). Checked first against
    /// what remains refundable on the invoice; a refund cannot be undone, so against AWS it is
    /// confirmed naming the amount, invoice and agreement. A re-run is the same request.
    #[command(
        after_help = "Examples:\n  mpctl agreement refund agmt-abc --invoice 2519920101 --amount 25.00 --reason BUYER_DISSATISFACTION\n  mpctl agreement refund agmt-abc --invoice 2519920101 --amount 100 --reason INCORRECT_METERING --description \"Metering bug, Nov 2026\" --plan"
    )]
    Refund(RefundArgs),
    /// List refunds (every page): one agreement's, or all.
    #[command(
        after_help = "Examples:\n  mpctl agreement refunds\n  mpctl agreement refunds agmt-abc --status PENDING --output json"
    )]
    Refunds(RefundsArgs),
    /// Show one refund: status, amount, invoice, and why validation failed (GetBillingAdjustmentRequest).
    #[command(
        after_help = "Examples:\n  mpctl agreement refund-request ba-abc --agreement agmt-abc"
    )]
    RefundRequest(RefundIdArgs),
    /// Refund many invoices from a CSV (`agreement_id,invoice_id,amount,reason`, optional
    /// `description`, `currency`): every row checked first against its invoice, then 5 per
    /// call, one agreement per call, within AWS's 2 calls a second. Journaled next to the CSV
    /// (FILE.journal): a re-run after a crash or Ctrl-C sends only what is left, never a
    /// refund twice; results in FILE.results.csv.
    #[command(
        after_help = "Examples:\n  mpctl agreement bulk-refund refunds.csv --plan\n  mpctl agreement bulk-refund refunds.csv --yes --output json\n\nrefunds.csv:\n  agreement_id,invoice_id,amount,reason,description\n  agmt-abc,2519920101,25.00,BUYER_DISSATISFACTION,Outage credit"
    )]
    BulkRefund(BulkRefundArgs),
    /// Ask the buyer to approve a charge under the agreement's VariablePaymentTerm
    /// (SendAgreementPaymentRequest; the term is found for you). Checked first against what
    /// remains under the term's maximum. A re-run is the same request.
    #[command(
        after_help = "Examples:\n  mpctl agreement request-payment agmt-abc --name \"Milestone 1: onboarding\" --amount 5000\n  mpctl agreement request-payment agmt-abc --name \"Sprint 3\" --amount 2500.00 --description \"Two consultants, 5 days\" --plan"
    )]
    RequestPayment(super::RequestPaymentArgs),
    /// List payment requests on your agreements (every page).
    #[command(
        after_help = "Examples:\n  mpctl agreement payment-requests\n  mpctl agreement payment-requests agmt-abc --status APPROVED --output json"
    )]
    PaymentRequests(super::PaymentRequestsArgs),
    /// Show one payment request: status, amount, the charge id once approved, the buyer's
    /// rejection reason (GetAgreementPaymentRequest).
    #[command(
        after_help = "Examples:\n  mpctl agreement payment-request pr-abc --agreement agmt-abc"
    )]
    PaymentRequest(super::PaymentIdArgs),
    /// Withdraw a pending payment request (CancelAgreementPaymentRequest).
    #[command(
        after_help = "Examples:\n  mpctl agreement withdraw-payment-request pr-abc --agreement agmt-abc"
    )]
    WithdrawPaymentRequest(super::PaymentIdArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BulkRefundArgs {
    /// The refunds CSV.
    #[arg(value_name = "FILE")]
    pub csv: std::path::PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct InvoicesArgs {
    /// Agreement id (agmt-…).
    pub agreement_id: String,
    /// Only invoices or only credit memos.
    #[arg(long, value_name = "TYPE", value_parser = PossibleValuesParser::new(["invoice", "credit-memo"]))]
    pub r#type: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct RefundArgs {
    /// The agreement billed by the invoice (agmt-…).
    pub agreement_id: String,
    /// The invoice to refund (`agreement invoices` lists them).
    #[arg(long, value_name = "INVOICE_ID")]
    pub invoice: String,
    /// How much, before tax, in the invoice's currency (e.g. 25 or 25.50).
    #[arg(long, value_name = "AMOUNT")]
    pub amount: String,
    /// Why (AWS's reason codes).
    #[arg(long, value_name = "CODE", ignore_case = true, value_parser = PossibleValuesParser::new(REFUND_REASONS).map(|s| s.to_ascii_uppercase()))]
    pub reason: String,
    /// What the buyer reads (1–500 characters).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The currency you expect the invoice in (refused if it is not) [default: the invoice's].
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct RefundsArgs {
    /// Only this agreement's refunds (agmt-…).
    pub agreement_id: Option<String>,
    /// Only refunds in this status.
    #[arg(long, value_name = "S", value_parser = PossibleValuesParser::new(REFUND_STATUSES))]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct RefundIdArgs {
    /// Refund id (ba-…).
    pub refund_id: String,
    /// The agreement it refunds (agmt-…).
    #[arg(long, value_name = "AGREEMENT_ID")]
    pub agreement: String,
}

#[derive(Debug, Clone, Args)]
pub struct CancelArgs {
    /// The agreement to cancel (agmt-…).
    pub agreement_id: String,
    /// Why (AWS's reason codes).
    #[arg(long, value_name = "CODE", ignore_case = true, value_parser = PossibleValuesParser::new(REASON_CODES).map(|s| s.to_ascii_uppercase()))]
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
