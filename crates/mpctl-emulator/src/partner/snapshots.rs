//! Resource snapshots: immutable, revisioned copies of a template's part of an opportunity inside
//! an engagement — the only way members read each other's data (aws-events-cosell §B.2, §B.4).
//! CreateResourceSnapshot (the opportunity's owner, a member), GetResourceSnapshot and
//! ListResourceSnapshots (the snapshot's target members), ListEngagementResourceAssociations.
//!
//! Templates (Q13: AWS publishes no list) [I]: `OpportunitySummaryView` and `Opportunity` copy
//! the opportunity's summary for every member; `AwsOpportunitySummaryFullView` copies AWS's
//! summary and only its owner reads it. Any other name is a `ValidationException`.
//! A snapshot of an opportunity in an engagement with a Lead context and no CustomerProject
//! context adds one (PC-LEAD: what submission needs).

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::errors::{code, not_found, request_field};
use super::events;
use super::hub::{Engagement, Snapshot};
use super::opportunity::Opportunity;
use super::paging::page;
use super::Ctx;
use crate::wire::{optional_str, required_str, ApiError, OpResult};

pub const TEMPLATES: &[&str] = &[
    "OpportunitySummaryView",
    "Opportunity",
    "AwsOpportunitySummaryFullView",
];
const OWNER_ONLY: &str = "AwsOpportunitySummaryFullView";

/// Checks a `ResourceSnapshotTemplateIdentifier`.
pub fn check_template(template: &str) -> Result<(), ApiError> {
    if TEMPLATES.contains(&template) {
        return Ok(());
    }
    Err(request_field(
        "ResourceSnapshotTemplateIdentifier",
        code::INVALID_VALUE,
        format!(
            "Unknown snapshot template '{template}'; use one of: {}.",
            TEMPLATES.join(", ")
        ),
    ))
}

/// Takes the next revision of `opportunity`'s `template` snapshot in `engagement`.
pub fn take(
    engagement: &mut Engagement,
    opportunity: &Opportunity,
    template: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Snapshot {
    let revision = engagement
        .snapshots
        .iter()
        .filter(|s| s.resource_id == opportunity.id && s.template == template)
        .count() as i64
        + 1;
    let (payload, targets) = if template == OWNER_ONLY {
        (
            json!({OWNER_ONLY: super::aws_summary::view(opportunity)}),
            vec![by.to_string()],
        )
    } else {
        let members = engagement
            .members
            .iter()
            .map(|m| m.account.clone())
            .collect();
        (json!({"OpportunitySummary": summary(opportunity)}), members)
    };
    let snapshot = Snapshot {
        arn: format!(
            "arn:aws:partnercentral:{}::catalog/{}/engagement/{}/resource/Opportunity/{}/template/{template}/snapshot/{revision}",
            crate::ids::REGION, engagement.catalog.as_str(), engagement.id, opportunity.id
        ),
        resource_type: "Opportunity".to_string(),
        resource_id: opportunity.id.clone(),
        template: template.to_string(),
        revision,
        created_by: by.to_string(),
        created_at: now,
        payload,
        targets,
    };
    let has = |kind: &str| engagement.contexts.iter().any(|c| c.kind == kind);
    if has("Lead")
        && !has("CustomerProject")
        && engagement.contexts.len() < super::hub::MAX_CONTEXTS
    {
        engagement.add_context("CustomerProject", customer_project(opportunity), by, now);
    }
    engagement.snapshots.push(snapshot.clone());
    snapshot
}

/// The `OpportunitySummaryView` of an opportunity.
fn summary(o: &Opportunity) -> Value {
    let full = o.get_view();
    let mut out = Map::new();
    for key in [
        "OpportunityType",
        "OpportunityTeam",
        "PrimaryNeedsFromAws",
        "Customer",
    ] {
        if let Some(v) = full.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let lc = &full["LifeCycle"];
    let mut life = Map::new();
    for key in ["TargetCloseDate", "ReviewStatus", "Stage", "NextSteps"] {
        if let Some(v) = lc.get(key) {
            life.insert(key.into(), v.clone());
        }
    }
    out.insert("Lifecycle".into(), Value::Object(life));
    let mut project = Map::new();
    for key in [
        "DeliveryModels",
        "ExpectedCustomerSpend",
        "ExpectedContractDuration",
        "CustomerUseCase",
        "SalesActivities",
        "OtherSolutionDescription",
    ] {
        if let Some(v) = full["Project"].get(key) {
            project.insert(key.into(), v.clone());
        }
    }
    out.insert("Project".into(), Value::Object(project));
    if let Some(r) = full.get("RelatedEntityIdentifiers") {
        out.insert("RelatedEntityIdentifiers".into(), r.clone());
    }
    Value::Object(out)
}

/// The CustomerProject context payload of an opportunity.
pub fn customer_project_of(o: &Opportunity) -> Value {
    customer_project(o)
}

fn customer_project(o: &Opportunity) -> Value {
    let text = |path: &[&str]| o.get_str(path).unwrap_or_default().to_string();
    json!({"Customer": {"CompanyName": text(&["Customer", "Account", "CompanyName"]),
        "Industry": text(&["Customer", "Account", "Industry"]), "WebsiteUrl": text(&["Customer", "Account", "WebsiteUrl"]),
        "CountryCode": text(&["Customer", "Account", "Address", "CountryCode"])},
        "Project": {"Title": text(&["Project", "Title"]), "BusinessProblem": text(&["Project", "CustomerBusinessProblem"]),
        "TargetCompletionDate": text(&["LifeCycle", "TargetCloseDate"])}})
}

/// CreateResourceSnapshot; idempotent on `ClientToken`.
pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let engagement_id = required_str(input, "EngagementIdentifier")?;
    let resource = required_str(input, "ResourceIdentifier")?;
    let template = required_str(input, "ResourceSnapshotTemplateIdentifier")?;
    check_template(template)?;
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (data, hub, outbox) = ctx.parts(catalog);
    if let Some(reply) = data
        .extras
        .tokens("CreateResourceSnapshot")
        .replay(token, input)?
    {
        return Ok(reply.clone());
    }
    let engagement = hub.visible_mut(catalog, engagement_id, &caller)?;
    let opportunity = data.opportunity(resource)?;
    let snapshot = take(engagement, opportunity, template, &caller, now);
    events::snapshot_created(outbox, engagement, &snapshot, now);
    let reply = json!({"Arn": snapshot.arn, "Revision": snapshot.revision});
    data.extras
        .tokens("CreateResourceSnapshot")
        .record(token, input, reply.clone());
    Ok(reply)
}

/// The snapshots of an engagement the caller may read: every member reads the summary
/// templates (members who joined later included), only the targets an owner-only one.
fn readable<'a>(
    ctx: &'a Ctx,
    catalog: CatalogName,
    engagement_id: &str,
) -> Result<(&'a Engagement, Vec<&'a Snapshot>), ApiError> {
    let engagement = ctx.state.hub.visible(catalog, engagement_id, ctx.caller)?;
    let caller = ctx.caller;
    let found = engagement
        .snapshots
        .iter()
        .filter(|s| s.template != OWNER_ONLY || s.targets.iter().any(|t| t == caller))
        .collect();
    Ok((engagement, found))
}

/// GetResourceSnapshot: the given revision, or the latest.
pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let engagement_id = required_str(input, "EngagementIdentifier")?;
    let resource = required_str(input, "ResourceIdentifier")?;
    let template = required_str(input, "ResourceSnapshotTemplateIdentifier")?;
    let revision = input.get("Revision").and_then(Value::as_i64);
    let (engagement, found) = readable(ctx, catalog, engagement_id)?;
    let s = found
        .into_iter()
        .filter(|s| s.resource_id == resource && s.template == template)
        .filter(|s| revision.is_none_or(|r| s.revision == r))
        .max_by_key(|s| s.revision)
        .ok_or_else(|| {
            not_found(
                "Resource snapshot",
                &format!("{engagement_id}/{resource}/{template}"),
            )
        })?;
    Ok(
        json!({"Catalog": catalog.as_str(), "Arn": s.arn, "CreatedBy": s.created_by,
        "CreatedAt": super::time::wire(s.created_at), "EngagementId": engagement.id,
        "ResourceType": s.resource_type, "ResourceId": s.resource_id,
        "ResourceSnapshotTemplateName": s.template, "Revision": s.revision,
        "Payload": s.payload, "TargetMemberAccounts": s.targets}),
    )
}

/// ListResourceSnapshots, oldest first.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let engagement_id = required_str(input, "EngagementIdentifier")?;
    let resource = optional_str(input, "ResourceIdentifier");
    let template = optional_str(input, "ResourceSnapshotTemplateIdentifier");
    let by = optional_str(input, "CreatedBy");
    let (_, found) = readable(ctx, catalog, engagement_id)?;
    let views = found
        .into_iter()
        .filter(|s| resource.is_none_or(|r| s.resource_id == r))
        .filter(|s| template.is_none_or(|t| s.template == t))
        .filter(|s| by.is_none_or(|b| s.created_by == b))
        .map(|s| json!({"Arn": s.arn, "Revision": s.revision, "ResourceType": s.resource_type,
            "ResourceId": s.resource_id, "ResourceSnapshotTemplateName": s.template, "CreatedBy": s.created_by}))
        .collect();
    page(views, input, "ResourceSnapshotSummaries")
}

/// ListEngagementResourceAssociations: (engagement, resource) pairs with at least one snapshot,
/// in the caller's engagements.
pub fn associations(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let engagement_id = optional_str(input, "EngagementIdentifier");
    let resource = optional_str(input, "ResourceIdentifier");
    let by = optional_str(input, "CreatedBy");
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for e in ctx.state.hub.of_member(catalog, ctx.caller) {
        if engagement_id.is_some_and(|id| e.id != id) {
            continue;
        }
        for s in &e.snapshots {
            let pair = (e.id.clone(), s.resource_id.clone(), s.created_by.clone());
            let wanted =
                resource.is_none_or(|r| s.resource_id == r) && by.is_none_or(|b| s.created_by == b);
            if wanted && !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    let views = pairs
        .into_iter()
        .map(|(e, r, by)| {
            json!({"Catalog": catalog.as_str(), "EngagementId": e, "ResourceType": "Opportunity",
            "ResourceId": r, "CreatedBy": by})
        })
        .collect();
    page(views, input, "EngagementResourceAssociationSummaries")
}
