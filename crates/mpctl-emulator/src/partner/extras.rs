//! What one account keeps in a catalog beyond opportunities and invitations: its
//! opportunity-from-engagement (lead) tasks, resource snapshot jobs, the selling system settings,
//! tags by resource ARN, and the `ClientToken` logs of the operations that take one. Kept in
//! one serde-defaulted member of `Dataset`, so data saved before these existed still loads.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::idempotency::TokenLog;
use super::time::wire;

/// `Running` / `Stopped`, the two `ResourceSnapshotJobStatus` values.
pub const RUNNING: &str = "Running";
pub const STOPPED: &str = "Stopped";

/// One StartOpportunityFromEngagementTask.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeadTask {
    pub id: String,
    pub arn: String,
    pub start: DateTime<Utc>,
    pub status: String,
    pub engagement_id: String,
    /// The context the task produced (COMPLETE) or was asked to convert (FAILED).
    pub context_id: String,
    pub opportunity_id: Option<String>,
    pub job_id: Option<String>,
    pub failure: Option<(String, String)>,
}

impl LeadTask {
    pub fn view(&self) -> Value {
        let mut out = Map::new();
        out.insert("TaskId".into(), json!(self.id));
        out.insert("TaskArn".into(), json!(self.arn));
        out.insert("StartTime".into(), wire(self.start));
        out.insert("TaskStatus".into(), json!(self.status));
        out.insert("EngagementId".into(), json!(self.engagement_id));
        out.insert("ContextId".into(), json!(self.context_id));
        if let Some(o) = &self.opportunity_id {
            out.insert("OpportunityId".into(), json!(o));
        }
        if let Some(j) = &self.job_id {
            out.insert("ResourceSnapshotJobId".into(), json!(j));
        }
        if let Some((reason, message)) = &self.failure {
            out.insert("ReasonCode".into(), json!(reason));
            out.insert("Message".into(), json!(message));
        }
        Value::Object(out)
    }
}

/// One resource snapshot job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SnapshotJob {
    pub id: String,
    pub arn: String,
    pub engagement_id: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_arn: String,
    pub template: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub last_success: Option<DateTime<Utc>>,
    pub last_failure: Option<String>,
    /// The opportunity's `LastModifiedDate` the latest revision copied.
    pub seen: Option<DateTime<Utc>>,
}

impl SnapshotJob {
    pub fn is(&self, identifier: &str) -> bool {
        self.id == identifier || self.arn == identifier
    }

    pub fn summary_view(&self) -> Value {
        json!({"Id": self.id, "Arn": self.arn, "EngagementId": self.engagement_id, "Status": self.status})
    }

    pub fn get_view(&self, catalog: &str) -> Value {
        let mut out = Map::new();
        out.insert("Catalog".into(), json!(catalog));
        for (k, v) in [
            ("Id", &self.id),
            ("Arn", &self.arn),
            ("EngagementId", &self.engagement_id),
            ("ResourceType", &self.resource_type),
            ("ResourceId", &self.resource_id),
            ("ResourceArn", &self.resource_arn),
            ("ResourceSnapshotTemplateName", &self.template),
            ("Status", &self.status),
        ] {
            out.insert(k.into(), json!(v));
        }
        out.insert("CreatedAt".into(), wire(self.created_at));
        if let Some(t) = self.last_success {
            out.insert("LastSuccessfulExecutionDate".into(), wire(t));
        }
        if let Some(f) = &self.last_failure {
            out.insert("LastFailure".into(), json!(f));
        }
        Value::Object(out)
    }
}

/// The account's additions to one catalog.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Extras {
    pub lead_tasks: Vec<LeadTask>,
    pub jobs: Vec<SnapshotJob>,
    /// PutSellingSystemSettings' role, as an ARN.
    pub role_arn: Option<String>,
    /// Tags by resource ARN.
    pub tags: BTreeMap<String, BTreeMap<String, String>>,
    /// Per operation: `ClientToken` → the original response.
    pub tokens: BTreeMap<String, TokenLog<Value>>,
    /// Per opportunity: the `InvolvementType` and `Visibility` it was last submitted with.
    pub involvement: BTreeMap<String, Value>,
}

impl Extras {
    pub fn tokens(&mut self, operation: &str) -> &mut TokenLog<Value> {
        self.tokens.entry(operation.to_string()).or_default()
    }

    /// Records how `opportunity` was submitted (`InvolvementType`, `Visibility` of `members`).
    pub fn involvement(&mut self, opportunity: &str, members: &Value) {
        let pick = json!({"InvolvementType": members["InvolvementType"], "Visibility": members["Visibility"]});
        self.involvement.insert(opportunity.to_string(), pick);
    }

    /// Adds or replaces `tags` (the model's `Tag` list) on `arn`.
    pub fn tag(&mut self, arn: &str, tags: &Value) {
        let entry = self.tags.entry(arn.to_string()).or_default();
        for tag in tags.as_array().into_iter().flatten() {
            if let (Some(k), Some(v)) = (tag["Key"].as_str(), tag["Value"].as_str()) {
                entry.insert(k.to_string(), v.to_string());
            }
        }
    }
}
