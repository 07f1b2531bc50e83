//! CreateEngagement, GetEngagement, ListEngagements and ListEngagementMembers. The caller of
//! CreateEngagement becomes the engagement's first member; only members read an engagement.

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::contexts::{check_contexts, too_many_contexts};
use super::events;
use super::hub::{Engagement, MAX_CONTEXTS};
use super::paging::{page, sort_spec, string_list};
use super::Ctx;
use crate::wire::{optional_str, required_str, OpResult};

/// CreateEngagement: idempotent on `ClientToken`; its `Contexts` get ids `"1"`, `"2"`…
pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let token = required_str(input, "ClientToken")?;
    let title = required_str(input, "Title")?;
    let description = optional_str(input, "Description").unwrap_or_default();
    let contexts = input
        .get("Contexts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (now, caller) = (ctx.now, ctx.caller.to_string());
    let (data, hub, outbox) = ctx.parts(catalog);
    if let Some(reply) = data
        .extras
        .tokens("CreateEngagement")
        .replay(token, input)?
    {
        return Ok(reply.clone());
    }
    if contexts.len() > MAX_CONTEXTS {
        return Err(too_many_contexts());
    }
    check_contexts(&contexts)?;
    let mut engagement = Engagement::new(catalog, &caller, title, description, now);
    for c in &contexts {
        let kind = c["Type"].as_str().unwrap_or_default();
        let payload = c["Payload"].get(kind).cloned().unwrap_or_else(|| json!({}));
        engagement.add_context(kind, payload, &caller, now);
    }
    engagement.modified_at = now;
    let reply = json!({"Id": engagement.id, "Arn": engagement.arn,
        "ModifiedAt": super::time::wire(engagement.modified_at)});
    events::engagement(outbox, &engagement, "Created", &caller, now);
    hub.insert(engagement);
    data.extras
        .tokens("CreateEngagement")
        .record(token, input, reply.clone());
    Ok(reply)
}

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "Identifier")?;
    Ok(ctx.state.hub.visible(catalog, id, ctx.caller)?.get_view())
}

/// ListEngagements: the caller's engagements; [I] newest first unless `Sort` says otherwise.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let created_by = string_list(input, "CreatedBy");
    let not_created_by = string_list(input, "ExcludeCreatedBy");
    let types = string_list(input, "ContextTypes");
    let not_types = string_list(input, "ExcludeContextTypes");
    let ids = string_list(input, "EngagementIdentifier");
    let has = |e: &Engagement, list: &[&str]| e.context_types().iter().any(|t| list.contains(t));
    let mut found: Vec<&Engagement> = ctx
        .state
        .hub
        .of_member(catalog, ctx.caller)
        .filter(|e| created_by.is_empty() || created_by.contains(&e.created_by.as_str()))
        .filter(|e| !not_created_by.contains(&e.created_by.as_str()))
        .filter(|e| types.is_empty() || has(e, &types))
        .filter(|e| not_types.is_empty() || !has(e, &not_types))
        .filter(|e| ids.is_empty() || ids.iter().any(|i| e.is(i)))
        .collect();
    let (_, descending) = sort_spec(input, "CreatedDate", true);
    found.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    if descending {
        found.reverse();
    }
    let views = found.iter().map(|e| e.summary_view()).collect();
    page(views, input, "EngagementSummaryList")
}

/// ListEngagementMembers: members only, in the order they joined.
pub fn members(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "Identifier")?;
    let engagement = ctx.state.hub.visible(catalog, id, ctx.caller)?;
    let views = engagement
        .members
        .iter()
        .map(|m| json!({"AccountId": m.account, "CompanyName": m.company, "WebsiteUrl": m.website}))
        .collect();
    page(views, input, "EngagementMemberList")
}
