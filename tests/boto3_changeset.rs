//! Issue 3, point 3: boto3 pointed at `mpctl emulator serve` starts, waits for and describes
//! a change set from AWS's reference corpus, through scripts/boto3_changeset.py (the script CI
//! runs; it skips here only when boto3 is missing and MPCTL_REQUIRE_BOTO3 is unset).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::served::{boto3_available, serve};

#[test]
fn boto3_starts_waits_for_and_describes_a_corpus_change_set() {
    if !boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join(
        "tests/fixtures/corpus/reference-changesets/products/saas/create_limited_saas_product_and_public_offer_with_contract_pricing/changeset.json",
    );
    let (mut child, url) = serve(&[]);
    let out = Command::new("python3")
        .arg(root.join("scripts/boto3_changeset.py"))
        .arg(&url)
        .arg(&file)
        .output()
        .expect("python3 runs");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        out.status.success(),
        "script failed ({:?}):\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("script prints JSON");
    assert_eq!(doc["Status"], "SUCCEEDED", "{doc:#}");
    let changes = doc["Changes"].as_array().expect("changes");
    assert!(changes.iter().all(|c| c["Errors"] == serde_json::json!([])));
    let product = changes
        .iter()
        .find(|c| c["ChangeType"] == "CreateProduct")
        .and_then(|c| c["EntityId"].as_str())
        .expect("CreateProduct entity")
        .split('@')
        .next()
        .unwrap()
        .to_string();
    let entity = &doc["Entities"][&product];
    assert!(
        entity["EntityType"]
            .as_str()
            .is_some_and(|t| t.starts_with("SaaSProduct")),
        "{doc:#}"
    );
    // The UpdateInformation in the file is visible through DescribeEntity.
    let source: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).expect("corpus json");
    let title = source["ChangeSet"][1]["DetailsDocument"]["ProductTitle"].clone();
    assert!(
        entity["DetailsDocument"]
            .to_string()
            .contains(title.as_str().unwrap()),
        "{entity:#}"
    );
}
