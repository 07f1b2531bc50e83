//! The JSON schemas of the commands after the signature: cancellation requests, invoices and
//! refunds, payment requests, charges, purchase orders and CancelAgreement.

use schemars::Schema;

use super::doc;
use crate::commands::{agreement, buyer};

/// Cancellation requests: the seller's and the buyer's commands.
pub(super) fn cancellations() -> Vec<(&'static str, Schema)> {
    use agreement::{CancellationList, CancellationView};
    vec![
        (
            "agreement-cancel",
            doc::<CancellationView>("agreement cancel"),
        ),
        (
            "agreement-cancellations",
            doc::<CancellationList>("agreement cancellations"),
        ),
        (
            "agreement-cancellation",
            doc::<CancellationView>("agreement cancellation"),
        ),
        (
            "agreement-withdraw-cancellation",
            doc::<CancellationView>("agreement withdraw-cancellation"),
        ),
        (
            "buyer-accept-cancellation",
            doc::<CancellationView>("buyer accept-cancellation"),
        ),
        (
            "buyer-reject-cancellation",
            doc::<CancellationView>("buyer reject-cancellation"),
        ),
    ]
}

/// Invoices and refunds.
pub(super) fn refunds() -> Vec<(&'static str, Schema)> {
    use agreement::{InvoiceList, RefundList, RefundView};
    vec![
        (
            "agreement-invoices",
            doc::<InvoiceList>("agreement invoices"),
        ),
        ("agreement-refund", doc::<RefundView>("agreement refund")),
        ("agreement-refunds", doc::<RefundList>("agreement refunds")),
        (
            "agreement-refund-request",
            doc::<RefundView>("agreement refund-request"),
        ),
        (
            "agreement-bulk-refund",
            doc::<crate::refund::results::RefundResults>("agreement bulk-refund"),
        ),
    ]
}

/// Payment requests, charges, purchase orders and CancelAgreement.
pub(super) fn payments() -> Vec<(&'static str, Schema)> {
    use agreement::{PaymentList, PaymentView};
    vec![
        (
            "agreement-request-payment",
            doc::<PaymentView>("agreement request-payment"),
        ),
        (
            "agreement-payment-requests",
            doc::<PaymentList>("agreement payment-requests"),
        ),
        (
            "agreement-payment-request",
            doc::<PaymentView>("agreement payment-request"),
        ),
        (
            "agreement-withdraw-payment-request",
            doc::<PaymentView>("agreement withdraw-payment-request"),
        ),
        (
            "buyer-payment-requests",
            doc::<PaymentList>("buyer payment-requests"),
        ),
        (
            "buyer-accept-payment",
            doc::<PaymentView>("buyer accept-payment"),
        ),
        (
            "buyer-reject-payment",
            doc::<PaymentView>("buyer reject-payment"),
        ),
        ("buyer-charges", doc::<buyer::ChargeList>("buyer charges")),
        (
            "buyer-set-purchase-order",
            doc::<buyer::PurchaseOrderSet>("buyer set-purchase-order"),
        ),
        (
            "buyer-cancel-agreement",
            doc::<buyer::AgreementCancelled>("buyer cancel-agreement"),
        ),
    ]
}
