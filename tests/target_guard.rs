//! A state file's ids live where they were made: ids an emulator made are refused against AWS,
//! and AWS's ids against an emulator (exit 2, before any request, the file untouched), for the
//! step commands and for a campaign's rows — a rehearsed campaign never counts as done on AWS.

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
