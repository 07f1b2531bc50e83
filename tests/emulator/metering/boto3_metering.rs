//! The SaaS integration's calls through boto3 (`tests/fixtures/boto3_metering.py`): Metering over
//! awsJson1_1 and Entitlement in the protocol boto3 picks from the model. Skipped when boto3 is
//! not installed, unless `MPCTL_REQUIRE_BOTO3` is set.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn boto3_resolves_lists_entitlements_and_meters_usage() {
    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let saas = saas().await;
    let token = (saas.handle.registration_token(BUYER, &saas.product_id)).expect("token");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boto3_metering.py");
    let now = saas.handle.clock().now().timestamp_millis() as f64 / 1000.0;
    let args = [
        saas.handle.base_url.clone(),
        saas.code.clone(),
        token,
        BUYER.to_string(),
        STRANGER.to_string(),
        now.to_string(),
    ];
    let out = tokio::process::Command::new("python3")
        .arg(script)
        .args(&args)
        .output()
        .await
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "boto3 script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("the script prints JSON");
    let expected = json!({
        "resolve": {"account": true, "code": true, "license": true, "bad": "InvalidTokenException"},
        "entitlements": {"dimensions": ["Users"], "value": [1], "same_customer": true, "stranger": 0,
                         "unknown": "InvalidParameterException"},
        "batch": {"statuses": ["Success", "Success", "Success", "CustomerNotSubscribed"],
                  "again": ["Success", "DuplicateRecord"], "same_id": true,
                  "too_many": "ValidationException", "old": "TimestampOutOfBoundsException",
                  "dimension": "InvalidUsageDimensionException", "product": "InvalidProductCodeException"},
        "meter": {"buyer": true, "stranger": "CustomerNotEntitledException"},
    });
    assert_eq!(doc, expected, "{doc:#}");
}
