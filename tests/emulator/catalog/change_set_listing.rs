//! ListChangeSets through the SDK and its paginator: filters, sort and pagination.

use aws_sdk_marketplacecatalog::types::{Filter, Sort, SortOrder};
use serde_json::json;

use super::listing::product;
use crate::support::catalog::run_ok;
use crate::support::{catalog_client, emulator};

#[tokio::test(flavor = "multi_thread")]
async fn list_change_sets_filters_sorts_and_pages() {
    let h = emulator().await;
    let c = catalog_client(&h);
    let alpha = run_ok(&c, &product("Alpha")).await.remove(0);
    run_ok(&c, &product("Beta")).await;
    let rename = json!({"ChangeType": "UpdateInformation", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": alpha}, "DetailsDocument": {"ProductTitle": "Alpha 2"}});
    let named = c
        .start_change_set()
        .catalog("AWSMarketplace")
        .change_set_name("Rename alpha")
        .change_set(crate::support::catalog::change(&rename))
        .send()
        .await
        .unwrap();
    let named = named.change_set_id().unwrap().to_string();
    crate::support::catalog::finish(&c, &named).await;
    let failed = run_bad(&c).await;

    let list = |filters: Vec<Filter>, sort: Option<Sort>| {
        let c = c.clone();
        async move {
            c.list_change_sets()
                .catalog("AWSMarketplace")
                .set_filter_list(Some(filters))
                .set_sort(sort)
                .into_paginator()
                .page_size(1)
                .items()
                .send()
                .collect::<Vec<_>>()
                .await
                .into_iter()
                .map(|s| s.unwrap().change_set_id().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let f = |name: &str, value: &str| Filter::builder().name(name).value_list(value).build();
    let all = list(vec![], None).await;
    assert_eq!(all.len(), 4, "every set, one per page");
    assert_eq!(
        list(vec![f("Status", "FAILED")], None).await,
        vec![failed.clone()]
    );
    assert_eq!(list(vec![f("Status", "SUCCEEDED")], None).await.len(), 3);
    assert_eq!(
        list(vec![f("ChangeSetName", "Rename alpha")], None).await,
        vec![named.clone()]
    );
    let on_alpha = list(vec![f("EntityId", &alpha)], None).await;
    assert_eq!(on_alpha, [all[0].clone(), named.clone()]);
    assert!(
        list(vec![f("AfterStartTime", "2999-01-01T00:00:00Z")], None)
            .await
            .is_empty()
    );
    assert_eq!(
        list(vec![f("BeforeStartTime", "2999-01-01T00:00:00Z")], None)
            .await
            .len(),
        4
    );
    assert_eq!(
        list(vec![f("BeforeEndTime", "2000-01-01T00:00:00Z")], None).await,
        Vec::<String>::new()
    );
    let by_start = |order| {
        Some(
            Sort::builder()
                .sort_by("StartTime")
                .sort_order(order)
                .build(),
        )
    };
    let ascending = list(vec![], by_start(SortOrder::Ascending)).await;
    let mut descending = list(vec![], by_start(SortOrder::Descending)).await;
    descending.reverse();
    assert_eq!(ascending, all);
    assert_eq!(descending, all);
}

/// A set that FAILs (an offer for a product that does not exist); returns its id.
async fn run_bad(c: &crate::support::CatalogClient) -> String {
    let bad = json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": "prod-0000000000000"}});
    let id = crate::support::catalog::start_changes(c, &[bad])
        .await
        .unwrap();
    let out = crate::support::catalog::finish(c, &id).await;
    assert_eq!(out.status().map(|s| s.as_str()), Some("FAILED"));
    id
}
