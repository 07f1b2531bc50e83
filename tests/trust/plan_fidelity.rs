//! `--plan` is what is sent: for every write command, the plan's bodies equal the bodies the
//! emulator then receives from the same command run for real (read from its request log).
//! A `<…>` placeholder in a plan (an id a later request creates, or the token generated when
//! the request is first saved) stands for any string, and a `<…>` key for members only the
//! read made when the request is built can give; nothing else may differ.

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

/// Whether `sent` is what `planned` says, `<…>` strings matching any string.
fn matches(planned: &Value, sent: &Value) -> bool {
    match (planned, sent) {
        (Value::String(p), Value::String(_)) if p.starts_with('<') && p.ends_with('>') => true,
        (Value::String(p), Value::String(s)) => {
            // A placeholder inside a longer string (an ARN built from a later id).
            match p.find('<') {
                Some(i) if p.ends_with('>') => s.starts_with(&p[..i]),
                _ => p == s,
            }
        }
        (Value::Object(p), Value::Object(s)) => {
            // A `<…>` key stands for members known only when the request is built (the rest
            // of a full UpdateOpportunity, as GetOpportunity returns it then).
            let open = p.keys().any(|k| k.starts_with('<'));
            let known = p.iter().filter(|(k, _)| !k.starts_with('<'));
            (open || p.len() == s.len())
                && known
                    .clone()
                    .all(|(k, v)| s.get(k).is_some_and(|x| matches(v, x)))
        }
        (Value::Array(p), Value::Array(s)) => {
            p.len() == s.len() && p.iter().zip(s).all(|(a, b)| matches(a, b))
        }
        (p, s) => p == s,
    }
}

/// Runs `args` with `--plan`, then for real, and asserts that the writes the emulator
/// received are exactly the plan's, in order. Returns the plan.
pub fn plan_then_run(server: &Server, p: &Project, args: &[&str]) -> Value {
    let url = server.url();
    let mut planned_args = args.to_vec();
    planned_args.extend(["--plan", "--output", "json"]);
    let before = server.handle().requests().len();
    let plan = p.mpctl(&url, &planned_args).output().expect_code(0).json();
    let items = plan["items"].as_array().expect("plan items").clone();
    let writes_during_plan: Vec<String> = server.handle().requests()[before..]
        .iter()
        .filter(|r| items.iter().any(|i| i["operation"] == r.operation.as_str()))
        .map(|r| r.operation.clone())
        .collect();
    assert!(
        writes_during_plan.is_empty(),
        "--plan sent {writes_during_plan:?}"
    );
    let since = server.handle().requests().len();
    let done = p.mpctl(&url, args).output();
    assert_eq!(done.code(), 0, "{args:?}: {}", done.stderr());
    let sent: Vec<(String, Value)> = server.handle().requests()[since..]
        .iter()
        .filter(|r| items.iter().any(|i| i["operation"] == r.operation.as_str()))
        .map(|r| (r.operation.clone(), r.body.clone().unwrap_or(Value::Null)))
        .collect();
    let planned: Vec<String> = items.iter().map(|i| i["operation"].to_string()).collect();
    assert_eq!(
        items.len(),
        sent.len(),
        "{args:?}: planned {planned:?}, sent {:?}",
        sent.iter().map(|(o, _)| o).collect::<Vec<_>>()
    );
    for (item, (op, body)) in items.iter().zip(&sent) {
        assert_eq!(item["operation"], op.as_str(), "{args:?}");
        assert!(
            matches(&item["body"], body),
            "{args:?}: {op} differs from its plan\nplanned: {}\nsent:    {}",
            serde_json::to_string_pretty(&item["body"]).unwrap_or_default(),
            serde_json::to_string_pretty(body).unwrap_or_default()
        );
    }
    plan
}

#[test]
fn run_all_sends_what_its_plan_shows() {
    let server = Server::fast();
    let p = Project::new();
    plan_then_run(&server, &p, &["run-all"]);
}

#[test]
fn each_step_sends_what_its_plan_shows() {
    let server = Server::fast();
    let p = Project::new();
    for step in [
        "publish-product",
        "create-offer",
        "create-opportunity",
        "associate-offer",
        "commit",
    ] {
        plan_then_run(&server, &p, &[step]);
    }
    let opportunity = p.state()["OPPORTUNITY_ID"]
        .as_str()
        .expect("opp")
        .to_string();
    plan_then_run(
        &server,
        &p,
        &["opportunity", "set-stage", &opportunity, "Launched"],
    );
}

#[test]
fn a_rate_card_and_a_discount_are_in_the_plan() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    p.write(
        "rates.csv",
        "DimensionKey,Price\nWorkloadSmall,0.77\nWorkloadMedium,0.99\nWorkloadLarge,1.55\n",
    );
    let plan = plan_then_run(&server, &p, &["create-offer", "--rate-card", "rates.csv"]);
    let text = plan.to_string();
    for price in ["0.77", "0.99", "1.55"] {
        assert!(text.contains(price), "{price} missing from {text}");
    }
}

#[test]
fn offer_writes_send_what_their_plans_show() {
    let server = Server::fast();
    let p = crate::lifecycle::seller(&server);
    let offer = p.state()["OFFER_ID"].as_str().expect("offer").to_string();
    let until = (chrono::Utc::now().date_naive() + chrono::Days::new(90)).to_string();
    plan_then_run(&server, &p, &["offer", "extend", &offer, "--until", &until]);
    plan_then_run(
        &server,
        &p,
        &["offer", "clone", &offer, "--buyer", "999988887777"],
    );
    plan_then_run(&server, &p, &["offer", "expire", &offer]);
    plan_then_run(
        &server,
        &p,
        &[
            "changeset",
            "start",
            "@offer-availability",
            "--var",
            &format!("OFFER_ID={offer}"),
        ],
    );
}

#[test]
fn campaign_rows_with_rate_cards_discounts_and_cosell_send_what_the_plan_shows() {
    let server = Server::fast();
    let csv =
        "buyers,rate_card,discount_percent,customer_company,customer_website,customer_country\n\
               100000000001,rates.csv,10,Acme,https://acme.example.com,US\n\
               100000000002,,25,,,\n";
    let p = crate::campaign::project(&server, csv);
    p.write(
        "rates.csv",
        "DimensionKey,Price\nWorkloadSmall,0.77\nWorkloadMedium,0.99\nWorkloadLarge,1.55\n",
    );
    let plan = plan_then_run(
        &server,
        &p,
        &["campaign", "run", "deals.csv", "--parallel", "1"],
    );
    let text = plan.to_string();
    // The rate card's prices less the row's 10 %: 0.77 → 0.693, 0.99 → 0.891, 1.55 → 1.395.
    for price in ["\"0.693\"", "\"0.891\"", "\"1.395\""] {
        assert!(text.contains(price), "{price} missing from {text}");
    }
    assert_eq!(
        plan["reads"].as_array().map(Vec::len),
        Some(1),
        "{}",
        plan["reads"]
    );
    assert!(!p.path("deals.campaign").exists() || p.path("deals.results.csv").exists());
}

#[test]
fn invitation_answers_and_a_replacement_offer_send_what_their_plans_show() {
    let server = Server::fast();
    let p = crate::lifecycle::seller(&server);
    let accept = crate::cosell_cli::referral_invitation(&server, &p, "Globex");
    plan_then_run(&server, &p, &["invitation", "accept", &accept]);
    let reject = crate::cosell_cli::referral_invitation(&server, &p, "Initech");
    plan_then_run(
        &server,
        &p,
        &["invitation", "reject", &reject, "--reason", "Other"],
    );
    p.mpctl(&server.url(), &["search-agreement", "--wait"])
        .output()
        .expect_code(0);
    let agreement = p.state()["AGREEMENT_ID"]
        .as_str()
        .expect("agreement")
        .to_string();
    plan_then_run(&server, &p, &["offer", "replace", &agreement]);
}

#[test]
fn entity_tag_and_untag_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let product = p.state()["PRODUCT_ID"]
        .as_str()
        .expect("product")
        .to_string();
    let plan = plan_then_run(
        &server,
        &p,
        &["entity", "tag", &product, "team=billing", "env=prod"],
    );
    assert_eq!(plan["reads"][0], format!("DescribeEntity {product}"));
    let body = &plan["items"][0]["body"];
    assert!(body["ResourceArn"]
        .as_str()
        .is_some_and(|a| a.ends_with(&product)));
    assert_eq!(body["Tags"][1]["Value"], "prod", "{body}");
    plan_then_run(&server, &p, &["entity", "untag", &product, "env"]);
}

#[test]
fn entity_policy_put_and_delete_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let product = p.state()["PRODUCT_ID"]
        .as_str()
        .expect("product")
        .to_string();
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "aws-marketplace:DescribeEntity", "Resource": "*"}]}"#;
    p.write("policy.json", policy);
    let plan = plan_then_run(
        &server,
        &p,
        &["entity", "policy", "put", &product, "--file", "policy.json"],
    );
    assert_eq!(plan["reads"][0], format!("DescribeEntity {product}"));
    assert_eq!(plan["items"][0]["body"]["Policy"], policy);
    plan_then_run(&server, &p, &["entity", "policy", "delete", &product]);
}

#[test]
fn a_change_set_file_with_tags_sends_them_as_planned() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let product = p.state()["PRODUCT_ID"]
        .as_str()
        .expect("product")
        .to_string();
    let request = serde_json::json!({
        "Catalog": "AWSMarketplace",
        "ChangeSetTags": [{"Key": "team", "Value": "deals"}],
        "ChangeSet": [{
            "ChangeType": "UpdateInformation",
            "Entity": {"Type": "SaaSProduct@1.0", "Identifier": product},
            "DetailsDocument": {"ProductTitle": "Acme Analytics"},
            "EntityTags": [{"Key": "owner", "Value": "sales"}]
        }]
    });
    p.write("tagged.json", &request.to_string());
    plan_then_run(
        &server,
        &p,
        &["changeset", "start", "tagged.json", "--wait"],
    );
    let tags = p
        .mpctl(
            &server.url(),
            &["entity", "tags", &product, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert!(tags.to_string().contains("\"owner\""), "{tags}");
}

#[test]
fn cancellation_requests_send_what_their_plans_show() {
    use crate::lifecycle::{json_ok, no_stand_in, seller, state};
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let offer = state(&p, "OFFER_ID");
    let deal = json_ok(&p, &server, &["buyer", "accept", &offer]);
    let agreement = deal["agreement_id"]
        .as_str()
        .expect("agreement")
        .to_string();
    let pending = |p: &Project| {
        let args = [
            "agreement",
            "cancellations",
            &agreement,
            "--status",
            "PENDING_APPROVAL",
        ];
        let listed = json_ok(p, &server, &args);
        listed["items"][0]["cancellation_request_id"]
            .as_str()
            .expect("a pending request")
            .to_string()
    };
    for (description, answer) in [("one", "withdraw"), ("two", "reject"), ("three", "accept")] {
        let args = ["agreement", "cancel", &agreement, "--reason", "OTHER"];
        let plan = plan_then_run(
            &server,
            &p,
            &[&args[..], &["--description", description]].concat(),
        );
        assert!(
            plan["items"][0]["body"]["clientToken"].is_string(),
            "{plan}"
        );
        let id = pending(&p);
        let on = ["--agreement", agreement.as_str()];
        let args: Vec<&str> = match answer {
            "withdraw" => [&["agreement", "withdraw-cancellation", &id][..], &on].concat(),
            "reject" => [
                &["buyer", "reject-cancellation", &id][..],
                &on,
                &["--reason", "no"],
            ]
            .concat(),
            _ => [&["buyer", "accept-cancellation", &id][..], &on].concat(),
        };
        plan_then_run(&server, &p, &args);
    }
}

#[test]
fn events_setup_and_teardown_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    let plan = plan_then_run(&server, &p, &["events", "setup", "--name", "mp-plan"]);
    let ops: Vec<&str> = plan["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["operation"].as_str())
        .collect();
    assert_eq!(
        ops,
        ["CreateQueue", "PutRule", "SetQueueAttributes", "PutTargets"]
    );
    plan_then_run(&server, &p, &["events", "teardown", "--name", "mp-plan"]);
}
