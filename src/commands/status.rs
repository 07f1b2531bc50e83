//! `status`: the state file as a table of resources (resource, id, status), or JSON. Reads
//! only the local file; makes no AWS call. Work in flight is shown as such — a saved request
//! that may have reached AWS, a change set or task started but not seen to end — so nobody
//! takes "not started" at its word and starts it again by hand; against AWS itself, created
//! resources carry their console URL.

use serde_json::{json, Value};

use crate::output::{table, Printer};
use crate::project::state::State;
use crate::settings::Settings;

/// What the status column says for a saved request whose answer was never recorded.
pub const SENT_NOT_CONFIRMED: &str = "sent, not confirmed — the next run resumes it";

/// (resource, id, status) rows derived from the state.
pub fn rows(s: &State) -> Vec<[String; 3]> {
    let pending = |key: &str| s.internal.pending.contains_key(key);
    // A step whose id is not saved yet shows its change set or task id while it runs.
    let id = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let or_running = |v: &Option<String>, running: &Option<String>| {
        v.clone()
            .or_else(|| running.clone())
            .unwrap_or_else(|| "-".into())
    };
    let either = |done: bool, started: bool, yes: &str, mid: &str| -> String {
        if done {
            yes.into()
        } else if started {
            mid.into()
        } else {
            "not started".into()
        }
    };
    let in_flight = |done: bool, running: &Option<String>, key: &str, yes: &str| -> String {
        match (done, running) {
            (true, _) => yes.into(),
            (false, Some(_)) => "change set in flight — the next run waits for it".into(),
            (false, None) if pending(key) => SENT_NOT_CONFIRMED.into(),
            _ => "not started".into(),
        }
    };
    let mut rows = vec![
        [
            "Product".into(),
            or_running(&s.product_id, &s.product_changeset_id),
            in_flight(
                s.product_id.is_some(),
                &s.product_changeset_id,
                "publish-product",
                "published",
            ),
        ],
        [
            "Public offer".into(),
            id(&s.public_offer_id),
            either(s.public_offer_id.is_some(), false, "released", ""),
        ],
        [
            "Private offer".into(),
            or_running(&s.offer_id, &s.offer_changeset_id),
            in_flight(
                s.offer_id.is_some(),
                &s.offer_changeset_id,
                "create-offer",
                "released",
            ),
        ],
        [
            "Opportunity".into(),
            id(&s.opportunity_id),
            if s.opportunity_id.is_none() && pending("create-opportunity/create") {
                SENT_NOT_CONFIRMED.into()
            } else {
                either(
                    s.opportunity_id.is_some(),
                    false,
                    &format!(
                        "review: {}",
                        s.review_status.as_deref().unwrap_or("Pending Submission")
                    ),
                    "",
                )
            },
        ],
        [
            "Solution".into(),
            id(&s.solution_id),
            either(s.solution_id.is_some(), false, "associated", ""),
        ],
        [
            "Engagement".into(),
            or_running(&s.engagement_id, &s.engagement_task_id),
            match (&s.engagement_id, &s.engagement_task_id) {
                (Some(_), _) => "submitted for co-sell".into(),
                (None, Some(_)) => "task in flight — the next run waits for it".into(),
                _ if pending("create-opportunity/submit") => SENT_NOT_CONFIRMED.into(),
                _ => "not started".into(),
            },
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

/// The table, then (against AWS itself) one console link per created resource.
pub fn table_text(s: &State, settings: &Settings) -> String {
    let rows = rows(s);
    let links: Vec<String> = rows
        .iter()
        .filter_map(|[r, i, st]| console_url(settings, r, i, st).map(|u| format!("{r}: {u}")))
        .collect();
    let rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    let mut text = table(&["RESOURCE", "ID", "STATUS"], &rows);
    if !links.is_empty() {
        text.push_str("\n\nIn the AWS consoles:\n  ");
        text.push_str(&links.join("\n  "));
    }
    text
}

pub fn resources_json(s: &State, settings: &Settings) -> Value {
    Value::Array(
        rows(s)
            .into_iter()
            .map(|[r, i, st]| {
                let url = console_url(settings, &r, &i, &st);
                json!({"resource": r, "id": if i == "-" { Value::Null } else { Value::String(i) }, "status": st, "console_url": url})
            })
            .collect(),
    )
}

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

pub fn run(settings: &Settings, printer: &Printer) -> anyhow::Result<()> {
    let state = State::load(&settings.state_path)?;
    let doc = json!({"ok": true, "state_file": settings.state_path.display().to_string(), "resources": resources_json(&state, settings)});
    printer.result(&table_text(&state, settings), &doc);
    Ok(())
}
