//! Rules a change set must keep: 1 to 20 changes, one change type per entity, entity locks,
//! known references, valid buyer accounts, priced dimensions, metered dimensions priced by usage.

use super::*;

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
