//! The post-sale lifecycles through boto3 (awsJson1_0): cancellation requests, billing
//! adjustments with the invoice line items, payment requests, charges with purchase orders and
//! CancelAgreement, run by `tests/fixtures/boto3_postsale.py` against agreements the Rust SDK
//! set up. Skipped when boto3 is not installed, unless `MPCTL_REQUIRE_BOTO3` is set.

use super::postsale::{contract, pay_as_you_go, sale, variable_payments, STRANGER};
use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn boto3_runs_the_post_sale_lifecycles_over_json() {
    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let contract = sale(contract(), false).await;
    let payments = sale(variable_payments("1000.00"), false).await;
    let payg = sale(pay_as_you_go(), true).await;
    let term = payments.variable_term_id().await;
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boto3_postsale.py");
    let args = [
        contract.handle.base_url.clone(),
        contract.agreement_id.clone(),
        payments.handle.base_url.clone(),
        payments.agreement_id.clone(),
        term,
        payg.handle.base_url.clone(),
        payg.agreement_id.clone(),
        SELLER.to_string(),
        BUYERS[0].to_string(),
        STRANGER.to_string(),
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
        "cancellation": {"sent": "PENDING_APPROVAL", "rejected": "REJECTED", "withdrawn": "CANCELLED",
                         "accepted": "APPROVED", "agreement": "CANCELLED", "again": "ConflictException",
                         "stranger": "ResourceNotFoundException"},
        "refund": {"before": "1200.00", "pending": "PENDING", "completed": "COMPLETED", "after": "1000.00",
                   "memo": "200.00", "over": "VALIDATION_EXCEPTION", "six": "BILLING_ADJUSTMENTS_LIMIT_EXCEEDED",
                   "buyer": "UNSUPPORTED_ACTION", "stranger": "ResourceNotFoundException"},
        "payment": {"sent": "PENDING_APPROVAL", "approved": "APPROVED", "charge": true, "over": "INVALID_CHARGE_AMOUNT",
                    "rejected": "REJECTED", "cancelled": "CANCELLED", "stranger": "ResourceNotFoundException"},
        "charges": {"count": 1, "past": "UNSUPPORTED_ACTION"},
        "cancel": {"contract": "UNSUPPORTED_ACTION", "payg": "CANCELLED", "again": "ConflictException"},
    });
    assert_eq!(doc, expected, "{doc:#}");
}
