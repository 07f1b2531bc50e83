//! `--plan` is what is sent, after the signature: each post-sale write (a refund, a bulk
//! refund, a payment request and its answers and withdrawal, a purchase order, CancelAgreement)
//! planned, then run for real against the emulator, the planned bodies compared with what the
//! emulator received (see [`super::plan_fidelity::plan_then_run`]).

use std::time::Duration;

use serde_json::Value;

use super::plan_fidelity::plan_then_run;
use crate::support::deal::{json_ok, no_stand_in, seller, state};
use crate::support::server::Server;

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

#[test]
fn post_sale_writes_send_what_their_plans_show() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let (p, s) = (&project, &server);
    let offer = state(p, "OFFER_ID");
    let contract = text(&json_ok(p, s, &["buyer", "accept", &offer])["agreement_id"]);
    let started = json_ok(p, s, &["changeset", "start", "@proserv-offer", "--wait"]);
    let proserv = text(&started["changes"][0]["entity"]["identifier"]);
    let proserv = proserv.split('@').next().unwrap().to_string();
    let proserv = text(&json_ok(p, s, &["buyer", "accept", &proserv])["agreement_id"]);
    let charges = json_ok(p, s, &["buyer", "charges", "--agreement", &contract]);
    let later = text(&charges["items"][1]["charge_id"]);
    s.handle().clock().advance(Duration::from_secs(8 * 86_400));

    // Refunds, one and from a CSV.
    let invoices = json_ok(p, s, &["agreement", "invoices", &contract]);
    let invoice = text(&invoices["items"][0]["invoice_id"]);
    let refund = [
        "agreement",
        "refund",
        &contract,
        "--invoice",
        &invoice,
        "--amount",
        "10",
    ];
    plan_then_run(s, p, &[&refund[..], &["--reason", "OTHER"]].concat());
    s.handle().clock().advance(Duration::from_secs(3600));
    let csv = format!("agreement_id,invoice_id,amount,reason\n{contract},{invoice},5,OTHER\n");
    p.write("refunds.csv", &csv);
    plan_then_run(s, p, &["agreement", "bulk-refund", "refunds.csv"]);

    // A payment request rejected, one withdrawn, one approved with a purchase order.
    let on = ["--agreement", proserv.as_str()];
    let ask = |name: &str| {
        let args = [
            "agreement",
            "request-payment",
            &proserv,
            "--name",
            name,
            "--amount",
            "100",
        ];
        text(&plan_then_run(s, p, &args)["items"][0]["body"]["name"]);
        let listed = json_ok(p, s, &["agreement", "payment-requests", &proserv]);
        let items = listed["items"].as_array().unwrap();
        text(&items.iter().find(|i| i["name"] == name).unwrap()["payment_request_id"])
    };
    let first = ask("Milestone 1");
    let reject = [&["buyer", "reject-payment", &first][..], &on].concat();
    plan_then_run(
        s,
        p,
        &[&reject[..], &["--reason", "Not delivered"]].concat(),
    );
    let second = ask("Milestone 2");
    plan_then_run(
        s,
        p,
        &[&["agreement", "withdraw-payment-request", &second][..], &on].concat(),
    );
    let third = ask("Milestone 3");
    let accept = [&["buyer", "accept-payment", &third][..], &on].concat();
    plan_then_run(s, p, &[&accept[..], &["--purchase-order", "PO-1"]].concat());

    // A purchase order on the contract's later installment (read first: its revision).
    let po = [
        "buyer",
        "set-purchase-order",
        &later,
        "--agreement",
        &contract,
    ];
    plan_then_run(s, p, &[&po[..], &["--purchase-order", "PO-2"]].concat());
}
