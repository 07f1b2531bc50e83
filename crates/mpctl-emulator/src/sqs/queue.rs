//! SQS's data: each account's queues by name, their attributes and messages, and the receipt
//! handles that name one receive of a message. Visibility is an instant on the emulated clock:
//! a message is visible when `visible_at <= now`.
//!
//! [I] Decisions where the references are silent:
//! - A queue is reachable only by its own account (no cross-account queue policies for API
//!   callers); another account's URL answers QueueDoesNotExist. EventBridge's deliveries are
//!   judged by the queue's `Policy` instead (`eventbridge::deliver`).
//! - A receipt handle is `<message id>.<receive count>.<random>`; a handle of an earlier
//!   receive deletes nothing (AWS: "succeeds but may not delete"), a handle never issued is
//!   ReceiptHandleIsInvalid.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::errors;
use crate::ids::REGION;
use crate::wire::ApiError;

/// Every account's queues, and the names deleted recently (re-creating one within 60 s fails).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct SqsState {
    queues: BTreeMap<String, BTreeMap<String, Queue>>,
    #[serde(default)]
    deleted: BTreeMap<String, DateTime<Utc>>,
    #[serde(default)]
    next_message: u64,
}

/// One queue.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Queue {
    pub account: String,
    pub name: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// Attributes set at creation or by SetQueueAttributes (defaults are not stored).
    pub attributes: BTreeMap<String, String>,
    pub messages: Vec<Message>,
}

/// One message in a queue.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub body: String,
    pub sent: DateTime<Utc>,
    pub visible_at: DateTime<Utc>,
    pub receive_count: u32,
    pub first_received: Option<DateTime<Utc>>,
    /// The handle of the latest receive.
    pub receipt: Option<String>,
    pub sender: String,
}

/// A settable attribute: name, default, allowed range of a number.
pub type Setting = (&'static str, &'static str, Option<(i64, i64)>);

/// The settable attributes, their defaults and ranges (the model's documentation).
pub const SETTABLE: &[Setting] = &[
    ("DelaySeconds", "0", Some((0, 900))),
    ("MaximumMessageSize", "262144", Some((1024, 1_048_576))),
    ("MessageRetentionPeriod", "345600", Some((60, 1_209_600))),
    ("ReceiveMessageWaitTimeSeconds", "0", Some((0, 20))),
    ("VisibilityTimeout", "30", Some((0, 43_200))),
    ("Policy", "", None),
    ("RedrivePolicy", "", None),
    ("SqsManagedSseEnabled", "true", None),
    ("KmsMasterKeyId", "", None),
    ("KmsDataKeyReusePeriodSeconds", "300", Some((60, 86_400))),
];

/// `https://sqs.us-east-1.amazonaws.com/<account>/<name>`, the URL AWS returns.
pub fn url(account: &str, name: &str) -> String {
    format!("https://sqs.{REGION}.amazonaws.com/{account}/{name}")
}

/// `arn:aws:sqs:us-east-1:<account>:<name>`.
pub fn arn(account: &str, name: &str) -> String {
    format!("arn:aws:sqs:{REGION}:{account}:{name}")
}

/// The account and name a queue URL names (its last two path segments).
pub fn parse_url(url: &str) -> Option<(&str, &str)> {
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let name = parts.next()?;
    let account = parts.next()?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty())
        .then_some((account, name))
}

impl Queue {
    /// An attribute's value: as set, else its default.
    pub fn attribute(&self, name: &str) -> String {
        self.attributes.get(name).cloned().unwrap_or_else(|| {
            SETTABLE
                .iter()
                .find(|(n, _, _)| *n == name)
                .map_or(String::new(), |(_, d, _)| d.to_string())
        })
    }

    fn seconds(&self, name: &str) -> i64 {
        self.attribute(name).parse().unwrap_or(0)
    }

    pub fn arn(&self) -> String {
        arn(&self.account, &self.name)
    }

    /// Drops the messages older than the retention period.
    pub fn expire(&mut self, now: DateTime<Utc>) {
        let keep = chrono::Duration::seconds(self.seconds("MessageRetentionPeriod"));
        self.messages.retain(|m| now - m.sent < keep);
    }

    /// Visibility timeout of the queue, in seconds.
    pub fn visibility_timeout(&self) -> i64 {
        self.seconds("VisibilityTimeout")
    }
}

impl SqsState {
    /// The caller's queue at `url`.
    pub fn find(&self, caller: &str, url: &str) -> Result<&Queue, ApiError> {
        let (account, name) = parse_url(url).ok_or_else(errors::no_queue)?;
        self.queues
            .get(account)
            .and_then(|qs| qs.get(name))
            .filter(|_| account == caller)
            .ok_or_else(errors::no_queue)
    }

    /// The caller's queue at `url`, to change.
    pub fn find_mut(&mut self, caller: &str, url: &str) -> Result<&mut Queue, ApiError> {
        let (account, name) = parse_url(url).ok_or_else(errors::no_queue)?;
        self.queues
            .get_mut(account)
            .and_then(|qs| qs.get_mut(name))
            .filter(|_| account == caller)
            .ok_or_else(errors::no_queue)
    }

    /// A queue by account and name.
    pub fn queue(&self, account: &str, name: &str) -> Option<&Queue> {
        self.queues.get(account)?.get(name)
    }

    /// The queue an SQS ARN names, to deliver to.
    pub fn by_arn_mut(&mut self, arn: &str) -> Option<&mut Queue> {
        let parts: Vec<&str> = arn.split(':').collect();
        match parts.as_slice() {
            ["arn", _, "sqs", _, account, name] => self.queues.get_mut(*account)?.get_mut(*name),
            _ => None,
        }
    }

    pub fn insert(&mut self, queue: Queue) {
        self.queues
            .entry(queue.account.clone())
            .or_default()
            .insert(queue.name.clone(), queue);
    }

    /// Removes a queue and remembers when, for QueueDeletedRecently.
    pub fn remove(&mut self, account: &str, name: &str, now: DateTime<Utc>) {
        if let Some(qs) = self.queues.get_mut(account) {
            qs.remove(name);
        }
        self.deleted.insert(format!("{account}/{name}"), now);
    }

    /// When the account's queue of that name was last deleted.
    pub fn deleted_at(&self, account: &str, name: &str) -> Option<DateTime<Utc>> {
        self.deleted.get(&format!("{account}/{name}")).copied()
    }

    /// Appends a message visible from `at` (plus the queue's delay); returns its id.
    pub fn enqueue(
        queue: &mut Queue,
        next: &mut u64,
        body: String,
        sender: &str,
        at: DateTime<Utc>,
    ) -> String {
        *next += 1;
        let id = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_OID,
            format!("sqs/{}/{next}", queue.arn()).as_bytes(),
        )
        .to_string();
        let delay = chrono::Duration::seconds(queue.seconds("DelaySeconds"));
        queue.messages.push(Message {
            id: id.clone(),
            body,
            sent: at,
            visible_at: at + delay,
            receive_count: 0,
            first_received: None,
            receipt: None,
            sender: sender.to_string(),
        });
        id
    }

    /// [`SqsState::enqueue`] into the queue an ARN names, if it exists.
    pub fn deliver(&mut self, arn: &str, body: String, at: DateTime<Utc>) -> bool {
        let mut next = self.next_message;
        let done = match self.by_arn_mut(arn) {
            Some(queue) => {
                Self::enqueue(queue, &mut next, body, "AIDAIEVENTBRIDGE", at);
                true
            }
            None => false,
        };
        self.next_message = next;
        done
    }

    /// A queue and the message counter at once.
    pub fn queue_and_counter(
        &mut self,
        caller: &str,
        url: &str,
    ) -> Result<(&mut Queue, &mut u64), ApiError> {
        let (account, name) = parse_url(url).ok_or_else(errors::no_queue)?;
        let queue = self
            .queues
            .get_mut(account)
            .and_then(|qs| qs.get_mut(name))
            .filter(|_| account == caller)
            .ok_or_else(errors::no_queue)?;
        Ok((queue, &mut self.next_message))
    }
}

/// A new receipt handle for the `count`-th receive of message `id`.
pub fn receipt(id: &str, count: u32) -> String {
    format!("{id}.{count}.{}", crate::ids::alnum(24))
}

/// The message id and receive count a handle names, if it is one of ours.
pub fn parse_receipt(handle: &str) -> Option<(&str, u32)> {
    let mut parts = handle.split('.');
    let id = parts.next()?;
    let count = parts.next()?.parse().ok()?;
    let tail = parts.next()?;
    (parts.next().is_none() && id.len() == 36 && tail.len() == 24).then_some((id, count))
}
