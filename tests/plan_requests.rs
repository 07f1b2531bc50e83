//! `--plan` renders each request as it would be sent: the idempotency token a request will
//! carry (the saved one, which a resume sends, or an explicit marker before any run saved it),
//! and, for `offer clone|replace`, the reads made to render the body, with no write sent.

use serde_json::Value;

use crate::support::project::{Done, Project};
use crate::support::server::Server;

const NOT_YET: &str = "<generated when the request is saved>";

/// The `run-all --plan` items for `operation`.
fn planned(p: &Project, url: &str, operation: &str) -> Vec<Value> {
    let doc = p
        .mpctl(url, &["run-all", "--plan", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    doc["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["operation"] == operation)
        .cloned()
        .collect()
}

fn crash_at(p: &Project, url: &str, step: &str, point: &str) {
    let done = p.mpctl(url, &[step]).env("MPCTL_CRASH_AT", point).output();
    assert_ne!(done.code(), 0, "{step} was to be killed at {point}");
}

#[test]
fn the_plan_shows_the_token_each_request_will_carry() {
    let server = Server::fast();
    let url = server.url();
    let p = Project::new();
    // Before any run saved a request, no token exists yet: the plan says so explicitly.
    for start in planned(&p, &url, "StartChangeSet") {
        assert_eq!(start["body"]["ClientRequestToken"], NOT_YET, "{start}");
    }
    for op in ["CreateOpportunity", "StartEngagementFromOpportunityTask"] {
        let item = &planned(&p, &url, op)[0];
        assert_eq!(item["body"]["ClientToken"], NOT_YET, "{item}");
    }

    // Killed after AWS accepted StartChangeSet but before its id was saved: the plan shows the
    // saved token, and the resume that sends it gets the same change set back (one product).
    crash_at(&p, &url, "publish-product", "publish-product:after-start");
    let saved = p.state()["MPCTL"]["pending"]["publish-product"]["ClientRequestToken"].clone();
    assert!(saved.as_str().is_some_and(|t| t.len() == 36), "{saved}");
    let product = &planned(&p, &url, "StartChangeSet")[0];
    assert_eq!(product["body"]["ClientRequestToken"], saved);
    p.mpctl(&url, &["publish-product"]).output().expect_code(0);
    assert_eq!(server.counts().0, 1);
    assert_eq!(server.count("StartChangeSet"), 2);

    crash_at(
        &p,
        &url,
        "create-opportunity",
        "create-opportunity:before-create",
    );
    let saved = p.state()["MPCTL"]["pending"]["create-opportunity/create"]["token"].clone();
    let create = &planned(&p, &url, "CreateOpportunity")[0];
    assert_eq!(create["body"]["ClientToken"], saved);
}

/// `offer clone|replace --plan` in both forms, the requests sent meanwhile counted.
fn plan_of(server: &Server, p: &Project, args: &[&str], reads: &[String]) {
    let starts = server.count("StartChangeSet");
    let mut json_args = args.to_vec();
    json_args.extend(["--plan", "--output", "json"]);
    let doc = p
        .mpctl(&server.url(), &json_args)
        .output()
        .expect_code(0)
        .json();
    assert_eq!(doc["reads"], serde_json::json!(reads), "{doc}");
    assert_eq!(doc["items"][0]["operation"], "StartChangeSet", "{doc}");
    let mut text_args = args.to_vec();
    text_args.push("--plan");
    let text: Done = p.mpctl(&server.url(), &text_args).output().expect_code(0);
    for read in reads {
        let line = format!("read: {read} (nothing is written)");
        assert!(text.stdout().contains(&line), "{}", text.stdout());
    }
    let last = "1 request(s) planned; only the reads above were sent, nothing was written";
    assert!(text.stdout().contains(last), "{}", text.stdout());
    assert_eq!(
        server.count("StartChangeSet"),
        starts,
        "{args:?} --plan wrote"
    );
}

#[test]
fn clone_and_replace_plans_name_their_reads_and_send_no_change_set() {
    let server = Server::fast();
    let p = Project::new();
    for step in [
        &["publish-product"][..],
        &["create-offer"],
        &["search-agreement", "--wait"],
    ] {
        p.mpctl(&server.url(), step).output().expect_code(0);
    }
    let state = p.state();
    let offer = state["OFFER_ID"].as_str().expect("offer id").to_string();
    let agreement = state["AGREEMENT_ID"]
        .as_str()
        .expect("agreement id")
        .to_string();
    plan_of(
        &server,
        &p,
        &["offer", "clone", &offer, "--buyer", "111122223333"],
        &[format!("DescribeEntity {offer}")],
    );
    plan_of(
        &server,
        &p,
        &["offer", "replace", &agreement],
        &[
            format!("DescribeAgreement {agreement}"),
            format!("DescribeEntity {offer}"),
        ],
    );
}
