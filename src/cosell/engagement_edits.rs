//! Two Partner Central writes beside the snapshots: refreshing an engagement's CustomerProject
//! context from its opportunity (UpdateEngagementContext, locked by the engagement's
//! last-modified instant, so it is read first), and the selling system settings (the IAM role
//! snapshot jobs run under: Get/PutSellingSystemSettings). Each request is built by one function
//! that both `--plan` (through the capturing client, `aws::render`) and a run use.

use aws_sdk_partnercentralselling::operation::get_engagement::GetEngagementOutput;
use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::operation::put_selling_system_settings::builders::PutSellingSystemSettingsFluentBuilder;
use aws_sdk_partnercentralselling::operation::update_engagement_context::builders::UpdateEngagementContextFluentBuilder;
use aws_sdk_partnercentralselling::types::{
    CustomerProjectsContext, EngagementContextType, EngagementCustomer,
    EngagementCustomerProjectDetails, UpdateEngagementContextPayload,
};
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;

use super::engagements::customer_project;
use super::views::stamp;
use crate::aws::describe_error;
use crate::exit::bad_input;

/// GetEngagement, and the CustomerProject context `context` must be.
pub async fn read_engagement(
    client: &Client,
    catalog: &str,
    engagement: &str,
    context: &str,
) -> anyhow::Result<GetEngagementOutput> {
    let e = client
        .get_engagement()
        .catalog(catalog)
        .identifier(engagement)
        .send()
        .await
        .map_err(|e| describe_error("GetEngagement", e))?;
    let found = e.contexts().iter().find(|c| c.id() == Some(context));
    match found.map(|c| c.r#type()) {
        Some(EngagementContextType::CustomerProject) => Ok(e),
        Some(other) => Err(bad_input(format!(
            "--context {context} is a {} context; update-context refreshes a CustomerProject context; nothing was sent",
            other.as_str()
        ))),
        None => Err(bad_input(format!(
            "--context {context} is not a context of engagement {engagement} (`mpctl engagement show {engagement}` lists them); nothing was sent"
        ))),
    }
}

/// The UpdateEngagementContext request: the CustomerProject payload copied from the opportunity,
/// at the engagement's last-modified instant.
pub fn update_context(
    call: UpdateEngagementContextFluentBuilder,
    catalog: &str,
    e: &GetEngagementOutput,
    context: &str,
    o: &GetOpportunityOutput,
) -> anyhow::Result<UpdateEngagementContextFluentBuilder> {
    let (customer, project) = customer_project(o);
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let customer = EngagementCustomer::builder()
        .company_name(s(&customer, "CompanyName"))
        .industry(s(&customer, "Industry").as_str().into())
        .website_url(s(&customer, "WebsiteUrl"))
        .country_code(s(&customer, "CountryCode").as_str().into())
        .build()?;
    let project = EngagementCustomerProjectDetails::builder()
        .title(s(&project, "Title"))
        .business_problem(s(&project, "BusinessProblem"))
        .target_completion_date(s(&project, "TargetCompletionDate"))
        .build()?;
    let payload = CustomerProjectsContext::builder()
        .customer(customer)
        .project(project)
        .build();
    Ok(call
        .catalog(catalog)
        .engagement_identifier(e.id().unwrap_or_default())
        .context_identifier(context)
        .set_engagement_last_modified_at(e.modified_at().copied())
        .r#type(EngagementContextType::CustomerProject)
        .payload(UpdateEngagementContextPayload::CustomerProject(payload)))
}

/// `engagement update-context`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContextUpdated {
    pub engagement_id: String,
    pub context_id: String,
    /// RFC 3339: the engagement's new last-modified instant.
    pub modified: Option<String>,
}

pub async fn send_update(
    call: UpdateEngagementContextFluentBuilder,
) -> anyhow::Result<ContextUpdated> {
    let out = call
        .send()
        .await
        .map_err(|e| describe_error("UpdateEngagementContext", e))?;
    Ok(ContextUpdated {
        engagement_id: out.engagement_id().to_string(),
        context_id: out.context_id().to_string(),
        modified: stamp(Some(out.engagement_last_modified_at())),
    })
}

/// `engagement settings`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Settings {
    pub catalog: String,
    /// The IAM role snapshot jobs run under; null when none was ever set.
    pub snapshot_job_role_arn: Option<String>,
}

/// GetSellingSystemSettings; none set yet (ResourceNotFoundException) is a null role.
pub async fn settings(client: &Client, catalog: &str) -> anyhow::Result<Settings> {
    let got = client
        .get_selling_system_settings()
        .catalog(catalog)
        .send()
        .await;
    let role = match got {
        Ok(out) => out.resource_snapshot_job_role_arn().map(String::from),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception()) =>
        {
            None
        }
        Err(e) => return Err(describe_error("GetSellingSystemSettings", e)),
    };
    Ok(Settings {
        catalog: catalog.to_string(),
        snapshot_job_role_arn: role,
    })
}

/// The PutSellingSystemSettings request.
pub fn put_settings(
    call: PutSellingSystemSettingsFluentBuilder,
    catalog: &str,
    role: &str,
) -> PutSellingSystemSettingsFluentBuilder {
    call.catalog(catalog)
        .resource_snapshot_job_role_identifier(role)
}

pub async fn send_put(call: PutSellingSystemSettingsFluentBuilder) -> anyhow::Result<Settings> {
    let out = call
        .send()
        .await
        .map_err(|e| describe_error("PutSellingSystemSettings", e))?;
    Ok(Settings {
        catalog: out.catalog().to_string(),
        snapshot_job_role_arn: out.resource_snapshot_job_role_arn().map(String::from),
    })
}
