//! Rows refreshed by events: with `events.queue_url` configured, the dashboard reads every
//! event the process's listener receives (`event::listen`) and re-reads only the rows it
//! names — an agreement (one DescribeAgreement: its row and its value at once), an offer (one
//! DescribeEntity), an opportunity (one GetOpportunity: its row and its associated offers), a
//! change set (one DescribeChangeSet: it leaves the in-flight list, and the offers it touched
//! are re-read) — instead of listing everything again. Each re-read row is saved in the cache.
//! An event only says something changed; the read says what it is now (delivery is best
//! effort, events may be late or repeated).

use std::collections::BTreeSet;

use serde_json::Value;

use super::data::OfferRow;
use super::fills::{self, agreement_version, opportunity_version, Kind};
use super::rows;
use super::store::Row;
use super::Shared;
use crate::agreement::view::Summary;
use crate::aws::{describe_error, service_time};
use crate::cosell::views::OpportunityRow;

/// What one event names.
#[derive(Debug, Default, PartialEq)]
pub struct Named {
    pub agreements: BTreeSet<String>,
    pub offers: BTreeSet<String>,
    pub opportunities: BTreeSet<String>,
    pub changesets: BTreeSet<String>,
}

/// The ids an event names: agreements and offers by their id shapes anywhere in its detail or
/// resources (ARNs end in them), change sets by `ChangeSetId`, opportunities by
/// `opportunity.identifier`.
pub fn named(event: &Value) -> Named {
    let mut out = Named::default();
    let mut strings = Vec::new();
    collect(&event["detail"], &mut strings);
    collect(&event["resources"], &mut strings);
    for s in strings {
        let last = s.rsplit(['/', ':']).next().unwrap_or(&s);
        if last.starts_with("agmt-") {
            out.agreements.insert(last.to_string());
        } else if last.starts_with("offer-") {
            out.offers.insert(last.to_string());
        }
    }
    if let Some(id) = event["detail"]["ChangeSetId"].as_str() {
        out.changesets.insert(id.to_string());
    }
    if let Some(id) = event["detail"]["opportunity"]["identifier"].as_str() {
        out.opportunities.insert(id.to_string());
    }
    out
}

fn collect(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(xs) => xs.iter().for_each(|x| collect(x, out)),
        Value::Object(m) => m.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}

/// Starts applying events, when a queue is configured.
pub fn listen(app: &Shared) {
    let Some(listener) = crate::event::listen::current() else {
        return;
    };
    let app = app.clone();
    let started = crate::aws::service_time::target_now();
    tokio::spawn(async move {
        let mut cursor = 0;
        loop {
            let events = listener.after(&mut cursor).await;
            if events.is_empty() {
                return;
            }
            for e in events.iter().filter(|e| !before(e, started)) {
                apply(&app, &named(e)).await;
            }
        }
    });
}

/// Whether `event` happened before the dashboard started: the re-list every start makes reads
/// each row after that, so re-reading it for the event (queued while the dashboard was down)
/// would read it twice. Event times have whole seconds, hence the second of slack.
fn before(event: &Value, started: chrono::DateTime<chrono::Utc>) -> bool {
    event["time"]
        .as_str()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .is_some_and(|t| t + chrono::Duration::seconds(1) <= started)
}

/// Re-reads what `n` names.
pub async fn apply(app: &Shared, n: &Named) {
    let mut offers = n.offers.clone();
    for id in &n.changesets {
        offers.extend(changeset(app, id).await);
    }
    for id in &n.agreements {
        if let Err(e) = agreement(app, id).await {
            tracing::debug!("dashboard: agreement {id} after its event: {e:#}");
        }
    }
    for id in &offers {
        if let Err(e) = offer(app, id).await {
            tracing::debug!("dashboard: offer {id} after its event: {e:#}");
        }
    }
    for id in &n.opportunities {
        if let Err(e) = opportunity(app, id).await {
            tracing::debug!("dashboard: opportunity {id} after its event: {e:#}");
        }
    }
}

async fn agreement(app: &Shared, id: &str) -> anyhow::Result<()> {
    let out = app
        .clients
        .agreement
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeAgreement", e))?;
    let row = Summary::from_describe(&out);
    fills::keep(
        app,
        Kind::AgreementValue,
        id,
        agreement_version(&row),
        Some(fills::estimated_value(&out)),
    );
    app.cache.update(|s| {
        let mut changed = vec![Row {
            table: "agreements",
            id: id.into(),
            body: Some(rows::summary_json(&row)),
        }];
        match s.agreements.iter_mut().find(|a| a.id == id) {
            Some(a) => *a = row.clone(),
            None => s.agreements.push(row.clone()),
        }
        if let Some(o) = s.offers.iter_mut().find(|o| o.row.id == row.offer_id) {
            if !o.agreements.iter().any(|a| a == id) {
                o.agreements.push(id.to_string());
                changed.push(Row {
                    table: "offers",
                    id: o.row.id.clone(),
                    body: Some(rows::offer_json(o)),
                });
            }
        }
        changed
    });
    Ok(())
}

async fn offer(app: &Shared, id: &str) -> anyhow::Result<()> {
    let o = crate::offer::read::describe(&app.clients.catalog, id).await?;
    app.cache.update(|s| {
        let end = o.availability_end().unwrap_or_default();
        let days_left = service_time::days_until(s.now, &end);
        let row = crate::offer::list::Row {
            id: id.to_string(),
            name: o.name().unwrap_or_default(),
            product_id: o.product_id().unwrap_or_default(),
            state: o.state(),
            buyers: o.buyers(),
            expired: days_left.is_some_and(|d| d < 0),
            availability_end: end,
        };
        let agreements = s
            .agreements
            .iter()
            .filter(|a| a.offer_id == id)
            .map(|a| a.id.clone())
            .collect();
        let fresh = OfferRow {
            row,
            agreements,
            days_left,
        };
        let body = Some(rows::offer_json(&fresh));
        match s.offers.iter_mut().find(|x| x.row.id == id) {
            Some(x) => *x = fresh,
            None => s.offers.push(fresh),
        }
        vec![Row {
            table: "offers",
            id: id.into(),
            body,
        }]
    });
    Ok(())
}

async fn opportunity(app: &Shared, id: &str) -> anyhow::Result<()> {
    let catalog = app.settings.catalog.as_str();
    let o = crate::cosell::opportunities::get(&app.clients.partner, catalog, id).await?;
    let row = OpportunityRow {
        opportunity_id: Some(o.opportunity_id.clone()),
        company: o.company.clone(),
        stage: o.stage.clone(),
        review_status: o.review_status.clone(),
        target_close_date: o.target_close_date.clone(),
        last_modified: o.last_modified.clone(),
    };
    fills::keep(
        app,
        Kind::OpportunityOffers,
        id,
        opportunity_version(&row),
        Some(fills::related_offers(&o)),
    );
    app.cache.update(|s| {
        let body = Some(rows::opportunity_json(&row));
        match s
            .opportunities
            .iter_mut()
            .find(|x| x.opportunity_id.as_deref() == Some(id))
        {
            Some(x) => *x = row,
            None => s.opportunities.push(row),
        }
        vec![Row {
            table: "opportunities",
            id: id.into(),
            body,
        }]
    });
    Ok(())
}

/// A change set ended: it leaves the in-flight list; returns the offers it touched.
async fn changeset(app: &Shared, id: &str) -> Vec<String> {
    app.cache.update(|s| {
        s.changesets.retain(|c| c.id != id);
        vec![Row {
            table: "changesets",
            id: id.into(),
            body: None,
        }]
    });
    let out = app
        .clients
        .catalog
        .describe_change_set()
        .catalog("AWSMarketplace")
        .change_set_id(id)
        .send()
        .await;
    let Ok(out) = out else { return Vec::new() };
    out.change_set()
        .iter()
        .filter_map(|c| c.entity())
        .filter(|e| e.r#type().starts_with("Offer@"))
        .filter_map(|e| e.identifier())
        .map(|i| i.split('@').next().unwrap_or(i).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_event_names_its_agreement_offer_opportunity_or_change_set() {
        let agreement = json!({"detail": {"agreement": {"id": "agmt-1"}, "offer": {"id": "offer-2"}},
                               "resources": ["arn:aws:aws-marketplace::aws:agreement:agmt-1"]});
        let n = named(&agreement);
        assert_eq!(n.agreements.iter().collect::<Vec<_>>(), ["agmt-1"]);
        assert_eq!(n.offers.iter().collect::<Vec<_>>(), ["offer-2"]);
        let cs = json!({"detail": {"ChangeSetId": "cs-1"}, "resources": ["arn:aws:catalog:us-east-1:1:ChangeSet/cs-1"]});
        assert_eq!(named(&cs).changesets.iter().collect::<Vec<_>>(), ["cs-1"]);
        let o = json!({"detail": {"opportunity": {"identifier": "O123"}}});
        assert_eq!(named(&o).opportunities.iter().collect::<Vec<_>>(), ["O123"]);
    }
}
