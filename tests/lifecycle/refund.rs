//! Refunds through the binary against the emulator: `agreement invoices|refund|refunds|
//! refund-request` and `agreement bulk-refund` (checked first, journaled, killed and resumed).

use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

use serde_json::{json, Value};

use super::{json_ok, no_stand_in, state};
use crate::support::project::Project;
use crate::support::server::Server;

const BATCH: &str = "BatchCreateBillingAdjustmentRequest";
const DAY: u64 = 86_400;

/// A project whose private offer bills `n` monthly installments of 100.00 USD (the first a
/// week out), accepted by the first buyer, the emulator's clock moved past every installment:
/// the agreement has `n` invoices.
fn invoiced(server: &Server, n: usize) -> (Project, String) {
    let project = Project::new();
    let path = "changesets/private-offer.json";
    let mut offer: Value = serde_json::from_str(&project.read(path)).unwrap();
    let today = chrono::Utc::now().date_naive();
    let schedule: Vec<Value> = (0..n as u64)
        .map(|k| {
            let day = today + chrono::Days::new(7 + 30 * k);
            json!({"ChargeDate": day.format("%Y-%m-%d").to_string(), "ChargeAmount": "100.00"})
        })
        .collect();
    for change in offer["ChangeSet"].as_array_mut().unwrap() {
        if change["ChangeType"] == "UpdatePaymentScheduleTerms" {
            change["DetailsDocument"]["Terms"][0]["Schedule"] = schedule.clone().into();
        }
    }
    project.write(path, &serde_json::to_string_pretty(&offer).unwrap());
    for step in ["publish-product", "create-offer"] {
        project
            .mpctl(&server.url(), &[step])
            .output()
            .expect_code(0);
    }
    let offer_id = state(&project, "OFFER_ID");
    let done = json_ok(&project, server, &["buyer", "accept", &offer_id]);
    let agreement = done["agreement_id"].as_str().unwrap().to_string();
    let clock = server.handle().clock();
    clock.advance(Duration::from_secs((8 + 30 * n as u64) * DAY));
    (project, agreement)
}

fn invoices(p: &Project, s: &Server, agreement: &str) -> Vec<Value> {
    let all = json_ok(p, s, &["agreement", "invoices", agreement]);
    all["items"].as_array().unwrap().clone()
}

fn refund_args<'a>(agreement: &'a str, invoice: &'a str, amount: &'a str) -> Vec<&'a str> {
    let reason = ["--reason", "BUYER_DISSATISFACTION"];
    let mut args = vec!["agreement", "refund", agreement, "--invoice", invoice];
    args.extend(["--amount", amount]);
    args.extend(reason);
    args
}

#[test]
fn a_refund_is_checked_planned_sent_and_completes_with_a_credit_memo() {
    let server = Server::start(no_stand_in());
    let (project, agreement) = invoiced(&server, 2);
    let (p, s) = (&project, &server);
    let listed = invoices(p, s, &agreement);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed.iter().all(|i| i["refundable"] == "100.00"),
        "{listed:?}"
    );
    let invoice = listed[0]["invoice_id"].as_str().unwrap().to_string();

    // More than what remains, or more decimals than USD takes: exit 2, nothing sent.
    for amount in ["150", "1.005", "-5"] {
        let done = p
            .mpctl(&s.url(), &refund_args(&agreement, &invoice, amount))
            .output();
        done.expect_code(2);
    }
    assert_eq!(s.count(BATCH), 0);

    // The plan is the request that is then sent.
    let mut plan_args = refund_args(&agreement, &invoice, "40");
    plan_args.extend(["--plan", "--output", "json"]);
    let plan = p.mpctl(&s.url(), &plan_args).output().expect_code(0).json();
    assert_eq!(s.count(BATCH), 0);
    let first = json_ok(p, s, &refund_args(&agreement, &invoice, "40"));
    let sent: Vec<Value> = (s.handle().requests().into_iter())
        .filter(|r| r.operation == BATCH)
        .map(|r| r.body.unwrap())
        .collect();
    assert_eq!(plan["items"][0]["body"], sent[0], "plan vs sent");
    let id = first["billing_adjustment_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        id.starts_with("ba-") && first["status"] == "PENDING",
        "{first}"
    );

    // AWS completes it: the invoice's refundable amount drops, a credit memo appears.
    s.handle().clock().advance(Duration::from_secs(3600));
    let got = json_ok(
        p,
        s,
        &[
            "agreement",
            "refund-request",
            &id,
            "--agreement",
            &agreement,
        ],
    );
    assert_eq!(got["status"], "COMPLETED", "{got}");
    let after = invoices(p, s, &agreement);
    let original = after
        .iter()
        .find(|i| i["invoice_id"] == invoice.as_str())
        .unwrap();
    assert_eq!(original["refundable"], "60.00", "{after:?}");
    let memo = after.iter().find(|i| i["invoice_type"] == "CREDIT_MEMO");
    assert_eq!(memo.expect("a credit memo")["amount"], "40.00", "{after:?}");

    // The same refund again is the same request: AWS keeps one.
    let again = json_ok(p, s, &refund_args(&agreement, &invoice, "40"));
    assert_eq!(again["billing_adjustment_request_id"], id.as_str());
    let listed = json_ok(p, s, &["agreement", "refunds", &agreement]);
    assert_eq!(listed["count"], 1, "{listed}");
    // And says so, an hour after the first.
    let text = p
        .mpctl(&s.url(), &refund_args(&agreement, &invoice, "40"))
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.contains("This refund was requested before") && text.contains("no second refund"),
        "{text}"
    );
}

/// A 12-row refund CSV over 12 invoices.
fn csv(agreement: &str, invoices: &[Value]) -> String {
    let mut text = "agreement_id,invoice_id,amount,reason,description\n".to_string();
    for (n, i) in invoices.iter().enumerate() {
        let id = i["invoice_id"].as_str().unwrap();
        text += &format!("{agreement},{id},10.00,OTHER,Credit {n}\n");
    }
    text
}

#[test]
fn bulk_refunds_killed_at_three_points_refund_each_row_exactly_once() {
    let server = Server::start(no_stand_in());
    let (project, agreement) = invoiced(&server, 12);
    let (p, s) = (&project, &server);
    let listed = invoices(p, s, &agreement);
    assert_eq!(listed.len(), 12);
    p.write("refunds.csv", &csv(&agreement, &listed));
    let args = ["agreement", "bulk-refund", "refunds.csv"];
    // Batch 1 accepted, its answer never journaled; batch 2 journaled as sent, never sent;
    // batch 3 accepted, never journaled. Each run resumes from the journal.
    for point in [
        "bulk-refund:after-send#1",
        "bulk-refund:after-journal#2",
        "bulk-refund:after-send#2",
    ] {
        let done = p
            .mpctl(&s.url(), &args)
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert_eq!(
            done.out.status.signal(),
            Some(9),
            "{point}: {}",
            done.stderr()
        );
    }
    let mut json_args = args.to_vec();
    json_args.extend(["--output", "json"]);
    let done = p.mpctl(&s.url(), &json_args).output().expect_code(0).json();
    assert_eq!(done["count"], 12);
    let mut ids: Vec<&str> = done["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["refund_id"].as_str().expect("every row created"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12);
    let on_aws = json_ok(p, s, &["agreement", "refunds", &agreement]);
    assert_eq!(
        on_aws["count"], 12,
        "exactly 12 refunds, none twice: {on_aws}"
    );
    // Entries per call and calls: 5 + 5 + 2, batch 1 and 3 sent twice (same tokens).
    let sizes: Vec<usize> = s
        .handle()
        .requests()
        .into_iter()
        .filter(|r| r.operation == BATCH)
        .map(|r| {
            r.body.unwrap()["billingAdjustmentRequestEntries"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(sizes, [5, 5, 5, 2, 2], "{sizes:?}");
    let results = std::fs::read_to_string(p.path("refunds.results.csv")).unwrap();
    assert_eq!(
        results.lines().filter(|l| l.contains(",created,")).count(),
        12
    );
    // Everything done: a re-run sends nothing.
    p.mpctl(&s.url(), &args).output().expect_code(0);
    assert_eq!(s.count(BATCH), 5);
}

#[test]
fn a_bad_refund_csv_names_every_problem_and_sends_nothing() {
    let server = Server::start(no_stand_in());
    let (project, agreement) = invoiced(&server, 2);
    let (p, s) = (&project, &server);
    let listed = invoices(p, s, &agreement);
    let (i1, i2) = (
        listed[0]["invoice_id"].as_str().unwrap(),
        listed[1]["invoice_id"].as_str().unwrap(),
    );
    let head = "agreement_id,invoice_id,amount,reason";
    p.write(
        "bad.csv",
        &format!("{head}\n{agreement},{i1},250,OTHER\n{agreement},nope,5,OTHER\n{agreement},{i2},5,OTHER\n{agreement},{i2},5,OTHER\n"),
    );
    let done = p
        .mpctl(&s.url(), &["agreement", "bulk-refund", "bad.csv"])
        .output();
    let err = done.expect_code(2).stderr();
    assert!(
        err.contains("bad.csv:2:3: 250.00 USD is more than the 100.00 USD still refundable"),
        "{err}"
    );
    assert!(err.contains("bad.csv:3:2: nope is not an invoice"), "{err}");
    assert!(err.contains("bad.csv:5:2:"), "{err}");
    assert!(!err.contains("bad.csv:4:"), "{err}");
    p.write(
        "syntax.csv",
        &format!("{head},colour\nagmt_x,{i1},abc,MAYBE,red\n"),
    );
    let done = p
        .mpctl(&s.url(), &["agreement", "bulk-refund", "syntax.csv"])
        .output();
    let err = done.expect_code(2).stderr();
    for at in [
        "syntax.csv:1:5:",
        "syntax.csv:2:1:",
        "syntax.csv:2:3:",
        "syntax.csv:2:4:",
    ] {
        assert!(err.contains(at), "{at}: {err}");
    }
    assert_eq!(s.count(BATCH), 0);
    for left in ["bad.journal", "bad.results.csv", "syntax.journal"] {
        assert!(!p.path(left).exists(), "{left} written");
    }
}
