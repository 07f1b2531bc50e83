//! Cancellation requests through the binary: the seller's `agreement cancel|cancellations|
//! cancellation|withdraw-cancellation` and the buyer's `buyer accept-cancellation|
//! reject-cancellation`, against the emulator.

use serde_json::Value;

use super::{json_ok, no_stand_in, seller, state};
use crate::support::project::Project;
use crate::support::server::Server;

const SEND: &str = "SendAgreementCancellationRequest";

/// A seller project and an ACTIVE agreement on its offer (the first buyer accepted).
fn deal(server: &Server) -> (Project, String) {
    let project = seller(server);
    let offer = state(&project, "OFFER_ID");
    let done = json_ok(&project, server, &["buyer", "accept", &offer]);
    (project, text(&done["agreement_id"]))
}

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// The bodies of every SendAgreementCancellationRequest the emulator received.
fn sends(server: &Server) -> Vec<Value> {
    let all = server.handle().requests().into_iter();
    all.filter(|r| r.operation == SEND)
        .map(|r| r.body.unwrap_or(Value::Null))
        .collect()
}

fn cancel(p: &Project, s: &Server, agreement: &str, description: &str) -> Value {
    let args = [
        "agreement",
        "cancel",
        agreement,
        "--reason",
        "TEST_AGREEMENT",
    ];
    let mut args = args.to_vec();
    args.extend(["--description", description]);
    json_ok(p, s, &args)
}

fn status(p: &Project, s: &Server, agreement: &str) -> Value {
    json_ok(p, s, &["agreement", "describe", agreement])["agreement"]["status"].clone()
}

#[test]
fn the_buyer_rejects_then_accepts_and_the_agreement_is_cancelled() {
    let server = Server::start(no_stand_in());
    let (project, agreement) = deal(&server);
    let (p, s) = (&project, &server);
    let first = cancel(p, s, &agreement, "Test deal");
    let id = text(&first["cancellation_request_id"]);
    assert!(id.starts_with("acr-"), "{id}");
    assert_eq!(first["status"], "PENDING_APPROVAL");
    assert_eq!(first["description"], "Test deal");

    // A re-run is the same request: the same clientToken, and AWS keeps one request.
    let again = cancel(p, s, &agreement, "Test deal");
    assert_eq!(again["cancellation_request_id"], id.as_str());
    let sent = sends(s);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0], sent[1]);
    assert!(sent[0]["clientToken"].is_string(), "{}", sent[0]);
    let listed = json_ok(p, s, &["agreement", "cancellations", &agreement]);
    assert_eq!(listed["count"], 1, "{listed}");

    let reason = "We still use it";
    let args = [
        "buyer",
        "reject-cancellation",
        &id,
        "--agreement",
        &agreement,
    ];
    let rejected = json_ok(p, s, &[&args[..], &["--reason", reason]].concat());
    assert_eq!(rejected["status"], "REJECTED");
    let seen = json_ok(
        p,
        s,
        &["agreement", "cancellation", &id, "--agreement", &agreement],
    );
    assert_eq!(seen["status"], "REJECTED");
    assert_eq!(seen["status_message"], reason);
    assert_eq!(status(p, s, &agreement), "ACTIVE");

    // Asking again with the same text is the answered request: said so, nothing new.
    let args = [
        "agreement",
        "cancel",
        &agreement,
        "--reason",
        "TEST_AGREEMENT",
    ];
    let same = p
        .mpctl(
            &s.url(),
            &[&args[..], &["--description", "Test deal"]].concat(),
        )
        .output()
        .expect_code(0);
    assert!(
        same.stderr().contains("nothing new was sent"),
        "{}",
        same.stderr()
    );
    let second = cancel(p, s, &agreement, "Test deal, second ask");
    let second_id = text(&second["cancellation_request_id"]);
    assert_ne!(second_id, id);
    let args = [
        "buyer",
        "accept-cancellation",
        &second_id,
        "--agreement",
        &agreement,
    ];
    assert_eq!(json_ok(p, s, &args)["status"], "APPROVED");
    assert_eq!(status(p, s, &agreement), "CANCELLED");
    let all = json_ok(p, s, &["agreement", "cancellations"]);
    assert_eq!(all["count"], 2, "{all}");
    let approved = json_ok(
        p,
        s,
        &["agreement", "cancellations", "--status", "APPROVED"],
    );
    assert_eq!(
        approved["items"][0]["cancellation_request_id"],
        second_id.as_str()
    );
}

#[test]
fn a_withdrawn_request_cannot_be_accepted_and_the_agreement_stays_active() {
    let server = Server::start(no_stand_in());
    let (project, agreement) = deal(&server);
    let (p, s) = (&project, &server);
    let id = text(&cancel(p, s, &agreement, "Sent in error")["cancellation_request_id"]);
    // One pending request per agreement: AWS's refusal, exit 1 with its message.
    let args = ["agreement", "cancel", &agreement, "--reason", "OTHER"];
    let refused = p.mpctl(&s.url(), &args).output().expect_code(1);
    assert!(
        refused.stderr().contains("ConflictException"),
        "{}",
        refused.stderr()
    );

    let args = [
        "agreement",
        "withdraw-cancellation",
        &id,
        "--agreement",
        &agreement,
    ];
    let withdrawn = json_ok(p, s, &args);
    assert_eq!(withdrawn["status"], "CANCELLED");
    assert_eq!(withdrawn["status_message"], "Withdrawn by the seller");
    assert_eq!(status(p, s, &agreement), "ACTIVE");
    let args = [
        "buyer",
        "accept-cancellation",
        &id,
        "--agreement",
        &agreement,
    ];
    let late = p.mpctl(&s.url(), &args).output().expect_code(1);
    assert!(
        late.stderr().contains("ConflictException"),
        "{}",
        late.stderr()
    );
    assert_eq!(status(p, s, &agreement), "ACTIVE");
}

#[test]
fn a_bad_reason_code_or_request_id_exits_2_with_nothing_sent() {
    let server = Server::start(no_stand_in());
    let project = Project::new();
    let url = server.url();
    let bad = [
        vec!["agreement", "cancel", "agmt-abc", "--reason", "BORED"],
        vec!["agreement", "cancel", "agreement-1", "--reason", "OTHER"],
        vec![
            "agreement",
            "cancellation",
            "acr_1",
            "--agreement",
            "agmt-abc",
        ],
        vec!["buyer", "accept-cancellation", "acr-1", "--agreement", "x"],
        vec!["agreement", "cancellations", "--status", "OPEN"],
    ];
    for args in bad {
        let done = project.mpctl(&url, &args).output().expect_code(2);
        assert!(
            done.stderr().contains("error"),
            "{args:?}: {}",
            done.stderr()
        );
    }
    let help = project
        .mpctl(&url, &["agreement", "cancel", "--help"])
        .output()
        .expect_code(0);
    assert!(
        help.stdout().contains("UNINTENDED_RENEWAL"),
        "{}",
        help.stdout()
    );
    assert!(server.operations().is_empty(), "{:?}", server.operations());
}
