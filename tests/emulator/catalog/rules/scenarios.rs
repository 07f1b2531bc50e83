//! Rules shown by a scenario rather than a broken file: stale revisions, resale authorizations,
//! intent VALIDATE, delivery option visibility.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_revision_is_rejected_naming_the_latest() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    let original = corpus(EXPIRE);
    let mut s = seeder(&c, &a, EXPIRE, &original);
    let mut r = s.substitute(&original).await;
    let offer = r["ChangeSet"][0]["Entity"]["Identifier"]
        .as_str()
        .unwrap()
        .to_string();
    r["ChangeSet"][0]["Entity"]["Identifier"] = json!(format!("{offer}@7"));
    assert_eq!(diagnostics(&r), []);
    let err = start_request(&c, &r).await.unwrap_err();
    assert!(
        err.starts_with("ValidationException") && err.contains(&format!("{offer}@1")),
        "{err}"
    );
    r["ChangeSet"][0]["Entity"]["Identifier"] = json!(format!("{offer}@1"));
    let done = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(done.status(), Some(&ChangeStatus::Succeeded));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_channel_partner_offer_needs_a_released_resale_authorization() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    let file = "channel_partner_offers/publish_cppo_eula/changeset.json";
    let original = corpus(file);
    let mut s = seeder(&c, &a, file, &original);
    let mut r = s.substitute(&original).await;
    let product = s.main_product.clone().unwrap();
    let draft = run_ok(
        &c,
        &[json!({"ChangeType": "CreateResaleAuthorization", "Entity": {"Type": "ResaleAuthorization@1.0"},
            "DetailsDocument": {"ProductId": product, "Name": "Draft", "ResellerAccountId": "777788889999"}})],
    )
    .await
    .remove(0);
    r["ChangeSet"][0]["DetailsDocument"]["ResaleAuthorizationId"] = json!(draft);
    assert_eq!(diagnostics(&r), []);
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    let errors = change_errors(&out);
    assert!(
        errors.iter().any(|(i, code, msg)| *i == 0
            && code == "INVALID_RESALE_AUTHORIZATION_STATE"
            && msg.contains(&draft)),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn intent_validate_checks_everything_and_applies_nothing() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let c = catalog_client(&h);
    let mut r = corpus(SAAS_CONTRACT);
    r["Intent"] = json!("VALIDATE");
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    assert_eq!(out.intent().map(|i| i.as_str()), Some("VALIDATE"));
    // Nothing was created: no product or offer exists, and the changes name no entity.
    for ty in ["SaaSProduct", "Offer"] {
        let listed = c
            .list_entities()
            .catalog("AWSMarketplace")
            .entity_type(ty)
            .send()
            .await
            .unwrap();
        assert!(listed.entity_summary_list().is_empty(), "{ty}: {listed:?}");
    }
    assert!(
        entity_ids(&out)
            .iter()
            .all(|id| !id.starts_with("prod-") && !id.starts_with("offer-")),
        "{out:?}"
    );
    // The same set, broken, FAILs validation with its per-change error.
    replace(
        &mut r,
        "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey",
        json!("PremiumService"),
        json!("GoldService"),
    );
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    assert!(change_errors(&out)
        .iter()
        .any(|(i, code, _)| *i == 8 && code == "UNKNOWN_DIMENSION"));
    // Applying it for real creates the product and the offer.
    r["Intent"] = json!("APPLY");
    replace(
        &mut r,
        "/ChangeSet/8/DetailsDocument/Terms/0/RateCards/1/RateCard/1/DimensionKey",
        json!("GoldService"),
        json!("PremiumService"),
    );
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded));
    let again = describe(&c, out.change_set_id().unwrap()).await;
    assert!(entity_ids(&again)[0].starts_with("prod-"));
}

#[tokio::test(flavor = "multi_thread")]
async fn delivery_options_can_be_restricted_and_hidden_and_unknown_ids_fail() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let c = catalog_client(&h);
    let ami_file =
        "products/ami/create_limited_ami_product_and_public_offer_with_hourly_pricing/changeset.json";
    let ami_request = corpus(ami_file);
    let mut s = seeder(&c, &agreement_client(&h), ami_file, &ami_request);
    let r = s.substitute(&ami_request).await;
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let product = entity_ids(&out)[0].clone();
    let option_of = |doc: &Value| doc["Versions"][0]["DeliveryOptions"][0].clone();
    let (ty, doc) = crate::support::catalog::entity(&c, &product).await;
    let option = option_of(&doc)["Id"].as_str().unwrap().to_string();
    let at = json!({"Type": "AmiProduct@1.0", "Identifier": product});

    run_ok(
        &c,
        &[json!({"ChangeType": "RestrictDeliveryOptions", "Entity": at, "DetailsDocument": {"DeliveryOptionIds": [option]}})],
    )
    .await;
    let (_, doc) = crate::support::catalog::entity(&c, &product).await;
    assert_eq!(option_of(&doc)["Visibility"], "Restricted");
    assert_eq!(changeset::check_entity_document(&ty, &doc), []);

    let unknown = json!({"ChangeType": "RestrictDeliveryOptions", "Entity": at, "DetailsDocument": {"DeliveryOptionIds": ["do-nosuchoption"]}});
    let update_unknown = json!({"ChangeType": "UpdateDeliveryOptions", "Entity": at, "DetailsDocument": {
        "Version": {"ReleaseNotes": "Rewritten"},
        "DeliveryOptions": [{"Id": "do-nosuchoption", "Details": {"AmiDeliveryOptionDetails": {"UsageInstructions": "Connect"}}}]}});
    for (change, code) in [
        (unknown, "DELIVERY_OPTION_NOT_FOUND"),
        (update_unknown, "DELIVERY_OPTION_NOT_FOUND"),
    ] {
        assert_eq!(
            diagnostics(&json!({"Catalog": "AWSMarketplace", "ChangeSet": [change]})),
            []
        );
        let out = finish(
            &c,
            &crate::support::catalog::start_changes(&c, &[change])
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(out.status(), Some(&ChangeStatus::Failed));
        let errors = change_errors(&out);
        assert!(errors.iter().any(|(_, c, _)| c == code), "{errors:?}");
    }

    // SaaS delivery options: visibility through UpdateDeliveryOptionsVisibility.
    let saas = run_ok(
        &c,
        &corpus(SAAS_CONTRACT)["ChangeSet"].as_array().unwrap()[..6],
    )
    .await
    .remove(0);
    let (_, doc) = crate::support::catalog::entity(&c, &saas).await;
    let option = option_of(&doc)["Id"].as_str().unwrap().to_string();
    run_ok(
        &c,
        &[json!({"ChangeType": "UpdateDeliveryOptionsVisibility", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": saas},
            "DetailsDocument": {"DeliveryOptions": [{"Id": option, "TargetVisibility": "Unavailable"}]}})],
    )
    .await;
    let (ty, doc) = crate::support::catalog::entity(&c, &saas).await;
    assert_eq!(option_of(&doc)["Visibility"], "Unavailable");
    assert_eq!(changeset::check_entity_document(&ty, &doc), []);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resale_authorization_limits_the_offers_made_from_it() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let (c, a) = (catalog_client(&h), agreement_client(&h));
    // AWS's one-time resale authorization (OffersMaxQuantity 1), seeded with its product.
    let file = "resale_authorization/onetime_resaleauth_privateoffer/changeset.json";
    let original = corpus(file);
    let mut s = seeder(&c, &a, file, &original);
    let r = s.substitute(&original).await;
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let ra = entity_ids(&out)[0].clone();
    let (_, doc) = crate::support::catalog::entity(&c, &ra).await;
    let rule = doc["Rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Type"] == "AvailabilityRule")
        .unwrap()
        .clone();
    assert_eq!(rule["OffersMaxQuantity"], 1);
    assert_eq!(rule["Usage"], "OneTimeUse");
    let cppo = json!({"ChangeType": "CreateOfferUsingResaleAuthorization", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ResaleAuthorizationId": ra}});
    run_ok(&c, std::slice::from_ref(&cppo)).await;
    let (_, doc) = crate::support::catalog::entity(&c, &ra).await;
    assert_eq!(doc["OfferDetails"]["OfferCreatedCount"], 1);
    assert_eq!(
        changeset::check_entity_document("ResaleAuthorization@1.0", &doc),
        []
    );
    let out = finish(
        &c,
        &crate::support::catalog::start_changes(&c, std::slice::from_ref(&cppo))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    let errors = change_errors(&out);
    assert!(
        errors.iter().any(|(i, code, msg)| *i == 0
            && code == "RESALE_AUTHORIZATION_EXHAUSTED"
            && msg.contains(&ra)),
        "{errors:?}"
    );

    // An authorization past its AvailabilityEndDate can no longer be used (checked first).
    let expire = json!({"ChangeType": "UpdateAvailability", "Entity": {"Type": "ResaleAuthorization@1.0", "Identifier": ra},
        "DetailsDocument": {"AvailabilityEndDate": "2020-01-31"}});
    run_ok(&c, &[expire]).await;
    let out = finish(
        &c,
        &crate::support::catalog::start_changes(&c, &[cppo])
            .await
            .unwrap(),
    )
    .await;
    let errors = change_errors(&out);
    assert!(
        errors
            .iter()
            .any(|(_, code, _)| code == "RESALE_AUTHORIZATION_EXPIRED"),
        "{errors:?}"
    );
}
