//! AWS leads in the emulator, end to end through the real `aws-sdk-partnercentralselling`
//! client: a seeded lead reaches the seller as a pending `LeadInvitation`; the engagement stays
//! hidden until the seller accepts (then it is a member, with the Lead context's contact
//! details); the context is updated under optimistic concurrency; StartOpportunityFromEngagementTask
//! turns it into a draft opportunity with a CustomerProject context, a snapshot and a running
//! snapshot job — and refuses contexts that are not convertible leads.

use aws_sdk_partnercentralselling as pcs;
use pcs::error::ProvideErrorMetadata;
use pcs::types::{
    EngagementContextType, EngagementInvitationPayloadType, InvitationStatus, LeadAddress,
    LeadContact, LeadCustomer, LeadInteraction, ParticipantType, ReasonCode, ReviewStatus, Stage,
    TaskStatus, UpdateEngagementContextPayload, UpdateLeadContext,
};
use pcs::Client;

use crate::support::accounts::{as_account, OTHER_SELLER, SELLER};
use crate::support::{emulator, partner_client};

const SANDBOX: &str = "Sandbox";

/// Seeds a lead for the default seller; returns (invitation id, engagement id).
pub(crate) fn seed(emu: &mpctl_emulator::Handle, company: &str) -> (String, String) {
    let seeded = emu
        .seed_lead(SELLER, SANDBOX, company)
        .expect("Sandbox is a catalog");
    let text = |k: &str| seeded[k].as_str().expect(k).to_string();
    (text("invitationId"), text("engagementId"))
}

async fn accept(client: &Client, invitation: &str) {
    client
        .accept_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(invitation)
        .send()
        .await
        .expect("accept the lead");
}

fn update_payload(qualification: &str) -> UpdateEngagementContextPayload {
    let customer = LeadCustomer::builder()
        .company_name("Hooli")
        .address(LeadAddress::builder().country_code("US").build())
        .build()
        .expect("company name");
    let contact = LeadContact::builder()
        .business_title("CIO")
        .email("cio@hooli.example")
        .first_name("Gavin")
        .last_name("Belson")
        .build()
        .expect("contact");
    let interaction = LeadInteraction::builder()
        .source_type("Event")
        .source_id("EV-7")
        .source_name("Summit booth")
        .customer_action("Visited booth")
        .business_problem("Their analytics cluster cannot keep up with the data.")
        .contact(contact)
        .build();
    UpdateEngagementContextPayload::Lead(
        UpdateLeadContext::builder()
            .customer(customer)
            .qualification_status(qualification)
            .interaction(interaction)
            .build(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_lead_reaches_the_seller_only_and_hides_its_engagement_until_accepted() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let (invitation, engagement) = seed(&emu, "Hooli");
    assert!(
        invitation.starts_with("engi-") && invitation.len() == 18,
        "{invitation}"
    );
    let listed = client
        .list_engagement_invitations()
        .catalog(SANDBOX)
        .participant_type(ParticipantType::Receiver)
        .payload_type(EngagementInvitationPayloadType::LeadInvitation)
        .send()
        .await
        .expect("list leads");
    let [lead] = listed.engagement_invitation_summaries() else {
        panic!("one lead expected: {listed:?}");
    };
    assert_eq!(lead.id(), invitation.as_str());
    assert_eq!(lead.engagement_id(), Some(engagement.as_str()));
    let got = client
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&invitation)
        .send()
        .await
        .expect("get lead");
    assert_eq!(got.status(), Some(&InvitationStatus::Pending));
    let payload = got
        .payload()
        .and_then(|p| p.as_lead_invitation().ok())
        .expect("lead payload");
    assert_eq!(payload.customer().map(|c| c.company_name()), Some("Hooli"));
    // Another partner sees neither the invitation nor the engagement.
    let other = as_account(&emu, OTHER_SELLER).partner;
    let err = other
        .get_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&invitation)
        .send()
        .await;
    assert_eq!(
        err.expect_err("not B's").code(),
        Some("ResourceNotFoundException")
    );
    // Before acceptance, the seller is no member either.
    let err = client
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await;
    assert_eq!(
        err.expect_err("not a member yet").code(),
        Some("ResourceNotFoundException")
    );
    // The accept task is for opportunity invitations; a lead is accepted directly.
    let err = client
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("t")
        .identifier(&invitation)
        .send()
        .await
        .expect_err("lead through the task");
    assert_eq!(err.code(), Some("ValidationException"));
    accept(&client, &invitation).await;
    let e = client
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await
        .expect("member now");
    assert_eq!(e.member_count(), Some(2));
    assert_eq!(e.created_by(), Some("aws"));
    let [context] = e.contexts() else {
        panic!("one context: {e:?}")
    };
    assert_eq!(context.r#type(), &EngagementContextType::Lead);
    let lead = context
        .payload()
        .and_then(|p| p.as_lead().ok())
        .expect("lead context");
    let contact = lead.interactions()[0]
        .contact()
        .expect("contact revealed to members");
    assert_eq!(contact.email(), "cto@example.com");
    let members = client
        .list_engagement_members()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await
        .expect("members");
    let accounts: Vec<_> = members
        .engagement_member_list()
        .iter()
        .filter_map(|m| m.account_id())
        .collect();
    assert_eq!(accounts, ["aws", SELLER]);
    let events: Vec<_> = emu.events().into_iter().map(|e| e.detail_type).collect();
    assert!(
        events.contains(&"Engagement Member Added".to_string()),
        "{events:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lead_context_updates_under_concurrency_and_becomes_an_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let (invitation, engagement) = seed(&emu, "Hooli");
    accept(&client, &invitation).await;
    let e = client
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await
        .expect("get");
    let stale = *e.modified_at().expect("modified");
    let updated = client
        .update_engagement_context()
        .catalog(SANDBOX)
        .engagement_identifier(&engagement)
        .context_identifier("1")
        .engagement_last_modified_at(stale)
        .r#type(EngagementContextType::Lead)
        .payload(update_payload("Qualified"))
        .send()
        .await
        .expect("update with the current stamp");
    assert!(updated.engagement_last_modified_at() > &stale);
    let err = client
        .update_engagement_context()
        .catalog(SANDBOX)
        .engagement_identifier(&engagement)
        .context_identifier("1")
        .engagement_last_modified_at(stale)
        .r#type(EngagementContextType::Lead)
        .payload(update_payload("Qualified"))
        .send()
        .await
        .expect_err("stale stamp");
    assert_eq!(err.code(), Some("ConflictException"));
    let task = client
        .start_opportunity_from_engagement_task()
        .catalog(SANDBOX)
        .client_token("lead-1")
        .identifier(&engagement)
        .context_identifier("1")
        .send()
        .await
        .expect("convert");
    assert_eq!(task.task_status(), Some(&TaskStatus::Complete));
    assert_eq!(task.context_id(), Some("2"));
    let id = task.opportunity_id().expect("opportunity").to_string();
    let opp = client
        .get_opportunity()
        .catalog(SANDBOX)
        .identifier(&id)
        .send()
        .await
        .expect("draft");
    assert_eq!(
        opp.project().and_then(|p| p.title()),
        Some("Converted from Lead")
    );
    let lc = opp.life_cycle().expect("life cycle");
    assert_eq!(lc.stage(), Some(&Stage::Prospect));
    assert_eq!(lc.review_status(), Some(&ReviewStatus::PendingSubmission));
    let job = client
        .get_resource_snapshot_job()
        .catalog(SANDBOX)
        .resource_snapshot_job_identifier(task.resource_snapshot_job_id().expect("job"))
        .send()
        .await
        .expect("job");
    assert_eq!(job.status().map(|s| s.as_str()), Some("Running"));
    let e = client
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await
        .expect("get");
    let kinds: Vec<_> = e.contexts().iter().map(|c| c.r#type().as_str()).collect();
    assert_eq!(kinds, ["Lead", "CustomerProject"]);
    // Retrying with the same token reports the same task; listing finds it.
    let again = client
        .start_opportunity_from_engagement_task()
        .catalog(SANDBOX)
        .client_token("lead-1")
        .identifier(&engagement)
        .context_identifier("1")
        .send()
        .await
        .expect("retry");
    assert_eq!(again.task_id(), task.task_id());
    let listed = client
        .list_opportunity_from_engagement_tasks()
        .catalog(SANDBOX)
        .engagement_identifier(&engagement)
        .send()
        .await
        .expect("list tasks");
    assert_eq!(listed.task_summaries().len(), 1);
    // Contexts that are not convertible leads end FAILED with the matching reason.
    for (context, reason) in [
        ("9", ReasonCode::ContextNotFound),
        ("2", ReasonCode::CustomerProjectContextNotPermitted),
    ] {
        let failed = client
            .start_opportunity_from_engagement_task()
            .catalog(SANDBOX)
            .client_token(format!("bad-{context}"))
            .identifier(&engagement)
            .context_identifier(context)
            .send()
            .await
            .expect("a failed task is an answer");
        assert_eq!(failed.task_status(), Some(&TaskStatus::Failed));
        assert_eq!(failed.reason_code(), Some(&reason));
        assert_eq!(failed.opportunity_id(), None);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disqualified_lead_does_not_become_an_opportunity() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let (invitation, engagement) = seed(&emu, "Pied Piper");
    accept(&client, &invitation).await;
    let e = client
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&engagement)
        .send()
        .await
        .expect("get");
    client
        .update_engagement_context()
        .catalog(SANDBOX)
        .engagement_identifier(&engagement)
        .context_identifier("1")
        .engagement_last_modified_at(*e.modified_at().expect("stamp"))
        .r#type(EngagementContextType::Lead)
        .payload(update_payload("Disqualified"))
        .send()
        .await
        .expect("disqualify");
    let failed = client
        .start_opportunity_from_engagement_task()
        .catalog(SANDBOX)
        .client_token("dq")
        .identifier(&engagement)
        .context_identifier("1")
        .send()
        .await
        .expect("answer");
    assert_eq!(
        failed.reason_code(),
        Some(&ReasonCode::DisqualifiedLeadNotPermitted)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unanswered_lead_expires_after_fifteen_days() {
    let emu = emulator().await;
    let client = partner_client(&emu);
    let (invitation, _) = seed(&emu, "Hooli");
    emu.clock()
        .advance(std::time::Duration::from_secs(14 * 86_400));
    let status = |c: Client, id: String| async move {
        c.get_engagement_invitation()
            .catalog(SANDBOX)
            .identifier(id)
            .send()
            .await
            .expect("get")
            .status()
            .cloned()
    };
    assert_eq!(
        status(client.clone(), invitation.clone()).await,
        Some(InvitationStatus::Pending)
    );
    emu.clock()
        .advance(std::time::Duration::from_secs(2 * 86_400));
    assert_eq!(
        status(client.clone(), invitation.clone()).await,
        Some(InvitationStatus::Expired)
    );
    let err = client
        .accept_engagement_invitation()
        .catalog(SANDBOX)
        .identifier(&invitation)
        .send()
        .await;
    assert_eq!(err.expect_err("expired").code(), Some("ConflictException"));
}
