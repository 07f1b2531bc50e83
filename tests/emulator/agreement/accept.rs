//! Agreements from buyers accepting a released private offer: one per buyer, and what
//! DescribeAgreement and GetAgreementTerms say about them.

use super::*;

// ---------------------------------------------------------------------------------------------
// With agreements (need the Catalog emulator)

#[tokio::test(flavor = "multi_thread")]
async fn released_private_offer_is_accepted_once_by_each_buyer() {
    let handle = emulator().await;
    let (product_id, offer_id) = publish_private_offer(&handle, &BUYERS[..2]).await;
    let client = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &client, &offer_id, 2).await;
    let mut acceptors: Vec<&str> = found
        .iter()
        .filter_map(|a| a.acceptor()?.account_id())
        .collect();
    acceptors.sort_unstable();
    assert_eq!(acceptors, BUYERS[..2]);
    for a in &found {
        let id = a.agreement_id().expect("agreementId");
        assert!(id.starts_with("agmt-") && id.len() == 30, "{id}");
        assert_eq!(a.agreement_type(), Some("PurchaseAgreement"));
        assert_eq!(a.status(), Some(&AgreementStatus::Active));
        assert_eq!(a.proposer().and_then(|p| p.account_id()), Some(SELLER));
        let summary = a.proposal_summary().expect("proposalSummary");
        assert_eq!(summary.offer_id(), Some(offer_id.as_str()));
        assert_eq!(summary.offer_set_id(), None);
        let resource = &summary.resources()[0];
        assert_eq!(
            (resource.id(), resource.r#type()),
            (Some(product_id.as_str()), Some("SaaSProduct"))
        );
        let start = a.start_time().expect("startTime").secs();
        assert_eq!(a.acceptance_time().map(|t| t.secs()), Some(start));
        let days = (a.end_time().expect("endTime").secs() - start) / 86_400;
        assert!(
            (365..=366).contains(&days),
            "12-month validity term, got {days} days"
        );
        assert_eq!(a.last_update_time().map(|t| t.secs()), Some(start));
    }
    // Still exactly one agreement per buyer after more time has passed.
    handle.clock().advance(std::time::Duration::from_secs(5));
    let again = search(&client, &[("OfferId", &offer_id)])
        .send()
        .await
        .expect("search");
    assert_eq!(again.agreement_view_summaries().len(), 2);
    let by_buyer = search(
        &client,
        &[("AcceptorAccountId", BUYERS[1]), ("OfferId", &offer_id)],
    )
    .send()
    .await
    .expect("search");
    assert_eq!(by_buyer.agreement_view_summaries().len(), 1);
    let by_product = search(
        &client,
        &[("ResourceIdentifier", &product_id), ("Status", "ACTIVE")],
    )
    .send()
    .await
    .expect("search");
    assert_eq!(by_product.agreement_view_summaries().len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn describe_and_terms_reflect_the_accepted_offer() {
    let handle = emulator().await;
    let (_, offer_id) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let client = agreement_client(&handle);
    let found = wait_for_agreements(&handle.clock(), &client, &offer_id, 1).await;
    let id = found[0].agreement_id().expect("agreementId");

    let described = client
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .expect("DescribeAgreement");
    assert_eq!(described.agreement_id(), Some(id));
    assert_eq!(
        described.acceptor().and_then(|a| a.account_id()),
        Some(BUYERS[0])
    );
    assert_eq!(described.start_time(), found[0].start_time());
    assert_eq!(described.end_time(), found[0].end_time());
    let charges = described.estimated_charges().expect("estimatedCharges");
    assert_eq!(
        (charges.currency_code(), charges.agreement_value()),
        (Some("USD"), Some("1200.00"))
    );

    let terms: Vec<AcceptedTerm> = client
        .get_agreement_terms()
        .agreement_id(id)
        .max_results(1)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .expect("GetAgreementTerms pages");
    assert_eq!(terms.len(), 3, "{terms:?}");
    let pricing = terms
        .iter()
        .find_map(|t| t.as_configurable_upfront_pricing_term().ok())
        .expect("pricing term");
    assert_eq!(pricing.currency_code(), Some("USD"));
    let card = &pricing.rate_cards()[0];
    assert_eq!(card.selector().and_then(|s| s.value()), Some("P12M"));
    assert_eq!(card.rate_card()[0].price(), Some("1200.00"));
    let selection = pricing.configuration().expect("buyer configuration");
    assert_eq!(selection.selector_value(), "P12M");
    assert_eq!(
        selection
            .dimensions()
            .iter()
            .map(|d| (d.dimension_key(), d.dimension_value()))
            .collect::<Vec<_>>(),
        [("Users", 1)]
    );
    let validity = terms
        .iter()
        .find_map(|t| t.as_validity_term().ok())
        .expect("validity term");
    assert_eq!(validity.agreement_duration(), Some("P12M"));
    let legal = terms
        .iter()
        .find_map(|t| t.as_legal_term().ok())
        .expect("legal term");
    assert_eq!(legal.documents()[0].r#type(), Some("StandardEula"));
    let mut ids: Vec<&str> = [pricing.id(), validity.id(), legal.id()]
        .into_iter()
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "distinct term ids");
    assert!(ids.iter().all(|i| i.starts_with("term-")));
}
