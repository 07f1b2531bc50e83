//! The event outbox: every change of state AWS announces on EventBridge, recorded where the
//! change happens (an operation's handler, or `World::advance` as the clock moves) at its
//! emulated instant, with the account whose default bus would receive it and the ids it concerns.
//! It is part of the world, so it survives `--data` restarts. Nothing consumes it yet; the events
//! issue routes it to buses, rules and queues, and tests read it through `Handle::events`.
//!
//! Sources and detail-types follow aws-events-cosell.md part A and aws-postsale.md §9. The
//! envelope's `id` and `time` are the outbox's sequence number and the change's instant;
//! `detail` carries the ids a consumer needs (the services' events carry ids, not state).
//!
//! [I] Where the documents leave it open:
//! - A change that reaches two parties (an agreement: its proposer and its acceptor) is two
//!   events, one per receiving account, each with its role's detail-type suffix.
//! - Partner Central opportunity events are recorded for both catalogs (`detail.catalog` says
//!   which); AWS's own review outcome on a submitted opportunity is an *Opportunity Updated*.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `source` of Marketplace Catalog events.
pub const CATALOG: &str = "aws.marketplacecatalog";
/// `source` of Marketplace Agreement events.
pub const AGREEMENT: &str = "aws.agreement-marketplace";
/// `source` of Partner Central Selling events.
pub const PARTNER: &str = "aws.partnercentral-selling";

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the outbox, from 1.
    pub seq: u64,
    /// The emulated instant the change happened.
    pub time: DateTime<Utc>,
    /// The receiving account (the envelope's `account`).
    pub account: String,
    /// `aws.marketplacecatalog`, `aws.agreement-marketplace`, `aws.partnercentral-selling`.
    pub source: String,
    /// e.g. `Change Set Succeeded`, `Purchase Agreement Created - Proposer`.
    pub detail_type: String,
    /// ARNs the event concerns (may be empty, as AWS's are for some events).
    pub resources: Vec<String>,
    /// The event's `detail`: the ids it concerns.
    pub detail: Value,
}

/// What a service says happened; the outbox numbers it.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub time: DateTime<Utc>,
    pub account: &'a str,
    pub source: &'static str,
    pub detail_type: &'a str,
    pub resources: Vec<String>,
    pub detail: Value,
}

/// Every event recorded so far, in the order the changes were recorded.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Outbox {
    events: Vec<Event>,
}

impl Outbox {
    /// Records one change.
    pub fn record(&mut self, change: Change) {
        let seq = self.events.len() as u64 + 1;
        self.events.push(Event {
            seq,
            time: change.time,
            account: change.account.to_string(),
            source: change.source.to_string(),
            detail_type: change.detail_type.to_string(),
            resources: change.resources,
            detail: change.detail,
        });
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }
}
