//! The engagements behind submissions and referrals, through the real SDK: a completed
//! submission's engagement exists (the partner and AWS as members, the opportunity snapshotted,
//! found by ListEngagementResourceAssociations); an AWS referral's engagement is AWS's until
//! the seller accepts it; a converted lead's submission reuses the lead's engagement.

use aws_sdk_partnercentralselling as pcs;
use pcs::error::ProvideErrorMetadata;
use pcs::types::{Account, Customer, RelatedEntityType, TaskStatus};
use pcs::Client;

use super::leads::seed;
use super::{submission, submittable, wait_for_task};
use crate::support::partner::create_referral;
use crate::support::{emulator, partner_client};

async fn members(c: &Client, catalog: &str, eng: &str) -> Vec<String> {
    let out = c
        .list_engagement_members()
        .catalog(catalog)
        .identifier(eng)
        .send()
        .await
        .expect("members");
    out.engagement_member_list()
        .iter()
        .filter_map(|m| m.account_id().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_completed_submission_has_its_engagement_with_the_opportunity_snapshotted() {
    let emu = emulator().await;
    let c = partner_client(&emu);
    let id = submittable(&c, "AWS", "s").await;
    let task = c
        .start_engagement_from_opportunity_task()
        .catalog("AWS")
        .client_token("t")
        .identifier(&id)
        .aws_submission(submission())
        .send()
        .await
        .expect("submit");
    let done = wait_for_task(&emu.clock(), &c, "AWS", task.task_id().expect("task")).await;
    let eng = done.engagement_id().expect("engagement").to_string();
    assert_eq!(members(&c, "AWS", &eng).await, ["123456789012", "aws"]);
    let assoc = c
        .list_engagement_resource_associations()
        .catalog("AWS")
        .resource_identifier(&id)
        .send()
        .await;
    let assoc = assoc.expect("associations");
    assert_eq!(
        assoc.engagement_resource_association_summaries()[0].engagement_id(),
        Some(eng.as_str())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_referral_engagement_is_awss_until_the_seller_accepts() {
    let emu = emulator().await;
    let c = partner_client(&emu);
    create_referral(&c, "Globex").await;
    let listed = c
        .list_engagement_invitations()
        .catalog("Sandbox")
        .participant_type("RECEIVER".into())
        .send()
        .await;
    let inv = listed.expect("list").engagement_invitation_summaries()[0].clone();
    let eng = inv.engagement_id().expect("engagement").to_string();
    let err = c
        .get_engagement()
        .catalog("Sandbox")
        .identifier(&eng)
        .send()
        .await
        .expect_err("not yet a member");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let task = c
        .start_engagement_by_accepting_invitation_task()
        .catalog("Sandbox")
        .client_token("a")
        .identifier(inv.id())
        .send()
        .await
        .expect("accept");
    let step = crate::support::clock::step();
    let task_id = task.task_id().expect("task").to_string();
    crate::support::clock::until(&emu.clock(), step, "accept task", || async {
        let l = c
            .list_engagement_by_accepting_invitation_tasks()
            .catalog("Sandbox")
            .task_identifier(&task_id)
            .send()
            .await;
        let t = l.expect("tasks").task_summaries()[0].clone();
        (t.task_status() == Some(&TaskStatus::Complete)).then_some(())
    })
    .await;
    assert_eq!(members(&c, "Sandbox", &eng).await, ["aws", "123456789012"]);
    let got = c
        .get_engagement()
        .catalog("Sandbox")
        .identifier(&eng)
        .send()
        .await
        .expect("a member now");
    assert_eq!(got.contexts()[0].r#type().as_str(), "CustomerProject");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_converted_leads_submission_reuses_the_leads_engagement() {
    let emu = emulator().await;
    let c = partner_client(&emu);
    let (invitation, eng) = seed(&emu, "Hooli");
    c.accept_engagement_invitation()
        .catalog("Sandbox")
        .identifier(&invitation)
        .send()
        .await
        .expect("accept");
    let task = c
        .start_opportunity_from_engagement_task()
        .catalog("Sandbox")
        .client_token("l")
        .identifier(&eng)
        .context_identifier("1")
        .send()
        .await
        .expect("convert");
    let opp = task.opportunity_id().expect("opportunity").to_string();
    let got = super::get(&c, "Sandbox", &opp).await;
    let account = Account::builder()
        .company_name("Hooli")
        .industry(pcs::types::Industry::from("Software and Internet"))
        .website_url("https://hooli.example.com")
        .build()
        .expect("account");
    super::update_from(&c, "Sandbox", &got)
        .customer(Customer::builder().account(account).build())
        .send()
        .await
        .expect("complete it");
    let assoc = c
        .associate_opportunity()
        .catalog("Sandbox")
        .opportunity_identifier(&opp);
    let assoc = assoc
        .related_entity_type(RelatedEntityType::Solutions)
        .related_entity_identifier(super::SOLUTION);
    assoc.send().await.expect("associate");
    let started = c
        .start_engagement_from_opportunity_task()
        .catalog("Sandbox")
        .client_token("s")
        .identifier(&opp)
        .aws_submission(submission())
        .send()
        .await
        .expect("submit");
    let done = wait_for_task(
        &emu.clock(),
        &c,
        "Sandbox",
        started.task_id().expect("task"),
    )
    .await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete), "{done:?}");
    assert_eq!(
        done.engagement_id(),
        Some(eng.as_str()),
        "the lead's engagement"
    );
}
