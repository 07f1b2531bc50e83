//! The Partner Central Selling emulator driven by the real `aws-sdk-partnercentralselling`
//! client: every request and reply here goes through the SDK's own serializers and parsers.

use std::collections::HashMap;

use aws_sdk_partnercentralselling as pcs;
use aws_smithy_types::{DateTime, Document};
use pcs::error::ProvideErrorMetadata;
use pcs::operation::create_opportunity::builders::CreateOpportunityFluentBuilder;
use pcs::operation::create_opportunity::CreateOpportunityError;
use pcs::operation::get_opportunity::{GetOpportunityError, GetOpportunityOutput};
use pcs::operation::update_opportunity::builders::UpdateOpportunityFluentBuilder;
use pcs::operation::update_opportunity::UpdateOpportunityError;
use pcs::types::{
    Account, AwsSubmission, Contact, Customer, DeliveryModel, Industry, LifeCycle,
    ListEngagementFromOpportunityTaskSummary, Marketing, OpportunityType, Project, ReasonCode,
    RelatedEntityType, ReviewStatus, SalesInvolvementType, SolutionStatus, Stage, TaskStatus,
    ValidationExceptionErrorCode, ValidationExceptionReason, Visibility,
};
use pcs::Client;

use crate::support::{catalog_client, emulator, emulator_with, fast_timings, partner_client};

pub(crate) const SOLUTION: &str = "S-0059717";
pub(crate) const PROBLEM: &str =
    "The customer's on-premises billing system cannot scale for peak season.";

/// The `ValidationException` inside a failed call, or a panic naming what came instead.
macro_rules! validation_error {
    ($result:expr, $variant:path) => {
        match $result
            .expect_err("the request should fail")
            .into_service_error()
        {
            $variant(v) => v,
            other => panic!("expected ValidationException, got {other:?}"),
        }
    };
}

fn account() -> Account {
    Account::builder()
        .company_name("Acme Corp")
        .industry(Industry::from("Software and Internet"))
        .website_url("https://acme.example.com")
        .build()
        .expect("account has a company name")
}

/// A CreateOpportunity carrying everything AWS requires for submission.
pub(crate) fn complete_opportunity(
    client: &Client,
    catalog: &str,
    token: &str,
) -> CreateOpportunityFluentBuilder {
    client
        .create_opportunity()
        .catalog(catalog)
        .client_token(token)
        .customer(Customer::builder().account(account()).build())
        .project(
            Project::builder()
                .title("Billing platform migration")
                .customer_business_problem(PROBLEM)
                .delivery_models(DeliveryModel::from("SaaS or PaaS"))
                .build(),
        )
        .opportunity_type(OpportunityType::NetNewBusiness)
        .life_cycle(
            LifeCycle::builder()
                .stage(Stage::Qualified)
                .target_close_date("2030-12-31")
                .build(),
        )
}

/// A complete opportunity with the sample solution associated: ready to submit.
async fn submittable(client: &Client, catalog: &str, token: &str) -> String {
    let created = complete_opportunity(client, catalog, token)
        .send()
        .await
        .expect("create");
    let id = created.id().to_string();
    client
        .associate_opportunity()
        .catalog(catalog)
        .opportunity_identifier(&id)
        .related_entity_type(RelatedEntityType::Solutions)
        .related_entity_identifier(SOLUTION)
        .send()
        .await
        .expect("associate solution");
    id
}

async fn get(client: &Client, catalog: &str, id: &str) -> GetOpportunityOutput {
    client
        .get_opportunity()
        .catalog(catalog)
        .identifier(id)
        .send()
        .await
        .expect("get opportunity")
}

fn review_status(got: &GetOpportunityOutput) -> Option<&ReviewStatus> {
    got.life_cycle().and_then(|l| l.review_status())
}

fn submission() -> AwsSubmission {
    AwsSubmission::builder()
        .involvement_type(SalesInvolvementType::CoSell)
        .visibility(Visibility::Full)
        .build()
        .expect("involvement type set")
}

/// An UpdateOpportunity that sends back everything Get returned (the documented way to
/// update: the operation replaces every updatable member).
fn update_from(
    client: &Client,
    catalog: &str,
    got: &GetOpportunityOutput,
) -> UpdateOpportunityFluentBuilder {
    client
        .update_opportunity()
        .catalog(catalog)
        .identifier(got.id())
        .last_modified_date(*got.last_modified_date())
        .set_customer(got.customer().cloned())
        .set_project(got.project().cloned())
        .set_opportunity_type(got.opportunity_type().cloned())
        .set_marketing(got.marketing().cloned())
        .set_life_cycle(got.life_cycle().cloned())
        .set_partner_opportunity_identifier(
            got.partner_opportunity_identifier().map(str::to_string),
        )
}

/// The opportunity's `LifeCycle` with the stage and/or review status replaced.
fn life_cycle_with(
    got: &GetOpportunityOutput,
    stage: Option<Stage>,
    review: Option<ReviewStatus>,
) -> LifeCycle {
    let l = got
        .life_cycle()
        .cloned()
        .unwrap_or_else(|| LifeCycle::builder().build());
    LifeCycle::builder()
        .set_stage(stage.or(l.stage))
        .set_closed_lost_reason(l.closed_lost_reason)
        .set_next_steps(l.next_steps)
        .set_target_close_date(l.target_close_date)
        .set_review_status(review.or(l.review_status))
        .set_review_comments(l.review_comments)
        .set_review_status_reason(l.review_status_reason)
        .set_next_steps_history(l.next_steps_history)
        .build()
}

/// Lists the task until it leaves IN_PROGRESS, moving the emulator clock.
async fn wait_for_task(
    clock: &mpctl_emulator::ClockControl,
    client: &Client,
    catalog: &str,
    task_id: &str,
) -> ListEngagementFromOpportunityTaskSummary {
    let step = crate::support::clock::step();
    crate::support::clock::until(clock, step, "task finished", || async {
        let listed = client
            .list_engagement_from_opportunity_tasks()
            .catalog(catalog)
            .task_identifier(task_id)
            .send()
            .await
            .expect("list tasks");
        let [task] = listed.task_summaries() else {
            panic!(
                "expected exactly one task, got {:?}",
                listed.task_summaries()
            );
        };
        (task.task_status() != Some(&TaskStatus::InProgress)).then(|| task.clone())
    })
    .await
}

fn millis(t: &DateTime) -> i64 {
    t.to_millis().expect("timestamp in range")
}

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

#[tokio::test(flavor = "multi_thread")]
async fn engagement_task_completes_and_submits_the_opportunity() {
    // Long enough that the first List surely sees the task still running.
    let emu = emulator_with(pcs_timings(1.0)).await;
    let client = partner_client(&emu);
    let id = submittable(&client, "AWS", "task-ok").await;
    let start = || {
        client
            .start_engagement_from_opportunity_task()
            .catalog("AWS")
            .client_token("start-1")
            .identifier(&id)
            .aws_submission(submission())
            .send()
    };
    let started = start().await.expect("start task");
    assert_eq!(started.task_status(), Some(&TaskStatus::InProgress));
    assert_eq!(started.opportunity_id(), Some(id.as_str()));
    assert!(started.start_time().is_some() && started.task_arn().is_some());
    assert!(started.engagement_id().is_none());
    let task_id = started.task_id().expect("task id").to_string();
    let suffix = task_id.strip_prefix("task-").expect("task- prefix");
    assert!(
        suffix.len() == 13
            && suffix
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    );

    let listed = client
        .list_engagement_from_opportunity_tasks()
        .catalog("AWS")
        .opportunity_identifier(&id)
        .send()
        .await
        .expect("list");
    assert_eq!(
        listed.task_summaries()[0].task_status(),
        Some(&TaskStatus::InProgress)
    );
    assert_eq!(
        start().await.expect("retried start").task_id(),
        Some(task_id.as_str())
    );

    let done = wait_for_task(&emu.clock(), &client, "AWS", &task_id).await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete));
    assert!(
        done.engagement_id().is_some_and(|e| e.starts_with("eng-")),
        "{done:?}"
    );
    assert!(done
        .engagement_invitation_id()
        .is_some_and(|e| e.starts_with("engi-")));
    assert!(done
        .resource_snapshot_job_id()
        .is_some_and(|e| e.starts_with("job-")));
    assert!(done.reason_code().is_none());
    assert_eq!(
        review_status(&get(&client, "AWS", &id).await),
        Some(&ReviewStatus::Submitted)
    );

    let again = client
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .client_token("start-2")
        .identifier(&id)
        .aws_submission(submission())
        .send()
        .await
        .expect_err("already submitted")
        .into_service_error();
    assert_eq!(again.code(), Some("ValidationException"));
}

fn pcs_timings(task_seconds: f64) -> mpctl_emulator::Timings {
    mpctl_emulator::Timings {
        task_seconds,
        ..fast_timings()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn engagement_task_fails_when_required_fields_are_missing() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let created = client
        .create_opportunity()
        .catalog("AWS")
        .customer(
            Customer::builder()
                .account(
                    Account::builder()
                        .company_name("Acme")
                        .build()
                        .expect("account"),
                )
                .build(),
        )
        .send()
        .await
        .expect("create");
    let id = created.id();

    // The synchronous path refuses the same opportunity outright, naming each gap.
    let refused = validation_error!(
        client
            .submit_opportunity()
            .catalog("AWS")
            .identifier(id)
            .involvement_type(SalesInvolvementType::CoSell)
            .send()
            .await,
        pcs::operation::submit_opportunity::SubmitOpportunityError::ValidationException
    );
    assert_eq!(
        refused.reason(),
        &ValidationExceptionReason::BusinessValidationFailed
    );
    let fields: Vec<Option<&str>> = refused
        .error_list()
        .iter()
        .map(|e| e.field_name())
        .collect();
    assert!(fields.contains(&Some("Project.Title")), "{fields:?}");

    let started = client
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .identifier(id)
        .aws_submission(submission())
        .send()
        .await
        .expect("start task");
    assert_eq!(started.task_status(), Some(&TaskStatus::InProgress));

    let done = wait_for_task(
        &emu.clock(),
        &client,
        "AWS",
        started.task_id().expect("task id"),
    )
    .await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Failed));
    assert_eq!(
        done.reason_code(),
        Some(&ReasonCode::OpportunityValidationFailed)
    );
    let message = done.message().expect("failure message");
    for field in [
        "Customer.Account.Industry",
        "Customer.Account.WebsiteUrl",
        "Project.Title",
        "Project.CustomerBusinessProblem",
        "Solutions",
    ] {
        assert!(message.contains(field), "{field} missing from {message}");
    }
    assert!(!message.contains("CompanyName"), "{message}");
    assert!(done.engagement_id().is_none());
    assert_eq!(
        review_status(&get(&client, "AWS", id).await),
        Some(&ReviewStatus::PendingSubmission)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_catalog_refuses_updates_while_submitted_and_review_status_changes() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let id = submittable(&client, "AWS", "submitted").await;
    client
        .submit_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .involvement_type(SalesInvolvementType::CoSell)
        .send()
        .await
        .expect("submit");
    let got = get(&client, "AWS", &id).await;
    assert_eq!(review_status(&got), Some(&ReviewStatus::Submitted));

    let locked = validation_error!(
        update_from(&client, "AWS", &got).send().await,
        UpdateOpportunityError::ValidationException
    );
    assert_eq!(
        locked.reason(),
        &ValidationExceptionReason::BusinessValidationFailed
    );
    assert_eq!(
        locked.error_list()[0].code(),
        &ValidationExceptionErrorCode::InvalidResourceState
    );

    let approve = life_cycle_with(&got, None, Some(ReviewStatus::Approved));
    let read_only = validation_error!(
        update_from(&client, "AWS", &got)
            .life_cycle(approve)
            .send()
            .await,
        UpdateOpportunityError::ValidationException
    );
    assert_eq!(
        read_only.error_list()[0].field_name(),
        Some("LifeCycle.ReviewStatus")
    );
    assert_eq!(
        review_status(&get(&client, "AWS", &id).await),
        Some(&ReviewStatus::Submitted)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sandbox_review_simulation_approves_a_submitted_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let id = submittable(&client, "Sandbox", "sandbox-review").await;
    let task = client
        .start_engagement_from_opportunity_task()
        .catalog("Sandbox")
        .identifier(&id)
        .aws_submission(submission())
        .send()
        .await
        .expect("start task");
    wait_for_task(
        &emu.clock(),
        &client,
        "Sandbox",
        task.task_id().expect("task id"),
    )
    .await;
    let submitted = get(&client, "Sandbox", &id).await;
    assert_eq!(review_status(&submitted), Some(&ReviewStatus::Submitted));

    let approve = life_cycle_with(&submitted, None, Some(ReviewStatus::Approved));
    let updated = update_from(&client, "Sandbox", &submitted)
        .life_cycle(approve)
        .send()
        .await
        .expect("Sandbox lets the client play the reviewer");
    assert!(millis(updated.last_modified_date()) > millis(submitted.last_modified_date()));
    let approved = get(&client, "Sandbox", &id).await;
    assert_eq!(review_status(&approved), Some(&ReviewStatus::Approved));
    assert_eq!(approved.customer(), submitted.customer());
    assert_eq!(
        approved.related_entity_identifiers(),
        submitted.related_entity_identifiers()
    );

    // Approved opportunities are editable again: move the deal on to Committed.
    let commit = life_cycle_with(&approved, Some(Stage::Committed), None);
    update_from(&client, "Sandbox", &approved)
        .life_cycle(commit)
        .send()
        .await
        .expect("commit");
    let committed = get(&client, "Sandbox", &id).await;
    assert_eq!(
        committed.life_cycle().and_then(|l| l.stage()),
        Some(&Stage::Committed)
    );
    assert_eq!(review_status(&committed), Some(&ReviewStatus::Approved));
}

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

/// Creates a SaaS product and `offers` offers for it through the Catalog API; returns the offer
/// ARNs.
async fn marketplace_offers(emu: &mpctl_emulator::Handle, offers: usize) -> Vec<String> {
    let catalog = catalog_client(emu);
    let product = run_change_set(
        &catalog,
        "CreateProduct",
        "SaaSProduct@1.0",
        [("ProductTitle", "Emulated SaaS")],
    )
    .await;
    let product_id = product.split('@').next().unwrap_or_default().to_string();
    let mut arns = Vec::new();
    for _ in 0..offers {
        let offer = run_change_set(
            &catalog,
            "CreateOffer",
            "Offer@1.0",
            [("ProductId", product_id.as_str())],
        )
        .await;
        let offer_id = offer.split('@').next().unwrap_or_default();
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

/// Runs a one-change change set to SUCCEEDED and returns the entity identifier it reports.
async fn run_change_set<const N: usize>(
    catalog: &crate::support::CatalogClient,
    change_type: &str,
    entity_type: &str,
    details: [(&str, &str); N],
) -> String {
    use aws_sdk_marketplacecatalog::types::{Change, ChangeStatus, Entity};
    let document: HashMap<String, Document> = details
        .iter()
        .map(|(k, v)| (k.to_string(), Document::String(v.to_string())))
        .collect();
    let change = Change::builder()
        .change_type(change_type)
        .entity(
            Entity::builder()
                .r#type(entity_type)
                .build()
                .expect("entity"),
        )
        .details_document(Document::Object(document))
        .build()
        .expect("change");
    let started = catalog
        .start_change_set()
        .catalog("AWSMarketplace")
        .change_set(change)
        .send()
        .await
        .expect("start change set");
    let id = started.change_set_id().expect("change set id");
    let described = crate::support::catalog::finish(catalog, id).await;
    match described.status() {
        Some(ChangeStatus::Succeeded) => {
            let entity = described.change_set()[0]
                .entity()
                .and_then(|e| e.identifier());
            entity.expect("created entity").to_string()
        }
        other => panic!("change set ended {other:?}: {described:?}"),
    }
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
