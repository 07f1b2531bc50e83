//! Resource snapshot jobs, AWS's summary of an opportunity, assignment, selling system settings
//! and tags in the emulator, through the real SDK: a job is created Stopped, runs, snapshots
//! its opportunity again when it changes, and is deleted only once stopped; the AWS summary
//! exists only after submission and reports AWS's stage; tags and settings round-trip and stay
//! within the owning account.

use aws_sdk_partnercentralselling as pcs;
use pcs::error::ProvideErrorMetadata;
use pcs::types::{AssigneeContact, ResourceSnapshotJobStatus, ResourceType, Tag, TaskStatus};
use pcs::Client;

use super::partners::engagement;
use super::{complete_opportunity, get, submission, submittable, update_from, wait_for_task};
use crate::support::accounts::{as_account, OTHER_SELLER, SELLER};
use crate::support::{emulator, emulator_with, fast_timings};

const SANDBOX: &str = "Sandbox";

async fn job_status(c: &Client, id: &str) -> Option<ResourceSnapshotJobStatus> {
    let got = c
        .get_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(id)
        .send()
        .await;
    got.expect("get job").status().cloned()
}

async fn revisions(c: &Client, engagement: &str) -> usize {
    let listed = c
        .list_resource_snapshots()
        .catalog(SANDBOX)
        .engagement_identifier(engagement)
        .send()
        .await;
    listed
        .expect("list snapshots")
        .resource_snapshot_summaries()
        .len()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_snapshot_job_is_created_stopped_runs_on_changes_and_is_deleted_only_when_stopped() {
    let emu = emulator().await;
    let a = as_account(&emu, SELLER).partner;
    let eng = engagement(&a).await;
    let opp = complete_opportunity(&a, SANDBOX, "o")
        .send()
        .await
        .expect("opportunity");
    let job = a
        .create_resource_snapshot_job()
        .catalog(SANDBOX)
        .client_token("job-1")
        .engagement_identifier(&eng)
        .resource_type(ResourceType::Opportunity)
        .resource_identifier(opp.id())
        .resource_snapshot_template_identifier("OpportunitySummaryView")
        .tags(
            Tag::builder()
                .key("team")
                .value("emea")
                .build()
                .expect("tag"),
        )
        .send()
        .await
        .expect("create job");
    let (id, arn) = (
        job.id().expect("id").to_string(),
        job.arn().expect("arn").to_string(),
    );
    assert_eq!(
        job_status(&a, &id).await,
        Some(ResourceSnapshotJobStatus::Stopped)
    );
    assert_eq!(revisions(&a, &eng).await, 0);
    let start = || {
        a.start_resource_snapshot_job()
            .catalog(SANDBOX)
            .resource_snapshot_job_identifier(&id)
            .send()
    };
    start().await.expect("start");
    assert_eq!(
        job_status(&a, &id).await,
        Some(ResourceSnapshotJobStatus::Running)
    );
    assert_eq!(
        revisions(&a, &eng).await,
        1,
        "a started job copies the opportunity"
    );
    let err = a
        .delete_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(&id)
        .send()
        .await;
    assert_eq!(err.expect_err("running").code(), Some("ConflictException"));
    // A change to the opportunity becomes a new revision; no change, no revision.
    let got = get(&a, SANDBOX, opp.id()).await;
    update_from(&a, SANDBOX, &got).send().await.expect("update");
    assert_eq!(revisions(&a, &eng).await, 2);
    assert_eq!(revisions(&a, &eng).await, 2);
    let got = a
        .get_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(&id)
        .send()
        .await
        .expect("job");
    assert!(got.last_successful_execution_date().is_some());
    // Tags given at creation are on the job; another account cannot read them.
    let tags = a
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .expect("tags");
    assert_eq!(tags.tags()[0].key(), "team");
    let other = as_account(&emu, OTHER_SELLER).partner;
    let err = other
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .expect_err("not B's");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    a.stop_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(&id)
        .send()
        .await
        .expect("stop");
    assert_eq!(
        job_status(&a, &id).await,
        Some(ResourceSnapshotJobStatus::Stopped)
    );
    a.delete_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(&id)
        .send()
        .await
        .expect("delete");
    let err = a
        .get_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(&id)
        .send()
        .await;
    assert_eq!(
        err.expect_err("deleted").code(),
        Some("ResourceNotFoundException")
    );
    let assoc = a
        .list_engagement_resource_associations()
        .catalog(SANDBOX)
        .resource_identifier(opp.id())
        .send()
        .await;
    let assoc = assoc.expect("associations");
    assert_eq!(
        assoc.engagement_resource_association_summaries()[0].engagement_id(),
        Some(eng.as_str())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_summary_appears_after_submission_with_aws_stage() {
    let emu = emulator_with(fast_timings()).await;
    let c = as_account(&emu, SELLER).partner;
    let id = submittable(&c, "AWS", "s-1").await;
    let summary = || {
        c.get_aws_opportunity_summary()
            .catalog("AWS")
            .related_opportunity_identifier(&id)
            .send()
    };
    let err = summary()
        .await
        .expect_err("AWS has no record before submission");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let task = c
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .client_token("t-1")
        .identifier(&id)
        .aws_submission(submission())
        .send()
        .await
        .expect("submit");
    let done = wait_for_task(&emu.clock(), &c, "AWS", task.task_id().expect("task")).await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete));
    let under_review = summary().await.expect("summary");
    let stage =
        |s: &pcs::operation::get_aws_opportunity_summary::GetAwsOpportunitySummaryOutput| {
            s.life_cycle()
                .and_then(|l| l.stage())
                .map(|s| s.as_str().to_string())
        };
    assert_eq!(stage(&under_review).as_deref(), Some("Not Started"));
    assert_eq!(
        under_review.involvement_type().map(|i| i.as_str()),
        Some("Co-Sell")
    );
    emu.clock().advance(std::time::Duration::from_secs(7200));
    let approved = summary().await.expect("summary");
    assert_eq!(stage(&approved).as_deref(), Some("Qualified"));
    assert_eq!(approved.opportunity_team().len(), 1);
    // AssignOpportunity puts the assignee in the opportunity's team.
    let assignee = AssigneeContact::builder()
        .email("owner@partner.example")
        .first_name("Pat")
        .last_name("Lee")
        .business_title("OpportunityOwner")
        .build()
        .expect("assignee");
    c.assign_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .assignee(assignee)
        .send()
        .await
        .expect("assign");
    let got = get(&c, "AWS", &id).await;
    let team: Vec<_> = got
        .opportunity_team()
        .iter()
        .filter_map(|m| m.email())
        .collect();
    assert!(team.contains(&"owner@partner.example"), "{team:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_and_opportunity_tags_round_trip_per_account() {
    let emu = emulator().await;
    let c = as_account(&emu, SELLER).partner;
    let err = c
        .get_selling_system_settings()
        .catalog(SANDBOX)
        .send()
        .await
        .expect_err("nothing set");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let put = c
        .put_selling_system_settings()
        .catalog(SANDBOX)
        .resource_snapshot_job_role_identifier("PartnerSnapshotRole")
        .send()
        .await
        .expect("put");
    let arn = format!("arn:aws:iam::{SELLER}:role/PartnerSnapshotRole");
    assert_eq!(put.resource_snapshot_job_role_arn(), Some(arn.as_str()));
    let got = c
        .get_selling_system_settings()
        .catalog(SANDBOX)
        .send()
        .await
        .expect("get");
    assert_eq!(got.resource_snapshot_job_role_arn(), Some(arn.as_str()));
    let opp = complete_opportunity(&c, SANDBOX, "o")
        .send()
        .await
        .expect("opportunity");
    let opp_arn = get(&c, SANDBOX, opp.id())
        .await
        .arn()
        .expect("arn")
        .to_string();
    let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build().expect("tag");
    c.tag_resource()
        .resource_arn(&opp_arn)
        .tags(tag("crm", "SF-1"))
        .tags(tag("region", "emea"))
        .send()
        .await
        .expect("tag");
    c.untag_resource()
        .resource_arn(&opp_arn)
        .tag_keys("region")
        .send()
        .await
        .expect("untag");
    let listed = c
        .list_tags_for_resource()
        .resource_arn(&opp_arn)
        .send()
        .await
        .expect("list");
    let keys: Vec<_> = listed.tags().iter().map(|t| t.key()).collect();
    assert_eq!(keys, ["crm"]);
}
