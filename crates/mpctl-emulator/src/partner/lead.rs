//! AWS leads and their conversion: `PartnerState::seed_lead` (behind the emulator's loopback
//! admin path, `mpctl emulator seed lead`) plays AWS — an engagement created by `aws` with a
//! `Lead` context and a `LeadInvitation` in the seller's inbox (aws-events-cosell §B.5 step 1).
//! The seller accepts it (AcceptEngagementInvitation: membership, `invite::join_accepted`), then
//! StartOpportunityFromEngagementTask turns the Lead context into a draft opportunity, a new
//! `CustomerProject` context, a first snapshot and a running snapshot job.
//!
//! [I] The task ends at once (`COMPLETE` or `FAILED`), as both of AWS's samples show, instead of
//! after `Timings::task_seconds`; failures are task results, not errors: `ContextNotFound`, a
//! context that is not a Lead (`CustomerProjectContextNotPermitted`), a `Disqualified` lead
//! (`DisqualifiedLeadNotPermitted`).

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::events;
use super::extras::LeadTask;
use super::hub::{Engagement, Hub, AWS};
use super::invitation::{Invitation, Sent, LEAD_INVITATION};
use super::opportunity::Opportunity;
use super::paging::{page, sort_spec, string_list};
use super::tasks::{COMPLETE, FAILED};
use super::time::wire;
use super::{snapshot_jobs, snapshots, Ctx, PartnerState};
use crate::ids;
use crate::outbox::Outbox;
use crate::wire::{required_str, OpResult};

/// What a converted lead's opportunity says when the lead names no business problem (the
/// member needs 20 characters).
const DEFAULT_PROBLEM: &str =
    "Converted from an AWS lead; the business problem is to be confirmed.";
/// The template of the snapshot a conversion takes.
const TEMPLATE: &str = "OpportunitySummaryView";

impl PartnerState {
    /// Plays AWS sending `account` a lead about `company` in `catalog` (`AWS` or `Sandbox`):
    /// `{"invitationId": "engi-…", "engagementId": "eng-…"}`, or `None` for another catalog.
    pub fn seed_lead(
        &mut self,
        account: &str,
        catalog: &str,
        company: &str,
        now: DateTime<Utc>,
        outbox: &mut Outbox,
    ) -> Option<Value> {
        let catalog = CatalogName::from_input(&json!({ "Catalog": catalog })).ok()?;
        let title: String = format!("Lead: {company}").chars().take(40).collect();
        let description = format!("AWS lead for {company}");
        let mut engagement = Engagement::new(catalog, AWS, &title, &description, now);
        engagement.add_context("Lead", lead_context(company, now), AWS, now);
        let invitation = Invitation::new(
            Sent {
                sender: None,
                receiver: account,
                catalog,
                engagement_id: &engagement.id,
                title: &title,
                payload_type: LEAD_INVITATION,
                payload: lead_invitation(company),
                message: &format!("AWS shares a lead with you: {company}"),
            },
            now,
        );
        let reply = json!({"invitationId": invitation.id, "engagementId": engagement.id});
        events::invitation(outbox, &invitation, "Created", now);
        self.hub.insert(engagement);
        self.data(account, catalog).invitations.push(invitation);
        Some(reply)
    }
}

fn website(company: &str) -> String {
    let slug: String = company
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("https://www.{}.example.com", slug.to_lowercase())
}

fn lead_customer(company: &str) -> Value {
    json!({"CompanyName": company, "Industry": "Software and Internet", "WebsiteUrl": website(company),
        "Address": {"CountryCode": "US", "City": "Seattle", "StateOrRegion": "Washington"},
        "MarketSegment": "Medium", "AwsMaturity": "Single-Account"})
}

/// The full Lead context AWS keeps (contact details included; members see them).
fn lead_context(company: &str, now: DateTime<Utc>) -> Value {
    json!({"Customer": lead_customer(company), "Interactions": [{
        "SourceType": "Campaign", "SourceId": "CMP-0001", "SourceName": "AWS lead (emulator)",
        "CustomerAction": "Completed Form", "Usecase": "Migration", "InteractionDate": wire(now),
        "BusinessProblem": format!("{company} wants to move its workloads to AWS this year."),
        "Contact": {"BusinessTitle": "CTO", "Email": "cto@example.com", "FirstName": "Ana", "LastName": "Silva"}}]})
}

/// The invitation's payload: no contact details (aws-events-cosell §B.2).
fn lead_invitation(company: &str) -> Value {
    json!({"Customer": {"CompanyName": company, "CountryCode": "US", "Industry": "Software and Internet",
        "WebsiteUrl": website(company), "MarketSegment": "Medium", "AwsMaturity": "Single-Account"},
        "Interaction": {"SourceType": "Campaign", "SourceId": "CMP-0001", "SourceName": "AWS lead (emulator)",
        "ContactBusinessTitle": "CTO", "Usecase": "Migration"}})
}

/// StartOpportunityFromEngagementTask; idempotent on `ClientToken`.
pub fn start(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let engagement_id = required_str(input, "Identifier")?;
    let context_id = required_str(input, "ContextIdentifier")?;
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (data, hub, outbox) = ctx.parts(catalog);
    if let Some(reply) = data
        .extras
        .tokens("StartOpportunityFromEngagementTask")
        .replay(token, input)?
    {
        return Ok(reply.clone());
    }
    let engagement_id = hub.visible(catalog, engagement_id, &caller)?.id.clone();
    let mut task = new_task(&caller, catalog, &engagement_id, context_id, now);
    match refusal(hub, &engagement_id, context_id) {
        Some((reason, message)) => {
            task.status = FAILED.to_string();
            task.failure = Some((reason.to_string(), message));
        }
        None => convert(
            Conversion {
                data,
                hub,
                outbox,
                now,
            },
            &mut task,
            input.get("Tags"),
        ),
    }
    let reply = task.view();
    data.extras.lead_tasks.push(task);
    data.extras
        .tokens("StartOpportunityFromEngagementTask")
        .record(token, input, reply.clone());
    Ok(reply)
}

fn new_task(
    account: &str,
    catalog: CatalogName,
    engagement_id: &str,
    context_id: &str,
    now: DateTime<Utc>,
) -> LeadTask {
    let id = format!("task-{}", ids::alnum(13));
    LeadTask {
        arn: ids::partner_arn(
            account,
            catalog.as_str(),
            "opportunity-from-engagement-task",
            &id,
        ),
        id,
        start: now,
        status: COMPLETE.to_string(),
        engagement_id: engagement_id.to_string(),
        context_id: context_id.to_string(),
        opportunity_id: None,
        job_id: None,
        failure: None,
    }
}

/// Why the context cannot become an opportunity, as a task `ReasonCode` and `Message`.
fn refusal(hub: &Hub, engagement_id: &str, context_id: &str) -> Option<(&'static str, String)> {
    let engagement = &hub.engagements[engagement_id];
    let Some(context) = engagement.contexts.iter().find(|c| c.id == context_id) else {
        return Some((
            "ContextNotFound",
            format!("Engagement {engagement_id} has no context {context_id}."),
        ));
    };
    if context.kind != "Lead" {
        let message = format!(
            "Context {context_id} is a {} context; only a Lead context becomes an opportunity.",
            context.kind
        );
        return Some(("CustomerProjectContextNotPermitted", message));
    }
    if context.payload["QualificationStatus"].as_str() == Some("Disqualified") {
        return Some((
            "DisqualifiedLeadNotPermitted",
            "A Disqualified lead cannot become an opportunity.".to_string(),
        ));
    }
    if engagement.contexts.len() >= super::hub::MAX_CONTEXTS {
        return Some((
            "ServiceQuotaExceeded",
            "The engagement already holds 5 contexts.".to_string(),
        ));
    }
    None
}

/// What a conversion changes.
struct Conversion<'a> {
    data: &'a mut Dataset,
    hub: &'a mut Hub,
    outbox: &'a mut Outbox,
    now: DateTime<Utc>,
}

/// The draft opportunity, the CustomerProject context, a first snapshot and a running job.
fn convert(c: Conversion, task: &mut LeadTask, tags: Option<&Value>) {
    let Conversion {
        data,
        hub,
        outbox,
        now,
    } = c;
    let engagement = hub
        .engagements
        .get_mut(&task.engagement_id)
        .expect("checked");
    let lead = &engagement
        .contexts
        .iter()
        .find(|x| x.id == task.context_id)
        .expect("checked")
        .payload;
    let input = opportunity_input(lead, now);
    let id = data.new_opportunity_id();
    let opportunity = Opportunity::new(&data.account, id.clone(), data.catalog, &input, now);
    if let Some(tags) = tags {
        data.extras.tag(&opportunity.arn, tags);
    }
    let project = customer_project(&input);
    task.context_id = engagement.add_context("CustomerProject", project, &data.account, now);
    let owner = (data.account.as_str(), data.catalog.as_str());
    events::opportunity(outbox, owner, "Created", &id, now);
    let snapshot = snapshots::take(engagement, &opportunity, TEMPLATE, &data.account, now);
    events::snapshot_created(outbox, engagement, &snapshot, now);
    let job = snapshot_jobs::running(
        &data.account,
        data.catalog,
        &engagement.id,
        &opportunity,
        TEMPLATE,
        now,
    );
    task.opportunity_id = Some(id.clone());
    task.job_id = Some(job.id.clone());
    data.extras.jobs.push(job);
    data.opportunities.insert(id, opportunity);
}

/// The CreateOpportunity members of a converted lead (aws-events-cosell §B.2: title
/// "Converted from Lead", Prospect, close date in 90 days, customer copied from the lead).
fn opportunity_input(lead: &Value, now: DateTime<Utc>) -> Value {
    let customer = &lead["Customer"];
    let problem = lead["Interactions"][0]["BusinessProblem"]
        .as_str()
        .filter(|p| p.chars().count() >= 20)
        .unwrap_or(DEFAULT_PROBLEM);
    let close = (now + Duration::days(90)).format("%Y-%m-%d").to_string();
    let mut account =
        json!({"CompanyName": customer["CompanyName"], "Address": customer["Address"]});
    for key in ["Industry", "WebsiteUrl"] {
        if let Some(v) = customer.get(key) {
            account[key] = v.clone();
        }
    }
    json!({"OpportunityType": "Net New Business", "Customer": {"Account": account},
        "Project": {"Title": "Converted from Lead", "CustomerBusinessProblem": problem, "ExpectedCustomerSpend": []},
        "LifeCycle": {"Stage": "Prospect", "TargetCloseDate": close}, "Marketing": {"Source": "None"}})
}

fn customer_project(input: &Value) -> Value {
    let account = &input["Customer"]["Account"];
    json!({"Customer": {"CompanyName": account["CompanyName"], "Industry": account["Industry"],
        "WebsiteUrl": account["WebsiteUrl"], "CountryCode": account["Address"]["CountryCode"]},
        "Project": {"Title": input["Project"]["Title"], "BusinessProblem": input["Project"]["CustomerBusinessProblem"],
        "TargetCompletionDate": input["LifeCycle"]["TargetCloseDate"]}})
}

/// ListOpportunityFromEngagementTasks: the caller's tasks; [I] newest first by default.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let ids = string_list(input, "TaskIdentifier");
    let statuses = string_list(input, "TaskStatus");
    let opportunities = string_list(input, "OpportunityIdentifier");
    let engagements = string_list(input, "EngagementIdentifier");
    let contexts = string_list(input, "ContextIdentifier");
    let mut found: Vec<&LeadTask> = data
        .extras
        .lead_tasks
        .iter()
        .filter(|t| ids.is_empty() || ids.contains(&t.id.as_str()) || ids.contains(&t.arn.as_str()))
        .filter(|t| statuses.is_empty() || statuses.contains(&t.status.as_str()))
        .filter(|t| {
            opportunities.is_empty()
                || t.opportunity_id
                    .as_deref()
                    .is_some_and(|o| opportunities.contains(&o))
        })
        .filter(|t| engagements.is_empty() || engagements.contains(&t.engagement_id.as_str()))
        .filter(|t| contexts.is_empty() || contexts.contains(&t.context_id.as_str()))
        .collect();
    let (_, descending) = sort_spec(input, "StartTime", true);
    found.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    if descending {
        found.reverse();
    }
    page(
        found.iter().map(|t| t.view()).collect(),
        input,
        "TaskSummaries",
    )
}
