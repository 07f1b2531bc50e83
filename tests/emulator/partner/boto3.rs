//! boto3's partnercentral-selling client against the emulator: the lead flow, a snapshot job's
//! lifecycle, an invitation from partner A reaching partner B only and B a member after
//! accepting, AWS's summary before submission, settings and tags — through
//! tests/fixtures/boto3_partner.py (skipped without boto3 unless MPCTL_REQUIRE_BOTO3 is set).

use serde_json::{json, Value};

use crate::support::accounts::{OTHER_SELLER, SELLER, STRANGER};
use crate::support::server::Server;

#[test]
fn boto3_runs_the_lead_and_partner_engagement_lifecycles() {
    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let server = Server::fast();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boto3_partner.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([&server.url(), SELLER, OTHER_SELLER, STRANGER])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let expected = json!({
        "leads": [true],
        "before_accept": "ResourceNotFoundException",
        "lead_members": 2,
        "task": ["COMPLETE", "2"],
        "job": "Running",
        "delete_running": "ConflictException",
        "deleted": "ResourceNotFoundException",
        "b_receives": true,
        "stranger_receives": [],
        "members": [SELLER, OTHER_SELLER],
        "summary_before_submission": "ResourceNotFoundException",
        "role": format!("arn:aws:iam::{SELLER}:role/SnapRole"),
        "tags": [{"Key": "crm", "Value": "SF-1"}],
    });
    assert_eq!(doc, expected, "{doc:#}");
}
