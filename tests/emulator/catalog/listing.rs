//! ListEntities through the SDK and its paginator: the per-type `EntityTypeFilters` /
//! `EntityTypeSort` (products, offers incl. the private-offer Targeting filter, resale
//! authorizations, offer sets), `OwnershipType` and the legacy `FilterList`.

use aws_sdk_marketplacecatalog::types::{
    EntityTypeFilters, EntityTypeSort, Filter, OfferBuyerAccountsFilter, OfferFilters,
    OfferResaleAuthorizationIdFilter, OfferSetAssociatedOfferIdsFilter, OfferSetFilters,
    OfferSetIdFilter, OfferStateFilter, OfferStateString, OfferTargetingFilter,
    OfferTargetingString, OwnershipType, ResaleAuthorizationFilters,
    ResaleAuthorizationStatusFilter, ResaleAuthorizationStatusString, SaaSProductFilters,
    SaaSProductSort, SaaSProductSortBy, SaaSProductTitleFilter, SaaSProductVisibilityFilter,
    SaaSProductVisibilityString, SortOrder,
};
use aws_sdk_marketplacecatalog::Client;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::json;

use crate::support::catalog::run_ok;
use crate::support::{catalog_client, emulator};

pub(super) fn product(title: &str) -> Vec<serde_json::Value> {
    vec![
        json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {"ProductTitle": title}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$P.Entity.Identifier"},
            "DetailsDocument": [{"Key": "Seat", "Name": "Seat", "Description": "Seat", "Types": ["Entitled"], "Unit": "Users"}]}),
    ]
}

fn pricing(prefix: &str) -> serde_json::Value {
    json!({"PricingModel": "Contract", "Terms": [{"Type": format!("{prefix}FixedUpfrontPricingTerm"), "CurrencyCode": "USD",
        "Price": "10.00", "Duration": "P12M", "Grants": [{"DimensionKey": "Seat", "MaxQuantity": 1}]}]})
}

/// Entity ids the listing returns, through the paginator (one item per page to exercise
/// NextToken), in order.
async fn ids(
    c: &Client,
    ty: &str,
    filters: Option<EntityTypeFilters>,
    sort: Option<EntityTypeSort>,
) -> Vec<String> {
    c.list_entities()
        .catalog("AWSMarketplace")
        .entity_type(ty)
        .set_entity_type_filters(filters)
        .set_entity_type_sort(sort)
        .into_paginator()
        .page_size(1)
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .map(|e| e.unwrap().entity_id().unwrap().to_string())
        .collect()
}

fn offers(f: OfferFilters) -> Option<EntityTypeFilters> {
    Some(EntityTypeFilters::OfferFilters(f))
}

#[tokio::test(flavor = "multi_thread")]
async fn list_entities_filters_sorts_and_pages_per_entity_type() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let alpha = run_ok(&c, &product("Alpha Analytics")).await.remove(0);
    let beta = run_ok(&c, &product("Beta Billing")).await.remove(0);
    let release_beta = json!({"ChangeType": "ReleaseProduct", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": beta}, "DetailsDocument": {}});
    run_ok(&c, &[release_beta]).await;

    // A released private offer, a draft public offer, and a channel-partner offer.
    let at = json!({"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"});
    let private = run_ok(&c, &[
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": alpha, "Name": "Private for Example Corp"}}),
        json!({"ChangeType": "UpdateTargeting", "Entity": at, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": ["111122223333"]}}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": pricing("")}),
        json!({"ChangeType": "ReleaseOffer", "Entity": at, "DetailsDocument": {}}),
    ]).await.remove(0);
    let public = run_ok(&c, &[json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": alpha, "Name": "Public tier"}})]).await.remove(0);
    let ra_at = json!({"Type": "ResaleAuthorization@1.0", "Identifier": "$R.Entity.Identifier"});
    let ra = run_ok(&c, &[
        json!({"ChangeType": "CreateResaleAuthorization", "ChangeName": "R", "Entity": {"Type": "ResaleAuthorization@1.0"}, "DetailsDocument": {"ProductId": alpha, "Name": "Reseller deal", "ResellerAccountId": "777788889999"}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": ra_at, "DetailsDocument": pricing("Resale")}),
        json!({"ChangeType": "ReleaseResaleAuthorization", "Entity": ra_at, "DetailsDocument": {}}),
    ]).await.remove(0);
    let cppo = run_ok(&c, &[json!({"ChangeType": "CreateOfferUsingResaleAuthorization", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ResaleAuthorizationId": ra}})]).await.remove(0);
    let set = run_ok(&c, &[
        json!({"ChangeType": "CreateOfferSet", "ChangeName": "S", "Entity": {"Type": "OfferSet@1.0"}, "DetailsDocument": {"Name": "Bundle"}}),
        json!({"ChangeType": "AssociateOffers", "Entity": {"Type": "OfferSet@1.0", "Identifier": "$S.Entity.Identifier"}, "DetailsDocument": {"Offers": [{"OfferId": private}]}}),
    ]).await.remove(0);

    // Products: title wildcard (case-insensitive), visibility, sort by title both ways.
    let title = SaaSProductFilters::builder()
        .product_title(
            SaaSProductTitleFilter::builder()
                .wild_card_value("alpha")
                .build(),
        )
        .build();
    assert_eq!(
        ids(
            &c,
            "SaaSProduct",
            Some(EntityTypeFilters::SaaSProductFilters(title)),
            None
        )
        .await,
        vec![alpha.clone()]
    );
    let limited = SaaSProductFilters::builder()
        .visibility(
            SaaSProductVisibilityFilter::builder()
                .value_list(SaaSProductVisibilityString::Limited)
                .build(),
        )
        .build();
    assert_eq!(
        ids(
            &c,
            "SaaSProduct",
            Some(EntityTypeFilters::SaaSProductFilters(limited)),
            None
        )
        .await,
        vec![beta.clone()]
    );
    let by_title = |order| {
        Some(EntityTypeSort::SaaSProductSort(
            SaaSProductSort::builder()
                .sort_by(SaaSProductSortBy::ProductTitle)
                .sort_order(order)
                .build(),
        ))
    };
    assert_eq!(
        ids(&c, "SaaSProduct", None, by_title(SortOrder::Ascending)).await,
        [alpha.clone(), beta.clone()]
    );
    assert_eq!(
        ids(&c, "SaaSProduct", None, by_title(SortOrder::Descending)).await,
        [beta.clone(), alpha.clone()]
    );

    // Offers: private offers via Targeting, public/untargeted via None, state, buyer wildcard,
    // resale authorization and offer set membership.
    let targeting = |t| {
        OfferFilters::builder()
            .targeting(OfferTargetingFilter::builder().value_list(t).build())
            .build()
    };
    assert_eq!(
        ids(
            &c,
            "Offer",
            offers(targeting(OfferTargetingString::BuyerAccounts)),
            None
        )
        .await,
        vec![private.clone()]
    );
    let mut untargeted = ids(
        &c,
        "Offer",
        offers(targeting(OfferTargetingString::None)),
        None,
    )
    .await;
    untargeted.sort();
    let mut expected = vec![public.clone(), cppo.clone()];
    expected.sort();
    assert_eq!(untargeted, expected);
    let released = OfferFilters::builder()
        .state(
            OfferStateFilter::builder()
                .value_list(OfferStateString::Released)
                .build(),
        )
        .build();
    assert_eq!(
        ids(&c, "Offer", offers(released), None).await,
        vec![private.clone()]
    );
    let buyer = OfferFilters::builder()
        .buyer_accounts(
            OfferBuyerAccountsFilter::builder()
                .wild_card_value("2223")
                .build(),
        )
        .build();
    assert_eq!(
        ids(&c, "Offer", offers(buyer), None).await,
        vec![private.clone()]
    );
    let from_ra = OfferFilters::builder()
        .resale_authorization_id(
            OfferResaleAuthorizationIdFilter::builder()
                .value_list(&ra)
                .build(),
        )
        .build();
    assert_eq!(
        ids(&c, "Offer", offers(from_ra), None).await,
        vec![cppo.clone()]
    );
    let in_set = OfferFilters::builder()
        .offer_set_id(OfferSetIdFilter::builder().value_list(&set).build())
        .build();
    assert_eq!(
        ids(&c, "Offer", offers(in_set), None).await,
        vec![private.clone()]
    );
    assert_eq!(
        ids(&c, "Offer", None, None).await.len(),
        3,
        "the paginator walks every page"
    );

    // The summaries carry the per-type members.
    let listed = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .entity_type_filters(offers(targeting(OfferTargetingString::BuyerAccounts)).unwrap())
        .send()
        .await
        .unwrap();
    let summary = listed.entity_summary_list()[0].offer_summary().unwrap();
    assert_eq!(summary.buyer_accounts(), ["111122223333".to_string()]);
    assert_eq!(summary.product_id(), Some(alpha.as_str()));
    assert_eq!(summary.offer_set_id(), Some(set.as_str()));
    assert!(summary.release_date().is_some());

    // Resale authorizations and offer sets.
    let active = ResaleAuthorizationFilters::builder()
        .status(
            ResaleAuthorizationStatusFilter::builder()
                .value_list(ResaleAuthorizationStatusString::Active)
                .build(),
        )
        .build();
    assert_eq!(
        ids(
            &c,
            "ResaleAuthorization",
            Some(EntityTypeFilters::ResaleAuthorizationFilters(active)),
            None
        )
        .await,
        vec![ra.clone()]
    );
    let listed = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("ResaleAuthorization")
        .send()
        .await
        .unwrap();
    let summary = listed.entity_summary_list()[0]
        .resale_authorization_summary()
        .unwrap();
    assert_eq!(summary.reseller_account_id(), Some("777788889999"));
    assert_eq!(summary.product_name(), Some("Alpha Analytics"));
    let with_offer = OfferSetFilters::builder()
        .associated_offer_ids(
            OfferSetAssociatedOfferIdsFilter::builder()
                .value_list(&private)
                .build(),
        )
        .build();
    assert_eq!(
        ids(
            &c,
            "OfferSet",
            Some(EntityTypeFilters::OfferSetFilters(with_offer)),
            None
        )
        .await,
        vec![set.clone()]
    );
    let without = OfferSetFilters::builder()
        .associated_offer_ids(
            OfferSetAssociatedOfferIdsFilter::builder()
                .value_list(&public)
                .build(),
        )
        .build();
    assert!(ids(
        &c,
        "OfferSet",
        Some(EntityTypeFilters::OfferSetFilters(without)),
        None
    )
    .await
    .is_empty());

    // Legacy FilterList, OwnershipType, and a filter union for the wrong type.
    let legacy = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("SaaSProduct")
        .filter_list(Filter::builder().name("EntityId").value_list(&beta).build())
        .send()
        .await
        .unwrap();
    assert_eq!(legacy.entity_summary_list().len(), 1);
    assert_eq!(
        legacy.entity_summary_list()[0].entity_id(),
        Some(beta.as_str())
    );
    let shared = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .ownership_type(OwnershipType::Shared)
        .send()
        .await
        .unwrap();
    assert!(shared.entity_summary_list().is_empty());
    let wrong = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .entity_type_filters(EntityTypeFilters::SaaSProductFilters(
            SaaSProductFilters::builder().build(),
        ))
        .send()
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), Some("ValidationException"));
    assert!(
        wrong.message().unwrap().contains("OfferFilters"),
        "{wrong:?}"
    );
}
