//! CreateQueue, GetQueueUrl, GetQueueAttributes, SetQueueAttributes, PurgeQueue, DeleteQueue.
//!
//! [I] FIFO queues (`.fifo`) are refused as UnsupportedOperation: EventBridge's default-bus
//! rules in this subset deliver to standard queues.

use std::collections::BTreeMap;

use chrono::Duration;
use serde_json::{json, Map, Value};

use super::errors::{self, invalid_value};
use super::queue::{self, Queue, SETTABLE};
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

/// Attributes GetQueueAttributes can name besides the settable ones.
const COMPUTED: &[&str] = &[
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
];

pub fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let name = required_str(input, "QueueName")?;
    let valid = !name.is_empty()
        && name.len() <= 80
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if name.ends_with(".fifo") {
        return Err(ApiError::new(
            400,
            "UnsupportedOperation",
            "FIFO queues are not supported by the emulator.",
        ));
    }
    if !valid {
        return Err(errors::invalid_parameter(
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
        ));
    }
    let attributes = checked_attributes(input.get("Attributes"))?;
    if let Some(existing) = ctx.state.queue(ctx.caller, name) {
        let same = attributes.iter().all(|(k, v)| existing.attribute(k) == *v);
        return match same {
            true => Ok(json!({"QueueUrl": queue::url(ctx.caller, name)})),
            false => Err(ApiError::new(
                400,
                "QueueNameExists",
                "A queue already exists with the same name and a different value for attribute(s)",
            )),
        };
    }
    if let Some(at) = ctx.state.deleted_at(ctx.caller, name) {
        if ctx.now - at < Duration::seconds(60) {
            return Err(ApiError::new(
                400,
                "QueueDeletedRecently",
                "You must wait 60 seconds after deleting a queue before you can create another queue with the same name.",
            ));
        }
    }
    ctx.state.insert(Queue {
        account: ctx.caller.to_string(),
        name: name.to_string(),
        created: ctx.now,
        modified: ctx.now,
        attributes,
        messages: Vec::new(),
    });
    Ok(json!({"QueueUrl": queue::url(ctx.caller, name)}))
}

pub fn get_url(ctx: &mut Ctx, input: &Value) -> OpResult {
    let name = required_str(input, "QueueName")?;
    let owner = input
        .get("QueueOwnerAWSAccountId")
        .and_then(Value::as_str)
        .unwrap_or(ctx.caller);
    let url = queue::url(owner, name);
    ctx.state.find(ctx.caller, &url)?;
    Ok(json!({"QueueUrl": url}))
}

pub fn get_attributes(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let now = ctx.now;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    queue.expire(now);
    let names: Vec<&str> = input
        .get("AttributeNames")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let all = names.contains(&"All");
    let mut out = Map::new();
    for name in names.iter().filter(|n| **n != "All") {
        let known = COMPUTED.contains(name) || SETTABLE.iter().any(|(n, _, _)| n == name);
        if !known {
            return Err(ApiError::new(
                400,
                "InvalidAttributeName",
                format!("Unknown Attribute {name}."),
            ));
        }
    }
    let wanted = |n: &str| all || names.contains(&n);
    for (name, value) in computed(queue, now)
        .into_iter()
        .chain(SETTABLE.iter().map(|(n, _, _)| (*n, queue.attribute(n))))
    {
        if wanted(name) && !value.is_empty() {
            out.insert(name.to_string(), Value::String(value));
        }
    }
    match out.is_empty() {
        true => Ok(json!({})),
        false => Ok(json!({ "Attributes": out })),
    }
}

fn computed(queue: &Queue, now: chrono::DateTime<chrono::Utc>) -> Vec<(&'static str, String)> {
    let visible = |m: &&queue::Message| m.visible_at <= now;
    let delayed = |m: &&queue::Message| m.receive_count == 0 && m.visible_at > now;
    let in_flight = |m: &&queue::Message| m.receive_count > 0 && m.visible_at > now;
    let count = |f: &dyn Fn(&&queue::Message) -> bool| {
        queue.messages.iter().filter(|m| f(m)).count().to_string()
    };
    vec![
        ("QueueArn", queue.arn()),
        ("ApproximateNumberOfMessages", count(&visible)),
        ("ApproximateNumberOfMessagesNotVisible", count(&in_flight)),
        ("ApproximateNumberOfMessagesDelayed", count(&delayed)),
        ("CreatedTimestamp", queue.created.timestamp().to_string()),
        (
            "LastModifiedTimestamp",
            queue.modified.timestamp().to_string(),
        ),
    ]
}

pub fn set_attributes(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let attributes = checked_attributes(input.get("Attributes"))?;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    for (k, v) in attributes {
        queue.attributes.insert(k, v);
    }
    queue.modified = ctx.now;
    Ok(json!({}))
}

/// [I] PurgeQueue removes every message at once (AWS: within 60 s) and is not limited to one
/// per 60 s: a rehearsal should not wait a minute between purges.
pub fn purge(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    ctx.state.find_mut(ctx.caller, url)?.messages.clear();
    Ok(json!({}))
}

pub fn delete(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let (account, name) = {
        let q = ctx.state.find(ctx.caller, url)?;
        (q.account.clone(), q.name.clone())
    };
    ctx.state.remove(&account, &name, ctx.now);
    Ok(json!({}))
}

/// The `Attributes` map checked: known names, numbers in range, a Policy that is JSON.
fn checked_attributes(value: Option<&Value>) -> Result<BTreeMap<String, String>, ApiError> {
    let mut out = BTreeMap::new();
    for (name, v) in value.and_then(Value::as_object).into_iter().flatten() {
        let text = v.as_str().unwrap_or_default();
        let Some((_, _, range)) = SETTABLE.iter().find(|(n, _, _)| n == name) else {
            return Err(ApiError::new(
                400,
                "InvalidAttributeName",
                format!("Unknown Attribute {name}."),
            ));
        };
        if let Some((lo, hi)) = range {
            let ok = text.parse::<i64>().is_ok_and(|n| (*lo..=*hi).contains(&n));
            if !ok {
                return Err(invalid_value(format!(
                    "Invalid value for the parameter {name}."
                )));
            }
        }
        let json_text = matches!(name.as_str(), "Policy" | "RedrivePolicy");
        if json_text && !text.is_empty() && serde_json::from_str::<Value>(text).is_err() {
            return Err(invalid_value(format!(
                "Invalid value for the parameter {name}."
            )));
        }
        out.insert(name.clone(), text.to_string());
    }
    Ok(out)
}
