//! Post-sale state through the service table's handlers (with the model check the router makes
//! before them), and its round trip through the saved data (`--data` serializes the state with
//! serde_json): charges, invoices, a completed refund with its credit memo, and an approved
//! payment request read the same after a reload.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::store::AgreementState;
use super::{accept, Ctx, TABLE};
use crate::clock::Timings;
use crate::ids;
use crate::outbox::Outbox;
use crate::views::{OfferView, Offers, ProductView};

/// The Catalog as these tests need it: the agreement exists already.
struct NoOffers;

impl Offers for NoOffers {
    fn offers(&self) -> Vec<OfferView<'_>> {
        Vec::new()
    }
    fn offer(&self, _: &str) -> Option<OfferView<'_>> {
        None
    }
    fn product(&self, _: &str) -> Option<ProductView<'_>> {
        None
    }
    fn products(&self) -> Vec<ProductView<'_>> {
        Vec::new()
    }
}

/// The Agreement state and its outbox.
struct World {
    agreement: AgreementState,
    outbox: Outbox,
}

const BUYER: &str = "111111111111";

fn t0() -> DateTime<Utc> {
    super::time::parse_instant("2025-03-01T10:00:00Z").expect("t0")
}

/// A world with one agreement on an offer priced 1200.00 upfront with a VariablePaymentTerm.
fn world() -> (World, String) {
    let doc = json!({"Terms": [
        {"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "1200.00"},
        {"Type": "VariablePaymentTerm", "Id": "term-variable", "CurrencyCode": "USD", "MaxTotalChargeAmount": "500.00"}]});
    let offer = OfferView {
        id: "offer-ppppppppppppp",
        arn: "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/x",
        product_id: Some("prod-abcdefghijklm"),
        product_type: Some("SaaSProduct"),
        state: "Released",
        released_at: Some(t0()),
        buyer_accounts: vec![BUYER.to_string()],
        document: &doc,
        replaced_agreement: None,
        owner: ids::SELLER_ACCOUNT,
        offer_set_id: None,
        revision: 0,
    };
    let mut world = World {
        agreement: AgreementState::default(),
        outbox: Outbox::default(),
    };
    let at = t0() + Duration::hours(1);
    accept::accept_due(
        &mut world.agreement,
        &[offer],
        at,
        &Timings::default(),
        &mut world.outbox,
    );
    let id = world.agreement.all()[0].id.clone();
    (world, id)
}

fn call(world: &mut World, (caller, at): (&str, DateTime<Utc>), op: &str, input: Value) -> Value {
    let timings = Timings::default();
    world
        .agreement
        .advance(at, &timings, &NoOffers, &mut world.outbox);
    let request = crate::service::Request {
        method: "POST",
        op,
        input: &input,
        now: at,
        caller,
    };
    let handler = TABLE
        .prepare(&request)
        .unwrap_or_else(|e| panic!("{op}: {e:?}"));
    let mut ctx = Ctx {
        state: &mut world.agreement,
        offers: &NoOffers,
        outbox: &mut world.outbox,
        timings,
        now: at,
        caller,
    };
    handler(&mut ctx, &input).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

#[test]
fn post_sale_state_survives_a_reload() {
    let (mut w, id) = world();
    let seller = ids::SELLER_ACCOUNT;
    let at = t0() + Duration::hours(2);
    let lines = json!({"agreementId": id, "groupBy": "INVOICE_ID"});
    let invoices = call(
        &mut w,
        (seller, at),
        "ListAgreementInvoiceLineItems",
        lines.clone(),
    );
    let invoice = invoices["agreementInvoiceLineItemGroupSummaries"][0]["invoiceId"].clone();
    let entry = json!({"agreementId": id, "originalInvoiceId": invoice, "adjustmentAmount": "100.00",
        "currencyCode": "USD", "adjustmentReasonCode": "OTHER", "clientToken": "t"});
    let batch = call(
        &mut w,
        (seller, at),
        "BatchCreateBillingAdjustmentRequest",
        json!({"billingAdjustmentRequestEntries": [entry]}),
    );
    let ba = batch["items"][0]["billingAdjustmentRequestId"].clone();
    let pr = call(
        &mut w,
        (seller, at),
        "SendAgreementPaymentRequest",
        json!({"agreementId": id, "termId": "term-variable", "name": "Milestone", "chargeAmount": "50.00"}),
    );
    let later = at + Duration::minutes(5);
    let get_pr = json!({"agreementId": id, "paymentRequestId": pr["paymentRequestId"]});
    call(
        &mut w,
        (BUYER, later),
        "AcceptAgreementPaymentRequest",
        get_pr.clone(),
    );
    let reads = |w: &mut World| {
        let get_ba = json!({"agreementId": id, "billingAdjustmentRequestId": ba});
        [
            call(
                w,
                (seller, later),
                "ListAgreementInvoiceLineItems",
                lines.clone(),
            ),
            call(w, (seller, later), "GetBillingAdjustmentRequest", get_ba),
            call(
                w,
                (seller, later),
                "GetAgreementPaymentRequest",
                get_pr.clone(),
            ),
            call(w, (BUYER, later), "ListAgreementCharges", json!({})),
        ]
    };
    let before = reads(&mut w);
    assert_eq!(
        before[0]["agreementInvoiceLineItemGroupSummaries"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(before[1]["status"], "COMPLETED");
    assert_eq!(before[3]["items"].as_array().map(Vec::len), Some(2));
    let saved = serde_json::to_string(&w.agreement).expect("serialize");
    w.agreement = serde_json::from_str::<AgreementState>(&saved).expect("deserialize");
    assert_eq!(reads(&mut w), before);
}
