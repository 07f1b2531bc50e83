//! Offer sets, which are newer than the shape library (issue 13): CreateOffer with the
//! `OfferSetId` of an existing offer set puts the offer in the set — shown in the offer's
//! summary, found through ListEntities' OfferSetId filter and carried into the agreement's
//! proposal summary — and an OfferSetId that names no offer set fails the change clearly.

use aws_sdk_marketplacecatalog::types::{EntityTypeFilters, OfferFilters, OfferSetIdFilter};
use serde_json::json;

use crate::support::accounts::{as_account, private_offer, product, BUYER, SELLER};
use crate::support::catalog::{change_errors, finish, run_ok, start_changes};
use crate::support::{clock, emulator};

#[tokio::test(flavor = "multi_thread")]
async fn an_offer_created_in_an_offer_set_is_found_by_its_offer_set() {
    let h = emulator().await;
    let seller = as_account(&h, SELLER);
    let c = &seller.catalog;
    let set = run_ok(
        c,
        &[json!({"ChangeType": "CreateOfferSet", "Entity": {"Type": "OfferSet@1.0"}, "DetailsDocument": {"Name": "Bundle"}})],
    )
    .await
    .remove(0);
    let p = product(c, "Bundled product").await;
    let in_set = private_offer(c, &p, BUYER, json!({"OfferSetId": set}), &[]).await;
    private_offer(c, &p, BUYER, json!({}), &[]).await;
    let filters = EntityTypeFilters::OfferFilters(
        OfferFilters::builder()
            .offer_set_id(OfferSetIdFilter::builder().value_list(&set).build())
            .build(),
    );
    let found = c
        .list_entities()
        .catalog("AWSMarketplace")
        .entity_type("Offer")
        .entity_type_filters(filters)
        .send()
        .await
        .expect("ListEntities");
    let summaries = found.entity_summary_list();
    assert_eq!(summaries.len(), 1, "{summaries:?}");
    assert_eq!(summaries[0].entity_id(), Some(in_set.as_str()));
    let summary = summaries[0].offer_summary().expect("offer summary");
    assert_eq!(summary.offer_set_id(), Some(set.as_str()));
    // The buyer's agreement on it names the offer set.
    let agreement = clock::until(&c.clock, clock::step(), "agreement", || async {
        let filter = |n: &str, v: &str| {
            aws_sdk_marketplaceagreement::types::Filter::builder()
                .name(n)
                .values(v)
                .build()
        };
        let out = seller
            .agreement
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(filter("PartyType", "Proposer"))
            .filters(filter("AgreementType", "PurchaseAgreement"))
            .filters(filter("OfferSetId", &set))
            .send()
            .await
            .expect("SearchAgreements");
        out.agreement_view_summaries().first().cloned()
    })
    .await;
    let proposal = agreement.proposal_summary().expect("proposal summary");
    assert_eq!(proposal.offer_id(), Some(in_set.as_str()));
    assert_eq!(proposal.offer_set_id(), Some(set.as_str()));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_offer_set_id_that_names_no_offer_set_fails_the_change() {
    let h = emulator().await;
    let c = &as_account(&h, SELLER).catalog;
    let p = product(c, "Lonely product").await;
    for (wrong, code) in [
        ("offerset-0000000000000", "ENTITY_NOT_FOUND"),
        (p.as_str(), "INCOMPATIBLE_ENTITY_TYPE"),
    ] {
        let create = json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": p, "OfferSetId": wrong}});
        let id = start_changes(c, &[create]).await.expect("started");
        let out = finish(c, &id).await;
        let errors = change_errors(&out);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].1, code);
        assert!(
            errors[0].2.contains("/OfferSetId") && errors[0].2.contains(wrong),
            "{errors:?}"
        );
    }
}
