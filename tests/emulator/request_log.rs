//! The emulator's request log (`Handle::requests`) records each request's decoded body, whatever
//! the wire protocol: rest-json (Catalog), awsJson1_0 (Partner Central) and RPCv2 CBOR (the
//! Agreement SDK) all read back as the JSON the handlers saw.

use crate::support::*;

#[tokio::test]
async fn the_request_log_holds_each_decoded_body() {
    let handle = emulator().await;
    let catalog = catalog_client(&handle);
    let partner = partner_client(&handle);
    let agreement = agreement_client(&handle);

    let _ = catalog
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .send()
        .await
        .expect("ListEntities");
    let _ = partner
        .list_opportunities()
        .catalog("Sandbox")
        .max_results(7)
        .send()
        .await
        .expect("ListOpportunities");
    let _ = agreement
        .describe_agreement()
        .agreement_id("agmt-nope")
        .send()
        .await
        .expect_err("no such agreement");
    let _ = catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id("prod-nope")
        .send()
        .await
        .expect_err("no such entity");

    let log = handle.requests();
    let body = |op: &str| {
        log.iter()
            .find(|r| r.operation == op)
            .unwrap_or_else(|| panic!("{op} in {log:?}"))
            .body
            .clone()
    };
    let list = body("ListEntities").expect("rest-json body");
    assert_eq!(list["Catalog"], "AWSMarketplace");
    assert_eq!(list["EntityType"], "SaaSProduct");
    let opportunities = body("ListOpportunities").expect("awsJson1_0 body");
    assert_eq!(opportunities["Catalog"], "Sandbox");
    assert_eq!(opportunities["MaxResults"], 7);
    let describe = body("DescribeAgreement").expect("CBOR body");
    assert_eq!(describe, serde_json::json!({"agreementId": "agmt-nope"}));
    // A GET carries its input in the query string, not in a body.
    assert_eq!(body("DescribeEntity"), None);
}
