//! SendMessage, ReceiveMessage, ChangeMessageVisibility, DeleteMessage, DeleteMessageBatch.
//!
//! A receive hides each returned message for the visibility timeout (the request's, else the
//! queue's) on the emulated clock and gives it a new receipt handle; an undeleted message is
//! visible again when that timeout ends, with its receive count one higher.
//!
//! [I] Out-of-range MaxNumberOfMessages, WaitTimeSeconds or VisibilityTimeout (no modeled error)
//! answer `InvalidParameterValue`, the legacy query code AWS documents for bad parameters.

use chrono::Duration;
use md5::{Digest, Md5};
use serde_json::{json, Value};

use super::errors::{bad_receipt, invalid_parameter};
use super::queue::{self, parse_receipt, Message, SqsState};
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

/// Hex MD5 of a body, as `MD5OfBody` carries it.
pub fn md5_hex(body: &str) -> String {
    Md5::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn ranged(input: &Value, key: &str, (lo, hi): (i64, i64)) -> Result<Option<i64>, ApiError> {
    match input.get(key).and_then(Value::as_i64) {
        Some(n) if !(lo..=hi).contains(&n) => Err(invalid_parameter(format!(
            "Value {n} for parameter {key} is invalid. Reason: Must be between {lo} and {hi}."
        ))),
        n => Ok(n),
    }
}

pub fn send(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let body = required_str(input, "MessageBody")?;
    if body.is_empty() {
        return Err(ApiError::new(
            400,
            "InvalidParameterValue",
            "The request must contain the parameter MessageBody.",
        ));
    }
    let delay = ranged(input, "DelaySeconds", (0, 900))?;
    let (queue, next) = ctx.state.queue_and_counter(ctx.caller, url)?;
    let id = SqsState::enqueue(queue, next, body.to_string(), ctx.caller, ctx.now);
    if let (Some(d), Some(m)) = (delay, queue.messages.last_mut()) {
        m.visible_at = ctx.now + Duration::seconds(d);
    }
    Ok(json!({"MessageId": id, "MD5OfMessageBody": md5_hex(body)}))
}

pub fn receive(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let max = ranged(input, "MaxNumberOfMessages", (1, 10))?.unwrap_or(1) as usize;
    ranged(input, "WaitTimeSeconds", (0, 20))?;
    let timeout = ranged(input, "VisibilityTimeout", (0, 43_200))?;
    let wanted = attribute_names(input);
    let now = ctx.now;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    queue.expire(now);
    let hide = Duration::seconds(timeout.unwrap_or_else(|| queue.visibility_timeout()));
    let mut out = Vec::new();
    for m in queue
        .messages
        .iter_mut()
        .filter(|m| m.visible_at <= now)
        .take(max)
    {
        m.receive_count += 1;
        m.first_received.get_or_insert(now);
        m.visible_at = now + hide;
        let handle = queue::receipt(&m.id, m.receive_count);
        m.receipt = Some(handle.clone());
        out.push(rendered(m, handle, &wanted));
    }
    match out.is_empty() {
        true => Ok(json!({})),
        false => Ok(json!({ "Messages": out })),
    }
}

/// The system attribute names asked for (`MessageSystemAttributeNames`, or the deprecated
/// `AttributeNames`).
fn attribute_names(input: &Value) -> Vec<String> {
    ["MessageSystemAttributeNames", "AttributeNames"]
        .iter()
        .filter_map(|k| input.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn rendered(m: &Message, handle: String, wanted: &[String]) -> Value {
    let mut out = json!({
        "MessageId": m.id,
        "ReceiptHandle": handle,
        "MD5OfBody": md5_hex(&m.body),
        "Body": m.body,
    });
    let all = wanted.iter().any(|w| w == "All");
    let millis = |t: chrono::DateTime<chrono::Utc>| t.timestamp_millis().to_string();
    let available = [
        ("ApproximateReceiveCount", m.receive_count.to_string()),
        ("SentTimestamp", millis(m.sent)),
        (
            "ApproximateFirstReceiveTimestamp",
            millis(m.first_received.unwrap_or(m.sent)),
        ),
        ("SenderId", m.sender.clone()),
    ];
    let attributes: serde_json::Map<String, Value> = available
        .into_iter()
        .filter(|(k, _)| all || wanted.iter().any(|w| w == k))
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    if !attributes.is_empty() {
        out["Attributes"] = Value::Object(attributes);
    }
    out
}

pub fn change_visibility(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let handle = required_str(input, "ReceiptHandle")?;
    let seconds = ranged(input, "VisibilityTimeout", (0, 43_200))?.unwrap_or(0);
    let now = ctx.now;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    let (id, _) = parse_receipt(handle).ok_or_else(|| bad_receipt(handle))?;
    let message = queue
        .messages
        .iter_mut()
        .find(|m| m.id == id && m.receipt.as_deref() == Some(handle) && m.visible_at > now)
        .ok_or_else(|| {
            ApiError::new(
                400,
                "MessageNotInflight",
                "The message referred to isn't in flight.",
            )
        })?;
    message.visible_at = now + Duration::seconds(seconds);
    Ok(json!({}))
}

pub fn delete(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let handle = required_str(input, "ReceiptHandle")?;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    delete_one(&mut queue.messages, handle)?;
    Ok(json!({}))
}

/// Deletes the message whose latest handle is `handle`; an earlier handle deletes nothing.
fn delete_one(messages: &mut Vec<Message>, handle: &str) -> Result<(), ApiError> {
    parse_receipt(handle).ok_or_else(|| bad_receipt(handle))?;
    messages.retain(|m| m.receipt.as_deref() != Some(handle));
    Ok(())
}

pub fn delete_batch(ctx: &mut Ctx, input: &Value) -> OpResult {
    let url = required_str(input, "QueueUrl")?;
    let entries = input
        .get("Entries")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    check_batch(&entries)?;
    let queue = ctx.state.find_mut(ctx.caller, url)?;
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for e in &entries {
        let id = e["Id"].as_str().unwrap_or_default();
        let handle = e["ReceiptHandle"].as_str().unwrap_or_default();
        match delete_one(&mut queue.messages, handle) {
            Ok(()) => ok.push(json!({"Id": id})),
            Err(err) => failed.push(json!({
                "Id": id, "SenderFault": true, "Code": err.code, "Message": err.message,
            })),
        }
    }
    Ok(json!({"Successful": ok, "Failed": failed}))
}

fn check_batch(entries: &[Value]) -> Result<(), ApiError> {
    let batch = |code: &str, message: &str| ApiError::new(400, code, message);
    if entries.is_empty() {
        return Err(batch(
            "EmptyBatchRequest",
            "There should be at least one entry in the request.",
        ));
    }
    if entries.len() > 10 {
        return Err(batch(
            "TooManyEntriesInBatchRequest",
            "Maximum number of entries per request are 10.",
        ));
    }
    let ids: Vec<&str> = entries.iter().filter_map(|e| e["Id"].as_str()).collect();
    let valid = |id: &&str| {
        !id.is_empty()
            && id.len() <= 80
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !ids.iter().all(valid) {
        return Err(batch(
            "InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores.",
        ));
    }
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != ids.len() {
        return Err(batch(
            "BatchEntryIdsNotDistinct",
            "Id values must be distinct.",
        ));
    }
    Ok(())
}
