//! CreateEngagementContext and UpdateEngagementContext: a member adds a context (at most five)
//! or changes one, the latter guarded by `EngagementLastModifiedAt` (optimistic concurrency: a
//! stale value is a `ConflictException`, aws-events-cosell §B.2).
//!
//! [I] Updating a `Lead` context replaces its `Customer` and `QualificationStatus` and appends
//! the single `Interaction` to `Interactions` (Q9: the sources do not say).

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::errors::{code, request_field};
use super::events;
use super::hub::{Engagement, MAX_CONTEXTS};
use super::time::{parse_instant, wire};
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

/// Each context's `Payload` must carry the member its `Type` names.
pub fn check_contexts(contexts: &[Value]) -> Result<(), ApiError> {
    for c in contexts {
        let kind = c["Type"].as_str().unwrap_or_default();
        check_payload(kind, &c["Payload"])?;
    }
    Ok(())
}

fn check_payload(kind: &str, payload: &Value) -> Result<(), ApiError> {
    if payload.get(kind).is_none() {
        return Err(request_field(
            "Payload",
            code::REQUIRED_FIELD_MISSING,
            format!("A context of Type '{kind}' needs Payload.{kind}."),
        ));
    }
    Ok(())
}

pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let id = required_str(input, "EngagementIdentifier")?;
    let kind = required_str(input, "Type")?;
    check_payload(kind, &input["Payload"])?;
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (data, hub, outbox) = ctx.parts(catalog);
    let log = data.extras.tokens("CreateEngagementContext");
    if let Some(reply) = log.replay(token, input)? {
        return Ok(reply.clone());
    }
    let engagement = hub.visible_mut(catalog, id, &caller)?;
    if engagement.contexts.len() >= MAX_CONTEXTS {
        return Err(too_many_contexts());
    }
    let context = engagement.add_context(kind, input["Payload"][kind].clone(), &caller, now);
    let reply = reply(engagement, &context);
    announce_update(outbox, engagement, now);
    log.record(token, input, reply.clone());
    Ok(reply)
}

pub fn update(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "EngagementIdentifier")?;
    let context_id = required_str(input, "ContextIdentifier")?;
    let kind = required_str(input, "Type")?;
    check_payload(kind, &input["Payload"])?;
    let sent = input
        .get("EngagementLastModifiedAt")
        .and_then(parse_instant);
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (_, hub, outbox) = ctx.parts(catalog);
    let engagement = hub.visible_mut(catalog, id, &caller)?;
    if sent != Some(engagement.modified_at) {
        return Err(ApiError::conflict(format!(
            "EngagementLastModifiedAt does not match the engagement's last modification ({}); read it again and retry.",
            wire(engagement.modified_at).as_str().unwrap_or_default()
        )));
    }
    let context = engagement
        .contexts
        .iter_mut()
        .find(|c| c.id == context_id)
        .ok_or_else(|| super::errors::not_found("Engagement context", context_id))?;
    if context.kind != kind {
        return Err(request_field(
            "Type",
            code::INVALID_VALUE,
            format!(
                "Context {context_id} is a {} context, not {kind}.",
                context.kind
            ),
        ));
    }
    let new = &input["Payload"][kind];
    if kind == "Lead" {
        merge_lead(&mut context.payload, new);
    } else {
        context.payload = new.clone();
    }
    engagement.touch(&caller, now);
    announce_update(outbox, engagement, now);
    Ok(reply(engagement, context_id))
}

fn merge_lead(lead: &mut Value, update: &Value) {
    lead["Customer"] = update["Customer"].clone();
    if let Some(q) = update.get("QualificationStatus") {
        lead["QualificationStatus"] = q.clone();
    }
    if let Some(i) = update.get("Interaction") {
        match lead["Interactions"].as_array_mut() {
            Some(list) => list.push(i.clone()),
            None => lead["Interactions"] = json!([i]),
        }
    }
}

fn reply(e: &Engagement, context_id: &str) -> Value {
    json!({"EngagementId": e.id, "EngagementArn": e.arn,
        "EngagementLastModifiedAt": wire(e.modified_at), "ContextId": context_id})
}

/// `Engagement Updated` to every partner member.
fn announce_update(
    outbox: &mut crate::outbox::Outbox,
    e: &Engagement,
    now: chrono::DateTime<chrono::Utc>,
) {
    for m in e.members.iter().filter(|m| m.account != super::hub::AWS) {
        events::engagement(outbox, e, "Updated", &m.account, now);
    }
}

/// `ServiceQuotaExceededException` for a sixth context.
pub fn too_many_contexts() -> ApiError {
    ApiError::new(
        400,
        "ServiceQuotaExceededException",
        format!("An engagement holds at most {MAX_CONTEXTS} contexts."),
    )
}
