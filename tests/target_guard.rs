//! A state file's ids live where they were made: ids an emulator made are refused against AWS,
//! and AWS's ids against an emulator (exit 2, before any request, the file untouched), for the
//! step commands and for a campaign's rows — a rehearsed campaign never counts as done on AWS;
//! and `campaign run --local` rehearses on a product of its own and keeps nothing.

use serde_json::json;

use crate::campaign::{campaign, project};
use crate::support::project::Project;
use crate::support::server::Server;

/// Not on this machine, so mpctl treats it as AWS (as for confirmation); nothing answers there,
/// which does not matter: the guard refuses before connecting.
const AWS_LIKE: &str = "https://marketplace.example.com";

#[test]
fn ids_an_emulator_made_are_refused_against_aws() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let before = p.read("shared_env.json");
    for args in [
        &["create-offer", "--yes"][..],
        &["run-all", "--yes"],
        &["run-all", "--plan"],
    ] {
        let done = p.mpctl(AWS_LIKE, args).output().expect_code(2);
        let err = done.stderr();
        assert!(
            err.contains(&format!(
                "shared_env.json holds ids created on the endpoint {} (PRODUCT_ID, PRODUCT_CHANGESET_ID, PUBLIC_OFFER_ID), but this run goes to the endpoint {AWS_LIKE}",
                server.url()
            )) && err.contains("nothing was sent")
                && err.contains("--state FILE"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(p.read("shared_env.json"), before, "the file is untouched");
}

#[test]
fn aws_ids_are_refused_against_an_emulator() {
    let server = Server::fast();
    let p = Project::new();
    p.write(
        "shared_env.json",
        &serde_json::to_string_pretty(&json!({
            "PRODUCT_ID": "prod-abcdefghijklm",
            "MPCTL": {"version": 1, "created_on": {"PRODUCT_ID": "aws"}}
        }))
        .expect("json"),
    );
    let done = p.mpctl(&server.url(), &["run-all"]).output().expect_code(2);
    assert!(
        done.stderr().contains(&format!(
            "holds ids created on AWS (PRODUCT_ID), but this run goes to the endpoint {}",
            server.url()
        )),
        "{}",
        done.stderr()
    );
    assert!(server.operations().is_empty(), "{:?}", server.operations());
}

#[test]
fn a_campaign_rehearsed_on_the_emulator_does_not_count_on_aws() {
    let server = Server::fast();
    let p = project(&server, "");
    // The rows name their product, so only the rows' own state decides.
    let product = p.state()["PRODUCT_ID"]
        .as_str()
        .expect("product")
        .to_string();
    p.write(
        "deals.csv",
        &format!("buyers,product,offer_name\n111122223333,{product},A\n444455556666,{product},B\n"),
    );
    campaign(&p, &server).expect_code(0);
    let rows = p.read("deals.campaign/row-2.json");
    let done = p
        .mpctl(AWS_LIKE, &["campaign", "run", "deals.csv", "--yes"])
        .output()
        .expect_code(2);
    let err = done.stderr();
    assert!(
        err.contains(&format!(
            "rows 2, 3 ran on the endpoint {}, but this run goes to the endpoint {AWS_LIKE}",
            server.url()
        )) && err.contains("nothing was sent"),
        "{err}"
    );
    assert_eq!(p.read("deals.campaign/row-2.json"), rows);
}

#[test]
fn a_local_campaign_rehearses_on_its_own_product_and_keeps_nothing() {
    let p = Project::new();
    // A product saved from AWS means nothing to the in-process emulator, nor does a row's.
    let state = serde_json::to_string_pretty(&json!({
        "PRODUCT_ID": "prod-abcdefghijklm",
        "MPCTL": {"version": 1, "created_on": {"PRODUCT_ID": "aws"}}
    }))
    .expect("json");
    p.write("shared_env.json", &state);
    p.write(
        "deals.csv",
        "buyers,product,offer_name,customer_company,customer_website,customer_country\n111122223333,,A,Acme,https://acme.example.com,US\n444455556666,prod-zyxwvutsrqpon,B,,,\n",
    );
    let done = p
        .mpctl_local(&["campaign", "run", "deals.csv", "--output", "json"])
        .output()
        .expect_code(0);
    let doc = done.json();
    assert_eq!(
        (doc["count"].clone(), doc["ok"].clone()),
        (json!(2), json!(true)),
        "{doc}"
    );
    assert!(
        doc["items"][0]["opportunity_id"]
            .as_str()
            .is_some_and(|o| o.starts_with('O')),
        "{doc}"
    );
    assert!(
        done.stderr().contains(
            "rehearsal on the in-process emulator: every row's offer is for product prod-"
        ),
        "{}",
        done.stderr()
    );
    assert_eq!(
        p.read("shared_env.json"),
        state,
        "the project's state is untouched"
    );
    assert!(!p.path("deals.campaign").exists() && !p.path("deals.results.csv").exists());
}

#[test]
fn a_change_set_using_an_emulator_id_is_refused_for_aws_unless_the_id_is_given() {
    let p = Project::new();
    p.write(
        "shared_env.json",
        &serde_json::to_string_pretty(&json!({
            "OFFER_ID": "offer-abcdefghijklm",
            "MPCTL": {"version": 1, "created_on": {"OFFER_ID": "http://127.0.0.1:4566"}}
        }))
        .expect("json"),
    );
    let args = ["changeset", "start", "@offer-availability", "--plan"];
    let done = p.mpctl(AWS_LIKE, &args).output().expect_code(2);
    assert!(
        done.stderr().contains(
            "the template uses OFFER_ID from shared_env.json, created on the endpoint http://127.0.0.1:4566"
        ) && done.stderr().contains("--var OFFER_ID="),
        "{}",
        done.stderr()
    );
    // Validating sends nothing anywhere: not refused.
    p.mpctl(AWS_LIKE, &["changeset", "validate", "@offer-availability"])
        .output()
        .expect_code(0);
    let given = [&args[..], &["--var", "OFFER_ID=offer-zyxwvutsrqpon"]].concat();
    let plan = p.mpctl(AWS_LIKE, &given).output().expect_code(0);
    assert!(
        plan.stdout().contains("offer-zyxwvutsrqpon"),
        "{}",
        plan.stdout()
    );
}
