//! Emulated Amazon EventBridge (awsJson1_1, `X-Amz-Target: AWSEvents.<op>`): rules on each
//! account's default event bus, their SQS targets, and the delivery of the outbox's events to
//! them (`deliver`), the way a seller's "rule on the default bus → queue" receives AWS
//! Marketplace's and Partner Central's notifications.
//!
//! Submodules: `rules` (PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule),
//! `targets` (PutTargets, ListTargetsByRule, RemoveTargets), `pattern` (EventBridge's event
//! pattern syntax and matching), `deliver` (outbox → envelope → matching rules → queues, with
//! best-effort faults).
//!
//! [I] Only the default bus exists (AWS's Marketplace and Partner Central events arrive there
//! only); naming any other bus answers ResourceNotFoundException. Schedule rules are stored but
//! never fire.

pub mod deliver;
pub mod pattern;
mod rules;
mod targets;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ids::REGION;
use super::service::model::Model;
use super::service::{first_violation, not_served, Operation as Op, Table};
use super::wire::{ApiError, OpResult};

/// Every account's rules on its default bus, and how far the outbox has been delivered.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct EventsState {
    rules: BTreeMap<String, BTreeMap<String, Rule>>,
    /// Outbox events already delivered (their count, in outbox order).
    #[serde(default)]
    pub delivered: usize,
}

/// One rule.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    pub account: String,
    pub pattern: Option<String>,
    pub schedule: Option<String>,
    pub state: String,
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub created: DateTime<Utc>,
    /// The targets as PutTargets gave them, by id.
    pub targets: BTreeMap<String, Value>,
}

impl Rule {
    pub fn arn(&self) -> String {
        rule_arn(&self.account, &self.name)
    }
}

/// `arn:aws:events:us-east-1:<account>:rule/<name>` (a default-bus rule).
pub fn rule_arn(account: &str, name: &str) -> String {
    format!("arn:aws:events:{REGION}:{account}:rule/{name}")
}

impl EventsState {
    pub fn rules(&self, account: &str) -> impl Iterator<Item = &Rule> {
        self.rules.get(account).into_iter().flat_map(|r| r.values())
    }

    fn rule(&self, account: &str, name: &str) -> Option<&Rule> {
        self.rules.get(account)?.get(name)
    }

    fn rule_mut(&mut self, account: &str, name: &str) -> Option<&mut Rule> {
        self.rules.get_mut(account)?.get_mut(name)
    }
}

/// What an EventBridge operation may change: the rules, at the request's instant, for the caller.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut EventsState,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// An EventBridge handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::EventBridge,
    model: &MODEL,
    operations: &[
        Op::write("PutRule", rules::put),
        Op::read("DescribeRule", rules::describe),
        Op::read("ListRules", rules::list),
        Op::write("EnableRule", rules::enable),
        Op::write("DisableRule", rules::disable),
        Op::write("DeleteRule", rules::delete),
        Op::write("PutTargets", targets::put),
        Op::read("ListTargetsByRule", targets::list),
        Op::write("RemoveTargets", targets::remove),
    ],
    timestamps: &[],
    unknown: |request| ApiError::new(400, "UnknownOperationException", not_served(request)),
    invalid: |violations| {
        let message = first_violation(violations);
        ApiError::new(400, "ValidationException", message)
    },
};

/// The embedded botocore model (`events` 2015-10-07).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// The caller's default bus, checked: absent, `default`, or the default bus's ARN.
fn default_bus(input: &Value, caller: &str) -> Result<(), ApiError> {
    match input.get("EventBusName").and_then(Value::as_str) {
        None | Some("default") => Ok(()),
        Some(arn) if arn == format!("arn:aws:events:{REGION}:{caller}:event-bus/default") => Ok(()),
        Some(other) => Err(ApiError::not_found(format!(
            "Event bus {other} does not exist."
        ))),
    }
}

fn no_rule(name: &str) -> ApiError {
    ApiError::not_found(format!("Rule {name} does not exist on EventBus default."))
}
