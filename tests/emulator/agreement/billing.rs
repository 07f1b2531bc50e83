//! Billing adjustments (refunds) through aws-sdk-marketplaceagreement, on the emulator's clock:
//! the upfront charge's invoice, a refund that completes with a credit memo and lowers what is
//! refundable, per-entry errors and batch limits, the validation-failure path, idempotency by
//! `clientToken`, who may read them, and their EventBridge events.

use agreement::types::{
    BatchCreateBillingAdjustmentRequestEntry, BillingAdjustmentErrorCode as ErrCode,
    BillingAdjustmentReasonCode as BaReason, BillingAdjustmentStatus, InvoiceType,
};

use super::postsale::{code, contract, sale, Sale};
use super::*;

fn entry(
    agreement_id: &str,
    invoice: &str,
    amount: &str,
    token: &str,
) -> BatchCreateBillingAdjustmentRequestEntry {
    BatchCreateBillingAdjustmentRequestEntry::builder()
        .agreement_id(agreement_id)
        .original_invoice_id(invoice)
        .adjustment_amount(amount)
        .currency_code("USD")
        .adjustment_reason_code(BaReason::BuyerDissatisfaction)
        .description("Partial refund")
        .client_token(token)
        .build()
        .expect("entry")
}

type Batch = agreement::operation::batch_create_billing_adjustment_request::BatchCreateBillingAdjustmentRequestOutput;

async fn batch(
    s: &Sale,
    client: &agreement::Client,
    entries: Vec<BatchCreateBillingAdjustmentRequestEntry>,
) -> Batch {
    client
        .batch_create_billing_adjustment_request()
        .set_billing_adjustment_request_entries(Some(entries))
        .send()
        .await
        .unwrap_or_else(|e| panic!("BatchCreate on {}: {e:?}", s.agreement_id))
}

/// The single upfront invoice (credit memos aside): (id, amount, maxAdjustmentAmount).
async fn upfront(s: &Sale) -> (String, String, Option<String>) {
    let invoices = s.invoices().await;
    let debits: Vec<_> = (invoices.iter())
        .filter(|i| i.invoice_type() == Some(&InvoiceType::Invoice))
        .collect();
    assert_eq!(debits.len(), 1, "{invoices:?}");
    let i = debits[0];
    let money = i.pricing_currency_amount().expect("pricingCurrencyAmount");
    assert_eq!(money.currency_code(), Some("USD"));
    (
        i.invoice_id().expect("invoiceId").to_string(),
        money.amount().unwrap_or_default().to_string(),
        money.max_adjustment_amount().map(str::to_string),
    )
}

async fn status(s: &Sale, id: &str) -> (BillingAdjustmentStatus, Option<String>) {
    let out = s
        .seller
        .get_billing_adjustment_request()
        .agreement_id(&s.agreement_id)
        .billing_adjustment_request_id(id)
        .send()
        .await
        .expect("GetBillingAdjustmentRequest");
    (
        out.status().clone(),
        out.status_message().map(str::to_string),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refund_completes_with_a_credit_memo_and_lowers_what_is_refundable() {
    let s = sale(contract(), false).await;
    let (invoice, amount, max) = upfront(&s).await;
    assert_eq!(
        (amount.as_str(), max.as_deref()),
        ("1200.00", Some("1200.00"))
    );
    let out = batch(
        &s,
        &s.seller,
        vec![entry(&s.agreement_id, &invoice, "200.00", "t-1")],
    )
    .await;
    assert!(out.errors().is_empty(), "{out:?}");
    let id = out.items()[0].billing_adjustment_request_id().to_string();
    assert!(id.starts_with("ba-") && id.len() == 28, "{id}");
    assert_eq!(status(&s, &id).await.0, BillingAdjustmentStatus::Pending);
    s.advance(1);
    assert_eq!(
        status(&s, &id).await,
        (BillingAdjustmentStatus::Completed, None)
    );
    let invoices = s.invoices().await;
    assert_eq!(invoices.len(), 2, "{invoices:?}");
    let original = invoices
        .iter()
        .find(|i| i.invoice_id() == Some(invoice.as_str()))
        .expect("original");
    let money = original.pricing_currency_amount().expect("amount");
    assert_eq!(
        (money.amount(), money.max_adjustment_amount()),
        (Some("1200.00"), Some("1000.00"))
    );
    let memo = invoices
        .iter()
        .find(|i| i.invoice_type() == Some(&InvoiceType::CreditMemo))
        .expect("credit memo");
    let money = memo.pricing_currency_amount().expect("amount");
    assert_eq!(
        (money.amount(), money.max_adjustment_amount()),
        (Some("200.00"), None)
    );
    // What is left can be refunded, and no more.
    let over = batch(
        &s,
        &s.seller,
        vec![entry(&s.agreement_id, &invoice, "1000.01", "t-2")],
    )
    .await;
    assert_eq!(over.errors()[0].code(), &ErrCode::ValidationException);
    let listed = s
        .seller
        .list_billing_adjustment_requests()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("List");
    assert_eq!(listed.items().len(), 1);
    assert_eq!(
        listed.items()[0].status(),
        &BillingAdjustmentStatus::Completed
    );
    let events: Vec<(String, String)> = (s.handle.events().into_iter())
        .filter(|e| e.detail_type.contains("Billing Adjustment"))
        .map(|e| {
            (
                e.detail_type,
                e.detail["billingAdjustmentRequest"]["adjustmentAmount"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(events.len(), 2, "{events:?}");
    for role in ["Proposer", "Acceptor"] {
        let wanted = format!("Purchase Agreement Billing Adjustment Completed - {role}");
        assert!(events.contains(&(wanted, "-200.00".into())), "{events:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn entries_fail_one_by_one_and_batches_are_limited() {
    let s = sale(contract(), false).await;
    let (invoice, _, _) = upfront(&s).await;
    let a = s.agreement_id.as_str();
    let out = batch(
        &s,
        &s.seller,
        vec![
            entry(a, &invoice, "1300.00", "over"),
            entry(a, "EMU20200101nothere", "10.00", "unknown-invoice"),
            entry(a, &invoice, "10.005", "too-precise"),
            entry(a, &invoice, "100.00", "ok"),
            entry(a, &invoice, "50.00", "same-invoice"),
        ],
    )
    .await;
    let created: Vec<&str> = out.items().iter().map(|i| i.client_token()).collect();
    assert_eq!(created, ["ok"]);
    let errors: Vec<(&str, &ErrCode)> = out
        .errors()
        .iter()
        .map(|e| (e.client_token(), e.code()))
        .collect();
    assert_eq!(
        errors,
        [
            ("over", &ErrCode::ValidationException),
            ("unknown-invoice", &ErrCode::ResourceNotFoundException),
            ("too-precise", &ErrCode::ValidationException),
            ("same-invoice", &ErrCode::ConflictException),
        ]
    );
    assert!(
        out.errors()[0]
            .message()
            .contains("exceeds maximum refundable amount 1200.00"),
        "{out:?}"
    );
    let reason = |e: &agreement::error::SdkError<_, _>| {
        match e {
        agreement::error::SdkError::ServiceError(se) => match se.err() {
            agreement::operation::batch_create_billing_adjustment_request::BatchCreateBillingAdjustmentRequestError::ValidationException(v) => v.reason().cloned(),
            _ => None,
        },
        _ => None,
    }
    };
    let six: Vec<_> = (0..6)
        .map(|i| entry(a, &invoice, "1.00", &format!("six-{i}")))
        .collect();
    let two = vec![
        entry(a, &invoice, "1.00", "x"),
        entry("agmt-other", &invoice, "1.00", "y"),
    ];
    for (entries, wanted) in [
        (
            six,
            ValidationExceptionReason::BillingAdjustmentsLimitExceeded,
        ),
        (two, ValidationExceptionReason::MultipleAgreementIds),
        (
            Vec::new(),
            ValidationExceptionReason::MissingBillingAdjustments,
        ),
    ] {
        let e = s
            .seller
            .batch_create_billing_adjustment_request()
            .set_billing_adjustment_request_entries(Some(entries))
            .send()
            .await
            .expect_err("refused");
        assert_eq!(reason(&e), Some(wanted));
    }
    // The buyer may not create them.
    let e = s
        .buyer
        .batch_create_billing_adjustment_request()
        .billing_adjustment_request_entries(entry(a, &invoice, "1.00", "buyer"))
        .send()
        .await
        .expect_err("buyer");
    assert_eq!(
        reason(&e),
        Some(ValidationExceptionReason::UnsupportedAction)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invoice_older_than_the_adjustment_period_fails_validation() {
    let s = sale(contract(), false).await;
    let (invoice, _, _) = upfront(&s).await;
    s.advance(366 * 86_400);
    let out = batch(
        &s,
        &s.seller,
        vec![entry(&s.agreement_id, &invoice, "100.00", "late")],
    )
    .await;
    let id = out.items()[0].billing_adjustment_request_id().to_string();
    s.advance(1);
    let (st, message) = status(&s, &id).await;
    assert_eq!(st, BillingAdjustmentStatus::ValidationFailed);
    assert!(message.is_some_and(|m| m.contains("INVALID_INVOICE_ADJUSTMENT_PERIOD")));
    let (_, _, max) = upfront(&s).await;
    assert_eq!(
        max.as_deref(),
        Some("1200.00"),
        "nothing refunded, no credit memo"
    );
    let events: Vec<String> = (s.handle.events().into_iter())
        .filter(|e| e.detail_type.contains("Billing Adjustment"))
        .map(|e| e.detail_type)
        .collect();
    assert_eq!(
        events,
        ["Purchase Agreement Billing Adjustment Failed - Proposer"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_token_creates_once_and_conflicts_with_other_values() {
    let s = sale(contract(), false).await;
    let (invoice, _, _) = upfront(&s).await;
    let a = s.agreement_id.as_str();
    let first = batch(&s, &s.seller, vec![entry(a, &invoice, "100.00", "same")]).await;
    s.advance(1);
    let again = batch(&s, &s.seller, vec![entry(a, &invoice, "100.00", "same")]).await;
    assert_eq!(
        first.items()[0].billing_adjustment_request_id(),
        again.items()[0].billing_adjustment_request_id()
    );
    let other = batch(&s, &s.seller, vec![entry(a, &invoice, "90.00", "same")]).await;
    assert_eq!(other.errors()[0].code(), &ErrCode::ConflictException);
    let listed = s
        .seller
        .list_billing_adjustment_requests()
        .agreement_id(a)
        .send()
        .await
        .expect("List");
    assert_eq!(listed.items().len(), 1, "one refund, not two");
    let (_, _, max) = upfront(&s).await.clone();
    assert_eq!(max.as_deref(), Some("1100.00"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_buyer_cannot_read_the_sellers_refunds_and_a_stranger_finds_nothing() {
    let s = sale(contract(), false).await;
    let (invoice, _, _) = upfront(&s).await;
    let a = s.agreement_id.as_str();
    let id = batch(&s, &s.seller, vec![entry(a, &invoice, "100.00", "r")])
        .await
        .items()[0]
        .billing_adjustment_request_id()
        .to_string();
    let get = |c: &agreement::Client| {
        c.get_billing_adjustment_request()
            .agreement_id(a)
            .billing_adjustment_request_id(&id)
            .send()
    };
    let buyer_get = get(&s.buyer).await.expect_err("buyer");
    assert_eq!(code(&buyer_get), "ValidationException");
    assert!(buyer_get
        .as_service_error()
        .is_some_and(|e| e.is_validation_exception()));
    assert_eq!(
        code(&get(&s.stranger).await.expect_err("stranger")),
        "ResourceNotFoundException"
    );
    for c in [&s.buyer, &s.stranger] {
        let listed = c
            .list_billing_adjustment_requests()
            .agreement_id(a)
            .send()
            .await
            .expect("List");
        assert!(listed.items().is_empty());
        assert!(c
            .list_billing_adjustment_requests()
            .send()
            .await
            .expect("List all")
            .items()
            .is_empty());
    }
    let lines = |c: &agreement::Client| {
        c.list_agreement_invoice_line_items()
            .agreement_id(a)
            .group_by(agreement::types::LineItemGroupBy::InvoiceId)
            .send()
    };
    assert_eq!(
        code(&lines(&s.buyer).await.expect_err("buyer")),
        "ValidationException"
    );
    assert_eq!(
        code(&lines(&s.stranger).await.expect_err("stranger")),
        "ResourceNotFoundException"
    );
    let out = batch(&s, &s.stranger, vec![entry(a, &invoice, "1.00", "s")]).await;
    assert_eq!(out.errors()[0].code(), &ErrCode::ResourceNotFoundException);
}
