//! AWS's EventBridge notifications, consumed: the rule on the default bus and the SQS queue it
//! sends to (`setup`: created, checked and removed through the SDK clients of `aws::connect`),
//! receiving from that queue (`queue`), forwarding each event to a command or a webhook at
//! least once with duplicates recognised by event id (`forward`, `seen`, `webhook`), and the
//! listener that lets waits for change sets, tasks and agreements wake on an event instead of
//! polling (`listen`).
//!
//! Everything here speaks only to EventBridge and SQS; the waits that use `listen` confirm
//! each event with one read of the service that sent it, because delivery is best effort:
//! events may be late, duplicated or missing (aws-events-cosell.md §A.2).

pub mod forward;
pub mod listen;
pub mod queue;
pub mod seen;
pub mod setup;
pub mod webhook;

use serde_json::{json, Value};

/// How long one ReceiveMessage waits for a message (SQS's maximum).
pub const LONG_POLL_SECONDS: i32 = 20;

/// The sources a seller's events come from (aws-events-cosell.md part A).
pub const SOURCES: [&str; 3] = [
    "aws.marketplacecatalog",
    "aws.agreement-marketplace",
    "aws.partnercentral-selling",
];

/// The queue and rule `events setup` creates unless `--name` says otherwise.
pub const DEFAULT_NAME: &str = "mpctl-events";

/// The pattern of every Marketplace, Agreement and Partner Central event.
pub fn default_pattern() -> Value {
    json!({ "source": SOURCES })
}

/// One line for a person: time, detail-type, and the ids the event names.
pub fn summary(event: &Value) -> String {
    let mut ids = Vec::new();
    collect_ids(&event["detail"], &mut ids);
    ids.dedup();
    format!(
        "{}  {}  {}",
        event["time"].as_str().unwrap_or("-"),
        event["detail-type"].as_str().unwrap_or("-"),
        ids.join(" ")
    )
}

/// The ids a detail names (members called `id`, `identifier`, `ChangeSetId`), in order.
fn collect_ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match (k.as_str(), x) {
                    ("id" | "identifier" | "ChangeSetId", Value::String(s)) => out.push(s.clone()),
                    _ => collect_ids(x, out),
                }
            }
        }
        Value::Array(xs) => xs.iter().for_each(|x| collect_ids(x, out)),
        _ => {}
    }
}

/// Whether the event names `key` anywhere in its detail or resources (a change set, offer or
/// opportunity id; an ARN ending in it).
pub fn concerns(event: &Value, key: &str) -> bool {
    fn walk(v: &Value, key: &str) -> bool {
        match v {
            Value::String(s) => s == key || s.ends_with(&format!("/{key}")),
            Value::Array(xs) => xs.iter().any(|x| walk(x, key)),
            Value::Object(m) => m.values().any(|x| walk(x, key)),
            _ => false,
        }
    }
    walk(&event["detail"], key) || walk(&event["resources"], key)
}
