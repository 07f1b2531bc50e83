//! UpdateOpportunity (stale dates conflict, full replacement), the two catalogs' separate data,
//! the Sandbox-only AWS Referral origin, model validation, and ListOpportunities' pages and
//! filters.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn stale_last_modified_date_is_a_conflict() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = complete_opportunity(&client, "AWS", "stale")
        .send()
        .await
        .expect("create");
    let first = get(&client, "AWS", created.id()).await;
    update_from(&client, "AWS", &first)
        .send()
        .await
        .expect("fresh update");
    let err = update_from(&client, "AWS", &first)
        .send()
        .await
        .expect_err("stale update")
        .into_service_error();
    assert!(
        matches!(err, UpdateOpportunityError::ConflictException(_)),
        "{err:?}"
    );
    let latest = get(&client, "AWS", created.id()).await;
    update_from(&client, "AWS", &latest)
        .send()
        .await
        .expect("update after re-reading");
}

#[tokio::test(flavor = "multi_thread")]
async fn update_replaces_every_updatable_member() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = complete_opportunity(&client, "AWS", "replace")
        .marketing(Marketing::builder().campaign_name("Old campaign").build())
        .send()
        .await
        .expect("create");
    let before = get(&client, "AWS", created.id()).await;
    let updated = client
        .update_opportunity()
        .catalog("AWS")
        .identifier(created.id())
        .last_modified_date(*before.last_modified_date())
        .customer(Customer::builder().account(account()).build())
        .project(Project::builder().title("New title").build())
        .send()
        .await
        .expect("update");
    assert_eq!(updated.id(), created.id());
    assert!(millis(updated.last_modified_date()) > millis(before.last_modified_date()));

    let after = get(&client, "AWS", created.id()).await;
    assert_eq!(
        millis(after.last_modified_date()),
        millis(updated.last_modified_date())
    );
    assert!(
        after.marketing().is_none(),
        "omitted Marketing is gone: {:?}",
        after.marketing()
    );
    assert!(after.opportunity_type().is_none());
    let project = after.project().expect("project");
    assert_eq!(project.title(), Some("New title"));
    assert_eq!(project.customer_business_problem(), None);
    let life_cycle = after
        .life_cycle()
        .expect("review status is always reported");
    assert_eq!(life_cycle.stage(), None);
    assert_eq!(
        life_cycle.review_status(),
        Some(&ReviewStatus::PendingSubmission)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_and_sandbox_are_separate_data_sets() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let sandbox = complete_opportunity(&client, "Sandbox", "shared-token")
        .send()
        .await
        .expect("sandbox");
    let err = client
        .get_opportunity()
        .catalog("AWS")
        .identifier(sandbox.id())
        .send()
        .await
        .expect_err("not in AWS")
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));

    // The same token with another body is a new request in the other catalog.
    let aws = client
        .create_opportunity()
        .catalog("AWS")
        .client_token("shared-token")
        .send()
        .await
        .expect("aws");
    assert_ne!(aws.id(), sandbox.id());
    let listed = client
        .list_opportunities()
        .catalog("AWS")
        .send()
        .await
        .expect("list");
    let ids: Vec<Option<&str>> = listed
        .opportunity_summaries()
        .iter()
        .map(|o| o.id())
        .collect();
    assert_eq!(ids, vec![Some(aws.id())]);
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_referral_origin_is_sandbox_only() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let create = |catalog: &'static str| {
        client
            .create_opportunity()
            .catalog(catalog)
            .origin(pcs::types::OpportunityOrigin::AwsReferral)
            .send()
    };
    create("Sandbox")
        .await
        .expect("Sandbox simulates AWS referrals");
    let err = validation_error!(
        create("AWS").await,
        CreateOpportunityError::ValidationException
    );
    assert_eq!(err.error_list()[0].field_name(), Some("Origin"));
}

#[tokio::test(flavor = "multi_thread")]
async fn enum_values_and_required_members_are_validated() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let bad_account = Account::builder()
        .company_name("Acme")
        .industry(Industry::from("Bogus"))
        .build()
        .expect("account");
    let err = validation_error!(
        client
            .create_opportunity()
            .catalog("AWS")
            .customer(Customer::builder().account(bad_account).build())
            .life_cycle(
                LifeCycle::builder()
                    .stage(Stage::from("Closed Won"))
                    .build()
            )
            .send()
            .await,
        CreateOpportunityError::ValidationException
    );
    assert_eq!(
        err.reason(),
        &ValidationExceptionReason::RequestValidationFailed
    );
    let found: Vec<(Option<&str>, &ValidationExceptionErrorCode)> = err
        .error_list()
        .iter()
        .map(|e| (e.field_name(), e.code()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some("Customer.Account.Industry"),
                &ValidationExceptionErrorCode::InvalidEnumValue
            ),
            (
                Some("LifeCycle.Stage"),
                &ValidationExceptionErrorCode::InvalidEnumValue
            ),
        ]
    );
    let listed = client
        .list_opportunities()
        .catalog("AWS")
        .send()
        .await
        .expect("list");
    assert!(
        listed.opportunity_summaries().is_empty(),
        "nothing was created"
    );

    let err = validation_error!(
        client.get_opportunity().catalog("AWS").send().await,
        GetOpportunityError::ValidationException
    );
    assert_eq!(err.error_list()[0].field_name(), Some("Identifier"));
    assert_eq!(
        err.error_list()[0].code(),
        &ValidationExceptionErrorCode::RequiredFieldMissing
    );

    let err = client
        .get_opportunity()
        .catalog("Production")
        .identifier("O1234567")
        .send()
        .await
        .expect_err("unknown catalog")
        .into_service_error();
    assert_eq!(err.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn list_opportunities_pages_and_filters() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let mut created = Vec::new();
    for (i, stage) in [
        Stage::Prospect,
        Stage::Qualified,
        Stage::Prospect,
        Stage::Committed,
        Stage::Prospect,
    ]
    .into_iter()
    .enumerate()
    {
        let out = client
            .create_opportunity()
            .catalog("Sandbox")
            .client_token(format!("page-{i}"))
            .life_cycle(LifeCycle::builder().stage(stage).build())
            .send()
            .await
            .expect("create");
        created.push(out.id().to_string());
    }

    let first = client
        .list_opportunities()
        .catalog("Sandbox")
        .max_results(2)
        .send()
        .await
        .expect("first page");
    assert_eq!(first.opportunity_summaries().len(), 2);
    assert!(first.next_token().is_some());

    let mut pages = client
        .list_opportunities()
        .catalog("Sandbox")
        .max_results(2)
        .into_paginator()
        .send();
    let mut seen = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        let page = page.expect("page");
        page_count += 1;
        for o in page.opportunity_summaries() {
            let modified = o
                .last_modified_date()
                .map(millis)
                .expect("LastModifiedDate");
            seen.push((modified, o.id().expect("Id").to_string()));
        }
    }
    assert_eq!(page_count, 3);
    assert!(
        seen.windows(2).all(|w| w[0].0 >= w[1].0),
        "newest first: {seen:?}"
    );
    let mut ids: Vec<String> = seen.into_iter().map(|(_, id)| id).collect();
    ids.sort();
    let mut expected = created.clone();
    expected.sort();
    assert_eq!(ids, expected, "every opportunity exactly once");

    let prospects = client
        .list_opportunities()
        .catalog("Sandbox")
        .life_cycle_stage(Stage::Prospect)
        .send()
        .await
        .expect("by stage");
    assert_eq!(prospects.opportunity_summaries().len(), 3);

    let by_id = client
        .list_opportunities()
        .catalog("Sandbox")
        .identifier(&created[3])
        .life_cycle_review_status(ReviewStatus::PendingSubmission)
        .send()
        .await
        .expect("by id");
    let [only] = by_id.opportunity_summaries() else {
        panic!("expected one: {by_id:?}");
    };
    assert_eq!(only.id(), Some(created[3].as_str()));
    assert_eq!(
        only.life_cycle().and_then(|l| l.stage()),
        Some(&Stage::Committed)
    );

    let submitted = client
        .list_opportunities()
        .catalog("Sandbox")
        .life_cycle_review_status(ReviewStatus::Submitted)
        .send()
        .await
        .expect("by review status");
    assert!(submitted.opportunity_summaries().is_empty());
}
