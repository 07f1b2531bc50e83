//! `mpctl engagement snapshot|snapshot-show|snapshot-jobs|snapshot-job create|start|stop|delete`:
//! an engagement's resource snapshots (an opportunity's copy its members read) and the jobs that
//! keep them current. Writes plan (`--plan` prints the exact body) and confirm like every write.

use schemars::JsonSchema;
use serde::Serialize;

use super::ids::check_engagement;
use crate::aws;
use crate::cli::{EngagementCommand as C, SnapshotArgs, SnapshotJobCommand as J};
use crate::confirm::{self, Planned};
use crate::cosell::snapshots::{self as snap, JobAction, JobRow, SnapshotDetail};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

pub async fn run(settings: &Settings, printer: &Printer, command: &C) -> anyhow::Result<()> {
    let catalog = settings.catalog.as_str();
    match command {
        C::Snapshot(a) => snapshot(settings, printer, a).await?,
        C::SnapshotShow { of, revision } => {
            check_engagement(&of.id, "ID")?;
            let clients = aws::connect(settings).await?;
            let found = snap::show(
                &clients.partner,
                catalog,
                &of.id,
                &of.opportunity,
                &of.template,
                *revision,
            )
            .await?;
            printer.print(&SnapshotView(found));
        }
        C::SnapshotJobs { id } => {
            check_engagement(id, "ID")?;
            let clients = aws::connect(settings).await?;
            printer.print(&JobList(List::new(
                snap::jobs(&clients.partner, catalog, id).await?,
            )));
        }
        C::SnapshotJob(J::Create(a)) => create_job(settings, printer, a).await?,
        C::SnapshotJob(J::Start { job_id }) => {
            act(settings, printer, JobAction::Start, job_id).await?
        }
        C::SnapshotJob(J::Stop { job_id }) => {
            act(settings, printer, JobAction::Stop, job_id).await?
        }
        C::SnapshotJob(J::Delete { job_id }) => {
            act(settings, printer, JobAction::Delete, job_id).await?
        }
        _ => unreachable!("engagement::run handles the other engagement commands"),
    }
    Ok(())
}

/// CreateResourceSnapshot, after reading the opportunity (its LastModifiedDate is in the token).
async fn snapshot(settings: &Settings, printer: &Printer, a: &SnapshotArgs) -> anyhow::Result<()> {
    check_engagement(&a.id, "ID")?;
    confirm::gate(settings)?;
    let catalog = settings.catalog.as_str();
    let clients = aws::connect(settings).await?;
    let o = aws::opportunity_update::read(&clients.partner, catalog, &a.opportunity).await?;
    let modified = o
        .last_modified_date()
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default();
    let body = snap::snapshot_body(catalog, &a.id, &a.opportunity, &a.template, &modified);
    let reads = [format!("GetOpportunity {}", a.opportunity)];
    let planned = [Planned::new("CreateResourceSnapshot", "", body.clone())];
    let line = format!(
        "take a {} snapshot of opportunity {} in engagement {}",
        a.template, a.opportunity, a.id
    );
    if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
        return Ok(());
    }
    let (arn, revision) = snap::create_snapshot(&clients.partner, &body).await?;
    printer.print(&SnapshotTaken {
        engagement_id: a.id.clone(),
        opportunity_id: a.opportunity.clone(),
        template: a.template.clone(),
        revision,
        arn,
    });
    Ok(())
}

async fn create_job(
    settings: &Settings,
    printer: &Printer,
    a: &SnapshotArgs,
) -> anyhow::Result<()> {
    check_engagement(&a.id, "ID")?;
    let body = snap::job_body(
        settings.catalog.as_str(),
        &a.id,
        &a.opportunity,
        &a.template,
    );
    let planned = Planned::new("CreateResourceSnapshotJob", "", body.clone());
    if confirm::single(settings, printer, planned)? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    let id = snap::create_job(&clients.partner, &body).await?;
    printer.print(&JobChanged {
        job_id: id,
        action: "created".into(),
    });
    Ok(())
}

async fn act(
    settings: &Settings,
    printer: &Printer,
    action: JobAction,
    job: &str,
) -> anyhow::Result<()> {
    let body = action.body(settings.catalog.as_str(), job);
    if confirm::single(
        settings,
        printer,
        Planned::new(action.operation(), "", body.clone()),
    )? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    action.send(&clients.partner, &body).await?;
    let done = match action {
        JobAction::Start => "started",
        JobAction::Stop => "stopped",
        JobAction::Delete => "deleted",
    };
    printer.print(&JobChanged {
        job_id: job.to_string(),
        action: done.into(),
    });
    Ok(())
}

/// `engagement snapshot`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SnapshotTaken {
    pub engagement_id: String,
    pub opportunity_id: String,
    pub template: String,
    /// The revision this snapshot is (1 for the first of this opportunity and template).
    pub revision: i32,
    pub arn: String,
}

impl Report for SnapshotTaken {
    fn text(&self) -> String {
        format!(
            "snapshot revision {} of opportunity {} ({}) in engagement {}",
            self.revision, self.opportunity_id, self.template, self.engagement_id
        )
    }
}

/// `engagement snapshot-show`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SnapshotView(pub SnapshotDetail);

impl Report for SnapshotView {
    fn text(&self) -> String {
        let s = &self.0;
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Vec<String>> = match s.payload.as_object() {
            Some(m) => m
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Array(a) => a
                            .iter()
                            .map(|x| x.as_str().map_or_else(|| x.to_string(), String::from))
                            .collect::<Vec<_>>()
                            .join(", "),
                        other => other.to_string(),
                    };
                    vec![k.clone(), v]
                })
                .collect(),
            None => Vec::new(),
        };
        format!(
            "{} {} revision {} by {} at {}\nread by: {}\n\n{}",
            o(&s.resource_id),
            o(&s.template),
            s.revision.map(|r| r.to_string()).unwrap_or_default(),
            o(&s.created_by),
            o(&s.created),
            s.target_members.join(", "),
            table(&["FIELD", "VALUE"], &rows)
        )
    }
}

/// `engagement snapshot-jobs`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JobList(pub List<JobRow>);

impl Report for JobList {
    fn text(&self) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|j| {
                let last = j.last_failure.clone().or(j.last_success.clone());
                vec![
                    j.job_id.clone(),
                    o(&j.status),
                    o(&j.resource_id),
                    o(&j.template),
                    o(&last),
                ]
            })
            .collect();
        table(
            &["JOB", "STATUS", "RESOURCE", "TEMPLATE", "LAST RUN"],
            &rows,
        )
    }
}

/// `engagement snapshot-job create|start|stop|delete`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct JobChanged {
    pub job_id: String,
    /// `created`, `started`, `stopped` or `deleted`.
    pub action: String,
}

impl Report for JobChanged {
    fn text(&self) -> String {
        format!("snapshot job {} {}", self.job_id, self.action)
    }
}
