//! Engagements between partner accounts through the real SDK: partner A creates an engagement
//! and invites partner B; the invitation reaches B and nobody else, A sees it as sender; after B
//! accepts (the accept task creates B's own opportunity) the engagement lists both as members,
//! B reads A's snapshot, a stranger reads nothing; the invitation caps hold.

use aws_sdk_partnercentralselling as pcs;
use pcs::error::ProvideErrorMetadata;
use pcs::types::{
    AccountReceiver, CountryCode, CustomerProjectsContext, EngagementContextDetails,
    EngagementContextPayload, EngagementContextType, EngagementCustomer,
    EngagementCustomerProjectDetails, Industry, Invitation, OpportunityInvitationPayload,
    ParticipantType, Payload, Receiver, ReceiverResponsibility, ResourceType, TaskStatus,
};
use pcs::Client;

use super::{complete_opportunity, PROBLEM};
use crate::support::accounts::{as_account, OTHER_SELLER, SELLER, STRANGER};
use crate::support::emulator;

const SANDBOX: &str = "Sandbox";

fn customer() -> EngagementCustomer {
    EngagementCustomer::builder()
        .industry(Industry::from("Software and Internet"))
        .company_name("Acme Corp")
        .website_url("https://acme.example.com")
        .country_code(CountryCode::Us)
        .build()
        .expect("customer")
}

fn project() -> EngagementCustomerProjectDetails {
    EngagementCustomerProjectDetails::builder()
        .title("Billing platform migration")
        .business_problem(PROBLEM)
        .target_completion_date("2030-12-31")
        .build()
        .expect("project")
}

/// Partner A's engagement with a CustomerProject context; returns its id.
pub(crate) async fn engagement(a: &Client) -> String {
    let context = EngagementContextDetails::builder()
        .r#type(EngagementContextType::CustomerProject)
        .payload(EngagementContextPayload::CustomerProject(
            CustomerProjectsContext::builder()
                .customer(customer())
                .project(project())
                .build(),
        ))
        .build()
        .expect("context");
    let created = a
        .create_engagement()
        .catalog(SANDBOX)
        .client_token("eng-1")
        .title("Acme co-sell")
        .description("Acme's billing migration with a partner")
        .contexts(context)
        .send()
        .await
        .expect("create engagement");
    created.id().expect("id").to_string()
}

/// A's invitation of `receiver` into `engagement`.
pub(crate) async fn invite(
    a: &Client,
    engagement: &str,
    receiver: &str,
) -> Result<String, pcs::Error> {
    let payload = OpportunityInvitationPayload::builder()
        .receiver_responsibilities(ReceiverResponsibility::ServicesPartner)
        .customer(customer())
        .project(
            pcs::types::ProjectDetails::builder()
                .business_problem(PROBLEM)
                .title("Billing platform migration")
                .target_completion_date("2030-12-31")
                .set_expected_customer_spend(Some(Vec::new()))
                .build()
                .expect("project"),
        )
        .build()
        .expect("payload");
    let invitation = Invitation::builder()
        .message("Join us on Acme")
        .receiver(Receiver::Account(
            AccountReceiver::builder()
                .aws_account_id(receiver)
                .build()
                .expect("receiver"),
        ))
        .payload(Payload::OpportunityInvitation(payload))
        .build()
        .expect("invitation");
    let sent = a
        .create_engagement_invitation()
        .catalog(SANDBOX)
        .client_token(format!("invite-{receiver}"))
        .engagement_identifier(engagement)
        .invitation(invitation)
        .send()
        .await?;
    Ok(sent.id().to_string())
}

async fn invitations(c: &Client, participant: ParticipantType) -> Vec<String> {
    let listed = c
        .list_engagement_invitations()
        .catalog(SANDBOX)
        .participant_type(participant)
        .send()
        .await
        .expect("list invitations");
    listed
        .engagement_invitation_summaries()
        .iter()
        .map(|i| i.id().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_reaches_its_receiver_only_and_acceptance_makes_it_a_member() {
    let emu = emulator().await;
    let (a, b, stranger) = (
        as_account(&emu, SELLER).partner,
        as_account(&emu, OTHER_SELLER).partner,
        as_account(&emu, STRANGER).partner,
    );
    let eng = engagement(&a).await;
    let opp = complete_opportunity(&a, SANDBOX, "a-opp")
        .send()
        .await
        .expect("A's opportunity");
    let snap = a
        .create_resource_snapshot()
        .catalog(SANDBOX)
        .client_token("snap-1")
        .engagement_identifier(&eng)
        .resource_type(ResourceType::Opportunity)
        .resource_identifier(opp.id())
        .resource_snapshot_template_identifier("OpportunitySummaryView")
        .send()
        .await
        .expect("snapshot");
    assert_eq!(snap.revision(), Some(1));
    let sent = invite(&a, &eng, OTHER_SELLER).await.expect("invite B");
    assert_eq!(
        invitations(&b, ParticipantType::Receiver).await,
        std::slice::from_ref(&sent)
    );
    assert_eq!(
        invitations(&a, ParticipantType::Sender).await,
        std::slice::from_ref(&sent)
    );
    assert!(invitations(&stranger, ParticipantType::Receiver)
        .await
        .is_empty());
    assert!(invitations(&a, ParticipantType::Receiver).await.is_empty());
    let again = invite(&a, &eng, OTHER_SELLER)
        .await
        .expect("same token, same body");
    assert_eq!(again, sent, "a retried invitation is the same invitation");
    let err = b
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&eng)
        .send()
        .await;
    assert_eq!(
        err.expect_err("B is no member before accepting").code(),
        Some("ResourceNotFoundException")
    );
    let task = b
        .start_engagement_by_accepting_invitation_task()
        .catalog(SANDBOX)
        .client_token("b-accept")
        .identifier(&sent)
        .send()
        .await
        .expect("B accepts");
    let task_id = task.task_id().expect("task").to_string();
    let done = crate::support::clock::until(
        &emu.clock(),
        crate::support::clock::step(),
        "accept task",
        || async {
            let listed = b
                .list_engagement_by_accepting_invitation_tasks()
                .catalog(SANDBOX)
                .task_identifier(&task_id)
                .send()
                .await
                .expect("list tasks");
            let t = listed.task_summaries()[0].clone();
            (t.task_status() != Some(&TaskStatus::InProgress)).then_some(t)
        },
    )
    .await;
    assert_eq!(done.task_status(), Some(&TaskStatus::Complete));
    let b_opp = done.opportunity_id().expect("B's own opportunity");
    b.get_opportunity()
        .catalog(SANDBOX)
        .identifier(b_opp)
        .send()
        .await
        .expect("B owns it");
    let members = a
        .list_engagement_members()
        .catalog(SANDBOX)
        .identifier(&eng)
        .send()
        .await
        .expect("members");
    let accounts: Vec<_> = members
        .engagement_member_list()
        .iter()
        .filter_map(|m| m.account_id())
        .collect();
    assert_eq!(accounts, [SELLER, OTHER_SELLER]);
    let got = b
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&eng)
        .send()
        .await
        .expect("B is a member");
    assert_eq!(got.member_count(), Some(2));
    let read = b
        .get_resource_snapshot()
        .catalog(SANDBOX)
        .engagement_identifier(&eng)
        .resource_type(ResourceType::Opportunity)
        .resource_identifier(opp.id())
        .resource_snapshot_template_identifier("OpportunitySummaryView")
        .send()
        .await
        .expect("B reads A's snapshot");
    assert_eq!(read.created_by(), Some(SELLER));
    let err = stranger
        .get_engagement()
        .catalog(SANDBOX)
        .identifier(&eng)
        .send()
        .await
        .expect_err("stranger");
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    let listed = stranger
        .list_engagements()
        .catalog(SANDBOX)
        .send()
        .await
        .expect("list");
    assert!(listed.engagement_summary_list().is_empty());
    let a_events: Vec<_> = emu
        .events()
        .into_iter()
        .filter(|e| e.account == SELLER)
        .map(|e| e.detail_type)
        .collect();
    for expected in [
        "Engagement Created",
        "Engagement Invitation Created",
        "Engagement Invitation Accepted",
        "Engagement Member Added",
    ] {
        assert!(
            a_events.iter().any(|e| e == expected),
            "{expected} missing from {a_events:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn invitations_are_capped_and_not_duplicated() {
    let emu = emulator().await;
    let a = as_account(&emu, SELLER).partner;
    let eng = engagement(&a).await;
    invite(&a, &eng, OTHER_SELLER).await.expect("first");
    let err = a
        .create_engagement_invitation()
        .catalog(SANDBOX)
        .client_token("other-token")
        .engagement_identifier(&eng)
        .invitation(
            Invitation::builder()
                .message("again")
                .receiver(Receiver::Account(
                    AccountReceiver::builder()
                        .aws_account_id(OTHER_SELLER)
                        .build()
                        .expect("r"),
                ))
                .payload(Payload::OpportunityInvitation(
                    OpportunityInvitationPayload::builder()
                        .receiver_responsibilities(ReceiverResponsibility::ServicesPartner)
                        .customer(customer())
                        .project(
                            pcs::types::ProjectDetails::builder()
                                .business_problem(PROBLEM)
                                .title("t")
                                .target_completion_date("2030-12-31")
                                .set_expected_customer_spend(Some(Vec::new()))
                                .build()
                                .expect("p"),
                        )
                        .build()
                        .expect("payload"),
                ))
                .build()
                .expect("inv"),
        )
        .send()
        .await
        .expect_err("B already holds a pending invitation");
    assert_eq!(err.code(), Some("ConflictException"));
    for n in 1..=8 {
        invite(&a, &eng, &format!("55555555555{n}"))
            .await
            .expect("within the cap");
    }
    let err = invite(&a, &eng, "666666666666")
        .await
        .expect_err("tenth partner");
    assert_eq!(err.code(), Some("ServiceQuotaExceededException"));
}
