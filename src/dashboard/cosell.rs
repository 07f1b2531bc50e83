//! The co-sell page (`/cosell`): the leads AWS shared, the engagements this account is a member
//! of, and each opportunity's stage beside AWS's (GetAwsOpportunitySummary, read for the
//! opportunities AWS has — those past `Pending Submission`). Read live on every view, within
//! the same SDK clients as the other pages; nothing here writes.

use axum::extract::{Query, State};
use axum::response::Html;
use maud::{html, Markup};

use super::html::{error, page, table, Cell, ListQuery};
use super::Shared;
use crate::cosell::views::cell;
use crate::cosell::{aws_view, engagements, leads, opportunities};

pub async fn cosell(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    let body = match body(&app, &q).await {
        Ok(b) => b,
        Err(e) => error(&e),
    };
    Html(page("Co-sell", app.read_only, None, body))
}

async fn body(app: &Shared, q: &ListQuery) -> anyhow::Result<Markup> {
    let (client, catalog) = (&app.clients.partner, app.settings.catalog.as_str());
    let leads = leads::list(client, catalog, None).await?;
    let engagements = engagements::list(client, catalog, false).await?;
    let opps = opportunities::list(client, catalog, None, None).await?;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let lead_rows = leads
        .iter()
        .map(|l| {
            vec![
                Cell::text(l.invitation_id.clone()),
                Cell::text(o(&l.title)),
                Cell::text(o(&l.status)),
                Cell::text(o(&l.expires)),
            ]
        })
        .collect();
    let engagement_rows = engagements
        .iter()
        .map(|e| {
            let members = e.member_count.map(|n| n.to_string()).unwrap_or_default();
            vec![
                Cell::text(e.engagement_id.clone()),
                Cell::text(o(&e.title)),
                Cell::text(members),
                Cell::text(e.context_types.join(", ")),
            ]
        })
        .collect();
    let mut opportunity_rows = Vec::new();
    for r in &opps {
        let id = cell(&r.opportunity_id);
        let aws_stage = match r.review_status.as_deref() {
            Some("Pending Submission") | None => String::new(),
            Some(_) => aws_view::summary(client, catalog, &id)
                .await
                .ok()
                .and_then(|s| s.aws_stage)
                .unwrap_or_default(),
        };
        opportunity_rows.push(vec![
            Cell::link(id.clone(), format!("/opportunities/{id}")),
            Cell::text(o(&r.company)),
            Cell::text(o(&r.stage)),
            Cell::text(aws_stage),
            Cell::text(o(&r.review_status)),
        ]);
    }
    Ok(html! {
        h2 { "Leads" }
        (table("leads", &[("id", "Lead"), ("title", "Title"), ("status", "Status"), ("expires", "Expires")], lead_rows, q, false))
        h2 { "Engagements" }
        (table("engagements", &[("id", "Engagement"), ("title", "Title"), ("members", "Members"), ("contexts", "Contexts")], engagement_rows, q, false))
        h2 { "Opportunities: your stage and AWS's" }
        (table("cosell-opportunities", &[("id", "Opportunity"), ("customer", "Customer"), ("stage", "Stage"), ("aws", "AWS stage"), ("review", "Review status")], opportunity_rows, q, false))
    })
}
