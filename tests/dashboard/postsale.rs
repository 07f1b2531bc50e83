//! The dashboard after the signature, in the real browser: an agreement page lists its
//! cancellation requests, invoices (with what remains refundable), refunds and payment
//! requests; a refund, a cancellation request and a payment request are each previewed as the
//! exact request, sent only once confirmed, and then found through the CLI; a refund above
//! what remains is refused on the preview; the overview counts what waits on the buyer; and
//! `--read-only` shows none of the forms.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::Value;

use super::{click, outcome, shown};
use crate::support::browser::{self, Browser, Dashboard};
use crate::support::deal::{json_ok, no_stand_in, seller, state};
use crate::support::project::Project;
use crate::support::server::Server;

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// The workflow's agreement (contract with a payment schedule, its first installment invoiced)
/// and a `@proserv-offer` agreement (a VariablePaymentTerm), both accepted by the first buyer.
fn two_agreements(server: &Server) -> (Project, String, String) {
    let project = seller(server);
    let (p, s) = (&project, server);
    let offer = state(p, "OFFER_ID");
    let contract = text(&json_ok(p, s, &["buyer", "accept", &offer])["agreement_id"]);
    let started = json_ok(p, s, &["changeset", "start", "@proserv-offer", "--wait"]);
    let proserv = text(&started["changes"][0]["entity"]["identifier"]);
    let proserv = proserv.split('@').next().unwrap().to_string();
    let proserv = text(&json_ok(p, s, &["buyer", "accept", &proserv])["agreement_id"]);
    server
        .handle()
        .clock()
        .advance(Duration::from_secs(8 * 86_400));
    (project, contract, proserv)
}

/// Types `value` into the field `name` of the form `#form`.
async fn fill(c: &Client, form: &str, name: &str, value: &str) {
    let css = format!("#{form} [name={name}]");
    let field = c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&css))
        .await;
    field
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .send_keys(value)
        .await
        .expect("type");
}

/// Submits `#form` and confirms the request it previews; the id AWS gave it.
async fn confirm(c: &Client, form: &str, expect: &str) -> String {
    let css = format!("#{form} button");
    c.find(Locator::Css(&css))
        .await
        .expect("the form's button")
        .click()
        .await
        .expect("click");
    shown(c, "changeset").await;
    let preview = c.source().await.expect("source");
    assert!(preview.contains(expect), "{preview}");
    click(c, "confirm").await;
    let done = outcome(c).await;
    assert!(done.contains("Sent: "), "{done}");
    shown(c, "created").await.text().await.expect("id")
}

#[test]
fn the_agreement_page_refunds_cancels_and_requests_payments_after_confirmation() {
    if !browser::available() {
        return;
    }
    let server = Server::start(no_stand_in());
    let (project, contract, proserv) = two_agreements(&server);
    let (p, s) = (&project, &server);
    let invoices = json_ok(p, s, &["agreement", "invoices", &contract]);
    let invoice = text(&invoices["items"][0]["invoice_id"]);
    let dash = Dashboard::start(p, &s.url(), &[]);
    let (refund, cancel, pay) = server.block_on(async {
        let b = Browser::start().await;
        let c = &b.client;
        c.goto(&dash.url).await.expect("open the printed URL");
        c.goto(&format!("{}/agreements/{contract}", dash.base))
            .await
            .expect("agreement page");
        let table = shown(c, "invoices").await.text().await.expect("text");
        assert!(
            table.contains(&invoice) && table.contains("2000.00 USD"),
            "{table}"
        );
        let form = format!("refund-{invoice}");
        fill(c, &form, "amount", "2500").await;
        let css = format!("#{form} button");
        c.find(Locator::Css(&css))
            .await
            .expect("button")
            .click()
            .await
            .expect("click");
        // The click returns before the preview has loaded: wait for the refusal to show.
        let page = crate::support::wait::until_async("the refusal shown", || async {
            let page = c.source().await.ok()?;
            page.contains("still refundable").then_some(page)
        })
        .await;
        assert!(!page.contains("id=\"confirm\""), "{page}");
        c.goto(&format!("{}/agreements/{contract}", dash.base))
            .await
            .expect("back");
        fill(c, &form, "amount", "25").await;
        let refund = confirm(c, &form, "\"adjustmentAmount\": \"25\"").await;
        c.goto(&format!("{}/agreements/{contract}", dash.base))
            .await
            .expect("back");
        fill(
            c,
            "cancel-form",
            "description",
            "Moving to the 2027 contract",
        )
        .await;
        let cancel = confirm(c, "cancel-form", "SendAgreementCancellationRequest").await;
        c.goto(&format!("{}/agreements/{proserv}", dash.base))
            .await
            .expect("proserv page");
        fill(c, "payment-form", "name", "Milestone 1").await;
        fill(c, "payment-form", "amount", "1000").await;
        let pay = confirm(c, "payment-form", "\"chargeAmount\": \"1000\"").await;
        c.goto(&format!("{}/?refresh=1", dash.base))
            .await
            .expect("overview");
        let waiting =
            |id: &'static str| async move { shown(c, id).await.text().await.expect("text") };
        assert!(waiting("pending-cancellations").await.starts_with('1'));
        assert!(waiting("pending-payments").await.starts_with('1'));
        c.goto(&format!("{}/agreements/{contract}", dash.base))
            .await
            .expect("again");
        let listed = shown(c, "refunds").await.text().await.expect("text");
        assert!(listed.contains(&refund), "{listed}");
        b.close().await;
        (refund, cancel, pay)
    });
    // What the pages sent is what AWS has, once each.
    let refunds = json_ok(p, s, &["agreement", "refunds", &contract]);
    assert_eq!(refunds["count"], 1, "{refunds}");
    assert_eq!(
        refunds["items"][0]["billing_adjustment_request_id"],
        refund.as_str()
    );
    let cancels = json_ok(p, s, &["agreement", "cancellations", &contract]);
    assert_eq!(
        cancels["items"][0]["cancellation_request_id"],
        cancel.as_str()
    );
    let pays = json_ok(p, s, &["agreement", "payment-requests", &proserv]);
    assert_eq!(pays["items"][0]["payment_request_id"], pay.as_str());

    let ro = Dashboard::start(p, &s.url(), &["--read-only"]);
    let (code, page) = ro.http(
        "GET",
        &format!("/agreements/{contract}"),
        &[&ro.cookie()],
        "",
    );
    assert_eq!(code, 200);
    assert!(
        page.contains("id=\"invoices\"") && !page.contains("<form"),
        "{page}"
    );
}
