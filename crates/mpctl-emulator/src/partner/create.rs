//! CreateOpportunity: idempotent on `ClientToken` per catalog, `AWS Referral` origin only in
//! Sandbox (where it also produces a pending engagement invitation for the seller, simulating
//! the referral, in an engagement AWS creates for it), and a new opportunity always starts
//! `Pending Submission`.

use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::errors::{business, code};
use super::events;
use super::hub::{Engagement, Hub, AWS};
use super::invitation::Invitation;
use super::opportunity::Opportunity;
use super::review;
use super::time::wire;
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

const AWS_REFERRAL: &str = "AWS Referral";

pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let now = ctx.now;
    let (data, hub, outbox) = ctx.parts(catalog);
    if let Some(original) = data.create_tokens.replay(token, input)? {
        return Ok(original.clone());
    }
    check_origin(catalog, input)?;
    review::check_create(input)?;
    let id = data.new_opportunity_id();
    let opportunity = Opportunity::new(&data.account, id.clone(), catalog, input, now);
    let reply = response(&opportunity);
    if input.get("Origin").and_then(Value::as_str) == Some(AWS_REFERRAL) {
        // Only reachable in Sandbox (check_origin): the simulated referral reaches the seller.
        let mut invitation = Invitation::from_referral(&data.account, catalog, &id, input, now);
        invitation.engagement_id = referral_engagement(hub, &invitation, now);
        events::invitation(outbox, &invitation, "Created", now);
        data.invitations.push(invitation);
    }
    let owner = (data.account.as_str(), catalog.as_str());
    events::opportunity(outbox, owner, "Created", &id, now);
    data.opportunities.insert(id, opportunity);
    data.create_tokens.record(token, input, reply.clone());
    Ok(reply)
}

/// The engagement AWS made for a referral: AWS its only member until the seller accepts, a
/// CustomerProject context with the referral's customer and project.
fn referral_engagement(
    hub: &mut Hub,
    invitation: &Invitation,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let catalog = if invitation.catalog == "AWS" {
        CatalogName::Aws
    } else {
        CatalogName::Sandbox
    };
    let mut e = Engagement::new(catalog, AWS, &invitation.title, "AWS referral", now);
    let p = &invitation.payload;
    let context = json!({"Customer": p["Customer"], "Project": {"Title": p["Project"]["Title"],
        "BusinessProblem": p["Project"]["BusinessProblem"], "TargetCompletionDate": p["Project"]["TargetCompletionDate"]}});
    e.add_context("CustomerProject", context, AWS, now);
    let id = e.id.clone();
    hub.insert(e);
    id
}

/// Only Sandbox may create opportunities that pretend to come from AWS (aws-behavior §C).
fn check_origin(catalog: CatalogName, input: &Value) -> Result<(), ApiError> {
    let origin = input.get("Origin").and_then(Value::as_str);
    if catalog == CatalogName::Aws && origin == Some(AWS_REFERRAL) {
        return Err(business(
            "Origin",
            code::ACTION_NOT_PERMITTED,
            "Origin 'AWS Referral' can only be used in the Sandbox catalog.",
        ));
    }
    Ok(())
}

fn response(opportunity: &Opportunity) -> Value {
    let mut reply = Map::new();
    reply.insert("Id".into(), json!(opportunity.id));
    if let Some(p) = opportunity.get(&["PartnerOpportunityIdentifier"]) {
        reply.insert("PartnerOpportunityIdentifier".into(), p.clone());
    }
    reply.insert("LastModifiedDate".into(), wire(opportunity.modified));
    Value::Object(reply)
}
