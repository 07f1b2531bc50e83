//! Tags and resource policies: TagResource, UntagResource, ListTagsForResource (entities and
//! change sets) and PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy (entities), all
//! addressed by ARN and scoped to the calling account.
//!
//! Decisions where the documentation is silent ([I], made here once):
//! - Another account's ARN answers ResourceNotFoundException, exactly as an ARN nobody has
//!   (as DescribeEntity does with another seller's id): a seller learns nothing of others'.
//! - The model caps a TagList at 200, its documentation says "Number of objects allowed: 1-50":
//!   at most 50 tags per request and per resource; past that, ValidationException.
//! - A key given twice in one TagResource is a ValidationException; tagging an existing key
//!   replaces its value; untagging a key the resource does not have is not an error.
//! - The model does not reserve the `aws:` prefix, and the emulator does not refuse it; key and
//!   value lengths come from the model check (key 1–128, value 0–256), patterns are not enforced.
//! - ListTagsForResource answers `Tags: []` for a resource without tags, sorted by key.
//! - Resource policies are for entities only (the model says "an entity"): a change set's ARN
//!   answers ResourceNotFoundException. A policy must parse as JSON ("formatted in JSON"), else
//!   ValidationException; it is stored and returned as the exact string given. GetResourcePolicy
//!   and DeleteResourcePolicy without one answer ResourceNotFoundException.
//! - Tags a StartChangeSet names (`ChangeSetTags`) are the change set's from its start;
//!   `EntityTags` on a change are added to the entity the change created or changed when the
//!   set succeeds (nothing when it fails or only validates).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::errors::invalid;
use super::request::changes;
use super::{CatalogState, Ctx};
use crate::wire::{ApiError, OpResult};

/// At most this many tags per request and per resource (documented "1-50").
pub const MAX_TAGS: usize = 50;

/// A resource's tags, key → value.
pub type Tags = BTreeMap<String, String>;

/// The ARN of the request: a body member (POST) or the `resourceArn` query parameter.
fn resource_arn(input: &Value) -> Result<&str, ApiError> {
    input
        .get("ResourceArn")
        .or_else(|| input.get("resourceArn"))
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("/ResourceArn: ResourceArn is required."))
}

fn unknown(arn: &str) -> ApiError {
    ApiError::not_found(format!("Resource {arn} does not exist."))
}

impl CatalogState {
    /// Whether `arn` is an entity `caller` owns.
    fn owns_entity(&self, arn: &str, caller: &str) -> bool {
        self.entities
            .values()
            .any(|e| e.arn == arn && e.owner() == caller)
    }

    /// Whether `arn` is an entity or a change set `caller` owns.
    fn owns_taggable(&self, arn: &str, caller: &str) -> bool {
        self.owns_entity(arn, caller)
            || self
                .changesets
                .iter()
                .any(|c| c.arn == arn && c.owner() == caller)
    }

    /// Adds `tags` to `arn` (a resource just created: no ownership check).
    pub(super) fn add_tags(&mut self, arn: &str, tags: Tags) {
        if !tags.is_empty() {
            self.tags.entry(arn.to_string()).or_default().extend(tags);
        }
    }

    /// After change set `i` succeeded: each change's `EntityTags` on the entity it resolved to.
    pub(super) fn tag_applied_entities(&mut self, i: usize) {
        let record = &self.changesets[i];
        let mut found = Vec::new();
        for (change, id) in changes(&record.request).iter().zip(&record.resolved) {
            let Some(entity) = id.as_deref().and_then(|id| self.entities.get(id)) else {
                continue;
            };
            if let Some(list) = change.get("EntityTags") {
                found.push((entity.arn.clone(), tag_map(list)));
            }
        }
        for (arn, tags) in found {
            self.add_tags(&arn, tags);
        }
    }
}

/// A TagList as key → value (the last value of a repeated key).
pub(super) fn tag_map(list: &Value) -> Tags {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| Some((t.get("Key")?.as_str()?, t.get("Value")?.as_str()?)))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A TagResource `Tags` list: at most 50, each key once.
fn checked_tags(input: &Value) -> Result<Tags, ApiError> {
    let list = input.get("Tags").and_then(Value::as_array);
    let list = list.ok_or_else(|| invalid("/Tags: Tags is required."))?;
    if list.len() > MAX_TAGS {
        return Err(invalid(format!(
            "/Tags: at most {MAX_TAGS} tags may be given, not {}.",
            list.len()
        )));
    }
    let tags = tag_map(&Value::Array(list.clone()));
    if tags.len() != list.len() {
        return Err(invalid("/Tags: each tag key may be given only once."));
    }
    Ok(tags)
}

pub fn tag_resource(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = resource_arn(input)?;
    let tags = checked_tags(input)?;
    if !ctx.state.owns_taggable(arn, ctx.caller) {
        return Err(unknown(arn));
    }
    let current = ctx.state.tags.get(arn).cloned().unwrap_or_default();
    let total = current
        .keys()
        .chain(tags.keys().filter(|k| !current.contains_key(*k)));
    let total = total.count();
    if total > MAX_TAGS {
        return Err(invalid(format!(
            "/Tags: a resource may have at most {MAX_TAGS} tags; this would make {total}."
        )));
    }
    ctx.state.add_tags(arn, tags);
    Ok(json!({}))
}

pub fn untag_resource(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = resource_arn(input)?;
    if !ctx.state.owns_taggable(arn, ctx.caller) {
        return Err(unknown(arn));
    }
    let keys = input.get("TagKeys").and_then(Value::as_array);
    let keys = keys.ok_or_else(|| invalid("/TagKeys: TagKeys is required."))?;
    if let Some(tags) = ctx.state.tags.get_mut(arn) {
        for key in keys.iter().filter_map(Value::as_str) {
            tags.remove(key);
        }
        if tags.is_empty() {
            ctx.state.tags.remove(arn);
        }
    }
    Ok(json!({}))
}

pub fn list_tags_for_resource(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = resource_arn(input)?;
    if !ctx.state.owns_taggable(arn, ctx.caller) {
        return Err(unknown(arn));
    }
    let tags: Vec<Value> = ctx
        .state
        .tags
        .get(arn)
        .into_iter()
        .flatten()
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    Ok(json!({"ResourceArn": arn, "Tags": tags}))
}

/// The entity ARN of a policy request, owned by the caller.
fn policy_target<'a>(ctx: &Ctx, input: &'a Value) -> Result<&'a str, ApiError> {
    let arn = resource_arn(input)?;
    if ctx.state.owns_entity(arn, ctx.caller) {
        Ok(arn)
    } else {
        Err(unknown(arn))
    }
}

fn no_policy(arn: &str) -> ApiError {
    ApiError::not_found(format!("Resource {arn} has no resource policy."))
}

pub fn put_resource_policy(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = policy_target(ctx, input)?;
    let policy = input.get("Policy").and_then(Value::as_str);
    let policy = policy.ok_or_else(|| invalid("/Policy: Policy is required."))?;
    if let Err(e) = serde_json::from_str::<Value>(policy) {
        return Err(invalid(format!("/Policy: the policy is not JSON: {e}.")));
    }
    ctx.state
        .policies
        .insert(arn.to_string(), policy.to_string());
    Ok(json!({}))
}

pub fn get_resource_policy(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = policy_target(ctx, input)?;
    let policy = ctx.state.policies.get(arn).ok_or_else(|| no_policy(arn))?;
    Ok(json!({"Policy": policy}))
}

pub fn delete_resource_policy(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = policy_target(ctx, input)?;
    ctx.state
        .policies
        .remove(arn)
        .ok_or_else(|| no_policy(arn))?;
    Ok(json!({}))
}
