//! Marketplace offers associated with an opportunity: at most one per opportunity.

use super::*;

/// Creates a SaaS product and `offers` offers for it through the Catalog API; returns the offer
/// ARNs.
async fn marketplace_offers(emu: &mpctl_emulator::Handle, offers: usize) -> Vec<String> {
    let catalog = catalog_client(emu);
    let product_id = run_ok(
        &catalog,
        &[
            json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"},
            "DetailsDocument": {"ProductTitle": "Emulated SaaS"}}),
        ],
    )
    .await
    .remove(0);
    let mut arns = Vec::new();
    for _ in 0..offers {
        let offer_id = run_ok(
            &catalog,
            &[
                json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"},
                "DetailsDocument": {"ProductId": product_id}}),
            ],
        )
        .await
        .remove(0);
        let described = catalog
            .describe_entity()
            .catalog("AWSMarketplace")
            .entity_id(offer_id)
            .send()
            .await
            .expect("describe offer");
        arns.push(described.entity_arn().expect("offer ARN").to_string());
    }
    arns
}

#[tokio::test(flavor = "multi_thread")]
async fn only_one_marketplace_offer_per_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let offers = marketplace_offers(&emu, 2).await;
    let created = complete_opportunity(&client, "Sandbox", "offers")
        .send()
        .await
        .expect("create");
    let id = created.id();
    let associate = |offer: &str| {
        client
            .associate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(id)
            .related_entity_type(RelatedEntityType::AwsMarketplaceOffers)
            .related_entity_identifier(offer)
            .send()
    };

    associate(&offers[0]).await.expect("first offer");
    associate(&offers[0])
        .await
        .expect("the same offer again is a no-op");
    let got = get(&client, "Sandbox", id).await;
    assert_eq!(
        got.related_entity_identifiers()
            .expect("related")
            .aws_marketplace_offers(),
        &offers[..1]
    );

    let err = validation_error!(
        associate(&offers[1]).await,
        pcs::operation::associate_opportunity::AssociateOpportunityError::ValidationException
    );
    assert_eq!(
        err.reason(),
        &ValidationExceptionReason::BusinessValidationFailed
    );
    let message = err.message();
    assert!(
        message.contains("Only one AWS Marketplace private offer"),
        "{message}"
    );

    client
        .disassociate_opportunity()
        .catalog("Sandbox")
        .opportunity_identifier(id)
        .related_entity_type(RelatedEntityType::AwsMarketplaceOffers)
        .related_entity_identifier(&offers[0])
        .send()
        .await
        .expect("disassociate");
    associate(&offers[1])
        .await
        .expect("after disassociating, another offer fits");
    let got = get(&client, "Sandbox", id).await;
    assert_eq!(
        got.related_entity_identifiers()
            .expect("related")
            .aws_marketplace_offers(),
        &offers[1..]
    );
}
