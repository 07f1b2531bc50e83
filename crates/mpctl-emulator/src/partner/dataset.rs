//! One catalog's data. `AWS` (production) and `Sandbox` (test) are separate data sets
//! (aws-behavior §C): an id from one is not found in the other, and tokens do not cross over.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::accept_task::{self, AcceptTask};
use super::errors::{code, not_found, request_field};
use super::events;
use super::idempotency::TokenLog;
use super::invitation::Invitation;
use super::opportunity::Opportunity;
use super::solutions::{self, Solution};
use super::tasks::Task;
use crate::clock::Timings;
use crate::ids;
use crate::outbox::Outbox;
use crate::wire::{required_str, ApiError};

/// The `Catalog` member's two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CatalogName {
    Aws,
    Sandbox,
}

impl CatalogName {
    /// Reads the request's `Catalog` member.
    pub fn from_input(input: &Value) -> Result<Self, ApiError> {
        match required_str(input, "Catalog")? {
            "AWS" => Ok(CatalogName::Aws),
            "Sandbox" => Ok(CatalogName::Sandbox),
            other => Err(request_field(
                "Catalog",
                code::INVALID_VALUE,
                format!("Catalog '{other}' is not valid; use 'AWS' or 'Sandbox'."),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CatalogName::Aws => "AWS",
            CatalogName::Sandbox => "Sandbox",
        }
    }
}

/// Opportunities, solutions, engagement tasks, invitations and idempotency tokens of one catalog.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Dataset {
    /// The partner account that owns this data: its ARNs and invitations name it.
    #[serde(default = "ids::seller_account")]
    pub account: String,
    pub catalog: CatalogName,
    pub opportunities: BTreeMap<String, Opportunity>,
    pub solutions: Vec<Solution>,
    pub tasks: Vec<Task>,
    /// CreateOpportunity tokens → the original response.
    pub create_tokens: TokenLog<Value>,
    /// StartEngagementFromOpportunityTask tokens → the task id.
    pub task_tokens: TokenLog<String>,
    /// Engagement invitations received (AWS referrals).
    pub invitations: Vec<Invitation>,
    /// StartEngagementByAcceptingInvitationTask tasks.
    pub accept_tasks: Vec<AcceptTask>,
    /// StartEngagementByAcceptingInvitationTask tokens → the task id.
    pub accept_tokens: TokenLog<String>,
}

impl Dataset {
    pub fn new(account: &str, catalog: CatalogName) -> Self {
        Dataset {
            account: account.to_string(),
            catalog,
            opportunities: BTreeMap::new(),
            solutions: solutions::seed(account, catalog),
            tasks: Vec::new(),
            create_tokens: TokenLog::default(),
            task_tokens: TokenLog::default(),
            invitations: Vec::new(),
            accept_tasks: Vec::new(),
            accept_tokens: TokenLog::default(),
        }
    }

    pub fn opportunity(&self, id: &str) -> Result<&Opportunity, ApiError> {
        self.opportunities
            .get(id)
            .ok_or_else(|| not_found("Opportunity", id))
    }

    pub fn opportunity_mut(&mut self, id: &str) -> Result<&mut Opportunity, ApiError> {
        self.opportunities
            .get_mut(id)
            .ok_or_else(|| not_found("Opportunity", id))
    }

    /// A fresh `O` + 7 digits (the length of real ids) id not used in this catalog.
    pub fn new_opportunity_id(&self) -> String {
        loop {
            let id = format!("O{}", ids::digits(7));
            if !self.opportunities.contains_key(&id) {
                return id;
            }
        }
    }

    /// Finishes every task, and moves every AWS review, whose time has come; each change to an
    /// opportunity is announced (`Opportunity Updated`) at the instant it happened.
    pub fn advance(&mut self, now: DateTime<Utc>, timings: &Timings, outbox: &mut Outbox) {
        let owner = (self.account.as_str(), self.catalog.as_str());
        for task in self.tasks.iter_mut().filter(|t| t.is_due(now)) {
            if let Some(at) = task.finish(&mut self.opportunities) {
                events::opportunity(outbox, owner, "Updated", &task.opportunity_id, at);
            }
        }
        for o in self.opportunities.values_mut() {
            let before = o.review.status.clone();
            super::aws_review::advance(o, now, timings.review_seconds);
            if o.review.status != before {
                events::opportunity(outbox, owner, "Updated", &o.id, o.modified);
            }
        }
        accept_task::advance(self, now, outbox);
    }
}
