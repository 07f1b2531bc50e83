//! A change set's lifecycle, ids and entities; released private offers and their targeting;
//! ClientRequestToken idempotency; cancelling.

use super::*;

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
