//! `status`: the state file as a table of resources (resource, id, status), or JSON. Reads
//! only the local file; makes no AWS call. Work in flight is shown as such — a saved request
//! that may have reached AWS, a change set or task started but not seen to end — so nobody
//! takes "not started" at its word and starts it again by hand; against AWS itself, created
//! resources carry their console URL.

use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{table, List, Printer, Report};
use crate::project::origin;
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
    /// For a change set or task in flight: the last status a run saw it in (`APPLYING`, …).
    pub last_status: Option<String>,
    /// Where `id` was created: `aws`, `local` (a `--local` run's in-process emulator) or the
    /// endpoint URL; null when the state file does not say (written before mpctl recorded it).
    pub created_on: Option<String>,
    /// The resource in the AWS console (Marketplace Management Portal, Partner Central); only
    /// for resources created on AWS's own endpoints.
    pub console_url: Option<String>,
    /// Why there is no console URL for a created resource (where it lives instead).
    pub not_in_aws: Option<String>,
}

/// The resources the state file records, in workflow order, typed.
pub fn resources(s: &State) -> Vec<Resource> {
    rows(s)
        .into_iter()
        .map(|[resource, id, status]| {
            let key = state_key(s, &resource);
            let created = id != "-" && key.is_some_and(|k| LINKED.contains(&k));
            let not_in_aws = key
                .filter(|_| created)
                .and_then(|k| origin::elsewhere(s, k));
            Resource {
                console_url: console_url(&resource, &status)
                    .filter(|_| created && not_in_aws.is_none()),
                not_in_aws,
                created_on: key.and_then(|k| origin::recorded(s, k)),
                last_status: s.internal.last_status.get(&id).cloned(),
                id: (id != "-").then_some(id),
                resource,
                status,
            }
        })
        .collect()
}

/// Keys of resources a seller can look up in an AWS console.
const LINKED: &[&str] = &[
    "PRODUCT_ID",
    "PUBLIC_OFFER_ID",
    "OFFER_ID",
    "OPPORTUNITY_ID",
    "AGREEMENT_ID",
    "REFERRAL_OPPORTUNITY_ID",
];

/// The state key of the id a row shows: the resource's own, else that of the change set or
/// task creating it.
fn state_key(s: &State, resource: &str) -> Option<&'static str> {
    Some(match resource {
        "Product" if s.product_id.is_none() => "PRODUCT_CHANGESET_ID",
        "Product" => "PRODUCT_ID",
        "Public offer" => "PUBLIC_OFFER_ID",
        "Private offer" if s.offer_id.is_none() => "OFFER_CHANGESET_ID",
        "Private offer" => "OFFER_ID",
        "Opportunity" => "OPPORTUNITY_ID",
        "Solution" => "SOLUTION_ID",
        "Engagement" if s.engagement_id.is_none() => "ENGAGEMENT_TASK_ID",
        "Engagement" => "ENGAGEMENT_ID",
        "Offer association" => "ASSOCIATED_OFFER_ARN",
        "Agreement" => "AGREEMENT_ID",
        "Referral opportunity" => "REFERRAL_OPPORTUNITY_ID",
        _ => return None,
    })
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

/// A step not done: running (its change set or task id is known; with the last status a run
/// saw), sent but not confirmed (its request is saved under `key`), or not started.
fn started(s: &State, key: &str, running: Option<&String>, what: &str) -> String {
    if let Some(id) = running {
        let seen = match s.internal.last_status.get(id) {
            Some(status) => format!("last seen {status}"),
            None => "no status seen yet".into(),
        };
        format!("{what} in flight, {seen} — the next run waits for it")
    } else if s.internal.pending.contains_key(key) {
        SENT_NOT_CONFIRMED.into()
    } else {
        "not started".into()
    }
}

/// Where a seller finds a created resource in the AWS consoles. Only entry points: no doc
/// available offline gives the address of one product's, offer's or opportunity's page, and a
/// guessed deep link that 404s is worse than the page the seller searches from.
fn console_url(resource: &str, status: &str) -> Option<String> {
    // AWS Marketplace Management Portal, where sellers manage products, offers and agreements.
    // Source: only AWS's reference change set for a SaaS product with a public offer
    // (publish_saas_product_public_offer), which uses this address as a placeholder
    // FulfillmentUrl; the Seller Guide that documents the portal is not available offline, so
    // this form is unverified here.
    const PORTAL: &str = "https://aws.amazon.com/marketplace/management/";
    // Partner Central, where opportunities are managed. Source: botocore's
    // partnercentral-selling 2022-07-26 model, ListOpportunities documentation ("available to
    // partners from Partner Central", linking https://partnercentral.awspartner.com/), also in
    // the aws-sdk-partnercentralselling crate docs of list_opportunities.
    const PARTNER_CENTRAL: &str = "https://partnercentral.awspartner.com/";
    match resource {
        "Product" | "Public offer" | "Private offer" => Some(PORTAL.into()),
        "Agreement" if status == "active" => Some(PORTAL.into()),
        "Opportunity" | "Referral opportunity" => Some(PARTNER_CENTRAL.into()),
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
    let mut links = Vec::new();
    // One line per place, in the order first met: a run usually made everything in one place.
    let mut elsewhere: Vec<(&str, Vec<String>)> = Vec::new();
    for r in resources {
        let id = r.id.as_deref().unwrap_or("-");
        if let Some(url) = &r.console_url {
            links.push(format!("{} {id}: {url}", r.resource));
        } else if let Some(why) = &r.not_in_aws {
            let named = format!("{} {id}", r.resource);
            match elsewhere.iter_mut().find(|(w, _)| w == why) {
                Some((_, names)) => names.push(named),
                None => elsewhere.push((why, vec![named])),
            }
        }
    }
    if !links.is_empty() {
        text.push_str("\n\nIn the AWS consoles (search for the id):\n  ");
        text.push_str(&links.join("\n  "));
    }
    if !elsewhere.is_empty() {
        text.push_str("\n\nNot in AWS (no console link):");
        for (why, names) in elsewhere {
            text.push_str(&format!("\n  {why}:\n    {}", names.join(", ")));
        }
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
        resources: List::new(resources(&state)),
    });
    Ok(())
}
