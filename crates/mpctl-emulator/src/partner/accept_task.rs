//! Engagement-by-accepting-invitation tasks: the asynchronous acceptance of an AWS referral. A
//! task is `IN_PROGRESS` for `Timings::task_seconds`, then — evaluated lazily when the world
//! advances — `COMPLETE` (the invitation is `ACCEPTED` and an opportunity with the referral's
//! data exists in the seller's catalog, already `Approved` as AWS-originated opportunities are
//! [I]) or `FAILED` with `ReasonCode: EngagementInvitationConflict` when the invitation stopped
//! being pending meanwhile (rejected or expired).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::tasks::IN_PROGRESS;
use super::time::wire;
use crate::ids;

/// One StartEngagementByAcceptingInvitationTask.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AcceptTask {
    pub id: String,
    pub arn: String,
    pub invitation_id: String,
    pub start: DateTime<Utc>,
    pub due: DateTime<Utc>,
    pub status: String,
    pub opportunity_id: Option<String>,
    pub snapshot_job_id: Option<String>,
    /// `(ReasonCode, Message)` of a FAILED task.
    pub failure: Option<(String, String)>,
}

impl AcceptTask {
    pub fn new(
        account: &str,
        catalog: CatalogName,
        invitation_id: &str,
        start: DateTime<Utc>,
        due: DateTime<Utc>,
    ) -> Self {
        let id = format!("task-{}", ids::alnum(13));
        AcceptTask {
            arn: ids::partner_arn(
                account,
                catalog.as_str(),
                "engagement-by-accepting-invitation-task",
                &id,
            ),
            id,
            invitation_id: invitation_id.to_string(),
            start,
            due,
            status: IN_PROGRESS.to_string(),
            opportunity_id: None,
            snapshot_job_id: None,
            failure: None,
        }
    }

    pub fn is(&self, identifier: &str) -> bool {
        self.id == identifier || self.arn == identifier
    }

    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.status == IN_PROGRESS && self.due <= now
    }

    /// The task as the Start and List operations report it: the opportunity and snapshot job
    /// only when COMPLETE, `ReasonCode`/`Message` only when FAILED.
    pub fn view(&self) -> Value {
        let mut out = Map::new();
        out.insert("TaskId".into(), json!(self.id));
        out.insert("TaskArn".into(), json!(self.arn));
        out.insert("StartTime".into(), wire(self.start));
        out.insert("TaskStatus".into(), json!(self.status));
        out.insert("EngagementInvitationId".into(), json!(self.invitation_id));
        if let Some(o) = &self.opportunity_id {
            out.insert("OpportunityId".into(), json!(o));
        }
        if let Some(j) = &self.snapshot_job_id {
            out.insert("ResourceSnapshotJobId".into(), json!(j));
        }
        if let Some((reason, message)) = &self.failure {
            out.insert("ReasonCode".into(), json!(reason));
            out.insert("Message".into(), json!(message));
        }
        Value::Object(out)
    }
}
