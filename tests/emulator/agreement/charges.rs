//! The buyer's charges, purchase orders and CancelAgreement through aws-sdk-marketplaceagreement,
//! and the reads a stranger to the agreement is refused.

use agreement::types::{PurchaseOrder, ValidationExceptionReason as Reason};

use super::postsale::{code, contract, pay_as_you_go, sale};
use super::*;

type PoError = agreement::error::SdkError<
    agreement::operation::update_purchase_orders::UpdatePurchaseOrdersError,
>;

fn reason(e: &PoError) -> Option<Reason> {
    match e.as_service_error()? {
        agreement::operation::update_purchase_orders::UpdatePurchaseOrdersError::ValidationException(v) => v.reason().cloned(),
        _ => None,
    }
}

fn po(charge: &str, reference: &str) -> PurchaseOrder {
    PurchaseOrder::builder()
        .charge_id(charge)
        .purchase_order_reference(reference)
        .build()
        .expect("po")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_purchase_order_goes_on_a_future_charge_and_not_on_a_past_one() {
    let future = (chrono::Utc::now() + chrono::Duration::days(90))
        .format("%Y-%m-%d")
        .to_string();
    let mut pricing = contract();
    pricing.push(("UpdatePaymentScheduleTerms", json!({"Terms": [{"Type": "PaymentScheduleTerm", "CurrencyCode": "USD",
        "Schedule": [{"ChargeDate": "2024-01-01", "ChargeAmount": "200.00"}, {"ChargeDate": future, "ChargeAmount": "300.00"}]}]})));
    let s = sale(pricing, false).await;
    let listed = s
        .buyer
        .list_agreement_charges()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("charges");
    let amounts: Vec<&str> = listed.items().iter().filter_map(|c| c.amount()).collect();
    assert_eq!(
        amounts,
        ["1200.00", "200.00", "300.00"],
        "upfront and due installment now, one later"
    );
    let with = |amount: &str| {
        let c = listed.items().iter().find(|c| c.amount() == Some(amount));
        c.and_then(|c| c.id()).expect("charge").to_string()
    };
    let (past, later) = (with("1200.00"), with("300.00"));
    assert_eq!(
        s.invoices().await.len(),
        2,
        "the future installment is not invoiced yet"
    );
    s.buyer
        .update_purchase_orders()
        .purchase_orders(po(&later, "PO-2027-1"))
        .send()
        .await
        .expect("future charge");
    let refused = s
        .buyer
        .update_purchase_orders()
        .purchase_orders(po(&past, "PO-late"))
        .send()
        .await
        .expect_err("past");
    assert_eq!(reason(&refused), Some(Reason::UnsupportedAction));
    let twice = s
        .buyer
        .update_purchase_orders()
        .purchase_orders(po(&later, "A"))
        .purchase_orders(po(&later, "B"))
        .send()
        .await
        .expect_err("duplicate");
    assert_eq!(reason(&twice), Some(Reason::DuplicateCharges));
    let unknown = s
        .buyer
        .update_purchase_orders()
        .purchase_orders(po("ch-nope", "A"))
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(code(&unknown), "ResourceNotFoundException");
    let sellers = s
        .seller
        .update_purchase_orders()
        .purchase_orders(po(&later, "A"))
        .send()
        .await
        .expect_err("seller");
    assert_eq!(code(&sellers), "ResourceNotFoundException");
    let listed = s
        .buyer
        .list_agreement_charges()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("charges");
    let pos: Vec<Option<&str>> = listed
        .items()
        .iter()
        .map(|c| c.purchase_order_reference())
        .collect();
    assert_eq!(pos, [None, None, Some("PO-2027-1")]);
    assert!(s
        .seller
        .list_agreement_charges()
        .send()
        .await
        .expect("seller's")
        .items()
        .is_empty());
    s.advance(91 * 86_400);
    assert_eq!(
        s.invoices().await.len(),
        3,
        "the installment is invoiced on its date"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_buyer_cancels_a_pay_as_you_go_agreement() {
    let s = sale(pay_as_you_go(), true).await;
    s.advance(1);
    let seller = s
        .seller
        .cancel_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect_err("seller");
    assert_eq!(code(&seller), "ValidationException");
    let stranger = s
        .stranger
        .cancel_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect_err("stranger");
    assert_eq!(code(&stranger), "ResourceNotFoundException");
    s.buyer
        .cancel_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("CancelAgreement");
    let described = s
        .seller
        .describe_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("describe");
    assert_eq!(described.status(), Some(&AgreementStatus::Cancelled));
    let again = s
        .buyer
        .cancel_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect_err("again");
    assert_eq!(code(&again), "ConflictException");
    let ended: Vec<String> = (s.handle.events().into_iter())
        .filter(|e| e.detail_type.starts_with("Purchase Agreement Ended"))
        .map(|e| {
            format!(
                "{} {}",
                e.detail_type,
                e.detail["agreement"]["status"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        ended,
        [
            "Purchase Agreement Ended - Proposer CANCELLED",
            "Purchase Agreement Ended - Acceptor CANCELLED"
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contract_agreement_cannot_be_cancelled_by_the_buyer() {
    let s = sale(contract(), false).await;
    s.advance(1);
    let e = s
        .buyer
        .cancel_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect_err("contract");
    let r = e.as_service_error().and_then(|se| match se {
        agreement::operation::cancel_agreement::CancelAgreementError::ValidationException(v) => {
            v.reason().cloned()
        }
        _ => None,
    });
    assert_eq!(r, Some(Reason::UnsupportedAction));
    let described = s
        .seller
        .describe_agreement()
        .agreement_id(&s.agreement_id)
        .send()
        .await
        .expect("describe");
    assert_eq!(described.status(), Some(&AgreementStatus::Active));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stranger_gets_resource_not_found_on_every_read_and_empty_lists() {
    let s = sale(contract(), false).await;
    let (a, c) = (s.agreement_id.as_str(), &s.stranger);
    let rnf = "ResourceNotFoundException";
    let e = c
        .get_billing_adjustment_request()
        .agreement_id(a)
        .billing_adjustment_request_id("ba-x")
        .send()
        .await;
    assert_eq!(code(&e.expect_err("get refund")), rnf);
    let e = c
        .get_agreement_payment_request()
        .agreement_id(a)
        .payment_request_id("pr-x")
        .send()
        .await;
    assert_eq!(code(&e.expect_err("get payment")), rnf);
    let e = c
        .get_agreement_cancellation_request()
        .agreement_id(a)
        .agreement_cancellation_request_id("acr-x")
        .send()
        .await;
    assert_eq!(code(&e.expect_err("get cancellation")), rnf);
    let e = c
        .list_agreement_invoice_line_items()
        .agreement_id(a)
        .group_by(agreement::types::LineItemGroupBy::InvoiceId)
        .send()
        .await;
    assert_eq!(code(&e.expect_err("invoices")), rnf);
    assert!(c
        .list_agreement_charges()
        .agreement_id(a)
        .send()
        .await
        .expect("charges")
        .items()
        .is_empty());
    assert!(c
        .list_billing_adjustment_requests()
        .agreement_id(a)
        .send()
        .await
        .expect("refunds")
        .items()
        .is_empty());
    for party in ["Proposer", "Acceptor"] {
        let out = c
            .list_agreement_payment_requests()
            .party_type(party)
            .agreement_id(a)
            .send()
            .await
            .expect("payments");
        assert!(out.items().is_empty());
    }
    // The buyer sees its own charges; a party's unknown ids are not found either.
    assert_eq!(
        s.buyer
            .list_agreement_charges()
            .send()
            .await
            .expect("charges")
            .items()
            .len(),
        1
    );
    let e = s
        .seller
        .get_agreement_payment_request()
        .agreement_id(a)
        .payment_request_id("pr-x")
        .send()
        .await;
    assert_eq!(code(&e.expect_err("unknown")), rnf);
}
