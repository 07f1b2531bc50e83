//! `status` shows work in flight as such — a saved request that may have reached AWS, a change
//! set or task started but not seen to end — and, against AWS itself, console URLs.

use std::process::Command;

use serde_json::{json, Value};

use crate::support::project::Project;

fn status_json(p: &Project, endpoint: Option<&str>) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mpctl"));
    cmd.current_dir(p.dir.path())
        .args(["status", "--output", "json"])
        .env_remove("AWS_ENDPOINT_URL");
    if let Some(url) = endpoint {
        cmd.args(["--endpoint-url", url]);
    }
    let out = cmd.output().expect("run mpctl");
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

#[test]
fn created_resources_link_to_the_aws_consoles_only_against_aws() {
    let p = Project::new();
    let state = json!({
        "PRODUCT_ID": "prod-abcdefghijklm",
        "OFFER_ID": "offer-abcdefghijklm",
        "OPPORTUNITY_ID": "O1234567890",
    });
    p.write("shared_env.json", &state.to_string());
    let doc = status_json(&p, None);
    assert_eq!(
        row(&doc, "Product")["console_url"],
        "https://aws.amazon.com/marketplace/management/products/prod-abcdefghijklm"
    );
    assert_eq!(
        row(&doc, "Private offer")["console_url"],
        "https://aws.amazon.com/marketplace/management/offers/offer-abcdefghijklm"
    );
    let opportunity = row(&doc, "Opportunity")["console_url"].clone();
    assert!(
        opportunity
            .as_str()
            .is_some_and(|u| u.contains("partnercentral") && u.ends_with("O1234567890")),
        "{opportunity}"
    );
    assert_eq!(row(&doc, "Agreement")["console_url"], Value::Null);
    let emulated = status_json(&p, Some("http://127.0.0.1:9"));
    assert_eq!(row(&emulated, "Product")["console_url"], Value::Null);
}
