//! Payment requests, charges, purchase orders and CancelAgreement through the binary against
//! the emulator: the seller's `agreement request-payment|payment-requests|payment-request|
//! withdraw-payment-request` on a `@proserv-offer` agreement, and the buyer's `buyer
//! payment-requests|accept-payment|reject-payment|charges|set-purchase-order|cancel-agreement`.

use std::time::Duration;

use serde_json::Value;

use super::{json_ok, no_stand_in, seller, state, BUYER};
use crate::support::project::Project;
use crate::support::server::Server;

const SEND: &str = "SendAgreementPaymentRequest";

/// Publishes the product, releases `@proserv-offer` (VariablePaymentTerm up to 50,000 USD) or
/// the change set `template`, and has the first buyer accept it: the agreement id.
fn accepted(p: &Project, s: &Server, template: &str) -> String {
    p.mpctl(&s.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let started = json_ok(p, s, &["changeset", "start", template, "--wait"]);
    let offer = started["changes"][0]["entity"]["identifier"]
        .as_str()
        .unwrap();
    let offer = offer.split('@').next().unwrap().to_string();
    let done = json_ok(p, s, &["buyer", "accept", &offer]);
    done["agreement_id"].as_str().unwrap().to_string()
}

fn request(p: &Project, s: &Server, agreement: &str, name: &str, amount: &str) -> Value {
    let args = ["agreement", "request-payment", agreement, "--name", name];
    let mut args = args.to_vec();
    args.extend(["--amount", amount]);
    json_ok(p, s, &args)
}

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

#[test]
fn payment_requests_are_checked_rejected_approved_and_withdrawn() {
    let server = Server::start(no_stand_in());
    let project = Project::new();
    let (p, s) = (&project, &server);
    let agreement = accepted(p, s, "@proserv-offer");

    // Over the term's maximum: exit 2, nothing sent; the plan is what is then sent.
    let over = [
        "agreement",
        "request-payment",
        &agreement,
        "--name",
        "Everything",
        "--amount",
    ];
    let mut over = over.to_vec();
    over.push("50000.01");
    let done = p.mpctl(&s.url(), &over).output().expect_code(2);
    assert!(
        done.stderr()
            .contains("left under the term's maximum of 50000.00 USD"),
        "{}",
        done.stderr()
    );
    let mut plan = [
        "agreement",
        "request-payment",
        &agreement,
        "--name",
        "Milestone 1",
    ]
    .to_vec();
    plan.extend(["--amount", "20000", "--plan", "--output", "json"]);
    let planned = p.mpctl(&s.url(), &plan).output().expect_code(0).json();
    assert_eq!(s.count(SEND), 0);
    let first = request(p, s, &agreement, "Milestone 1", "20000");
    let sent = s
        .handle()
        .requests()
        .into_iter()
        .find(|r| r.operation == SEND);
    assert_eq!(
        planned["items"][0]["body"],
        sent.unwrap().body.unwrap(),
        "plan vs sent"
    );
    assert_eq!(first["status"], "PENDING_APPROVAL", "{first}");
    let id = text(&first["payment_request_id"]);
    // A re-run is the same request.
    let again = request(p, s, &agreement, "Milestone 1", "20000");
    assert_eq!(again["payment_request_id"], id.as_str());

    // The buyer sees it and rejects it: the seller reads why, the balance comes back.
    let theirs = json_ok(
        p,
        s,
        &["buyer", "payment-requests", "--agreement", &agreement],
    );
    assert_eq!(theirs["count"], 1, "{theirs}");
    let reason = "Milestone not delivered";
    let args = [
        "buyer",
        "reject-payment",
        &id,
        "--agreement",
        &agreement,
        "--reason",
        reason,
    ];
    assert_eq!(json_ok(p, s, &args)["status"], "REJECTED");
    let seen = json_ok(
        p,
        s,
        &[
            "agreement",
            "payment-request",
            &id,
            "--agreement",
            &agreement,
        ],
    );
    assert_eq!(seen["status_message"], reason, "{seen}");

    // The whole balance again, approved with a purchase order: a charge the buyer lists.
    let second = request(p, s, &agreement, "Milestone 1, delivered", "50000");
    let id2 = text(&second["payment_request_id"]);
    let args = [
        "buyer",
        "accept-payment",
        &id2,
        "--agreement",
        &agreement,
        "--purchase-order",
        "PO-77",
    ];
    let approved = json_ok(p, s, &args);
    assert_eq!(approved["status"], "APPROVED");
    let charge = text(&approved["charge_id"]);
    assert!(charge.starts_with("ch-"), "{approved}");
    let charges = json_ok(p, s, &["buyer", "charges", "--agreement", &agreement]);
    let listed = charges["items"].as_array().unwrap();
    let found = listed
        .iter()
        .find(|c| c["charge_id"] == charge.as_str())
        .expect("the charge");
    assert_eq!(found["purchase_order"], "PO-77", "{charges}");

    // Nothing left: any amount is refused before sending.
    let mut one = [
        "agreement",
        "request-payment",
        &agreement,
        "--name",
        "Extra work",
    ]
    .to_vec();
    one.extend(["--amount", "1"]);
    p.mpctl(&s.url(), &one).output().expect_code(2);
    assert_eq!(s.count(SEND), 3);
    let listed = json_ok(p, s, &["agreement", "payment-requests", &agreement]);
    assert_eq!(listed["count"], 2, "{listed}");
}

#[test]
fn a_pending_request_is_withdrawn_and_an_agreement_without_the_term_is_refused() {
    let server = Server::start(no_stand_in());
    let project = Project::new();
    let (p, s) = (&project, &server);
    let agreement = accepted(p, s, "@proserv-offer");
    let pending = request(p, s, &agreement, "Sprint 3", "1000");
    let id = text(&pending["payment_request_id"]);
    let args = [
        "agreement",
        "withdraw-payment-request",
        &id,
        "--agreement",
        &agreement,
    ];
    assert_eq!(json_ok(p, s, &args)["status"], "CANCELLED");
    // The workflow's own offer (contract + payment schedule) has no VariablePaymentTerm.
    let other = seller(s);
    let offer = state(&other, "OFFER_ID");
    let contract = json_ok(&other, s, &["buyer", "accept", &offer]);
    let contract = text(&contract["agreement_id"]);
    let mut args = [
        "agreement",
        "request-payment",
        &contract,
        "--name",
        "Milestone",
    ]
    .to_vec();
    args.extend(["--amount", "10"]);
    let done = other.mpctl(&s.url(), &args).output().expect_code(2);
    assert!(
        done.stderr().contains("has no VariablePaymentTerm"),
        "{}",
        done.stderr()
    );
}

#[test]
fn purchase_orders_go_on_future_charges_and_contracts_are_not_self_cancelled() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let (p, s) = (&project, &server);
    let offer = state(p, "OFFER_ID");
    let agreement = text(&json_ok(p, s, &["buyer", "accept", &offer])["agreement_id"]);
    let charges = json_ok(p, s, &["buyer", "charges", "--agreement", &agreement]);
    let items = charges["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2, "the two installments: {charges}");
    let future = text(&items[1]["charge_id"]);
    let args = [
        "buyer",
        "set-purchase-order",
        &future,
        "--agreement",
        &agreement,
        "--purchase-order",
        "PO-9",
    ];
    let set = json_ok(p, s, &args);
    assert_eq!(set["charge"]["purchase_order"], "PO-9", "{set}");

    // Once the first installment is invoiced, its purchase order can no longer change.
    s.handle().clock().advance(Duration::from_secs(8 * 86_400));
    let past = text(&items[0]["charge_id"]);
    let args = [
        "buyer",
        "set-purchase-order",
        &past,
        "--agreement",
        &agreement,
        "--purchase-order",
        "PO-10",
    ];
    p.mpctl(&s.url(), &args).output().expect_code(1);

    // A contract ends through the seller's cancellation request, not CancelAgreement.
    let args = ["buyer", "cancel-agreement", &agreement, "--account", BUYER];
    let done = p.mpctl(&s.url(), &args).output().expect_code(1);
    assert!(
        done.stderr().contains("CancelAgreement"),
        "{}",
        done.stderr()
    );
    let described = json_ok(p, s, &["agreement", "describe", &agreement]);
    assert_eq!(described["agreement"]["status"], "ACTIVE");
}

#[test]
fn the_buyer_cancels_a_pay_as_you_go_agreement() {
    let server = Server::start(no_stand_in());
    let project = Project::new();
    let (p, s) = (&project, &server);
    // The workflow's private offer, usage pricing only (no upfront, no schedule).
    let mut offer: Value = serde_json::from_str(&p.read("changesets/private-offer.json")).unwrap();
    let changes = offer["ChangeSet"].as_array_mut().unwrap();
    changes.retain(|c| c["ChangeType"] != "UpdatePaymentScheduleTerms");
    for c in changes.iter_mut() {
        if c["ChangeType"] == "UpdatePricingTerms" {
            let d = &mut c["DetailsDocument"];
            d["PricingModel"] = "Usage".into();
            d["Terms"]
                .as_array_mut()
                .unwrap()
                .retain(|t| t["Type"] == "UsageBasedPricingTerm");
        }
    }
    p.write(
        "usage-offer.json",
        &serde_json::to_string_pretty(&offer).unwrap(),
    );
    let agreement = accepted(p, s, "usage-offer.json");
    let done = json_ok(p, s, &["buyer", "cancel-agreement", &agreement]);
    assert_eq!(done["status"], "CANCELLED", "{done}");
    let described = json_ok(p, s, &["agreement", "describe", &agreement]);
    assert_eq!(described["agreement"]["status"], "CANCELLED");
}
