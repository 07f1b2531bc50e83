//! Engagement-from-opportunity tasks: the asynchronous submission of an opportunity to AWS.
//! A task is `IN_PROGRESS` for `Timings::task_seconds`, then — evaluated lazily when the world
//! advances — `COMPLETE` (the opportunity becomes `Submitted` and the engagement ids appear) or
//! `FAILED` with `ReasonCode: OpportunityValidationFailed` when the opportunity lacked what AWS
//! requires at the moment it was submitted.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::errors::FieldError;
use super::opportunity::Opportunity;
use super::review::blockers_message;
use super::time::wire;
use crate::ids;

pub const IN_PROGRESS: &str = "IN_PROGRESS";
pub const COMPLETE: &str = "COMPLETE";
pub const FAILED: &str = "FAILED";

/// The ids a completed submission produces.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Engagement {
    engagement_id: String,
    invitation_id: String,
    snapshot_job_id: String,
}

/// One StartEngagementFromOpportunityTask.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub id: String,
    pub arn: String,
    pub opportunity_id: String,
    pub start: DateTime<Utc>,
    pub status: String,
    due: DateTime<Utc>,
    /// What the opportunity lacked when the task started (the submitted snapshot).
    blockers: Vec<FieldError>,
    failure: Option<(String, String)>,
    engagement: Option<Engagement>,
    /// The engagement a submission reuses (a converted lead's), instead of a new one.
    #[serde(default)]
    pub reuse_engagement: Option<String>,
}

impl Task {
    pub fn new(
        account: &str,
        catalog: CatalogName,
        opportunity_id: &str,
        start: DateTime<Utc>,
        due: DateTime<Utc>,
        blockers: Vec<FieldError>,
    ) -> Self {
        let id = format!("task-{}", ids::alnum(13));
        Task {
            arn: ids::partner_arn(
                account,
                catalog.as_str(),
                "engagement-from-opportunity-task",
                &id,
            ),
            id,
            opportunity_id: opportunity_id.to_string(),
            start,
            status: IN_PROGRESS.to_string(),
            due,
            blockers,
            failure: None,
            engagement: None,
            reuse_engagement: None,
        }
    }

    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.status == IN_PROGRESS && self.due <= now
    }

    /// Ends the task: FAILED if the submitted opportunity was incomplete, else COMPLETE with
    /// the opportunity moved to `Submitted` (stamped at the task's end, not at the request that
    /// happened to observe it). Returns that instant when the opportunity changed.
    pub fn finish(
        &mut self,
        opportunities: &mut BTreeMap<String, Opportunity>,
    ) -> Option<DateTime<Utc>> {
        let opportunity = opportunities.get_mut(&self.opportunity_id);
        match opportunity {
            Some(o) if self.blockers.is_empty() => {
                super::aws_review::submit(o, self.due);
                self.status = COMPLETE.to_string();
                self.engagement = Some(Engagement {
                    engagement_id: self
                        .reuse_engagement
                        .clone()
                        .unwrap_or_else(|| format!("eng-{}", ids::alnum(14))),
                    invitation_id: format!("engi-{}", ids::alnum(13)),
                    snapshot_job_id: format!("job-{}", ids::alnum(13)),
                });
                return Some(self.due);
            }
            Some(_) => self.fail(
                "OpportunityValidationFailed",
                blockers_message(&self.blockers),
            ),
            None => self.fail(
                "OpportunitySubmissionFailed",
                "The opportunity no longer exists.".to_string(),
            ),
        }
        None
    }

    fn fail(&mut self, reason: &'static str, message: String) {
        self.status = FAILED.to_string();
        self.failure = Some((reason.to_string(), message));
    }

    pub fn engagement_id(&self) -> Option<&str> {
        self.engagement.as_ref().map(|e| e.engagement_id.as_str())
    }

    /// The task as StartEngagementFromOpportunityTask and ListEngagementFromOpportunityTasks
    /// report it; ids only when COMPLETE, `ReasonCode`/`Message` only when FAILED.
    pub fn view(&self) -> Value {
        let mut out = Map::new();
        out.insert("TaskId".into(), json!(self.id));
        out.insert("TaskArn".into(), json!(self.arn));
        out.insert("StartTime".into(), wire(self.start));
        out.insert("TaskStatus".into(), json!(self.status));
        out.insert("OpportunityId".into(), json!(self.opportunity_id));
        if let Some((reason, message)) = &self.failure {
            out.insert("ReasonCode".into(), json!(reason));
            out.insert("Message".into(), json!(message));
        }
        if let Some(e) = &self.engagement {
            out.insert("EngagementId".into(), json!(e.engagement_id));
            out.insert("EngagementInvitationId".into(), json!(e.invitation_id));
            out.insert("ResourceSnapshotJobId".into(), json!(e.snapshot_job_id));
        }
        Value::Object(out)
    }
}
