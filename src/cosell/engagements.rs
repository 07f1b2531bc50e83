//! Partner Central engagements (aws-events-cosell §B.2, §B.6): listing the caller's, showing one
//! with its members and contexts, creating one with an opportunity's customer and project, and
//! inviting a partner account into one. Write bodies are built here as the API's JSON (what
//! `--plan` shows) and the SDK requests from those same bodies.
//!
//! CreateEngagement and CreateEngagementInvitation carry a ClientToken derived from their body,
//! so a re-run of the same command (after a kill, say) is answered with the engagement or
//! invitation the first run made, not a second one.

use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::types::{
    AccountReceiver, CountryCode, CustomerProjectsContext, EngagementContextDetails,
    EngagementContextPayload, EngagementContextType, EngagementCustomer,
    EngagementCustomerProjectDetails, Industry, Invitation, OpportunityInvitationPayload, Payload,
    ProjectDetails, Receiver, ReceiverResponsibility,
};
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use super::views::stamp;
use crate::aws::describe_error;
use crate::aws::runner::token_for;
use crate::output::owned;

/// One engagement (`engagement list`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EngagementRow {
    pub engagement_id: String,
    pub title: Option<String>,
    pub created_by: Option<String>,
    pub member_count: Option<i32>,
    pub context_types: Vec<String>,
    /// RFC 3339.
    pub modified: Option<String>,
}

pub async fn list(
    client: &Client,
    catalog: &str,
    leads: bool,
) -> anyhow::Result<Vec<EngagementRow>> {
    let mut call = client.list_engagements().catalog(catalog);
    if leads {
        call = call.context_types(EngagementContextType::Lead);
    }
    let mut pages = call.into_paginator().send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListEngagements", e))?;
        out.extend(page.engagement_summary_list().iter().map(|e| {
            EngagementRow {
                engagement_id: e.id().unwrap_or_default().to_string(),
                title: owned(e.title()),
                created_by: owned(e.created_by()),
                member_count: e.member_count(),
                context_types: e
                    .context_types()
                    .iter()
                    .map(|t| t.as_str().to_string())
                    .collect(),
                modified: stamp(e.modified_at()),
            }
        }));
    }
    Ok(out)
}

/// One member.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MemberRow {
    pub account_id: Option<String>,
    pub company: Option<String>,
}

/// One context: its id, type and what people read of its payload.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContextRow {
    pub context_id: Option<String>,
    pub context_type: String,
    /// CustomerProject: `company`, `title`, `business_problem`; Lead: `company`,
    /// `qualification_status`, `interactions` (how many).
    pub payload: Value,
}

/// `engagement show`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EngagementDetail {
    pub engagement_id: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub created_by: Option<String>,
    pub modified: Option<String>,
    pub members: Vec<MemberRow>,
    pub contexts: Vec<ContextRow>,
}

pub async fn show(client: &Client, catalog: &str, id: &str) -> anyhow::Result<EngagementDetail> {
    let e = client
        .get_engagement()
        .catalog(catalog)
        .identifier(id)
        .send()
        .await;
    let e = e.map_err(|e| describe_error("GetEngagement", e))?;
    let mut members = Vec::new();
    let mut pages = client
        .list_engagement_members()
        .catalog(catalog)
        .identifier(id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListEngagementMembers", e))?;
        members.extend(page.engagement_member_list().iter().map(|m| MemberRow {
            account_id: owned(m.account_id()),
            company: owned(m.company_name()),
        }));
    }
    let contexts = e
        .contexts()
        .iter()
        .map(|c| ContextRow {
            context_id: owned(c.id()),
            context_type: c.r#type().as_str().to_string(),
            payload: context_payload(c.payload()),
        })
        .collect();
    Ok(EngagementDetail {
        engagement_id: e.id().unwrap_or(id).to_string(),
        title: owned(e.title()),
        description: owned(e.description()),
        created_by: owned(e.created_by()),
        modified: stamp(e.modified_at()),
        members,
        contexts,
    })
}

/// The parts of a context payload people read, as JSON.
fn context_payload(p: Option<&EngagementContextPayload>) -> Value {
    match p {
        Some(EngagementContextPayload::CustomerProject(c)) => json!({
            "company": c.customer().map(|x| x.company_name()),
            "title": c.project().map(|x| x.title()),
            "business_problem": c.project().map(|x| x.business_problem()),
        }),
        Some(EngagementContextPayload::Lead(l)) => json!({
            "company": l.customer().map(|c| c.company_name()),
            "qualification_status": l.qualification_status(),
            "interactions": l.interactions().len(),
        }),
        _ => Value::Null,
    }
}

/// The customer and project of an opportunity, as engagement payload members.
pub fn customer_project(o: &GetOpportunityOutput) -> (Value, Value) {
    let account = o.customer().and_then(|c| c.account());
    let project = o.project();
    let customer = json!({
        "CompanyName": account.map(|a| a.company_name()).unwrap_or_default(),
        "Industry": account.and_then(|a| a.industry()).map_or("Other", |i| i.as_str()),
        "WebsiteUrl": account.and_then(|a| a.website_url()).unwrap_or_default(),
        "CountryCode": account.and_then(|a| a.address()).and_then(|a| a.country_code()).map_or("US", |c| c.as_str()),
    });
    let project = json!({
        "Title": project.and_then(|p| p.title()).unwrap_or_default(),
        "BusinessProblem": project.and_then(|p| p.customer_business_problem()).unwrap_or_default(),
        "TargetCompletionDate": o.life_cycle().and_then(|l| l.target_close_date()).unwrap_or_default(),
    });
    (customer, project)
}

/// The CreateEngagement body, its token derived from the rest.
pub fn create_body(
    catalog: &str,
    title: &str,
    description: &str,
    o: &GetOpportunityOutput,
) -> Value {
    let (customer, project) = customer_project(o);
    let mut body = json!({"Catalog": catalog, "Title": title, "Description": description,
        "Contexts": [{"Type": "CustomerProject", "Payload": {"CustomerProject": {"Customer": customer, "Project": project}}}]});
    body["ClientToken"] = json!(token_for(&body));
    body
}

fn sdk_customer(c: &Value) -> anyhow::Result<EngagementCustomer> {
    let s = |k: &str| c[k].as_str().unwrap_or_default();
    Ok(EngagementCustomer::builder()
        .company_name(s("CompanyName"))
        .industry(Industry::from(s("Industry")))
        .website_url(s("WebsiteUrl"))
        .country_code(CountryCode::from(s("CountryCode")))
        .build()?)
}

pub async fn create(client: &Client, body: &Value) -> anyhow::Result<String> {
    let cp = &body["Contexts"][0]["Payload"]["CustomerProject"];
    let p = &cp["Project"];
    let s = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let project = EngagementCustomerProjectDetails::builder()
        .title(s(p, "Title"))
        .business_problem(s(p, "BusinessProblem"))
        .target_completion_date(s(p, "TargetCompletionDate"))
        .build()?;
    let context = EngagementContextDetails::builder()
        .r#type(EngagementContextType::CustomerProject)
        .payload(EngagementContextPayload::CustomerProject(
            CustomerProjectsContext::builder()
                .customer(sdk_customer(&cp["Customer"])?)
                .project(project)
                .build(),
        ))
        .build()?;
    let out = client
        .create_engagement()
        .catalog(s(body, "Catalog"))
        .client_token(s(body, "ClientToken"))
        .title(s(body, "Title"))
        .description(s(body, "Description"))
        .contexts(context)
        .send()
        .await
        .map_err(|e| describe_error("CreateEngagement", e))?;
    Ok(out.id().unwrap_or_default().to_string())
}

/// The CreateEngagementInvitation body, its token derived from the rest.
pub fn invite_body(
    catalog: &str,
    engagement: &str,
    account: &str,
    message: &str,
    responsibility: &str,
    o: &GetOpportunityOutput,
) -> Value {
    let (customer, project) = customer_project(o);
    let mut project = project;
    project["ExpectedCustomerSpend"] = json!([]);
    let mut body = json!({"Catalog": catalog, "EngagementIdentifier": engagement,
        "Invitation": {"Message": message, "Receiver": {"Account": {"AwsAccountId": account}},
            "Payload": {"OpportunityInvitation": {"ReceiverResponsibilities": [responsibility],
                "Customer": customer, "Project": project}}}});
    body["ClientToken"] = json!(token_for(&body));
    body
}

pub async fn invite(client: &Client, body: &Value) -> anyhow::Result<String> {
    let s = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let inv = &body["Invitation"];
    let payload = &inv["Payload"]["OpportunityInvitation"];
    let p = &payload["Project"];
    let project = ProjectDetails::builder()
        .business_problem(s(p, "BusinessProblem"))
        .title(s(p, "Title"))
        .target_completion_date(s(p, "TargetCompletionDate"))
        .set_expected_customer_spend(Some(Vec::new()))
        .build()?;
    let responsibility = payload["ReceiverResponsibilities"][0]
        .as_str()
        .unwrap_or_default();
    let payload = OpportunityInvitationPayload::builder()
        .receiver_responsibilities(ReceiverResponsibility::from(responsibility))
        .customer(sdk_customer(&payload["Customer"])?)
        .project(project)
        .build()?;
    let receiver = AccountReceiver::builder()
        .aws_account_id(s(&inv["Receiver"]["Account"], "AwsAccountId"))
        .build()?;
    let invitation = Invitation::builder()
        .message(s(inv, "Message"))
        .receiver(Receiver::Account(receiver))
        .payload(Payload::OpportunityInvitation(payload))
        .build()?;
    let out = client
        .create_engagement_invitation()
        .catalog(s(body, "Catalog"))
        .client_token(s(body, "ClientToken"))
        .engagement_identifier(s(body, "EngagementIdentifier"))
        .invitation(invitation)
        .send()
        .await
        .map_err(|e| describe_error("CreateEngagementInvitation", e))?;
    Ok(out.id().to_string())
}

/// One resource snapshot (`engagement snapshots`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SnapshotRow {
    pub resource_id: Option<String>,
    pub template: Option<String>,
    pub revision: Option<i32>,
    pub created_by: Option<String>,
    pub arn: Option<String>,
}

pub async fn snapshots(
    client: &Client,
    catalog: &str,
    engagement: &str,
) -> anyhow::Result<Vec<SnapshotRow>> {
    let mut pages = client
        .list_resource_snapshots()
        .catalog(catalog)
        .engagement_identifier(engagement)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListResourceSnapshots", e))?;
        out.extend(
            page.resource_snapshot_summaries()
                .iter()
                .map(|s| SnapshotRow {
                    resource_id: owned(s.resource_id()),
                    template: owned(s.resource_snapshot_template_name()),
                    revision: s.revision(),
                    created_by: owned(s.created_by()),
                    arn: owned(s.arn()),
                }),
        );
    }
    Ok(out)
}
