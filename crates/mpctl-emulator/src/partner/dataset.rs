//! One catalog's data. `AWS` (production) and `Sandbox` (test) are separate data sets
//! (aws-behavior §C): an id from one is not found in the other, and tokens do not cross over.
//! How the data moves with the clock is `progress`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::accept_task::AcceptTask;
use super::catalog_name::CatalogName;
use super::errors::not_found;
use super::extras::Extras;
use super::idempotency::TokenLog;
use super::invitation::Invitation;
use super::opportunity::Opportunity;
use super::solutions::{self, Solution};
use super::tasks::Task;
use crate::ids;
use crate::wire::ApiError;

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
    /// Lead tasks, snapshot jobs, settings, tags and the other operations' tokens.
    #[serde(default)]
    pub extras: Extras,
    /// Ids of opportunities in AWS's review (derived: rebuilt from the opportunities when
    /// `None`), so advancing the clock visits those, not every opportunity.
    #[serde(skip)]
    pub reviewing: Option<std::collections::BTreeSet<String>>,
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
            extras: Extras::default(),
            reviewing: None,
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
}
