//! UpdateDeliveryOptions through the SDK: a SaaS product's fulfillment URL, an AMI delivery's
//! usage instructions, recommended instance type and the version's release notes, a container
//! delivery's description and instructions are rewritten in place (same Id, same version), the
//! entity still matches its shape, and a change naming no delivery option fails.

use super::*;
use crate::support::catalog::entity;

/// The first delivery option of the first version of `product`.
async fn first_option(c: &crate::support::CatalogClient, product: &str) -> (String, Value) {
    let (ty, doc) = entity(c, product).await;
    assert_eq!(changeset::check_entity_document(&ty, &doc), [], "{doc:#}");
    (ty, doc["Versions"][0].clone())
}

fn update(ty: &str, product: &str, details: Value) -> Value {
    json!({"ChangeType": "UpdateDeliveryOptions", "Entity": {"Type": ty, "Identifier": product},
           "DetailsDocument": details})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saas_fulfillment_url_is_rewritten_in_place() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let c = catalog_client(&h);
    let changes = corpus(SAAS_CONTRACT)["ChangeSet"].as_array().unwrap()[..6].to_vec();
    let saas = run_ok(&c, &changes).await.remove(0);
    let (ty, version) = first_option(&c, &saas).await;
    let id = version["DeliveryOptions"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = version["DeliveryOptions"][0].clone();
    let change = update(
        &ty,
        &saas,
        json!({"DeliveryOptions": [{"Id": id, "Details": {"SaaSUrlDeliveryOptionDetails": {
            "FulfillmentUrl": "https://example.com/register-v2"}}}]}),
    );
    assert_eq!(
        diagnostics(&json!({"Catalog": "AWSMarketplace", "ChangeSet": [change.clone()]})),
        []
    );
    run_ok(&c, &[change]).await;
    let (_, version) = first_option(&c, &saas).await;
    let after = &version["DeliveryOptions"][0];
    assert_eq!(after["Id"], id);
    assert_eq!(after["FulfillmentUrl"], "https://example.com/register-v2");
    assert_ne!(before["FulfillmentUrl"], after["FulfillmentUrl"]);
    assert_eq!(after["Visibility"], before["Visibility"]);

    let none = update(&ty, &saas, json!({"DeliveryOptions": []}));
    let out = finish(
        &c,
        &crate::support::catalog::start_changes(&c, &[none])
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed));
    let errors = change_errors(&out);
    assert!(
        errors
            .iter()
            .any(|(_, c, _)| c == "MISSING_DELIVERY_OPTIONS"),
        "{errors:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ami_delivery_and_its_release_notes_are_rewritten_in_place() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let c = catalog_client(&h);
    let file =
        "products/ami/create_limited_ami_product_and_public_offer_with_hourly_pricing/changeset.json";
    let request = corpus(file);
    let mut s = seeder(&c, &agreement_client(&h), file, &request);
    let r = s.substitute(&request).await;
    let out = finish(&c, &start_request(&c, &r).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let product = entity_ids(&out)[0].clone();
    let (ty, version) = first_option(&c, &product).await;
    let id = version["DeliveryOptions"][0]["Id"]
        .as_str()
        .unwrap()
        .to_string();
    run_ok(
        &c,
        &[update(
            &ty,
            &product,
            json!({"Version": {"ReleaseNotes": "Patched the image's agent"},
                   "DeliveryOptions": [{"Id": id, "Details": {"AmiDeliveryOptionDetails": {
                       "UsageInstructions": "ssh ec2-user@host, then open :8443",
                       "RecommendedInstanceType": "m5.xlarge"}}}]}),
        )],
    )
    .await;
    let (_, after) = first_option(&c, &product).await;
    let option = &after["DeliveryOptions"][0];
    assert_eq!(option["Id"], id);
    assert_eq!(
        option["Instructions"]["Usage"],
        "ssh ec2-user@host, then open :8443"
    );
    assert_eq!(option["Recommendations"]["InstanceType"], "m5.xlarge");
    assert_eq!(
        option["Recommendations"]["SecurityGroups"],
        version["DeliveryOptions"][0]["Recommendations"]["SecurityGroups"],
        "what the update does not carry stays"
    );
    assert_eq!(after["ReleaseNotes"], "Patched the image's agent");
    assert_eq!(after["Id"], version["Id"], "no new version");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_container_delivery_description_is_rewritten_in_place() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let c = catalog_client(&h);
    let ty = "ContainerProduct@1.0";
    let at = json!({"Type": ty, "Identifier": "$p.Entity.Identifier"});
    let product = run_ok(
        &c,
        &[
            json!({"ChangeType": "CreateProduct", "ChangeName": "p", "Entity": {"Type": ty},
                   "DetailsDocument": {"ProductTitle": "Container listing"}}),
            json!({"ChangeType": "AddDeliveryOptions", "Entity": at, "DetailsDocument": {
                "Version": {"VersionTitle": "1.0", "ReleaseNotes": "First"},
                "DeliveryOptions": [{"DeliveryOptionTitle": "ECS", "Details": {"EcrDeliveryOptionDetails": {
                    "Description": "Runs on ECS", "UsageInstructions": "docker run",
                    "ContainerImages": ["709825985650.dkr.ecr.us-east-1.amazonaws.com/seller/app:1.0"],
                    "CompatibleServices": ["ECS"]}}}]}}),
        ],
    )
    .await
    .remove(0);
    let (_, version) = first_option(&c, &product).await;
    let option = &version["DeliveryOptions"][0];
    assert_eq!(
        (&option["Title"], &option["ShortDescription"]),
        (&json!("ECS"), &json!("Runs on ECS"))
    );
    let id = option["Id"].as_str().unwrap().to_string();
    run_ok(
        &c,
        &[update(
            ty,
            &product,
            json!({"DeliveryOptions": [{"Id": id, "Details": {"EcrDeliveryOptionDetails": {
                "Description": "Runs on ECS and EKS", "UsageInstructions": "helm install"}}}]}),
        )],
    )
    .await;
    let (_, after) = first_option(&c, &product).await;
    let option = &after["DeliveryOptions"][0];
    assert_eq!(option["ShortDescription"], "Runs on ECS and EKS");
    assert_eq!(option["Instructions"]["Usage"], "helm install");
    assert_eq!(option["Title"], "ECS");
}
