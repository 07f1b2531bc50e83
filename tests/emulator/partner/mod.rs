//! The Partner Central Selling emulator driven by the real `aws-sdk-partnercentralselling`
//! client: every request and reply here goes through the SDK's own serializers and parsers. The
//! opportunity helpers the submodules share are here.

use aws_sdk_partnercentralselling as pcs;
use aws_smithy_types::DateTime;
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
use serde_json::json;

use crate::support::catalog::run_ok;
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

mod boto3;
mod engagement;
mod invitations;
mod leads;
mod offers;
mod opportunity;
mod partners;
mod resources;
mod submitted;
mod update;
