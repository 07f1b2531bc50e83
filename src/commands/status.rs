//! `status`: the state file as a table of resources (resource, id, status), or JSON. Reads
//! only the local file; makes no AWS call. Work in flight is shown as such — a saved request
//! that may have reached AWS, a change set or task started but not seen to end — so nobody
//! takes "not started" at its word and starts it again by hand; against AWS itself, created
//! resources carry their console URL.

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
    /// Its id, once created (or the id of the change set or task creating it).
    pub id: Option<String>,
    /// Where it stands (`published`, `not started`, `sent, not confirmed …`).
    pub status: String,
    /// The resource in the AWS console (Marketplace Management Portal, Partner Central); only
    /// when requests go to AWS itself.
    pub console_url: Option<String>,
}

/// The resources the state file records, in workflow order, typed.
pub fn resources(s: &State, settings: &Settings) -> Vec<Resource> {
    rows(s)
        .into_iter()
        .map(|[resource, id, status]| Resource {
            console_url: console_url(settings, &resource, &id, &status),
            id: (id != "-").then_some(id),
            resource,
            status,
        })
        .collect()
}

/// What the status column says for a saved request whose answer was never recorded.
pub const SENT_NOT_CONFIRMED: &str = "sent, not confirmed — the next run resumes it";

/// (resource, id, status) rows derived from the state.
pub fn rows(s: &State) -> Vec<[String; 3]> {
    let mut rows = vec![
        [
            "Product".into(),
            id(&s.product_id, &s.product_changeset_id),
            done_or(&s.product_id, "published", || {
                started(
                    s,
                    "publish-product",
                    s.product_changeset_id.as_ref(),
                    "change set",
                )
            }),
        ],
        row("Public offer", &s.public_offer_id, "released"),
        [
            "Private offer".into(),
            id(&s.offer_id, &s.offer_changeset_id),
            done_or(&s.offer_id, "released", || {
                started(
                    s,
                    "create-offer",
                    s.offer_changeset_id.as_ref(),
                    "change set",
                )
            }),
        ],
        [
            "Opportunity".into(),
            id(&s.opportunity_id, &None),
            opportunity(s),
        ],
        row("Solution", &s.solution_id, "associated"),
        [
            "Engagement".into(),
            id(&s.engagement_id, &s.engagement_task_id),
            done_or(&s.engagement_id, "submitted for co-sell", || {
                started(
                    s,
                    "create-opportunity/submit",
                    s.engagement_task_id.as_ref(),
                    "task",
                )
            }),
        ],
        row("Offer association", &s.associated_offer_arn, "associated"),
        [
            "Agreement".into(),
            id(&s.agreement_id, &None),
            agreement(s).into(),
        ],
        [
            "Stage".into(),
            id(&s.opportunity_stage, &None),
            done_or(&s.opportunity_stage, "opportunity stage", || {
                "not started".into()
            }),
        ],
    ];
    // Only for sellers who accepted an AWS referral (`invitation accept`).
    if s.referral_opportunity_id.is_some() {
        rows.push(row(
            "Referral opportunity",
            &s.referral_opportunity_id,
            "accepted referral",
        ));
    }
    rows
}

fn opportunity(s: &State) -> String {
    match &s.opportunity_id {
        Some(_) => format!(
            "review: {}",
            s.review_status.as_deref().unwrap_or("Pending Submission")
        ),
        None => started(s, "create-opportunity/create", None, ""),
    }
}

fn agreement(s: &State) -> &'static str {
    if s.agreement_id.is_some() {
        "active"
    } else if s.associated_offer_arn.is_some() {
        "waiting for buyer"
    } else {
        "not started"
    }
}

/// The saved id, else the id of the change set or task creating it, else `-`.
fn id(saved: &Option<String>, running: &Option<String>) -> String {
    saved
        .clone()
        .or_else(|| running.clone())
        .unwrap_or_else(|| "-".into())
}

fn done_or(saved: &Option<String>, done: &str, otherwise: impl FnOnce() -> String) -> String {
    match saved {
        Some(_) => done.into(),
        None => otherwise(),
    }
}

fn row(resource: &str, saved: &Option<String>, done: &str) -> [String; 3] {
    [
        resource.into(),
        id(saved, &None),
        done_or(saved, done, || "not started".into()),
    ]
}

/// A step not done: running (its change set or task id is known), sent but not confirmed (its
/// request is saved under `key`), or not started.
fn started(s: &State, key: &str, running: Option<&String>, what: &str) -> String {
    if running.is_some() {
        format!("{what} in flight — the next run waits for it")
    } else if s.internal.pending.contains_key(key) {
        SENT_NOT_CONFIRMED.into()
    } else {
        "not started".into()
    }
}

/// The table, then (against AWS itself) one console link per created resource.
/// Where a seller sees a created resource: the Marketplace Management Portal for products,
/// offers and agreements, Partner Central (in the AWS console) for opportunities. Only when
/// requests go to AWS itself: an emulator's ids mean nothing there.
pub fn console_url(settings: &Settings, resource: &str, id: &str, status: &str) -> Option<String> {
    if settings.local || settings.endpoint_url.is_some() || id == "-" {
        return None;
    }
    let portal = "https://aws.amazon.com/marketplace/management";
    let region = &settings.region;
    match resource {
        "Product" if id.starts_with("prod-") => Some(format!("{portal}/products/{id}")),
        "Public offer" | "Private offer" if id.starts_with("offer-") => {
            Some(format!("{portal}/offers/{id}"))
        }
        "Agreement" if status == "active" => Some(format!("{portal}/agreements/{id}")),
        "Opportunity" | "Referral opportunity" => Some(format!(
            "https://{region}.console.aws.amazon.com/partnercentral/home?region={region}#/opportunities/{id}"
        )),
        _ => None,
    }
}

/// The table, then (against AWS itself) one console link per created resource.
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
    let mut text = table(&["RESOURCE", "ID", "STATUS"], &rows);
    let links: Vec<String> = resources
        .iter()
        .filter_map(|r| Some(format!("{}: {}", r.resource, r.console_url.as_ref()?)))
        .collect();
    if !links.is_empty() {
        text.push_str("\n\nIn the AWS consoles:\n  ");
        text.push_str(&links.join("\n  "));
    }
    text
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
        resources: List::new(resources(&state, settings)),
    });
    Ok(())
}
