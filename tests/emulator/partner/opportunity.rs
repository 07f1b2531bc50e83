//! Opportunities: create and read back, the default stage, client-token replay, solutions and
//! associations.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn create_then_get_round_trips_the_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = complete_opportunity(&client, "AWS", "round-trip")
        .partner_opportunity_identifier("CRM-42")
        .marketing(Marketing::builder().campaign_name("Spring launch").build())
        .opportunity_team(
            Contact::builder()
                .email("seller@example.com")
                .first_name("Sam")
                .build(),
        )
        .send()
        .await
        .expect("create");
    let id = created.id();
    assert!(
        id.starts_with('O') && id.len() >= 8 && id[1..].chars().all(|c| c.is_ascii_digit()),
        "{id}"
    );
    assert_eq!(created.partner_opportunity_identifier(), Some("CRM-42"));

    let got = get(&client, "AWS", id).await;
    assert_eq!(got.catalog(), "AWS");
    assert_eq!(got.id(), id);
    assert!(got
        .arn()
        .is_some_and(|a| a.ends_with(&format!("catalog/AWS/opportunity/{id}"))));
    assert_eq!(
        Some(millis(got.last_modified_date())),
        created.last_modified_date().map(millis)
    );
    assert_eq!(millis(got.created_date()), millis(got.last_modified_date()));
    assert_eq!(got.customer().and_then(|c| c.account()), Some(&account()));
    let project = got.project().expect("project");
    assert_eq!(project.title(), Some("Billing platform migration"));
    assert_eq!(project.customer_business_problem(), Some(PROBLEM));
    assert_eq!(
        project.delivery_models(),
        &[DeliveryModel::from("SaaS or PaaS")]
    );
    assert_eq!(
        got.opportunity_type(),
        Some(&OpportunityType::NetNewBusiness)
    );
    assert_eq!(
        got.marketing().and_then(|m| m.campaign_name()),
        Some("Spring launch")
    );
    assert_eq!(
        got.opportunity_team()[0].email(),
        Some("seller@example.com")
    );
    let life_cycle = got.life_cycle().expect("life cycle");
    assert_eq!(life_cycle.stage(), Some(&Stage::Qualified));
    assert_eq!(life_cycle.target_close_date(), Some("2030-12-31"));
    assert_eq!(
        life_cycle.review_status(),
        Some(&ReviewStatus::PendingSubmission)
    );
    let related = got
        .related_entity_identifiers()
        .expect("related entities always present");
    assert!(related.solutions().is_empty() && related.aws_marketplace_offers().is_empty());

    let missing = client
        .get_opportunity()
        .catalog("AWS")
        .identifier("O0000000")
        .send()
        .await
        .expect_err("unknown id")
        .into_service_error();
    assert!(
        matches!(missing, GetOpportunityError::ResourceNotFoundException(_)),
        "{missing:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn create_defaults_the_stage_to_prospect() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = client
        .create_opportunity()
        .catalog("AWS")
        .send()
        .await
        .expect("Catalog and ClientToken are all the model requires");
    let got = get(&client, "AWS", created.id()).await;
    assert_eq!(
        got.life_cycle().and_then(|l| l.stage()),
        Some(&Stage::Prospect)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn client_token_replays_the_same_body_and_conflicts_on_another() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let first = complete_opportunity(&client, "AWS", "token-1")
        .send()
        .await
        .expect("create");
    let again = complete_opportunity(&client, "AWS", "token-1")
        .send()
        .await
        .expect("retry");
    assert_eq!(again.id(), first.id());
    assert_eq!(again.last_modified_date(), first.last_modified_date());

    let err = complete_opportunity(&client, "AWS", "token-1")
        .partner_opportunity_identifier("something else")
        .send()
        .await
        .expect_err("different body")
        .into_service_error();
    assert!(
        matches!(err, CreateOpportunityError::ConflictException(_)),
        "{err:?}"
    );
    assert_eq!(err.code(), Some("ConflictException"));
    assert_eq!(
        err.message(),
        Some("Conflicting client token submitted for a new request body.")
    );

    let listed = client
        .list_opportunities()
        .catalog("AWS")
        .send()
        .await
        .expect("list");
    assert_eq!(
        listed.opportunity_summaries().len(),
        1,
        "the retry created nothing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn list_solutions_finds_the_active_sample_solution() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let all = client
        .list_solutions()
        .catalog("Sandbox")
        .send()
        .await
        .expect("list");
    let statuses: Vec<_> = all
        .solution_summaries()
        .iter()
        .map(|s| s.status().clone())
        .collect();
    assert_eq!(
        statuses,
        vec![SolutionStatus::Inactive, SolutionStatus::Active]
    );

    let active = client
        .list_solutions()
        .catalog("Sandbox")
        .status(SolutionStatus::Active)
        .send()
        .await
        .expect("list active");
    let [solution] = active.solution_summaries() else {
        panic!("expected one active solution: {active:?}");
    };
    assert_eq!(solution.id(), SOLUTION);
    assert_eq!(solution.name(), "Sample Solution");
    assert_eq!(solution.category(), "Compute");
    assert_eq!(solution.catalog(), "Sandbox");
    assert!(millis(solution.created_date()) > 0);
    assert!(solution.arn().is_some());

    let by_category = client
        .list_solutions()
        .catalog("AWS")
        .category("Compute")
        .send()
        .await
        .expect("list by category");
    let ids: Vec<&str> = by_category
        .solution_summaries()
        .iter()
        .map(|s| s.id())
        .collect();
    assert_eq!(ids, vec![SOLUTION]);
}

#[tokio::test(flavor = "multi_thread")]
async fn associations_show_in_get_and_unknown_entities_are_not_found() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = complete_opportunity(&client, "Sandbox", "assoc")
        .send()
        .await
        .expect("create");
    let id = created.id();
    let before = get(&client, "Sandbox", id).await;
    let associate = |kind: RelatedEntityType, target: &str| {
        client
            .associate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(id)
            .related_entity_type(kind)
            .related_entity_identifier(target)
            .send()
    };

    associate(RelatedEntityType::Solutions, SOLUTION)
        .await
        .expect("associate solution");
    associate(RelatedEntityType::AwsProducts, "amazon-ec2")
        .await
        .expect("associate product");
    let after = get(&client, "Sandbox", id).await;
    let related = after.related_entity_identifiers().expect("related");
    assert_eq!(related.solutions(), &[SOLUTION.to_string()]);
    assert_eq!(related.aws_products(), &["amazon-ec2".to_string()]);
    assert!(millis(after.last_modified_date()) > millis(before.last_modified_date()));

    let err = associate(RelatedEntityType::Solutions, "S-9999999")
        .await
        .expect_err("unknown solution");
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceNotFoundException")
    );

    let offer_arn =
        "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-doesnotexist1";
    let err = associate(RelatedEntityType::AwsMarketplaceOffers, offer_arn)
        .await
        .expect_err("unknown offer")
        .into_service_error();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert!(
        err.message().is_some_and(|m| m.contains(offer_arn)),
        "{err:?}"
    );

    let disassociate = || {
        client
            .disassociate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(id)
            .related_entity_type(RelatedEntityType::Solutions)
            .related_entity_identifier(SOLUTION)
            .send()
    };
    disassociate().await.expect("disassociate");
    let got = get(&client, "Sandbox", id).await;
    assert!(got
        .related_entity_identifiers()
        .expect("related")
        .solutions()
        .is_empty());
    let err = disassociate().await.expect_err("no longer associated");
    assert_eq!(
        err.into_service_error().code(),
        Some("ResourceNotFoundException")
    );
}
