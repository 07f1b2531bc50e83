//! Payment requests against a VariablePaymentTerm through aws-sdk-marketplaceagreement: the
//! seller's offer carries the term, the stand-in buyer accepts it; requests are approved with a
//! charge id (and invoiced), refused over the remaining balance, rejected, withdrawn, and
//! idempotent by `clientToken`.

use agreement::types::{
    Intent, PaymentRequestApprovalStrategy as Strategy, PaymentRequestStatus as PrStatus,
    RequestedTerm, RequestedTermConfiguration, VariablePaymentTermConfiguration,
};

use super::postsale::{code, parties, publish, sale, variable_payments, Sale};
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
    // Both were sent within the same instant, so either may be listed first.
    let mut statuses: Vec<&str> = (mine.items().iter())
        .filter_map(|i| i.status().map(PrStatus::as_str))
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, ["CANCELLED", "REJECTED"]);
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

/// The buyer flow (no stand-in): the buyer reads the offer's terms through Discovery and
/// accepts them choosing AUTO_APPROVE_ON_EXPIRATION after two days.
async fn auto_approving_sale() -> Sale {
    use aws_sdk_marketplacediscovery::types::OfferTerm;
    let handle = emulator_with(mpctl_emulator::Timings {
        accept_seconds: 1.0e7,
        ..fast_timings()
    })
    .await;
    let offer_id = publish(&handle, variable_payments("1000.00"), false).await;
    let config = sdk_config_with_key(&handle.base_url, &format!("AKIDBUYER{}", BUYERS[0]));
    let discovery = aws_sdk_marketplacediscovery::Client::new(&config);
    let offer = discovery
        .get_offer()
        .offer_id(&offer_id)
        .send()
        .await
        .expect("GetOffer");
    let terms = discovery
        .get_offer_terms()
        .offer_id(&offer_id)
        .send()
        .await
        .expect("GetOfferTerms");
    let plain = |id: &str| Some(RequestedTerm::builder().id(id).build().expect("term"));
    let auto = VariablePaymentTermConfiguration::builder()
        .payment_request_approval_strategy(Strategy::AutoApproveOnExpiration)
        .expiration_duration("P2D")
        .build()
        .expect("configuration");
    let requested: Vec<RequestedTerm> = (terms.offer_terms().iter())
        .filter_map(|t| match t {
            OfferTerm::VariablePaymentTerm(v) => Some(
                RequestedTerm::builder()
                    .id(v.id())
                    .configuration(
                        RequestedTermConfiguration::VariablePaymentTermConfiguration(auto.clone()),
                    )
                    .build()
                    .expect("term"),
            ),
            OfferTerm::FixedUpfrontPricingTerm(f) => plain(f.id()),
            OfferTerm::LegalTerm(l) => plain(l.id()),
            OfferTerm::ValidityTerm(v) => plain(v.id()),
            _ => None,
        })
        .collect();
    let buyer = agreement::Client::new(&config);
    let request = buyer
        .create_agreement_request()
        .intent(Intent::New)
        .agreement_proposal_identifier(offer.agreement_proposal_id())
        .set_requested_terms(Some(requested))
        .send()
        .await
        .expect("CreateAgreementRequest");
    let accepted = buyer
        .accept_agreement_request()
        .agreement_request_id(request.agreement_request_id().expect("id"))
        .send()
        .await
        .expect("AcceptAgreementRequest");
    parties(
        handle,
        accepted.agreement_id().expect("agreementId").to_string(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn under_auto_approval_a_request_left_pending_is_approved_when_it_expires() {
    let s = auto_approving_sale().await;
    let term = s.variable_term_id().await;
    let id = send(&s, &term, "250.00").await.expect("sent");
    s.advance(2 * 86_400 - 60);
    assert_eq!(
        get(&s, &s.buyer, &id).await.status(),
        Some(&PrStatus::PendingApproval)
    );
    s.advance(120);
    let seen = get(&s, &s.seller, &id).await;
    assert_eq!(seen.status(), Some(&PrStatus::Approved));
    assert!(seen.charge_id().is_some_and(|c| c.starts_with("ch-")));
    let created = seen.created_at().expect("createdAt").secs();
    let updated = seen.updated_at().expect("updatedAt").secs();
    assert_eq!(
        updated - created,
        2 * 86_400,
        "approved when the two days were over"
    );
    // Under the stand-in buyer's default (wait for approval) the clock approves nothing.
    let waiting = sale(variable_payments("1000.00"), false).await;
    let term = waiting.variable_term_id().await;
    let id = send(&waiting, &term, "250.00").await.expect("sent");
    waiting.advance(30 * 86_400);
    let status = get(&waiting, &waiting.buyer, &id).await.status().cloned();
    assert_eq!(status, Some(PrStatus::PendingApproval));
}
