//! The JSON contract (`--output json`): the shipped schemas in `schemas/` are exactly what the
//! result types generate; usage errors are failure documents too; and a tour runs every
//! command against the emulator, checking each document against its shipped schema and for
//! snake_case keys (`support::contract::check`, which every `Done::json` call also runs).

use std::collections::BTreeSet;

use mpctl_emulator::Timings;
use serde_json::Value;

use crate::support::contract::{self, schema_dir};
use crate::support::partner::create_referral;
use crate::support::project::Project;
use crate::support::server::Server;

/// Set to regenerate `schemas/` from the result types instead of comparing.
const UPDATE: &str = "MPCTL_UPDATE_SCHEMAS";

#[test]
fn shipped_schemas_match_the_result_types() {
    let update = std::env::var_os(UPDATE).is_some();
    let dir = schema_dir();
    let mut stale = Vec::new();
    let mut expected = BTreeSet::new();
    for (stem, schema) in mpctl::commands::schema::all() {
        let file = format!("{stem}.json");
        let text = serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n";
        let path = dir.join(&file);
        if update {
            std::fs::create_dir_all(&dir).expect("create schemas/");
            std::fs::write(&path, &text).expect("write schema");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file.clone());
        }
        expected.insert(file);
    }
    let shipped: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("schemas/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let extra: Vec<&String> = shipped.difference(&expected).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "schemas/ is stale: {stale:?} differ, {extra:?} belong to no command\n  \
         regenerate with: {UPDATE}=1 cargo test --test lib json_contract"
    );
}

#[test]
fn usage_errors_under_output_json_are_one_failure_document() {
    let project = Project::new();
    let cases: &[&[&str]] = &[
        &["status", "--no-such-flag"],
        &["no-such-command"],
        &["offer", "extend", "offer-abc123"],
        &["offer", "extend", "offer-abc123", "--until", "next week"],
        &["offer", "clone", "offer-abc123", "--until", "2030-02-30"],
        &["agreement", "search", "--ends-before", "soon"],
        &["status", "--catalog", "Prod"],
        &["changeset", "wait"],
        &["--output=json", "entity"],
        &[],
    ];
    for args in cases {
        let mut all = args.to_vec();
        if !all.contains(&"--output=json") {
            all.extend(["--output", "json"]);
        }
        let done = project.offline(&all).expect_code(2);
        let doc = done.json();
        assert_eq!(doc["ok"], false, "{args:?}");
        assert_eq!(doc["error"]["kind"], "usage", "{args:?}: {doc:#}");
        assert_eq!(doc["error"]["exit_code"], 2, "{args:?}");
        let message = doc["error"]["message"].as_str().expect("message");
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{doc:#}"
        );
        assert!(
            done.stderr().starts_with("mpctl: error:"),
            "{}",
            done.stderr()
        );
        assert_eq!(contract::schema_errors("error", &doc), Vec::<String>::new());
    }
    // Without --output json a usage error prints nothing on stdout.
    let text = project
        .offline(&["status", "--no-such-flag"])
        .expect_code(2);
    assert_eq!(text.stdout(), "");
    // --help and --version are not errors, whatever --output says.
    for args in [
        &["status", "--help", "--output", "json"][..],
        &["--version"],
    ] {
        let done = project.offline(args).expect_code(0);
        assert!(done.stdout().contains("mpctl"), "{}", done.stdout());
        assert!(serde_json::from_str::<Value>(&done.stdout()).is_err());
    }
}

#[test]
fn command_failures_carry_kind_message_and_hint() {
    let project = Project::new();
    // Bad input found by mpctl itself (exit 2): the hint gets its own field.
    let done = project
        .offline(&[
            "offer",
            "extend",
            "offer-abc123",
            "--until",
            "2020-01-01",
            "--output",
            "json",
        ])
        .expect_code(2);
    let doc = done.json();
    assert_eq!(doc["error"]["kind"], "bad_input");
    assert!(
        doc["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("offer expire"),
        "{doc:#}"
    );
    assert!(!doc["error"]["message"].as_str().unwrap().contains("hint:"));
    assert!(done.stderr().contains("hint:"), "{}", done.stderr());
    // Any other failure (exit 1): kind failure, the causes joined, no hint.
    project.write("taken", "a file, not a directory");
    let doc = project
        .offline(&["init", "taken", "--output", "json"])
        .expect_code(1)
        .json();
    assert_eq!(doc["error"]["kind"], "failure");
    assert_eq!(doc["error"]["exit_code"], 1);
    assert!(
        doc["error"]["message"].as_str().unwrap().contains("taken"),
        "{doc:#}"
    );
}

#[test]
fn snake_case_check_knows_the_pass_through_fields() {
    let doc: Value = serde_json::json!({
        "ok": true,
        "items": [{"entity_id": "e", "details_document": {"Name": "x", "Terms": [{"Type": "t"}]}}],
        "request": {"ChangeSet": []}
    });
    assert!(contract::non_snake_keys(&doc).is_empty());
    let bad =
        serde_json::json!({"ok": true, "items": [{"EntityId": "e", "nested": {"fooBar": 1}}]});
    assert_eq!(
        contract::non_snake_keys(&bad),
        vec![
            "/items/0/EntityId".to_string(),
            "/items/0/nested/fooBar".to_string()
        ]
    );
}

/// The commands run so far, each with `--output json`; each document is checked by
/// `Done::json` (shipped schema, snake_case keys).
#[derive(Default)]
struct Tour {
    covered: BTreeSet<String>,
}

impl Tour {
    fn run(&mut self, at: (&Project, &Server), args: &[&str], code: i32) -> Value {
        let (project, server) = at;
        let mut all = args.to_vec();
        all.extend(["--output", "json"]);
        let done = project
            .mpctl(&server.url(), &all)
            .output()
            .expect_code(code);
        let doc = done.json();
        let owned: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        self.covered
            .insert(contract::schema_for(&owned, &doc).expect("a command"));
        doc
    }

    fn ok(&mut self, at: (&Project, &Server), args: &[&str]) -> Value {
        self.run(at, args, 0)
    }
}

fn text(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// Every command once with `--output json` against the emulator; each document is checked
/// against its command's shipped schema and for snake_case keys, and every shipped schema
/// must have been exercised.
#[test]
fn every_command_prints_a_document_its_schema_accepts() {
    let mut t = Tour::default();
    workflow_and_cosell(&mut t);
    changesets_and_entities(&mut t);
    offers_agreements_and_the_buyer(&mut t);
    cancellations(&mut t);
    events(&mut t);
    let all: BTreeSet<String> = mpctl::commands::schema::all()
        .into_iter()
        .map(|(stem, _)| stem.to_string())
        .collect();
    let missed: Vec<&String> = all.difference(&t.covered).collect();
    assert!(
        missed.is_empty(),
        "commands the tour did not run: {missed:?}"
    );
}

/// init, run-all, each step again (skipped), status, opportunities and invitations.
fn workflow_and_cosell(t: &mut Tour) {
    let server = Server::fast();
    let project = Project::new();
    let at = (&project, &server);
    t.ok(at, &["init", "starter"]);
    t.ok(at, &["run-all", "--plan"]);
    t.ok(at, &["run-all"]);
    t.ok(at, &["doctor"]);
    t.ok(at, &["emulator", "time"]);
    t.ok(at, &["emulator", "advance", "1s"]);
    for step in [
        "publish-product",
        "create-offer",
        "create-opportunity",
        "associate-offer",
        "search-agreement",
        "commit",
        "status",
    ] {
        t.ok(at, &[step]);
    }
    let opportunity = text(&project.state()["OPPORTUNITY_ID"]);
    t.ok(at, &["opportunity", "get"]);
    t.ok(at, &["opportunity", "list"]);
    t.ok(at, &["opportunity", "set-stage", &opportunity, "Committed"]);
    let partner = crate::support::partner_client(server.handle());
    server.block_on(create_referral(&partner, "Globex"));
    server.block_on(create_referral(&partner, "Initech"));
    let invitations = t.ok(at, &["invitation", "list", "--status", "PENDING"]);
    let ids: Vec<String> = invitations["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| text(&i["invitation_id"]))
        .collect();
    t.ok(at, &["invitation", "accept", &ids[0]]);
    t.ok(at, &["invitation", "reject", &ids[1], "--reason", "Other"]);
}

/// Every changeset and entity subcommand, failures included.
fn changesets_and_entities(t: &mut Tour) {
    // Slow change sets, so one is still running to cancel.
    let server = Server::start(Timings {
        changeset_seconds: 1.0,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    let at = (&project, &server);
    t.ok(at, &["changeset", "templates"]);
    t.ok(at, &["changeset", "validate", "@saas-product"]);
    t.run(at, &["changeset", "validate", "@offer-targeting"], 2);
    t.ok(at, &["changeset", "render", "@saas-product"]);
    let started = t.ok(at, &["changeset", "start", "@saas-product"]);
    let id = text(&started["change_set_id"]);
    let other = t.ok(
        at,
        &["changeset", "start", "@saas-product", "--name", "to cancel"],
    );
    t.ok(at, &["changeset", "cancel", &text(&other["change_set_id"])]);
    let done = t.ok(at, &["changeset", "wait", &id]);
    t.ok(at, &["changeset", "describe", &id]);
    t.ok(at, &["changeset", "list"]);
    t.run(at, &["changeset", "cancel", &id], 1);
    let product = done["changes"][0]["entity"]["identifier"].clone();
    let product = text(&product);
    t.ok(at, &["entity", "describe", &product]);
    t.run(
        at,
        &["entity", "describe", &product, "offer-doesnotexist1"],
        1,
    );
    t.ok(at, &["entity", "list", "SaaSProduct"]);
    let bare = product.split('@').next().unwrap_or_default();
    t.ok(at, &["entity", "tag", bare, "team=billing"]);
    t.ok(at, &["entity", "untag", bare, "team"]);
    t.ok(at, &["entity", "tags", bare]);
    project.write(
        "policy.json",
        r#"{"Version": "2012-10-17", "Statement": []}"#,
    );
    t.ok(
        at,
        &["entity", "policy", "put", bare, "--file", "policy.json"],
    );
    t.ok(at, &["entity", "policy", "get", bare]);
}

/// Offers, agreements and the buyer, with no stand-in buyer (the buyer commands accept); then
/// a one-row campaign and its status.
fn offers_agreements_and_the_buyer(t: &mut Tour) {
    let server = Server::start(Timings {
        accept_seconds: 1.0e7,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    let at = (&project, &server);
    t.ok(at, &["publish-product"]);
    t.ok(at, &["create-offer"]);
    let offer = text(&project.state()["OFFER_ID"]);
    t.ok(at, &["offer", "list"]);
    t.ok(at, &["offer", "describe", &offer]);
    t.ok(at, &["listing", "preview", &offer, "--as", "111122223333"]);
    let buyer = "777788889999";
    t.ok(
        at,
        &["offer", "clone", &offer, "--buyer", buyer, "--dry-run"],
    );
    let clone = t.ok(at, &["offer", "clone", &offer, "--buyer", buyer, "--yes"]);
    let clone = text(&clone["offer_id"]);
    t.ok(at, &["offer", "extend", &clone, "--until", "2031-06-30"]);
    let accepted = t.ok(at, &["buyer", "accept", &offer]);
    let agreement = text(&accepted["agreement_id"]);
    t.ok(at, &["agreement", "search", "--offer", &offer]);
    t.ok(at, &["agreement", "describe", &agreement]);
    t.ok(at, &["agreement", "terms", &agreement]);
    t.ok(at, &["offer", "replace", &agreement, "--dry-run"]);
    let replacement = t.ok(at, &["offer", "replace", &agreement, "--yes"]);
    let replacement = text(&replacement["offer_id"]);
    t.ok(
        at,
        &["buyer", "replace", &agreement, "--offer", &replacement],
    );
    t.ok(at, &["offer", "expire", &clone]);
    project.write("deals.csv", "buyers,offer_name\n111122223333,Tour deal\n");
    t.ok(at, &["campaign", "run", "deals.csv"]);
    t.ok(at, &["campaign", "status", "deals.csv"]);
}

/// A cancellation request on an accepted offer: sent, listed, read, rejected, sent again and
/// withdrawn, sent a third time and accepted.
/// `events setup|forward|teardown` against a fresh emulator (`tail` prints events, not a
/// document).
fn events(t: &mut Tour) {
    let server = Server::fast();
    let project = Project::new();
    let at = (&project, &server);
    t.ok(at, &["events", "setup"]);
    t.ok(at, &["events", "forward", "--exec", "true", "--idle", "1"]);
    t.ok(at, &["events", "teardown"]);
}

fn cancellations(t: &mut Tour) {
    let server = Server::start(crate::support::deal::no_stand_in());
    let project = crate::support::deal::seller(&server);
    let at = (&project, &server);
    let offer = text(&project.state()["OFFER_ID"]);
    let agreement = text(&t.ok(at, &["buyer", "accept", &offer])["agreement_id"]);
    let ask = |t: &mut Tour, description: &str| {
        let args = [
            "agreement",
            "cancel",
            &agreement,
            "--reason",
            "TEST_AGREEMENT",
        ];
        let sent = t.ok(at, &[&args[..], &["--description", description]].concat());
        text(&sent["cancellation_request_id"])
    };
    let first = ask(t, "first");
    let on = ["--agreement", agreement.as_str()];
    t.ok(at, &["agreement", "cancellations", &agreement]);
    t.ok(
        at,
        &[&["agreement", "cancellation", &first][..], &on].concat(),
    );
    let reject = [&["buyer", "reject-cancellation", &first][..], &on].concat();
    t.ok(at, &[&reject[..], &["--reason", "still in use"]].concat());
    let second = ask(t, "second");
    t.ok(
        at,
        &[&["agreement", "withdraw-cancellation", &second][..], &on].concat(),
    );
    let third = ask(t, "third");
    t.ok(
        at,
        &[&["buyer", "accept-cancellation", &third][..], &on].concat(),
    );
}
