//! Payment requests against a VariablePaymentTerm through aws-sdk-marketplaceagreement: the
//! seller's offer carries the term, the stand-in buyer accepts it; requests are approved with a
//! charge id (and invoiced), refused over the remaining balance, rejected, withdrawn, and
//! idempotent by `clientToken`.

use agreement::types::PaymentRequestStatus as PrStatus;

use super::postsale::{code, sale, variable_payments, Sale};
use super::*;

async fn send(s: &Sale, term: &str, amount: &str) -> Result<String, String> {
    let out = s
        .seller
        .send_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .term_id(term)
        .name("Milestone 1")
        .description("Design phase")
        .charge_amount(amount)
        .send()
        .await
        .map_err(|e| {
            let reason = e.as_service_error().and_then(|se| match se {
                agreement::operation::send_agreement_payment_request::SendAgreementPaymentRequestError::ValidationException(v) => v.reason().map(|r| r.as_str().to_string()),
                _ => None,
            });
            format!("{} {}", code(&e), reason.unwrap_or_default())
        })?;
    assert_eq!(out.status(), Some(&PrStatus::PendingApproval));
    assert_eq!(out.currency_code(), Some("USD"));
    Ok(out.payment_request_id().expect("id").to_string())
}

async fn get(
    s: &Sale,
    c: &agreement::Client,
    id: &str,
) -> agreement::operation::get_agreement_payment_request::GetAgreementPaymentRequestOutput {
    c.get_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(id)
        .send()
        .await
        .expect("GetAgreementPaymentRequest")
}

#[tokio::test(flavor = "multi_thread")]
async fn an_approved_request_gets_a_charge_id_and_is_invoiced() {
    let s = sale(variable_payments("1000.00"), false).await;
    let term = s.variable_term_id().await;
    let id = send(&s, &term, "400.00").await.expect("sent");
    assert!(id.starts_with("pr-") && id.len() == 28, "{id}");
    assert_eq!(get(&s, &s.buyer, &id).await.charge_id(), None);
    let out = s
        .buyer
        .accept_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&id)
        .purchase_order_reference("PO-77")
        .send()
        .await
        .expect("Accept");
    assert_eq!(out.status(), Some(&PrStatus::Approved));
    let seen = get(&s, &s.seller, &id).await;
    let charge = seen
        .charge_id()
        .expect("chargeId once approved")
        .to_string();
    assert!(charge.starts_with("ch-"), "{charge}");
    let charges = s
        .buyer
        .list_agreement_charges()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("charges");
    let c = charges
        .items()
        .iter()
        .find(|c| c.id() == Some(charge.as_str()))
        .expect("the charge");
    assert_eq!(
        (c.amount(), c.purchase_order_reference(), c.revision()),
        (Some("400.00"), Some("PO-77"), Some(1))
    );
    let invoiced: Vec<String> = (s.invoices().await.iter())
        .filter_map(|i| i.pricing_currency_amount()?.amount().map(str::to_string))
        .collect();
    assert_eq!(
        invoiced,
        ["400.00"],
        "the free grant is not invoiced; the approval is"
    );
    let listed = s
        .seller
        .list_agreement_payment_requests()
        .party_type("Proposer")
        .send()
        .await
        .expect("List");
    assert_eq!(listed.items()[0].charge_id(), Some(charge.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_over_the_remaining_balance_is_refused() {
    let s = sale(variable_payments("1000.00"), false).await;
    let term = s.variable_term_id().await;
    let pending = send(&s, &term, "700.00").await.expect("700");
    assert_eq!(
        send(&s, &term, "300.01").await,
        Err("ValidationException INVALID_CHARGE_AMOUNT".into())
    );
    assert_eq!(
        send(&s, &term, "0.001").await,
        Err("ValidationException INVALID_CHARGE_AMOUNT".into())
    );
    assert_eq!(send(&s, &term, "5").await.map(|_| ()), Ok(()));
    assert_eq!(
        send(&s, "term-nope", "5").await,
        Err("ValidationException INVALID_TERM_ID".into())
    );
    // Rejecting the pending request frees its part of the balance.
    s.buyer
        .reject_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&pending)
        .send()
        .await
        .expect("Reject");
    assert_eq!(send(&s, &term, "995.00").await.map(|_| ()), Ok(()));
    assert_eq!(
        send(&s, &term, "0.01").await,
        Err("ValidationException INVALID_CHARGE_AMOUNT".into())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_buyer_rejects_and_the_seller_withdraws() {
    let s = sale(variable_payments("1000.00"), false).await;
    let term = s.variable_term_id().await;
    let (first, second) = (
        send(&s, &term, "10.00").await.expect("1"),
        send(&s, &term, "20.00").await.expect("2"),
    );
    let rejected = s
        .buyer
        .reject_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&first)
        .rejection_reason("Not delivered yet")
        .send()
        .await
        .expect("Reject");
    assert_eq!(rejected.status(), Some(&PrStatus::Rejected));
    let seen = get(&s, &s.seller, &first).await;
    assert_eq!(
        (seen.status(), seen.status_message()),
        (Some(&PrStatus::Rejected), Some("Not delivered yet"))
    );
    let seller_accepts = s
        .seller
        .accept_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&second)
        .send()
        .await
        .expect_err("the seller cannot approve");
    assert_eq!(code(&seller_accepts), "ValidationException");
    let cancelled = s
        .seller
        .cancel_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&second)
        .send()
        .await
        .expect("Cancel");
    assert_eq!(cancelled.status(), Some(&PrStatus::Cancelled));
    let late = s
        .buyer
        .accept_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&second)
        .send()
        .await
        .expect_err("withdrawn");
    assert_eq!(code(&late), "ConflictException");
    let again = s
        .seller
        .cancel_agreement_payment_request()
        .agreement_id(&s.agreement_id)
        .payment_request_id(&first)
        .send()
        .await
        .expect_err("rejected is final");
    assert_eq!(code(&again), "ConflictException");
    let mine = s
        .buyer
        .list_agreement_payment_requests()
        .party_type("Acceptor")
        .send()
        .await
        .expect("List");
    let statuses: Vec<&PrStatus> = mine.items().iter().filter_map(|i| i.status()).collect();
    assert_eq!(statuses, [&PrStatus::Rejected, &PrStatus::Cancelled]);
    let as_proposer = s
        .buyer
        .list_agreement_payment_requests()
        .party_type("Proposer")
        .send()
        .await
        .expect("List");
    assert!(as_proposer.items().is_empty());
    assert!(
        s.buyer
            .list_agreement_charges()
            .send()
            .await
            .expect("charges")
            .items()
            .is_empty(),
        "nothing approved"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_token_sends_once() {
    let s = sale(variable_payments("1000.00"), false).await;
    let term = s.variable_term_id().await;
    let send = |amount: &str| {
        s.seller
            .send_agreement_payment_request()
            .agreement_id(&s.agreement_id)
            .term_id(&term)
            .name("Milestone 1")
            .charge_amount(amount)
            .client_token("pay-1")
            .send()
    };
    let first = send("10.00").await.expect("first");
    let again = send("10.00").await.expect("retry");
    assert_eq!(first.payment_request_id(), again.payment_request_id());
    assert_eq!(
        code(&send("11.00").await.expect_err("other values")),
        "ConflictException"
    );
    let listed = s
        .seller
        .list_agreement_payment_requests()
        .party_type("Proposer")
        .send()
        .await
        .expect("List");
    assert_eq!(listed.items().len(), 1);
}
