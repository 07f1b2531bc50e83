//! The money side of agreements as data: the charges an agreement incurs (`Charge`, what
//! ListAgreementCharges lists and UpdatePurchaseOrders edits), the invoices and credit memos
//! issued for them (`Invoice`, what ListAgreementInvoiceLineItems lists and billing adjustments
//! refund), and metered usage waiting for its monthly invoice. Kept apart from the logic that
//! plans and issues them (`invoices`) so the store and the operations read it without it.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `InvoiceType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum InvoiceKind {
    Invoice,
    CreditMemo,
}

impl InvoiceKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Invoice => "INVOICE",
            InvoiceKind::CreditMemo => "CREDIT_MEMO",
        }
    }
}

/// One charge of an agreement: an upfront price, a payment-schedule installment, a recurring
/// payment, a month of metered usage, or an approved payment request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Charge {
    /// `ch-` + 25 lowercase alphanumerics.
    pub id: String,
    /// Starts at 1; [I] a purchase-order edit does not change it (aws-postsale.md §7).
    pub revision: i64,
    pub agreement_id: String,
    pub amount: String,
    pub currency: String,
    /// When the charge is incurred (its invoice is issued then).
    pub time: DateTime<Utc>,
    pub purchase_order: Option<String>,
    /// The invoice issued for it, once issued.
    pub invoice_id: Option<String>,
    /// For a usage charge, the billing month it covers (`(year, month)`).
    #[serde(default)]
    pub period: Option<(i32, u32)>,
}

/// One `AgreementInvoiceLineItemGroupSummary`: a debit invoice or a credit memo.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Invoice {
    pub id: String,
    pub agreement_id: String,
    pub kind: InvoiceKind,
    /// Pre-tax amount, positive also on credit memos (aws-postsale.md §10 Q12).
    pub amount: String,
    /// What is still refundable: the amount less completed adjustments (invoices only).
    pub max_adjustment: Option<String>,
    pub currency: String,
    /// `(year, month)` of `invoiceBillingPeriod`.
    pub period: (i32, u32),
    pub issued_at: DateTime<Utc>,
    /// The charge it bills (invoices) or the invoice it credits (credit memos).
    pub source: String,
    pub purchase_order: Option<String>,
}

/// Metered usage of an agreement, billed on the next month's consolidated invoice.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Usage {
    pub agreement_id: String,
    pub amount: String,
    pub at: DateTime<Utc>,
    pub billed: bool,
}

/// Every charge, invoice and usage record, and which agreements' charges are planned.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Ledger {
    pub(super) charges: Vec<Charge>,
    pub(super) invoices: Vec<Invoice>,
    pub(super) usage: Vec<Usage>,
    pub(super) planned: BTreeSet<String>,
}

impl Ledger {
    pub(super) fn invoice(&self, agreement_id: &str, id: &str) -> Option<&Invoice> {
        self.invoices
            .iter()
            .find(|i| i.id == id && i.agreement_id == agreement_id)
    }

    pub(super) fn invoice_mut(&mut self, id: &str) -> Option<&mut Invoice> {
        self.invoices.iter_mut().find(|i| i.id == id)
    }
}
