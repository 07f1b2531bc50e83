//! GetProduct, GetListing, GetOfferSet, ListFulfillmentOptions and ListPurchaseOptions: what
//! the seller, the targeted buyer and a stranger each see — released entities only, a private
//! offer (and the Limited product it is on) only for the buyer it targets.

use aws_sdk_marketplacediscovery::types::{PurchaseOptionFilter, PurchaseOptionFilterType};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::json;

use super::{offer_for, public_offer, released_product};
use crate::support::accounts::{as_account, product, As, BUYER, SELLER, STRANGER};
use crate::support::catalog::run_ok;
use crate::support::emulator;

fn listing_of(product: &str) -> String {
    format!("prodview-{}", product.trim_start_matches("prod-"))
}

async fn sees_product(who: &As, id: &str) -> bool {
    match who.discovery.get_product().product_id(id).send().await {
        Ok(p) => {
            assert_eq!(p.product_id(), id);
            true
        }
        Err(e) => {
            assert_eq!(e.code(), Some("ResourceNotFoundException"), "{e:?}");
            false
        }
    }
}

fn filter(kind: PurchaseOptionFilterType, value: &str) -> PurchaseOptionFilter {
    PurchaseOptionFilter::builder()
        .filter_type(kind)
        .filter_values(value)
        .build()
        .expect("filter")
}

async fn purchase_options(who: &As, product: &str) -> Vec<String> {
    let out = who
        .discovery
        .list_purchase_options()
        .filters(filter(PurchaseOptionFilterType::ProductId, product))
        .send()
        .await
        .expect("ListPurchaseOptions");
    out.purchase_options()
        .iter()
        .map(|o| o.purchase_option_id().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_limited_product_is_seen_by_its_seller_and_the_buyer_a_private_offer_targets() {
    let h = emulator().await;
    let (seller, buyer, stranger) = (
        as_account(&h, SELLER),
        as_account(&h, BUYER),
        as_account(&h, STRANGER),
    );
    let draft = product(&seller.catalog, "Draft product").await;
    let limited = released_product(&seller.catalog, "Limited product", &["Security"], false).await;
    for who in [&seller, &buyer, &stranger] {
        assert!(
            !sees_product(who, &draft).await,
            "a draft product is never seen"
        );
    }
    assert!(sees_product(&seller, &limited).await);
    assert!(
        !sees_product(&buyer, &limited).await,
        "no offer for the buyer yet"
    );
    let offer = offer_for(&seller.catalog, &limited, BUYER).await;
    assert!(sees_product(&buyer, &limited).await);
    assert!(!sees_product(&stranger, &limited).await);

    let got = buyer
        .discovery
        .get_listing()
        .listing_id(listing_of(&limited))
        .send()
        .await
        .expect("GetListing");
    assert_eq!(got.listing_name(), "Limited product");
    assert_eq!(got.short_description(), "Limited product in short");
    assert_eq!(got.categories()[0].display_name(), "Security");
    assert_eq!(
        got.fulfillment_option_summaries()[0]
            .fulfillment_option_type()
            .as_str(),
        "SAAS"
    );
    assert_eq!(
        got.pricing_models()[0].pricing_model_type().as_str(),
        "CONTRACT"
    );
    let offered: Vec<&str> = got
        .associated_entities()
        .iter()
        .filter_map(|e| e.offer().map(|o| o.offer_id()))
        .collect();
    assert_eq!(offered, [offer.as_str()]);
    let e = stranger
        .discovery
        .get_listing()
        .listing_id(listing_of(&limited))
        .send()
        .await
        .expect_err("hidden");
    assert_eq!(e.code(), Some("ResourceNotFoundException"));

    assert_eq!(purchase_options(&buyer, &limited).await, [offer.as_str()]);
    assert!(purchase_options(&stranger, &limited).await.is_empty());
    assert_eq!(purchase_options(&seller, &limited).await, [offer]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_product_shows_its_public_offers_to_everyone_and_private_ones_to_their_buyer() {
    let h = emulator().await;
    let (seller, buyer, stranger) = (
        as_account(&h, SELLER),
        as_account(&h, BUYER),
        as_account(&h, STRANGER),
    );
    let p = released_product(&seller.catalog, "Public product", &[], true).await;
    let public = public_offer(&seller.catalog, &p).await;
    let private = offer_for(&seller.catalog, &p, BUYER).await;
    assert!(sees_product(&stranger, &p).await);
    let mut both = vec![public.clone(), private.clone()];
    both.sort();
    assert_eq!(purchase_options(&buyer, &p).await, both);
    assert_eq!(purchase_options(&stranger, &p).await, [public.as_str()]);

    let scoped = |scope: &str| {
        buyer
            .discovery
            .list_purchase_options()
            .filters(filter(PurchaseOptionFilterType::VisibilityScope, scope))
            .send()
    };
    let private_only = scoped("PRIVATE").await.expect("PRIVATE");
    let ids: Vec<&str> = private_only
        .purchase_options()
        .iter()
        .map(|o| o.purchase_option_id())
        .collect();
    assert_eq!(ids, [private.as_str()]);
    let badge = private_only.purchase_options()[0].badges()[0]
        .badge_type()
        .as_str();
    assert_eq!(badge, "PRIVATE_PRICING");
    let e = scoped("SECRET").await.expect_err("unknown scope");
    assert_eq!(e.code(), Some("ValidationException"));

    let e = buyer
        .discovery
        .list_purchase_options()
        .filters(filter(
            PurchaseOptionFilterType::PurchaseOptionType,
            "OFFER",
        ))
        .send()
        .await
        .expect_err("needs PRODUCT_ID or VISIBILITY_SCOPE");
    assert_eq!(e.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn fulfillment_options_list_the_visible_delivery_options() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    let p = released_product(&seller.catalog, "Delivered product", &[], true).await;
    let stranger = as_account(&h, STRANGER);
    let out = stranger
        .discovery
        .list_fulfillment_options()
        .product_id(&p)
        .send()
        .await
        .expect("ListFulfillmentOptions");
    let saas = out.fulfillment_options()[0]
        .as_saas_fulfillment_option()
        .expect("SaaS option");
    assert_eq!(saas.fulfillment_url(), Some("https://example.com/signup"));
    assert_eq!(saas.fulfillment_option_type().as_str(), "SAAS");
    let draft = product(&seller.catalog, "Undelivered").await;
    let e = stranger
        .discovery
        .list_fulfillment_options()
        .product_id(&draft)
        .send()
        .await
        .expect_err("draft");
    assert_eq!(e.code(), Some("ResourceNotFoundException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_offer_set_is_seen_by_the_buyer_of_its_offers_once_released() {
    let h = emulator().await;
    let (seller, buyer, stranger) = (
        as_account(&h, SELLER),
        as_account(&h, BUYER),
        as_account(&h, STRANGER),
    );
    let c = &seller.catalog;
    let p = released_product(c, "Bundled", &[], false).await;
    let a = offer_for(c, &p, BUYER).await;
    let b = offer_for(c, &p, BUYER).await;
    let set = run_ok(
        c,
        &[
            json!({"ChangeType": "CreateOfferSet", "ChangeName": "S", "Entity": {"Type": "OfferSet@1.0"}, "DetailsDocument": {"Name": "Bundle", "BuyerNotes": "Both together"}}),
            json!({"ChangeType": "AssociateOffers", "Entity": {"Type": "OfferSet@1.0", "Identifier": "$S.Entity.Identifier"}, "DetailsDocument": {"Offers": [{"OfferId": a}, {"OfferId": b}]}}),
        ],
    )
    .await
    .remove(0);
    let get = |who: &As| who.discovery.get_offer_set().offer_set_id(&set).send();
    let e = get(&buyer).await.expect_err("not released");
    assert_eq!(e.code(), Some("ResourceNotFoundException"));
    run_ok(
        c,
        &[json!({"ChangeType": "ReleaseOfferSet", "Entity": {"Type": "OfferSet@1.0", "Identifier": set}, "DetailsDocument": {}})],
    )
    .await;
    let got = get(&buyer).await.expect("GetOfferSet");
    assert_eq!(got.offer_set_name(), Some("Bundle"));
    assert_eq!(got.buyer_notes(), Some("Both together"));
    assert_eq!(got.associated_entities().len(), 2);
    assert_eq!(got.badges()[0].badge_type().as_str(), "PRIVATE_PRICING");
    let e = get(&stranger).await.expect_err("not the buyer");
    assert_eq!(e.code(), Some("ResourceNotFoundException"));
    // Its offers are purchased through the set.
    let options = purchase_options(&buyer, &p).await;
    assert_eq!(options, [set.as_str()]);
}
