//! Submitting for co-sell: the engagement task (success and failure) and AWS's review (catalog
//! AWS refuses updates while submitted; Sandbox approves).

use super::*;

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
