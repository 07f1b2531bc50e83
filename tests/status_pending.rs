//! `status` shows work in flight as such — a saved request that may have reached AWS, a change
//! set or task started but not seen to end, with the last status seen — and console URLs only
//! for resources the state records as created on AWS's own endpoints.

use std::time::Duration;

use mpctl_emulator::Timings;
use serde_json::{json, Value};

use crate::support::project::{mpctl_in, Project};
use crate::support::server::Server;

fn status_json(p: &Project, endpoint: Option<&str>) -> Value {
    let mut run = mpctl_in(p.dir.path(), &["status", "--output", "json"]);
    if let Some(url) = endpoint {
        run.cmd.args(["--endpoint-url", url]);
    }
    let out = run.output().out;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("status JSON")
}

fn row(doc: &Value, resource: &str) -> Value {
    doc["items"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["resource"] == resource))
        .cloned()
        .unwrap_or_else(|| panic!("no {resource} row in {doc}"))
}

#[test]
fn a_saved_request_and_running_work_are_not_shown_as_not_started() {
    let p = Project::new();
    let state = json!({
        "OPPORTUNITY_ID": "O1234567890",
        "ENGAGEMENT_TASK_ID": "task-abc",
        "MPCTL": {"version": 1, "pending": {
            "publish-product": {"Catalog": "AWSMarketplace", "ChangeSet": [], "ClientRequestToken": "t"}
        }}
    });
    p.write("shared_env.json", &state.to_string());
    let doc = status_json(&p, Some("http://127.0.0.1:9"));
    let product = row(&doc, "Product");
    assert_eq!(
        product["status"],
        "sent, not confirmed — the next run resumes it"
    );
    let engagement = row(&doc, "Engagement");
    assert_eq!(engagement["id"], "task-abc");
    assert!(engagement["status"]
        .as_str()
        .unwrap_or_default()
        .contains("in flight"));

    p.write(
        "shared_env.json",
        &json!({"PRODUCT_CHANGESET_ID": "abcdefghijklmnopqrstuvwxy"}).to_string(),
    );
    let doc = status_json(&p, Some("http://127.0.0.1:9"));
    let product = row(&doc, "Product");
    assert_eq!(product["id"], "abcdefghijklmnopqrstuvwxy");
    assert!(product["status"]
        .as_str()
        .unwrap_or_default()
        .contains("in flight"));
}

/// Where an id was created decides the console link, not the flags `status` runs with.
#[test]
fn only_resources_created_on_aws_link_to_the_aws_consoles() {
    let p = Project::new();
    let state = json!({
        "PRODUCT_ID": "prod-abcdefghijklm",
        "OFFER_ID": "offer-abcdefghijklm",
        "OPPORTUNITY_ID": "O1234567890",
        "AGREEMENT_ID": "agmt-abcdefghijklm",
        "MPCTL": {"version": 1, "created_on": {
            "PRODUCT_ID": "aws", "OPPORTUNITY_ID": "aws",
            "OFFER_ID": "http://127.0.0.1:4566", "AGREEMENT_ID": "local"
        }}
    });
    p.write("shared_env.json", &state.to_string());
    // Even with an endpoint given to `status` itself: AWS made these.
    for endpoint in [None, Some("http://127.0.0.1:9")] {
        let doc = status_json(&p, endpoint);
        let product = row(&doc, "Product");
        assert_eq!(
            product["console_url"],
            "https://aws.amazon.com/marketplace/management/"
        );
        assert_eq!(product["created_on"], "aws");
        assert_eq!(
            row(&doc, "Opportunity")["console_url"],
            "https://partnercentral.awspartner.com/"
        );
        let offer = row(&doc, "Private offer");
        assert_eq!(offer["console_url"], Value::Null);
        assert_eq!(offer["created_on"], "http://127.0.0.1:4566");
        let why = offer["not_in_aws"].as_str().unwrap_or_default();
        assert!(why.contains("http://127.0.0.1:4566"), "{why}");
        let agreement = row(&doc, "Agreement");
        assert_eq!(agreement["console_url"], Value::Null);
        assert!(agreement["not_in_aws"]
            .as_str()
            .is_some_and(|w| w.contains("--local")));
    }
}

#[test]
fn an_old_state_file_without_origins_loads_and_gets_no_console_links() {
    let p = Project::new();
    let state = json!({"PRODUCT_ID": "prod-abcdefghijklm", "OPPORTUNITY_ID": "O1234567890"});
    p.write("shared_env.json", &state.to_string());
    let doc = status_json(&p, None);
    for resource in ["Product", "Opportunity"] {
        let r = row(&doc, resource);
        assert_eq!(r["console_url"], Value::Null, "{r}");
        assert_eq!(r["created_on"], Value::Null, "{r}");
        assert!(
            r["not_in_aws"]
                .as_str()
                .is_some_and(|w| w.contains("unknown")),
            "{r}"
        );
    }
    let text = mpctl_in(p.dir.path(), &["status"]).output().out;
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Not in AWS (no console link):"), "{text}");
    assert!(!text.contains("In the AWS consoles"), "{text}");
}

/// A change set and an engagement task that outlast the run: `status` shows each one's id and
/// the last status the waiter saw (recorded when it changed), gone once the wait ends.
#[test]
fn work_in_flight_shows_its_id_and_the_last_status_seen() {
    let server = Server::start(Timings {
        changeset_seconds: 3600.0,
        task_seconds: 3600.0,
        ..crate::support::fast_timings()
    });
    let url = server.url();
    let p = Project::new();
    p.write_config(json!({"wait": {"initial_interval_seconds": 0.05,
        "max_interval_seconds": 0.1, "timeout_seconds": 0.4}}));
    p.mpctl(&url, &["publish-product"]).output().expect_code(4);
    let id = p.state()["PRODUCT_CHANGESET_ID"]
        .as_str()
        .expect("change set id saved")
        .to_string();
    let shows = |status: &str| {
        let product = row(&status_json(&p, None), "Product");
        assert_eq!(product["id"], id.as_str());
        assert_eq!(product["last_status"], status);
        let text = product["status"].as_str().unwrap_or_default().to_string();
        assert!(text.contains(&format!("last seen {status}")), "{text}");
        assert_eq!(p.state()["MPCTL"]["last_status"][&id], status);
    };
    shows("PREPARING");
    // Half way (the emulator's change sets spend half PREPARING, half APPLYING).
    server.handle().clock().advance(Duration::from_secs(1801));
    p.mpctl(&url, &["publish-product"]).output().expect_code(4);
    shows("APPLYING");
    server.handle().clock().advance(Duration::from_secs(1800));
    p.mpctl(&url, &["publish-product"]).output().expect_code(0);
    let state = p.state();
    assert!(state["MPCTL"]["last_status"].is_null(), "{state}");
    assert_eq!(
        row(&status_json(&p, None), "Product")["last_status"],
        Value::Null
    );
    // Created against the emulator: recorded, so no console link even without --endpoint-url.
    assert_eq!(state["MPCTL"]["created_on"]["PRODUCT_ID"], url.as_str());
    assert_eq!(
        row(&status_json(&p, None), "Product")["console_url"],
        Value::Null
    );

    p.mpctl(&url, &["create-opportunity"])
        .output()
        .expect_code(4);
    let task = p.state()["ENGAGEMENT_TASK_ID"]
        .as_str()
        .expect("task id saved")
        .to_string();
    let engagement = row(&status_json(&p, None), "Engagement");
    assert_eq!(engagement["id"], task.as_str());
    assert_eq!(engagement["last_status"], "IN_PROGRESS");
}
