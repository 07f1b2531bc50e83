//! SearchAgreements (filters, party type, paging, sorting) and the errors of unknown agreements
//! and operations not emulated yet.

use super::*;

// ---------------------------------------------------------------------------------------------
// Tests that need no Catalog data

#[tokio::test(flavor = "multi_thread")]
async fn search_with_no_agreements_returns_an_empty_list() {
    let handle = emulator().await;
    let out = search(&agreement_client(&handle), &[("Status", "ACTIVE")])
        .send()
        .await
        .expect("SearchAgreements");
    assert!(out.agreement_view_summaries().is_empty());
    assert_eq!(out.next_token(), None);
    let cbor = handle.requests();
    assert_eq!(
        cbor.last().map(|r| (r.operation.as_str(), r.status)),
        Some(("SearchAgreements", 200))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn search_rejects_undocumented_filter_combinations() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = search(
        &client,
        &[("OfferId", "offer-x"), ("ResourceType", "SaaSProduct")],
    )
    .send()
    .await
    .expect_err("unsupported combination");
    let service = err.into_service_error();
    let agreement::operation::search_agreements::SearchAgreementsError::ValidationException(e) =
        service
    else {
        panic!("expected ValidationException, got {service:?}");
    };
    assert_eq!(
        e.reason(),
        Some(&ValidationExceptionReason::UnsupportedFilters)
    );
    let message = e.message().unwrap_or_default();
    assert!(
        message.contains("AgreementType + OfferId + ResourceType"),
        "{message}"
    );
    assert_eq!(e.fields().first().map(|f| f.name()), Some("filters"));

    // BeforeEndTime is allowed on any documented combination; OfferSetId + ResourceType is not one.
    search(
        &client,
        &[
            ("OfferId", "offer-x"),
            ("Status", "ACTIVE"),
            ("BeforeEndTime", "2030-01-01T00:00:00Z"),
        ],
    )
    .send()
    .await
    .expect("documented combination");
    let err = search(
        &client,
        &[
            ("OfferSetId", "offerset-x"),
            ("ResourceType", "SaaSProduct"),
        ],
    )
    .send()
    .await
    .expect_err("unsupported");
    assert_eq!(err.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn search_requires_party_type_and_valid_paging() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .send()
        .await
        .expect_err("PartyType missing");
    let reason = |e: agreement::operation::search_agreements::SearchAgreementsError| match e {
        agreement::operation::search_agreements::SearchAgreementsError::ValidationException(v) => {
            v.reason().cloned()
        }
        other => panic!("expected ValidationException, got {other:?}"),
    };
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::MissingPartyType)
    );
    let err = search(&client, &[])
        .max_results(51)
        .send()
        .await
        .expect_err("maxResults 51");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidMaxResults)
    );
    let err = search(&client, &[])
        .next_token("bogus")
        .send()
        .await
        .expect_err("bad token");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidNextToken)
    );
    let sort = Sort::builder().sort_by("StartTime").build();
    let err = search(&client, &[])
        .sort(sort)
        .send()
        .await
        .expect_err("sort by StartTime");
    assert_eq!(
        reason(err.into_service_error()),
        Some(ValidationExceptionReason::InvalidSortBy)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_agreement_is_resource_not_found() {
    let handle = emulator().await;
    let client = agreement_client(&handle);
    let err = client
        .describe_agreement()
        .agreement_id("agmt-doesnotexist")
        .send()
        .await
        .expect_err("unknown");
    let agreement::operation::describe_agreement::DescribeAgreementError::ResourceNotFoundException(
        e,
    ) = err.into_service_error()
    else {
        panic!("expected ResourceNotFoundException");
    };
    assert_eq!(e.resource_id(), Some("agmt-doesnotexist"));
    assert_eq!(e.resource_type(), Some(&ResourceType::Agreement));
    assert!(e.message().is_some_and(|m| m.contains("agmt-doesnotexist")));

    let err = client
        .get_agreement_terms()
        .agreement_id("agmt-doesnotexist")
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let statuses: Vec<u16> = handle.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [404, 404], "not found is not retried");
}

#[tokio::test(flavor = "multi_thread")]
async fn search_sorts_by_end_time_and_paginates() {
    let handle = emulator().await;
    let (_, first_offer) = publish_private_offer(&handle, &BUYERS).await;
    let (_, second_offer) = publish_private_offer(&handle, &BUYERS[..1]).await;
    let client = agreement_client(&handle);
    wait_for_agreements(&handle.clock(), &client, &first_offer, 3).await;
    wait_for_agreements(&handle.clock(), &client, &second_offer, 1).await;

    let pages = search(&client, &[])
        .sort(
            Sort::builder()
                .sort_by("EndTime")
                .sort_order(SortOrder::Ascending)
                .build(),
        )
        .max_results(3)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        pages
            .iter()
            .map(|p| p.agreement_view_summaries().len())
            .collect::<Vec<_>>(),
        [3, 1]
    );
    let ends: Vec<i64> = pages
        .iter()
        .flat_map(|p| p.agreement_view_summaries())
        .filter_map(|a| a.end_time().map(|t| t.secs()))
        .collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "ascending: {ends:?}");
    let newest = search(&client, &[])
        .max_results(1)
        .send()
        .await
        .expect("default sort");
    let newest = &newest.agreement_view_summaries()[0];
    assert_eq!(
        newest.proposal_summary().and_then(|p| p.offer_id()),
        Some(second_offer.as_str()),
        "EndTime descending by default"
    );

    let acceptor = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Acceptor"))
        .filters(filter("AgreementType", "PurchaseAgreement"))
        .send()
        .await
        .expect("acceptor search");
    assert!(
        acceptor.agreement_view_summaries().is_empty(),
        "the seller accepted nothing"
    );
}
