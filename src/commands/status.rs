//! `status`: the state file as a table of resources (resource, id, status), or JSON. Reads
//! only the local file; makes no AWS call.

use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{table, List, Printer, Report};
use crate::project::state::State;
use crate::settings::Settings;

/// (resource, id, status) rows derived from the state.
pub fn rows(s: &State) -> Vec<[String; 3]> {
    let id = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let either = |done: bool, started: bool, yes: &str, mid: &str| -> String {
        if done {
            yes.into()
        } else if started {
            mid.into()
        } else {
            "not started".into()
        }
    };
    let mut rows = vec![
        [
            "Product".into(),
            id(&s.product_id),
            either(
                s.product_id.is_some(),
                s.product_changeset_id.is_some(),
                "published",
                "change set running",
            ),
        ],
        [
            "Public offer".into(),
            id(&s.public_offer_id),
            either(s.public_offer_id.is_some(), false, "released", ""),
        ],
        [
            "Private offer".into(),
            id(&s.offer_id),
            either(
                s.offer_id.is_some(),
                s.offer_changeset_id.is_some(),
                "released",
                "change set running",
            ),
        ],
        [
            "Opportunity".into(),
            id(&s.opportunity_id),
            either(
                s.opportunity_id.is_some(),
                false,
                &format!(
                    "review: {}",
                    s.review_status.as_deref().unwrap_or("Pending Submission")
                ),
                "",
            ),
        ],
        [
            "Solution".into(),
            id(&s.solution_id),
            either(s.solution_id.is_some(), false, "associated", ""),
        ],
        [
            "Engagement".into(),
            id(&s.engagement_id),
            either(
                s.engagement_id.is_some(),
                s.engagement_task_id.is_some(),
                "submitted for co-sell",
                "task running",
            ),
        ],
        [
            "Offer association".into(),
            id(&s.associated_offer_arn),
            either(s.associated_offer_arn.is_some(), false, "associated", ""),
        ],
        [
            "Agreement".into(),
            id(&s.agreement_id),
            either(
                s.agreement_id.is_some(),
                s.associated_offer_arn.is_some(),
                "active",
                "waiting for buyer",
            ),
        ],
        [
            "Stage".into(),
            s.opportunity_stage.clone().unwrap_or_else(|| "-".into()),
            either(
                s.opportunity_stage.is_some(),
                false,
                "opportunity stage",
                "",
            ),
        ],
    ];
    // Only for sellers who accepted an AWS referral (`invitation accept`).
    if s.referral_opportunity_id.is_some() {
        rows.push([
            "Referral opportunity".into(),
            id(&s.referral_opportunity_id),
            "accepted referral".into(),
        ]);
    }
    rows
}

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

/// The resources the state file records, in workflow order.
pub fn resources(s: &State) -> Vec<Resource> {
    rows(s)
        .into_iter()
        .map(|[resource, id, status]| Resource {
            resource,
            id: (id != "-").then_some(id),
            status,
        })
        .collect()
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
