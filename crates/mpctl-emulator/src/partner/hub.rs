//! Engagements: the collaboration spaces partner accounts (and AWS) share. Unlike opportunities,
//! which belong to one account's catalog, an engagement is reached by every member, so the
//! engagements live here, beside the accounts, keyed by id; every operation checks that the
//! caller is a member (aws-events-cosell §B.2, §B.4). Contexts and resource snapshots live inside
//! their engagement; snapshot jobs belong to the account that made them (`extras`).
//!
//! [I] A non-member asking for an engagement gets `ResourceNotFoundException` (Q16): the model
//! says such resources are "not visible to the caller".

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::errors::not_found;
use super::time::wire;
use crate::ids;
use crate::wire::ApiError;

/// The account field of what AWS itself creates (`CreatedBy: "aws"` in real responses).
pub const AWS: &str = "aws";
/// At most five contexts per engagement (the model's list bound).
pub const MAX_CONTEXTS: usize = 5;
/// At most ten partners per engagement (aws-events-cosell §B.8).
pub const MAX_MEMBERS: usize = 10;

/// One member of an engagement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub account: String,
    pub company: String,
    pub website: String,
}

impl Member {
    /// [I] The emulator keeps no partner profiles: a partner's company is `Partner <account>`.
    pub fn of(account: &str) -> Self {
        let company = if account == AWS {
            "AWS".to_string()
        } else {
            format!("Partner {account}")
        };
        Member {
            account: account.to_string(),
            company,
            website: String::new(),
        }
    }
}

/// One context (`CustomerProject` or `Lead`) with its payload member's value.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Context {
    pub id: String,
    pub kind: String,
    pub payload: Value,
}

/// One revision of a resource snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    pub arn: String,
    pub resource_type: String,
    pub resource_id: String,
    pub template: String,
    pub revision: i64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// The `ResourceSnapshotPayload` union, already wrapped.
    pub payload: Value,
    pub targets: Vec<String>,
}

/// One engagement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Engagement {
    pub id: String,
    pub arn: String,
    pub catalog: CatalogName,
    pub title: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub modified_at: DateTime<Utc>,
    pub modified_by: String,
    pub members: Vec<Member>,
    pub contexts: Vec<Context>,
    pub snapshots: Vec<Snapshot>,
}

impl Engagement {
    pub fn new(
        catalog: CatalogName,
        by: &str,
        title: &str,
        description: &str,
        now: DateTime<Utc>,
    ) -> Self {
        let id = format!("eng-{}", ids::alnum(14));
        Engagement {
            arn: format!(
                "arn:aws:partnercentral:{}::catalog/{}/engagement/{id}",
                ids::REGION,
                catalog.as_str()
            ),
            id,
            catalog,
            title: title.to_string(),
            description: description.to_string(),
            created_at: now,
            created_by: by.to_string(),
            modified_at: now,
            modified_by: by.to_string(),
            members: vec![Member::of(by)],
            contexts: Vec::new(),
            snapshots: Vec::new(),
        }
    }

    pub fn is_member(&self, account: &str) -> bool {
        self.members.iter().any(|m| m.account == account)
    }

    /// Adds a context with the next sequential id (`"1"`, `"2"`…) and returns the id.
    pub fn add_context(
        &mut self,
        kind: &str,
        payload: Value,
        by: &str,
        now: DateTime<Utc>,
    ) -> String {
        let next = self
            .contexts
            .iter()
            .filter_map(|c| c.id.parse::<u32>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        let id = next.to_string();
        self.contexts.push(Context {
            id: id.clone(),
            kind: kind.to_string(),
            payload,
        });
        self.touch(by, now);
        id
    }

    pub fn touch(&mut self, by: &str, now: DateTime<Utc>) {
        self.modified_at = super::time::next_stamp(self.modified_at, now);
        self.modified_by = by.to_string();
    }

    pub fn context_types(&self) -> Vec<&str> {
        let mut kinds: Vec<&str> = self.contexts.iter().map(|c| c.kind.as_str()).collect();
        kinds.dedup();
        kinds
    }

    /// The `EngagementSummary` ListEngagements returns.
    pub fn summary_view(&self) -> Value {
        let mut out = self.common();
        out.insert("ContextTypes".into(), json!(self.context_types()));
        Value::Object(out)
    }

    /// The GetEngagement output.
    pub fn get_view(&self) -> Value {
        let mut out = self.common();
        out.insert("Description".into(), json!(self.description));
        let contexts: Vec<Value> = self
            .contexts
            .iter()
            .map(|c| json!({"Id": c.id, "Type": c.kind, "Payload": {c.kind.clone(): c.payload}}))
            .collect();
        out.insert("Contexts".into(), json!(contexts));
        Value::Object(out)
    }

    fn common(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("Id".into(), json!(self.id));
        out.insert("Arn".into(), json!(self.arn));
        out.insert("Title".into(), json!(self.title));
        out.insert("CreatedAt".into(), wire(self.created_at));
        out.insert("CreatedBy".into(), json!(self.created_by));
        out.insert("MemberCount".into(), json!(self.members.len()));
        out.insert("ModifiedAt".into(), wire(self.modified_at));
        out.insert("ModifiedBy".into(), json!(self.modified_by));
        out
    }

    /// Whether `identifier` (an id or, where the model allows it, an ARN) names this engagement.
    pub fn is(&self, identifier: &str) -> bool {
        self.id == identifier || self.arn == identifier
    }
}

/// Every engagement of both catalogs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Hub {
    pub engagements: BTreeMap<String, Engagement>,
}

impl Hub {
    /// The engagement `identifier` names in `catalog`, if `caller` is one of its members.
    pub fn visible(
        &self,
        catalog: CatalogName,
        identifier: &str,
        caller: &str,
    ) -> Result<&Engagement, ApiError> {
        self.engagements
            .values()
            .find(|e| e.catalog == catalog && e.is(identifier) && e.is_member(caller))
            .ok_or_else(|| not_found("Engagement", identifier))
    }

    /// The same, to change it.
    pub fn visible_mut(
        &mut self,
        catalog: CatalogName,
        identifier: &str,
        caller: &str,
    ) -> Result<&mut Engagement, ApiError> {
        self.engagements
            .values_mut()
            .find(|e| e.catalog == catalog && e.is(identifier) && e.is_member(caller))
            .ok_or_else(|| not_found("Engagement", identifier))
    }

    /// The engagements of `catalog` `caller` is a member of.
    pub fn of_member<'a>(
        &'a self,
        catalog: CatalogName,
        caller: &'a str,
    ) -> impl Iterator<Item = &'a Engagement> + 'a {
        self.engagements
            .values()
            .filter(move |e| e.catalog == catalog && e.is_member(caller))
    }

    pub fn insert(&mut self, engagement: Engagement) {
        self.engagements.insert(engagement.id.clone(), engagement);
    }
}
