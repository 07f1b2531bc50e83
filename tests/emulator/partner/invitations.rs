//! Partner Central engagement invitations (AWS referrals) in the emulator, driven by the real
//! `aws-sdk-partnercentralselling` client: a Sandbox opportunity with `Origin: AWS Referral`
//! produces a pending invitation; it can be listed, read, accepted through an asynchronous task
//! (which creates the seller's opportunity) or rejected with one of the documented reasons.

use aws_sdk_partnercentralselling as pcs;
use pcs::error::ProvideErrorMetadata;
use pcs::types::{
    CountryCode, InvitationStatus, ListEngagementByAcceptingInvitationTaskSummary,
    OpportunityOrigin, ParticipantType, ReasonCode, Stage, TaskStatus,
};
use pcs::Client;

use crate::support::partner::{create_referral, PROBLEM};
use crate::support::{emulator, emulator_with, partner_client};

const SANDBOX: &str = "Sandbox";
/// The ids of the seller's invitations (RECEIVER), every page.
async fn invitation_ids(client: &Client, status: Option<InvitationStatus>) -> Vec<String> {
    let mut call = client
        .list_engagement_invitations()
        .catalog(SANDBOX)
        .participant_type(ParticipantType::Receiver)
        .max_results(1);
    if let Some(s) = status {
        call = call.status(s);
    }
    call.into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .map(|i| i.expect("list invitations").id().to_string())
        .collect()
}

async fn only_invitation(client: &Client) -> String {
    let ids = invitation_ids(client, None).await;
    let [id] = ids.as_slice() else {
        panic!("expected one invitation, got {ids:?}");
    };
    id.clone()
}

/// Lists the accept task until it leaves IN_PROGRESS, moving the emulator clock.
async fn wait_for_accept_task(
    clock: &mpctl_emulator::ClockControl,
    client: &Client,
    task_id: &str,
) -> ListEngagementByAcceptingInvitationTaskSummary {
    let step = crate::support::clock::step();
    crate::support::clock::until(clock, step, "accept task finished", || async {
        let listed = client
            .list_engagement_by_accepting_invitation_tasks()
            .catalog(SANDBOX)
            .task_identifier(task_id)
            .send()
            .await
            .expect("list accept tasks");
        let [task] = listed.task_summaries() else {
            panic!("expected one task, got {:?}", listed.task_summaries());
        };
        (task.task_status() != Some(&TaskStatus::InProgress)).then(|| task.clone())
    })
    .await
}

async fn status_of(client: &Client, id: &str) -> Option<InvitationStatus> {
    client
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(id)
        .send()
        .await
        .expect("get invitation")
        .status()
        .cloned()
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_referral_produces_a_pending_invitation_with_the_referral_data() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let own = client
        .create_opportunity()
        .catalog(SANDBOX)
        .origin(OpportunityOrigin::PartnerReferral)
        .send()
        .await
        .expect("partner referral");
    assert!(!own.id().is_empty());
    assert!(
        invitation_ids(&client, None).await.is_empty(),
        "a partner's own opportunity is no invitation"
    );
    create_referral(&client, "Globex").await;
    let id = only_invitation(&client).await;
    assert!(id.starts_with("engi-") && id.len() == 18, "{id}");
    let got = client
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&id)
        .send()
        .await
        .expect("get invitation");
    assert_eq!(got.status(), Some(&InvitationStatus::Pending));
    assert_eq!(got.engagement_title(), Some("Globex data lake"));
    assert!(got.expiration_date() > got.invitation_date());
    let payload = got
        .payload()
        .and_then(|p| p.as_opportunity_invitation().ok())
        .expect("opportunity payload");
    assert_eq!(payload.customer().unwrap().company_name(), "Globex");
    assert_eq!(payload.customer().unwrap().country_code(), &CountryCode::De);
    let project = payload.project().unwrap();
    assert_eq!(project.business_problem(), PROBLEM);
    assert_eq!(project.target_completion_date(), "2030-06-30");
    assert_eq!(project.expected_customer_spend()[0].amount(), "5000");
    // The ARN names the same invitation.
    let by_arn = client
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(got.arn().unwrap())
        .send()
        .await
        .expect("get by ARN");
    assert_eq!(by_arn.id(), id);
    // The AWS catalog is a separate data set.
    let err = client
        .get_engagement_invitation()
        .catalog("AWS")
        .identifier(&id)
        .send()
        .await
        .expect_err("not in AWS");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn accept_task_completes_once_and_creates_the_seller_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let referral = create_referral(&client, "Initech").await;
    let invitation = only_invitation(&client).await;
    let start = || {
        client
            .start_engagement_by_accepting_invitation_task()
            .catalog(SANDBOX)
            .client_token("accept-1")
            .identifier(&invitation)
            .send()
    };
    let first = start().await.expect("start task");
    assert_eq!(first.task_status(), Some(&TaskStatus::InProgress));
    assert_eq!(first.opportunity_id(), None, "no id before COMPLETE");
    let again = start().await.expect("retried start");
    assert_eq!(again.task_id(), first.task_id(), "same token, same task");
    let done = wait_for_accept_task(&emu.clock(), &client, first.task_id().unwrap()).await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete));
    assert_eq!(done.engagement_invitation_id(), Some(invitation.as_str()));
    let new_id = done.opportunity_id().expect("opportunity id").to_string();
    assert_ne!(new_id, referral);
    assert!(done.resource_snapshot_job_id().is_some());
    let opp = client
        .get_opportunity()
        .catalog(SANDBOX)
        .identifier(&new_id)
        .send()
        .await
        .expect("the accepted opportunity exists");
    let account = opp.customer().and_then(|c| c.account()).unwrap();
    assert_eq!(account.company_name(), "Initech");
    assert_eq!(opp.project().unwrap().title(), Some("Initech data lake"));
    let lc = opp.life_cycle().unwrap();
    assert_eq!(lc.target_close_date(), Some("2030-06-30"));
    assert_eq!(lc.stage(), Some(&Stage::Prospect));
    assert_eq!(
        status_of(&client, &invitation).await,
        Some(InvitationStatus::Accepted)
    );
    // Accepting again (a new token) fails: the invitation is no longer pending.
    let err = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("accept-2")
        .identifier(&invitation)
        .send()
        .await
        .expect_err("already accepted");
    assert_eq!(err.code(), Some("ConflictException"));
    assert!(err.message().unwrap().contains("ACCEPTED"), "{err:?}");
    // The same token with another invitation is a token conflict.
    let other = create_referral(&client, "Umbrella").await;
    assert!(!other.is_empty());
    let pending = invitation_ids(&client, Some(InvitationStatus::Pending)).await;
    let err = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("accept-1")
        .identifier(&pending[0])
        .send()
        .await
        .expect_err("token reuse");
    assert_eq!(err.code(), Some("ConflictException"));
    let tasks = client
        .list_engagement_by_accepting_invitation_tasks()
        .catalog(SANDBOX)
        .send()
        .await
        .expect("list tasks");
    assert_eq!(tasks.task_summaries().len(), 1, "exactly one task ran");
    let by_opportunity = client
        .list_engagement_by_accepting_invitation_tasks()
        .catalog(SANDBOX)
        .opportunity_identifier(&new_id)
        .task_status(TaskStatus::Complete)
        .send()
        .await
        .expect("filtered");
    assert_eq!(by_opportunity.task_summaries().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn reject_checks_the_documented_reasons_and_closes_the_invitation() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    create_referral(&client, "Hooli").await;
    let invitation = only_invitation(&client).await;
    let reject = |reason: &'static str| {
        client
            .reject_engagement_invitation()
            .catalog(SANDBOX)
            .identifier(&invitation)
            .rejection_reason(reason)
            .send()
    };
    let err = reject("Too busy")
        .await
        .expect_err("not a documented reason");
    let pcs::operation::reject_engagement_invitation::RejectEngagementInvitationError::ValidationException(v) =
        err.into_service_error()
    else {
        panic!("expected ValidationException");
    };
    assert_eq!(v.error_list()[0].field_name(), Some("RejectionReason"));
    assert!(v.message().contains("Unable to support"), "{v:?}");
    assert_eq!(
        status_of(&client, &invitation).await,
        Some(InvitationStatus::Pending)
    );
    reject("Unable to support").await.expect("reject");
    let got = client
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&invitation)
        .send()
        .await
        .expect("get");
    assert_eq!(got.status(), Some(&InvitationStatus::Rejected));
    assert_eq!(got.rejection_reason(), Some("Unable to support"));
    let again = reject("Other").await.expect_err("already rejected");
    assert_eq!(again.code(), Some("ConflictException"));
    let accept = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("t")
        .identifier(&invitation)
        .send()
        .await
        .expect_err("rejected invitations cannot be accepted");
    assert_eq!(accept.code(), Some("ConflictException"));
    let missing = client
        .reject_engagement_invitation()
        .catalog(SANDBOX)
        .identifier("engi-0000000000000")
        .send()
        .await
        .expect_err("unknown");
    assert_eq!(missing.code(), Some("ResourceNotFoundException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn invitations_list_by_status_and_page_and_accept_directly() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    for company in ["Alpha", "Beta", "Gamma"] {
        create_referral(&client, company).await;
    }
    let all = invitation_ids(&client, None).await;
    assert_eq!(all.len(), 3, "three pages of one");
    client
        .accept_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&all[0])
        .send()
        .await
        .expect("accept directly");
    assert_eq!(
        status_of(&client, &all[0]).await,
        Some(InvitationStatus::Accepted)
    );
    let pending = invitation_ids(&client, Some(InvitationStatus::Pending)).await;
    assert_eq!(pending.len(), 2);
    assert!(!pending.contains(&all[0]));
    let accepted = invitation_ids(&client, Some(InvitationStatus::Accepted)).await;
    assert_eq!(accepted, vec![all[0].clone()]);
    let sent = client
        .list_engagement_invitations()
        .catalog(SANDBOX)
        .participant_type(ParticipantType::Sender)
        .send()
        .await
        .expect("sender view");
    assert!(sent.engagement_invitation_summaries().is_empty());
    let err = client
        .list_engagement_invitations()
        .catalog(SANDBOX)
        .participant_type(ParticipantType::from("NOBODY"))
        .send()
        .await
        .expect_err("bad enum");
    assert_eq!(err.code(), Some("ValidationException"));
}

#[tokio::test(flavor = "multi_thread")]
async fn accept_task_fails_when_the_invitation_is_rejected_meanwhile() {
    let emu = emulator_with(mpctl_emulator::Timings {
        task_seconds: 0.5,
        ..crate::support::fast_timings()
    })
    .await;
    let client = partner_client(&emu);
    create_referral(&client, "Soylent").await;
    let invitation = only_invitation(&client).await;
    let task = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("t1")
        .identifier(&invitation)
        .send()
        .await
        .expect("start");
    let second = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("t2")
        .identifier(&invitation)
        .send()
        .await
        .expect_err("one accept task at a time");
    assert_eq!(second.code(), Some("ConflictException"));
    client
        .reject_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&invitation)
        .rejection_reason("Other")
        .send()
        .await
        .expect("reject while the task runs");
    let done = wait_for_accept_task(&emu.clock(), &client, task.task_id().unwrap()).await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Failed));
    assert_eq!(
        done.reason_code(),
        Some(&ReasonCode::EngagementInvitationConflict)
    );
    assert!(done.message().unwrap().contains("REJECTED"));
    assert_eq!(done.opportunity_id(), None);
}
