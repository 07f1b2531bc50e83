//! Emulated Amazon SQS (awsJson1_0, `X-Amz-Target: AmazonSQS.<op>`, query-compatible errors):
//! the part a "rule on the default bus → queue" consumer needs. Queues belong to the account in
//! their URL; messages become visible, invisible and visible again on the emulated clock, so a
//! seller who advances it sees an unacknowledged message return.
//!
//! Submodules: `queue` (the data: queues, messages, receipt handles, attributes), `queues`
//! (CreateQueue, GetQueueUrl, Get/SetQueueAttributes, PurgeQueue, DeleteQueue), `messages`
//! (SendMessage, ReceiveMessage, ChangeMessageVisibility, DeleteMessage, DeleteMessageBatch),
//! `errors` (the legacy query error codes the SDKs read from `x-amzn-query-error`). Long polling
//! is the router's: it re-runs an empty ReceiveMessage until a message or its wait time comes.

pub mod errors;
mod messages;
pub mod queue;
mod queues;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use queue::SqsState;

use super::service::model::Model;
use super::service::{first_violation, not_served, Operation as Op, Table};
use super::wire::{ApiError, OpResult};

/// What an SQS operation may change: the queues, at the request's instant, for the caller.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut SqsState,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// An SQS handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Sqs,
    model: &MODEL,
    operations: &[
        Op::write("CreateQueue", queues::create),
        Op::read("GetQueueUrl", queues::get_url),
        Op::read("GetQueueAttributes", queues::get_attributes),
        Op::write("SetQueueAttributes", queues::set_attributes),
        Op::write("PurgeQueue", queues::purge),
        Op::write("DeleteQueue", queues::delete),
        Op::write("SendMessage", messages::send),
        Op::write("ReceiveMessage", messages::receive),
        Op::write("ChangeMessageVisibility", messages::change_visibility),
        Op::write("DeleteMessage", messages::delete),
        Op::write("DeleteMessageBatch", messages::delete_batch),
    ],
    timestamps: &[],
    unknown: |request| ApiError::new(400, "UnknownOperationException", not_served(request)),
    invalid: |violations| {
        let message = first_violation(violations);
        // [I] A model violation (a required member missing): SQS's JSON ValidationException.
        ApiError::new(400, "ValidationException", message)
    },
};

/// The embedded botocore model (`sqs` 2012-11-05).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// How long a long poll of `input` on `caller`'s queue may wait (seconds): the request's
/// `WaitTimeSeconds`, else the queue's `ReceiveMessageWaitTimeSeconds`; 0 when the queue is
/// missing (the error comes from the operation itself).
pub fn wait_seconds(state: &SqsState, caller: &str, input: &Value) -> u64 {
    if let Some(w) = input.get("WaitTimeSeconds").and_then(Value::as_i64) {
        return w.clamp(0, 20) as u64;
    }
    let url = input.get("QueueUrl").and_then(Value::as_str).unwrap_or("");
    state
        .find(caller, url)
        .ok()
        .and_then(|q| q.attribute("ReceiveMessageWaitTimeSeconds").parse().ok())
        .unwrap_or(0)
}
