//! `status`: the state file as a table of resources (resource, id, status), or JSON. Reads
//! only the local file; makes no AWS call.

use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{table, List, Printer, Report};
use crate::project::state::State;
use crate::settings::Settings;

/// One row of the status table.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Resource {
    /// What it is (`Product`, `Private offer`, …).
    pub resource: String,
    /// Its id, once created.
    pub id: Option<String>,
    /// Where it stands (`published`, `not started`, …).
    pub status: String,
}

/// A resource's row: `done` once its id is saved, `running` once its step started (a change
/// set or task is under way), else `not started`.
fn row(resource: &str, id: &Option<String>, started: bool, done: &str, running: &str) -> Resource {
    let status = if id.is_some() {
        done
    } else if started {
        running
    } else {
        "not started"
    };
    Resource {
        resource: resource.into(),
        id: id.clone(),
        status: status.into(),
    }
}

/// The resources the state file records, in workflow order.
pub fn resources(s: &State) -> Vec<Resource> {
    let review = format!(
        "review: {}",
        s.review_status.as_deref().unwrap_or("Pending Submission")
    );
    let mut rows = vec![
        row(
            "Product",
            &s.product_id,
            s.product_changeset_id.is_some(),
            "published",
            "change set running",
        ),
        row("Public offer", &s.public_offer_id, false, "released", ""),
        row(
            "Private offer",
            &s.offer_id,
            s.offer_changeset_id.is_some(),
            "released",
            "change set running",
        ),
        row("Opportunity", &s.opportunity_id, false, &review, ""),
        row("Solution", &s.solution_id, false, "associated", ""),
        row(
            "Engagement",
            &s.engagement_id,
            s.engagement_task_id.is_some(),
            "submitted for co-sell",
            "task running",
        ),
        row(
            "Offer association",
            &s.associated_offer_arn,
            false,
            "associated",
            "",
        ),
        row(
            "Agreement",
            &s.agreement_id,
            s.associated_offer_arn.is_some(),
            "active",
            "waiting for buyer",
        ),
        // The id column holds the stage itself.
        row(
            "Stage",
            &s.opportunity_stage,
            false,
            "opportunity stage",
            "",
        ),
    ];
    // Only for sellers who accepted an AWS referral (`invitation accept`).
    if s.referral_opportunity_id.is_some() {
        rows.push(row(
            "Referral opportunity",
            &s.referral_opportunity_id,
            false,
            "accepted referral",
            "",
        ));
    }
    rows
}

/// The resource table.
pub fn table_text(resources: &[Resource]) -> String {
    let rows: Vec<Vec<String>> = resources
        .iter()
        .map(|r| {
            vec![
                r.resource.clone(),
                r.id.clone().unwrap_or_else(|| "-".into()),
                r.status.clone(),
            ]
        })
        .collect();
    table(&["RESOURCE", "ID", "STATUS"], &rows)
}

/// `status`: the state file and one item per resource.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StatusReport {
    /// The state file read.
    pub state_file: String,
    #[serde(flatten)]
    pub resources: List<Resource>,
}

impl Report for StatusReport {
    fn text(&self) -> String {
        table_text(&self.resources.items)
    }
}

pub fn run(settings: &Settings, printer: &Printer) -> anyhow::Result<()> {
    let state = State::load(&settings.state_path)?;
    printer.print(&StatusReport {
        state_file: settings.state_path.display().to_string(),
        resources: List::new(resources(&state)),
    });
    Ok(())
}
