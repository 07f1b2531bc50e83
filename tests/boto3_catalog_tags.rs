//! boto3's marketplace-catalog client against the emulator: an entity's tags (TagResource,
//! UntagResource, ListTagsForResource) and resource policy (Put/Get/DeleteResourcePolicy), through
//! scripts/boto3_catalog_tags_policy.py (skipped without boto3 unless MPCTL_REQUIRE_BOTO3 is set).

use serde_json::{json, Value};

use crate::support::accounts::{as_account, product, SELLER};
use crate::support::server::Server;

#[test]
fn boto3_tags_untags_and_sets_a_resource_policy_on_an_entity() {
    if !crate::support::served::boto3_available() {
        assert!(
            std::env::var_os("MPCTL_REQUIRE_BOTO3").is_none(),
            "MPCTL_REQUIRE_BOTO3 is set but boto3 is not installed"
        );
        eprintln!("skipped: python3 with boto3 is not installed");
        return;
    }
    let server = Server::fast();
    let seller = as_account(server.handle(), SELLER);
    let arn = server.block_on(async {
        let id = product(&seller.catalog, "Tagged by boto3").await;
        let out = seller
            .catalog
            .describe_entity()
            .catalog("AWSMarketplace")
            .entity_id(&id)
            .send()
            .await
            .expect("DescribeEntity");
        out.entity_arn().expect("arn").to_string()
    });
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts/boto3_catalog_tags_policy.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args([&server.url(), &arn])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        doc["tagged"],
        json!([["env", "prod"], ["team", "billing"]]),
        "{doc:#}"
    );
    assert_eq!(doc["untagged"], json!([["team", "billing"]]), "{doc:#}");
    assert_eq!(doc["policy"]["Version"], "2012-10-17", "{doc:#}");
    assert_eq!(
        doc["after_delete"],
        json!({"code": "ResourceNotFoundException", "status": 404}),
        "{doc:#}"
    );
}
