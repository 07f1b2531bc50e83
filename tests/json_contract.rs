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

/// `emulator seed catalog` (issue 25), on an emulator of its own.
fn seeded_catalog(t: &mut Tour) {
    let (project, server) = (Project::new(), Server::fast());
    let args = [
        "emulator",
        "seed",
        "catalog",
        "--products",
        "2",
        "--offers",
        "4",
    ];
    let more = ["--agreements", "6", "--opportunities", "7"];
    let seeded = t.ok((&project, &server), &[&args[..], &more].concat());
    assert_eq!(seeded["agreements"]["count"], 6, "{seeded}");
}

/// Leads, engagements, AWS's view and bulk opportunities (issue 22).
fn cosell_more(t: &mut Tour) {
    let (project, server) = (Project::new(), Server::fast());
    let at = (&project, &server);
    let seeded = t.ok(at, &["emulator", "seed", "lead", "--company", "Tour"]);
    let id = text(&seeded["invitation_id"]);
    t.ok(at, &["lead", "list"]);
    let accepted = t.ok(at, &["lead", "accept", &id]);
    let (eng, opp) = (
        text(&accepted["engagement_id"]),
        text(&accepted["opportunity_id"]),
    );
    t.ok(at, &["engagement", "list"]);
    t.ok(at, &["engagement", "show", &eng]);
    t.ok(at, &["engagement", "snapshots", &eng]);
    t.ok(at, &["engagement", "snapshot", &eng, "--opportunity", &opp]);
    t.ok(
        at,
        &["engagement", "snapshot-show", &eng, "--opportunity", &opp],
    );
    let created = t.ok(
        at,
        &[
            "engagement",
            "create",
            "--opportunity",
            &opp,
            "--title",
            "Tour",
        ],
    );
    let new = text(&created["engagement_id"]);
    let invite = ["engagement", "invite", &new, "--account", "210987654321"];
    t.ok(
        at,
        &[&invite[..], &["--opportunity", &opp, "--message", "Join"]].concat(),
    );
    // An accepted lead's engagement already has a running job; the new engagement has none.
    let job = t.ok(
        at,
        &[
            "engagement",
            "snapshot-job",
            "create",
            &new,
            "--opportunity",
            &opp,
        ],
    );
    let job = text(&job["job_id"]);
    t.ok(at, &["engagement", "snapshot-job", "start", &job]);
    t.ok(at, &["engagement", "snapshot-jobs", &new]);
    t.ok(at, &["engagement", "snapshot-job", "stop", &job]);
    t.ok(at, &["engagement", "snapshot-job", "delete", &job]);
    let shown = t.ok(at, &["engagement", "show", &new]);
    let context = text(&shown["contexts"][0]["context_id"]);
    let update = ["engagement", "update-context", &new, "--context", &context];
    t.ok(at, &[&update[..], &["--opportunity", &opp]].concat());
    t.ok(at, &["engagement", "settings"]);
    t.ok(
        at,
        &["engagement", "settings", "--snapshot-job-role", "Tour"],
    );
    let assign = ["opportunity", "assign", &opp, "--email", "pat@example.com"];
    t.ok(
        at,
        &[
            &assign[..],
            &[
                "--first-name",
                "Pat",
                "--last-name",
                "Lee",
                "--title",
                "Owner",
            ],
        ]
        .concat(),
    );
    let referral = crate::cosell_cli::referral_invitation(&server, &project, "Tour Corp");
    let referred = t.ok(at, &["invitation", "accept", &referral]);
    let approved = text(&referred["opportunity_id"]);
    t.ok(at, &["opportunity", "aws-summary", &approved]);
    let solution = "S-0059717";
    let client = crate::support::partner_client(server.handle());
    server.block_on(async {
        let call = client
            .associate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(&opp);
        let call = call
            .related_entity_type("Solutions".into())
            .related_entity_identifier(solution);
        call.send().await.expect("associate")
    });
    t.ok(at, &["opportunity", "detach", &opp, "--solution", solution]);
    t.ok(at, &["opportunity", "tags", &opp, "--set", "crm=SF-1"]);
    t.ok(at, &["opportunity", "export", "opps.csv"]);
    t.ok(at, &["opportunity", "import", "opps.csv", "--yes"]);
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
    postsale(&mut t);
    cosell_more(&mut t);
    seeded_catalog(&mut t);
    metering(&mut t);
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
    let product = text(&project.state()["PRODUCT_ID"]);
    t.ok(at, &["listing", "pull", &product, &offer]);
    let file = format!("listing/{product}.json");
    let edited = project
        .read(&file)
        .replace("\"Premium service\"", "\"Premium, 24x7\"");
    project.write(&file, &edited);
    t.ok(at, &["listing", "diff"]);
    t.ok(at, &["listing", "plan"]);
    t.ok(at, &["listing", "apply"]);
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

/// After the signature: invoices and refunds (one, then a CSV), charges and a purchase order,
/// payment requests on a `@proserv-offer` agreement (rejected, withdrawn, approved), and a
/// pay-as-you-go agreement the buyer cancels.
fn postsale(t: &mut Tour) {
    let server = Server::start(crate::support::deal::no_stand_in());
    let project = crate::support::deal::seller(&server);
    let at = (&project, &server);
    let offer = text(&project.state()["OFFER_ID"]);
    let agreement = text(&t.ok(at, &["buyer", "accept", &offer])["agreement_id"]);
    payments(t, &project, &server);
    let on = ["--agreement", agreement.as_str()];
    let charges = t.ok(at, &[&["buyer", "charges"][..], &on].concat());
    let future = text(&charges["items"][1]["charge_id"]);
    let po = [&["buyer", "set-purchase-order", &future][..], &on].concat();
    t.ok(at, &[&po[..], &["--purchase-order", "PO-1"]].concat());
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(16 * 86_400));
    let invoices = t.ok(at, &["agreement", "invoices", &agreement]);
    let (first, second) = (
        text(&invoices["items"][0]["invoice_id"]),
        text(&invoices["items"][1]["invoice_id"]),
    );
    let refund = [
        "agreement",
        "refund",
        &agreement,
        "--invoice",
        &first,
        "--amount",
        "5",
    ];
    let done = t.ok(at, &[&refund[..], &["--reason", "OTHER"]].concat());
    let id = text(&done["billing_adjustment_request_id"]);
    t.ok(
        at,
        &[&["agreement", "refund-request", &id][..], &on].concat(),
    );
    t.ok(at, &["agreement", "refunds", &agreement]);
    let csv = format!("agreement_id,invoice_id,amount,reason\n{agreement},{second},5,OTHER\n");
    project.write("refunds.csv", &csv);
    t.ok(at, &["agreement", "bulk-refund", "refunds.csv"]);
}

/// Payment requests on a `@proserv-offer` agreement, and CancelAgreement on a usage-only one.
fn payments(t: &mut Tour, project: &Project, server: &Server) {
    let at = (project, server);
    let accept = |t: &mut Tour, template: &str| {
        let started = t.ok(at, &["changeset", "start", template, "--wait"]);
        let offer = text(&started["changes"][0]["entity"]["identifier"]);
        let offer = offer.split('@').next().unwrap().to_string();
        text(&t.ok(at, &["buyer", "accept", &offer])["agreement_id"])
    };
    let agreement = accept(t, "@proserv-offer");
    let on = ["--agreement", agreement.as_str()];
    let ask = |t: &mut Tour, name: &str| {
        let args = [
            "agreement",
            "request-payment",
            &agreement,
            "--name",
            name,
            "--amount",
            "100",
        ];
        text(&t.ok(at, &args)["payment_request_id"])
    };
    let first = ask(t, "Milestone 1");
    t.ok(at, &["agreement", "payment-requests", &agreement]);
    t.ok(
        at,
        &[&["agreement", "payment-request", &first][..], &on].concat(),
    );
    t.ok(at, &[&["buyer", "payment-requests"][..], &on].concat());
    t.ok(
        at,
        &[&["buyer", "reject-payment", &first][..], &on].concat(),
    );
    let second = ask(t, "Milestone 2");
    t.ok(
        at,
        &[&["agreement", "withdraw-payment-request", &second][..], &on].concat(),
    );
    let third = ask(t, "Milestone 3");
    t.ok(
        at,
        &[&["buyer", "accept-payment", &third][..], &on].concat(),
    );
    // Usage pricing only: the buyer may end it alone.
    let mut usage: Value =
        serde_json::from_str(&project.read("changesets/private-offer.json")).unwrap();
    let changes = usage["ChangeSet"].as_array_mut().unwrap();
    changes.retain(|c| c["ChangeType"] != "UpdatePaymentScheduleTerms");
    for c in changes
        .iter_mut()
        .filter(|c| c["ChangeType"] == "UpdatePricingTerms")
    {
        c["DetailsDocument"]["PricingModel"] = "Usage".into();
        let terms = c["DetailsDocument"]["Terms"].as_array_mut().unwrap();
        terms.retain(|t| t["Type"] == "UsageBasedPricingTerm");
    }
    project.write("usage-offer.json", &usage.to_string());
    let payg = accept(t, "usage-offer.json");
    t.ok(at, &["buyer", "cancel-agreement", &payg]);
}

/// A SaaS product's usage and entitlements, and the emulator's registration token.
fn metering(t: &mut Tour) {
    let server = crate::metering::server();
    let (project, product, agreement) = crate::metering::subscribed(&server);
    let at = (&project, &server);
    let now = server.handle().clock().now();
    let at_now = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let buyer = crate::metering::BUYER;
    project.write(
        "usage.csv",
        &format!("buyer,dimension,quantity,timestamp\n{buyer},WorkloadSmall,3,{at_now}\n"),
    );
    t.ok(
        at,
        &["metering", "send", "usage.csv", "--product", &product],
    );
    t.ok(at, &["entitlement", "list", "--product", &product]);
    let seed = ["emulator", "seed", "registration-token", "--account", buyer];
    t.ok(at, &[&seed[..], &["--product", &product]].concat());
    refunds_of_usage(t, at, &agreement);
}

/// The usage's invoice on the 1st of next month (3 × 0.12), then refunded: one refund, the list,
/// the request, and a bulk refund once the first completed.
fn refunds_of_usage(t: &mut Tour, at: (&Project, &Server), agreement: &str) {
    use chrono::{Datelike, TimeZone};
    let (project, server) = at;
    let clock = server.handle().clock();
    let now = clock.now();
    let (y, m) = match now.month() {
        12 => (now.year() + 1, 1),
        m => (now.year(), m + 1),
    };
    let first = chrono::Utc
        .with_ymd_and_hms(y, m, 1, 0, 0, 1)
        .single()
        .expect("date");
    clock.advance(std::time::Duration::from_secs(
        (first - now).num_seconds().max(0) as u64,
    ));
    let listed = t.ok(at, &["agreement", "invoices", agreement]);
    let usage = (listed["items"].as_array().expect("items").iter())
        .find(|i| i["amount"] == "0.36")
        .unwrap_or_else(|| panic!("the usage invoice: {listed}"));
    let invoice = text(&usage["invoice_id"]);
    let refund = ["agreement", "refund", agreement, "--invoice", &invoice];
    let done = t.ok(
        at,
        &[&refund[..], &["--amount", "0.10", "--reason", "OTHER"]].concat(),
    );
    let id = text(&done["billing_adjustment_request_id"]);
    t.ok(at, &["agreement", "refunds", agreement]);
    t.ok(
        at,
        &["agreement", "refund-request", &id, "--agreement", agreement],
    );
    clock.advance(std::time::Duration::from_secs(3600));
    let csv = format!("agreement_id,invoice_id,amount,reason\n{agreement},{invoice},0.05,OTHER\n");
    project.write("refunds.csv", &csv);
    t.ok(at, &["agreement", "bulk-refund", "refunds.csv"]);
}
