//! SearchListings and SearchFacets: only the listings the caller may see, narrowed by text and
//! filters, paged with `nextToken`, and counted by facet.

use aws_sdk_marketplacediscovery::types::{SearchFacetType, SearchFilter, SearchFilterType};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::{offer_for, public_offer, released_product};
use crate::support::accounts::{as_account, product, As, BUYER, SELLER, STRANGER};
use crate::support::emulator;

fn filter(kind: SearchFilterType, values: &[&str]) -> SearchFilter {
    values
        .iter()
        .fold(SearchFilter::builder().filter_type(kind), |b, v| {
            b.filter_values(*v)
        })
        .build()
        .expect("filter")
}

async fn names(who: &As, text: Option<&str>, filters: Vec<SearchFilter>) -> Vec<String> {
    let out = who
        .discovery
        .search_listings()
        .set_search_text(text.map(str::to_string))
        .set_filters((!filters.is_empty()).then_some(filters))
        .send()
        .await
        .expect("SearchListings");
    assert_eq!(out.total_results() as usize, out.listing_summaries().len());
    out.listing_summaries()
        .iter()
        .map(|l| l.listing_name().to_string())
        .collect()
}

/// Three public products (two in Security, one with a usage offer) and a Limited one with a
/// private offer for the buyer.
async fn shop(seller: &As) {
    let c = &seller.catalog;
    released_product(c, "Alpha Scanner", &["Security"], true).await;
    let backup = released_product(c, "Beta Backup", &["Storage"], true).await;
    public_offer(c, &backup).await;
    released_product(c, "Gamma Guard", &["Security", "Monitoring"], true).await;
    let hidden = released_product(c, "Delta Private", &["Security"], false).await;
    offer_for(c, &hidden, BUYER).await;
    product(c, "Epsilon Draft").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_what_the_caller_may_see_by_text_and_filter() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    shop(&seller).await;
    let (buyer, stranger) = (as_account(&h, BUYER), as_account(&h, STRANGER));

    let all = names(&stranger, None, vec![]).await;
    assert_eq!(all, ["Alpha Scanner", "Beta Backup", "Gamma Guard"]);
    let all = names(&buyer, None, vec![]).await;
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(all.contains(&"Delta Private".to_string()));

    let security = filter(SearchFilterType::Category, &["security"]);
    assert_eq!(
        names(&stranger, None, vec![security.clone()]).await,
        ["Alpha Scanner", "Gamma Guard"]
    );
    assert_eq!(
        names(&stranger, Some("guard"), vec![security]).await,
        ["Gamma Guard"]
    );
    assert_eq!(
        names(&stranger, Some("nothing like it"), vec![]).await,
        Vec::<String>::new()
    );
    let usage = filter(SearchFilterType::PricingModel, &["USAGE"]);
    assert_eq!(names(&stranger, None, vec![usage]).await, ["Beta Backup"]);
    let two = filter(SearchFilterType::Category, &["Storage", "Monitoring"]);
    assert_eq!(
        names(&stranger, None, vec![two]).await,
        ["Beta Backup", "Gamma Guard"]
    );

    let bad = filter(SearchFilterType::PricingModel, &["CHEAP"]);
    let e = stranger
        .discovery
        .search_listings()
        .filters(bad)
        .send()
        .await
        .expect_err("unknown pricing model");
    assert_eq!(e.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn search_pages_with_next_token() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    shop(&seller).await;
    let stranger = as_account(&h, STRANGER);
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let out = stranger
            .discovery
            .search_listings()
            .max_results(2)
            .set_next_token(token.clone())
            .send()
            .await
            .expect("page");
        assert_eq!(out.total_results(), 3);
        assert!(out.listing_summaries().len() <= 2);
        seen.extend(
            out.listing_summaries()
                .iter()
                .map(|l| l.listing_id().to_string()),
        );
        token = out.next_token().map(str::to_string);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 3);
    seen.dedup();
    assert_eq!(seen.len(), 3, "no listing twice");
    let e = stranger
        .discovery
        .search_listings()
        .next_token("p1hdeadbeef")
        .send()
        .await
        .expect_err("foreign token");
    assert_eq!(e.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn facets_count_the_matching_listings() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    shop(&seller).await;
    let stranger = as_account(&h, STRANGER);
    let out = stranger
        .discovery
        .search_facets()
        .facet_types(SearchFacetType::Category)
        .facet_types(SearchFacetType::PricingModel)
        .send()
        .await
        .expect("SearchFacets");
    assert_eq!(out.total_results(), 3);
    let counts = |kind: SearchFacetType| -> Vec<(String, i64)> {
        out.listing_facets()[&kind]
            .iter()
            .map(|f| (f.value().to_string(), f.count()))
            .collect()
    };
    assert_eq!(
        counts(SearchFacetType::Category),
        [
            ("security".to_string(), 2),
            ("monitoring".to_string(), 1),
            ("storage".to_string(), 1)
        ]
    );
    assert_eq!(
        counts(SearchFacetType::PricingModel),
        [("USAGE".to_string(), 1)]
    );
    assert!(!out
        .listing_facets()
        .contains_key(&SearchFacetType::Publisher));
}
