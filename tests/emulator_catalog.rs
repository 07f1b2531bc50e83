//! The Catalog emulator through the real aws-sdk-marketplacecatalog client: lifecycle, ids,
//! entities, listing, and every rule it enforces.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::{Change, ChangeStatus};
use aws_sdk_marketplacecatalog::Client;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

use crate::support::{catalog_client, emulator};

fn change(c: &Value) -> Change {
    mpctl::aws::changeset::to_change(c).expect("a well-formed change")
}

async fn start(client: &Client, changes: &[Value], token: Option<&str>) -> Result<String, String> {
    let mut call = client
        .start_change_set()
        .catalog("AWSMarketplace")
        .set_client_request_token(token.map(str::to_string));
    for c in changes {
        call = call.change_set(change(c));
    }
    call.send()
        .await
        .map(|o| o.change_set_id().unwrap().to_string())
        .map_err(|e| format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or("")))
}

async fn describe(client: &Client, id: &str) -> DescribeChangeSetOutput {
    client
        .describe_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(id)
        .send()
        .await
        .unwrap()
}

async fn finish(client: &crate::support::CatalogClient, id: &str) -> DescribeChangeSetOutput {
    crate::support::catalog::finish(client, id).await
}

fn product_changes(metered: bool) -> Vec<Value> {
    let mut dims = vec![
        json!({"Key": "Basic", "Name": "Basic", "Description": "Basic", "Types": ["Entitled"], "Unit": "Units"}),
    ];
    if metered {
        dims.push(json!({"Key": "Calls", "Name": "Calls", "Description": "API calls", "Types": ["ExternallyMetered"], "Unit": "Requests"}));
    }
    vec![
        json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {"ProductTitle": "Test"}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$P.Entity.Identifier"}, "DetailsDocument": dims}),
    ]
}

/// Creates a product (with a metered dimension if asked) and returns its id.
async fn product(client: &crate::support::CatalogClient, metered: bool) -> String {
    let out = finish(
        client,
        &start(client, &product_changes(metered), None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let id = out.change_set()[0].entity().unwrap().identifier().unwrap();
    id.split('@').next().unwrap().to_string()
}

fn offer_changes(product: &str, buyers: Value, pricing: Value) -> Vec<Value> {
    vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": product}}),
        json!({"ChangeType": "UpdateTargeting", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": buyers}}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {"PricingModel": "Contract", "Terms": pricing}}),
        json!({"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {}}),
    ]
}

fn upfront(key: &str) -> Value {
    json!({"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "10.00", "Grants": [{"DimensionKey": key, "MaxQuantity": 1}]})
}

/// Runs a set expected to FAIL and returns (change index, error code, message) triples.
async fn failures(
    client: &crate::support::CatalogClient,
    changes: &[Value],
) -> Vec<(usize, String, String)> {
    let out = finish(client, &start(client, changes, None).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed), "{out:?}");
    assert_eq!(out.failure_code().map(|c| c.as_str()), Some("CLIENT_ERROR"));
    out.change_set()
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.error_detail_list().iter().map(move |e| {
                (
                    i,
                    e.error_code().unwrap().to_string(),
                    e.error_message().unwrap().to_string(),
                )
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn change_set_lifecycle_ids_and_entities() {
    // Long enough that a loaded machine still sees PREPARING first and then APPLYING.
    let h = crate::support::emulator_with(mpctl_emulator::Timings {
        changeset_seconds: 3.0,
        ..crate::support::fast_timings()
    })
    .await;
    let c = catalog_client(&h);
    let id = start(&c, &product_changes(true), None).await.unwrap();
    assert_eq!(id.len(), 25);
    let first = describe(&c, &id).await;
    assert_eq!(first.status(), Some(&ChangeStatus::Preparing));
    assert!(first.end_time().is_none());
    assert!(first
        .change_set_arn()
        .unwrap()
        .ends_with(&format!(":AWSMarketplace/ChangeSet/{id}")));
    let mut seen = vec![];
    // Each clock step is a small fraction of a phase, so every status is observed.
    let done = loop {
        let out = describe(&c, &id).await;
        if !seen.contains(&out.status().cloned()) {
            seen.push(out.status().cloned());
        }
        if out.status() == Some(&ChangeStatus::Succeeded) {
            break out;
        }
        assert!(seen.len() <= 3, "{seen:?}");
        c.clock.advance(crate::support::clock::step());
    };
    assert_eq!(
        seen,
        vec![
            Some(ChangeStatus::Preparing),
            Some(ChangeStatus::Applying),
            Some(ChangeStatus::Succeeded)
        ]
    );
    assert!(done.end_time().unwrap().ends_with('Z') && done.end_time().unwrap().len() == 20);
    let ident = done.change_set()[0]
        .entity()
        .unwrap()
        .identifier()
        .unwrap()
        .to_string();
    let (pid, rev) = ident.split_once('@').unwrap();
    assert!(pid.starts_with("prod-") && pid.len() == 18, "{pid}");
    assert_eq!(rev, "1");
    let entity = c
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(pid)
        .send()
        .await
        .unwrap();
    assert_eq!(entity.entity_type(), Some("SaaSProduct@1.0"));
    assert_eq!(entity.entity_identifier(), Some(ident.as_str()));
    let doc: Value = serde_json::from_str(entity.details().unwrap()).unwrap();
    assert_eq!(doc["Dimensions"].as_array().unwrap().len(), 2);
    let listed = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.entity_summary_list()[0].entity_id(), Some(pid));
    let sets = c
        .list_change_sets()
        .catalog("AWSMarketplace")
        .send()
        .await
        .unwrap();
    assert_eq!(
        sets.change_set_summary_list()[0].entity_id_list(),
        [pid.to_string()]
    );
    let missing = c
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id("prod-doesnotexist0")
        .send()
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Some("ResourceNotFoundException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn released_private_offer_is_visible_with_its_targeting() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let p = product(&c, false).await;
    let out = finish(
        &c,
        &start(
            &c,
            &offer_changes(&p, json!(["111122223333"]), json!([upfront("Basic")])),
            None,
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let offer = out.change_set()[0]
        .entity()
        .unwrap()
        .identifier()
        .unwrap()
        .split('@')
        .next()
        .unwrap()
        .to_string();
    let e = c
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(&offer)
        .send()
        .await
        .unwrap();
    let doc: Value = serde_json::from_str(e.details().unwrap()).unwrap();
    assert_eq!(doc["State"], "Released");
    assert_eq!(doc["ProductId"], p.as_str());
    assert_eq!(
        doc["Rules"][0]["PositiveTargeting"]["BuyerAccounts"],
        json!(["111122223333"])
    );
    assert_eq!(
        e.entity_arn().unwrap(),
        format!("arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/{offer}")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn change_count_must_be_1_to_20() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let err = start(&c, &[], None).await.unwrap_err();
    assert!(err.starts_with("ValidationException"), "{err}");
    let many: Vec<Value> = (0..21)
        .map(|i| json!({"ChangeType": "CreateProduct", "ChangeName": format!("P{}", (b'a' + i as u8) as char), "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {}}))
        .collect();
    let err = start(&c, &many, None).await.unwrap_err();
    assert!(
        err.starts_with("ValidationException") && err.contains("/ChangeSet"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_change_type_twice_on_one_entity_fails() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let mut changes = product_changes(false);
    changes.push(changes[1].clone());
    let errors = failures(&c, &changes).await;
    assert!(
        errors
            .iter()
            .any(|(_, code, _)| code == "DUPLICATE_CHANGE_TYPE"),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entity_is_locked_while_a_set_runs() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let p = product(&c, false).await;
    let update = |title: &str| json!({"ChangeType": "UpdateInformation", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": p}, "DetailsDocument": {"ProductTitle": title}});
    let first = start(&c, &[update("One")], None).await.unwrap();
    let err = start(&c, &[update("Two")], None).await.unwrap_err();
    assert!(
        err.starts_with("ResourceInUseException") && err.contains(&first),
        "{err}"
    );
    finish(&c, &first).await;
    let second = start(&c, &[update("Two")], None).await.unwrap();
    assert_eq!(
        finish(&c, &second).await.status(),
        Some(&ChangeStatus::Succeeded)
    );
    // A stale revision is rejected naming the latest one.
    let stale = json!({"ChangeType": "UpdateInformation", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": format!("{p}@1")}, "DetailsDocument": {"ProductTitle": "Three"}});
    let err = start(&c, &[stale], None).await.unwrap_err();
    assert!(
        err.starts_with("ValidationException") && err.contains(&format!("{p}@3")),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_references_fail_the_set() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let mut changes = product_changes(false);
    changes[1]["Entity"]["Identifier"] = json!("$Nope.Entity.Identifier");
    let errors = failures(&c, &changes).await;
    assert!(
        errors
            .iter()
            .any(|(i, code, msg)| *i == 1 && code == "UNKNOWN_REFERENCE" && msg.contains("Nope")),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_buyer_accounts_fail_the_set() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let p = product(&c, false).await;
    let errors = failures(
        &c,
        &offer_changes(&p, json!(["11112222333"]), json!([upfront("Basic")])),
    )
    .await;
    assert!(
        errors.iter().any(|(i, code, msg)| *i == 1
            && code == "INVALID_BUYER_ID"
            && msg.contains("11112222333")),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn pricing_a_dimension_the_product_lacks_fails() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let p = product(&c, false).await;
    let errors = failures(
        &c,
        &offer_changes(&p, json!(["111122223333"]), json!([upfront("Gold")])),
    )
    .await;
    assert!(
        errors
            .iter()
            .any(|(i, code, msg)| *i == 2 && code == "UNKNOWN_DIMENSION" && msg.contains("Gold")),
        "{errors:?}"
    );
    // Nothing from the failed set was applied.
    let offers = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .send()
        .await
        .unwrap();
    assert!(offers.entity_summary_list().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn metered_dimensions_need_a_usage_based_pricing_term() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let p = product(&c, true).await;
    let errors = failures(
        &c,
        &offer_changes(&p, json!(["111122223333"]), json!([upfront("Basic")])),
    )
    .await;
    assert!(
        errors
            .iter()
            .any(|(_, code, msg)| code == "MISSING_USAGE_PRICING" && msg.contains("Calls")),
        "{errors:?}"
    );
    let usage = json!({"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [{"DimensionKey": "Calls", "Price": "0.01"}]}]});
    let ok = finish(
        &c,
        &start(
            &c,
            &offer_changes(
                &p,
                json!(["111122223333"]),
                json!([upfront("Basic"), usage]),
            ),
            None,
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(ok.status(), Some(&ChangeStatus::Succeeded), "{ok:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn client_request_token_is_idempotent() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let a = start(&c, &product_changes(false), Some("tok-1"))
        .await
        .unwrap();
    let b = start(&c, &product_changes(false), Some("tok-1"))
        .await
        .unwrap();
    assert_eq!(a, b);
    let err = start(&c, &product_changes(true), Some("tok-1"))
        .await
        .unwrap_err();
    assert!(
        err.starts_with("ValidationException") && err.contains("tok-1"),
        "{err}"
    );
    finish(&c, &a).await;
    let products = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .send()
        .await
        .unwrap();
    assert_eq!(products.entity_summary_list().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_only_while_preparing() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let id = start(&c, &product_changes(false), None).await.unwrap();
    c.cancel_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        describe(&c, &id).await.status(),
        Some(&ChangeStatus::Cancelled)
    );
    let done = start(&c, &product_changes(false), None).await.unwrap();
    finish(&c, &done).await;
    let err = c
        .cancel_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(&done)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ResourceInUseException"));
    let products = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .send()
        .await
        .unwrap();
    assert_eq!(
        products.entity_summary_list().len(),
        1,
        "the cancelled set created nothing"
    );
}
