//! The list pages: overview (counts, charts, products), offers, agreements, opportunities,
//! change sets in flight, and renewals. All read one cached [`Snapshot`]; `?refresh=1` reads
//! again.

use axum::extract::{Query, State};
use axum::response::Html;
use maud::{html, Markup, PreEscaped};

use super::cache::Got;
use super::charts;
use super::data::Snapshot;
use super::fills::{agreement_version, opportunity_version, Fills, Kind};
use super::html::{page, pager, table, Cell, ListQuery};
use super::{actions, Shared};
use crate::agreement::view::Summary;
use crate::cosell::views::cell;

/// Renders `body` over the snapshot (with the background reads' progress), the progress of a
/// first listing still running (the page reloads itself), or the read error.
async fn with_snapshot(
    app: &Shared,
    q: &ListQuery,
    title: &str,
    body: impl FnOnce(&Snapshot) -> Markup,
) -> Html<String> {
    let progress = app.cache.progress.markup(app.fills.rate());
    match app.cache.get(app, q.refresh.is_some()).await {
        Ok(Got::Ready(s)) => {
            let shown = html! { (progress) (body(&s)) };
            Html(page(title, app.read_only, Some(&s), shown))
        }
        Ok(Got::Loading) => {
            let shown = html! {
                (PreEscaped("<meta http-equiv=\"refresh\" content=\"2;url=?\">"))
                p id="loading" { "First read of this account: listing everything within AWS's quotas; this page reloads itself." }
                (progress)
            };
            Html(page(title, app.read_only, None, shown))
        }
        Err(e) => Html(page(title, app.read_only, None, super::html::error(&e))),
    }
}

fn count_card(label: &str, id: &str, n: usize) -> Markup {
    html! { div.card id=(id) { b { (n) } (label) } }
}

/// A count that may not be readable (`n/a`).
fn waiting_card(label: &str, id: &str, n: Option<usize>) -> Markup {
    let shown = n.map_or_else(|| "n/a".to_string(), |n| n.to_string());
    html! { div.card id=(id) { b { (shown) } (label) } }
}

fn ending_within(s: &Snapshot, days: i64) -> Vec<&Summary> {
    s.agreements
        .iter()
        .filter(|a| {
            a.status == "ACTIVE"
                && s.days_until(&a.end)
                    .is_some_and(|d| (0..=days).contains(&d))
        })
        .collect()
}

pub async fn overview(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    with_snapshot(&app, &q, "Overview", |s| {
        let offers_in = |st: &str| s.offers.iter().filter(|o| o.status() == st).count();
        let active = s.agreements.iter().filter(|a| a.status == "ACTIVE").count();
        let review = |r: &str| s.opportunities.iter().filter(|o| o.review_status.as_deref() == Some(r)).count();
        let mut products: Vec<&str> = s.offers.iter().map(|o| o.row.product_id.as_str()).collect();
        products.sort_unstable();
        products.dedup();
        html! {
            h2 { "Offers" }
            div.cards {
                (count_card("open", "offers-open", offers_in("open")))
                (count_card("accepted", "offers-accepted", offers_in("accepted")))
                (count_card("expired unaccepted", "offers-expired", offers_in("expired unaccepted")))
            }
            h2 { "Agreements" }
            div.cards {
                (count_card("active", "agreements-active", active))
                @for d in [30, 60, 90] { (count_card(&format!("ending in {d} days"), &format!("ending-{d}"), ending_within(s, d).len())) }
            }
            h2 { "After the signature" }
            div.cards {
                (waiting_card("cancellation requests awaiting the buyer", "pending-cancellations", s.waiting.cancellations))
                (waiting_card("refunds pending", "pending-refunds", s.waiting.refunds))
                (waiting_card("payment requests awaiting the buyer", "pending-payments", s.waiting.payments))
            }
            h2 { "Opportunities" }
            div.cards {
                @for (stage, n) in charts::stage_counts(&s.opportunities) { @if n > 0 { (count_card(&stage, "stage", n)) } }
                @for r in ["Pending Submission", "Submitted", "In review", "Approved", "Rejected", "Action Required"] {
                    @if review(r) > 0 { (count_card(&format!("review: {r}"), "review", review(r))) }
                }
            }
            div.charts {
                (charts::bars("chart-ending", "Agreements ending by month", &charts::ending_by_month(&s.agreements)))
                (charts::funnel("chart-funnel", &charts::stage_counts(&s.opportunities)))
            }
            h2 { "Products" }
            table id="products" {
                tr { th { "Product" } th { "Offers" } th { "Agreements" } }
                @for p in &products {
                    tr {
                        td { (p) }
                        td { (s.offers.iter().filter(|o| o.row.product_id == *p).count()) }
                        td { (s.agreements.iter().filter(|a| a.product_ids.iter().any(|x| x == p)).count()) }
                    }
                }
            }
            h2 { "Latest" }
            ul id="latest" {
                @for o in s.offers.iter().rev().take(3) { li { "Offer " a href=(format!("/offers/{}", o.row.id)) { (o.row.id) } " " (o.row.name) } }
                @for a in s.agreements.iter().rev().take(3) { li { "Agreement " a href=(format!("/agreements/{}", a.id)) { (a.id) } " (buyer " (a.acceptor) ")" } }
                @for o in s.opportunities.iter().rev().take(3) { li { "Opportunity " a href=(format!("/opportunities/{}", cell(&o.opportunity_id))) { (cell(&o.opportunity_id)) } " " (cell(&o.company)) } }
            }
        }
    })
    .await
}

pub async fn offers(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    with_snapshot(&app, &q, "Offers", |s| {
        let rows = s
            .offers
            .iter()
            .map(|o| {
                vec![
                    Cell::link(&o.row.id, format!("/offers/{}", o.row.id)),
                    Cell::text(&o.row.name),
                    Cell::text(&o.row.product_id),
                    Cell::text(if o.row.buyers.is_empty() {
                        "(public)".into()
                    } else {
                        o.row.buyers.join(", ")
                    }),
                    Cell::text(o.status()),
                    Cell::text(&o.row.availability_end),
                    Cell::number(o.days_left),
                    match o.agreements.as_slice() {
                        [] => Cell::text("-"),
                        [a] => Cell::link(a, format!("/agreements/{a}")),
                        many => Cell::link(
                            format!("{} agreements", many.len()),
                            format!("/offers/{}", o.row.id),
                        ),
                    },
                ]
            })
            .collect();
        let cols = [
            ("id", "Offer"),
            ("name", "Name"),
            ("product", "Product"),
            ("buyers", "Buyers"),
            ("state", "State"),
            ("end", "Available until"),
            ("days", "Days left"),
            ("agreement", "Agreement"),
        ];
        table("offers", &cols, rows, &q, false)
    })
    .await
}

fn agreement_rows(s: &Snapshot, fills: &Fills, list: &[&Summary]) -> Vec<Vec<Cell>> {
    list.iter()
        .map(|a| {
            let value = fills.get(Kind::AgreementValue, &a.id, &agreement_version(a));
            vec![
                Cell::link(&a.id, format!("/agreements/{}", a.id)),
                Cell::text(&a.acceptor),
                Cell::link(&a.offer_id, format!("/offers/{}", a.offer_id)),
                Cell::text(&a.start),
                Cell::text(&a.end),
                Cell::number(s.days_until(&a.end)),
                Cell::filled(value, format!("agreements:{}", a.id)),
                Cell::text(&a.status),
            ]
        })
        .collect()
}

const AGREEMENT_COLUMNS: &[(&str, &str)] = &[
    ("id", "Agreement"),
    ("buyer", "Buyer"),
    ("offer", "Offer"),
    ("start", "Start"),
    ("end", "End"),
    ("days", "Days left"),
    ("value", "Estimated value"),
    ("status", "Status"),
];

pub async fn agreements(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    with_snapshot(&app, &q, "Agreements", |s| {
        let all: Vec<&Summary> = s.agreements.iter().collect();
        let rows = agreement_rows(s, &app.fills, &all);
        html! {
            (fill_note(&app))
            (table("agreements", AGREEMENT_COLUMNS, rows, &q, app.fills.pending() > 0))
        }
    })
    .await
}

pub async fn opportunities(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    with_snapshot(&app, &q, "Opportunities", |s| {
        let rows = s
            .opportunities
            .iter()
            .map(|o| {
                let id = cell(&o.opportunity_id);
                let offers = app
                    .fills
                    .get(Kind::OpportunityOffers, &id, &opportunity_version(o));
                vec![
                    Cell::link(
                        cell(&o.opportunity_id),
                        format!("/opportunities/{}", cell(&o.opportunity_id)),
                    ),
                    Cell::text(cell(&o.company)),
                    Cell::text(cell(&o.stage)),
                    Cell::text(cell(&o.review_status)),
                    Cell::text(cell(&o.target_close_date)),
                    Cell::filled(offers, format!("opportunities:{id}")),
                ]
            })
            .collect();
        let cols = [
            ("id", "Opportunity"),
            ("customer", "Customer"),
            ("stage", "Stage"),
            ("review", "Review status"),
            ("close", "Target close"),
            ("offer", "Associated offer"),
        ];
        html! {
            (fill_note(&app))
            (table("opportunities", &cols, rows, &q, app.fills.pending() > 0))
        }
    })
    .await
}

/// Says that some values are still being read, and why they come one by one.
fn fill_note(app: &Shared) -> Markup {
    let n = app.fills.pending();
    html! {
        @if n > 0 {
            p.meta id="filling" { "Reading " (n) " more values in the background (one call per row, within AWS's quotas); they appear as they arrive." }
        }
    }
}

/// `keys=agreements:ID,opportunities:ID,…`: the cells a page waits for.
#[derive(Debug, Default, serde::Deserialize)]
pub struct FillKeys {
    #[serde(default)]
    keys: String,
}

/// GET /fills.json: the background-read values of one page's cells, for the pages' script.
pub async fn fills_json(
    State(app): State<Shared>,
    Query(k): Query<FillKeys>,
) -> impl axum::response::IntoResponse {
    let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
    let keys = k.keys.split(',').filter(|k| !k.is_empty());
    (json, app.fills.json(keys).to_string())
}

pub async fn changesets(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    with_snapshot(&app, &q, "Change sets in flight", |s| {
        let rows = s
            .changesets
            .iter()
            .map(|c| {
                vec![
                    Cell::text(&c.id),
                    Cell::text(&c.name),
                    Cell::text(&c.status),
                    Cell::text(&c.started),
                    Cell::text(c.entities.join(", ")),
                ]
            })
            .collect();
        let cols = [
            ("id", "Change set"),
            ("name", "Name"),
            ("status", "Status"),
            ("started", "Started"),
            ("entities", "Entities"),
        ];
        table("changesets", &cols, rows, &q, false)
    })
    .await
}

pub async fn renewals(State(app): State<Shared>, Query(q): Query<ListQuery>) -> Html<String> {
    let days = q.days.unwrap_or(30).clamp(0, 3650);
    let (read_only, csrf) = (app.read_only, app.csrf.clone());
    with_snapshot(&app, &q, "Renewals", |s| {
        let mut ending = ending_within(s, days);
        ending.sort_by(|a, b| (&a.end, &a.id).cmp(&(&b.end, &b.id)));
        let mut expiring: Vec<_> = s.offers.iter().filter(|o| o.status() == "open" && o.days_left.is_some_and(|d| d <= days)).collect();
        expiring.sort_by(|a, b| (&a.row.availability_end, &a.row.id).cmp(&(&b.row.availability_end, &b.row.id)));
        // One page of each table (the same `page=`; a shorter table stays on its last page).
        let (total_ending, total_expiring) = (ending.len(), expiring.len());
        let cut = |n: usize| { let (first, per, _) = q.window(n); (first, per) };
        let (first, per) = cut(total_ending);
        let ending: Vec<_> = ending.into_iter().skip(first).take(per).collect();
        let (first, per) = cut(total_expiring);
        let expiring: Vec<_> = expiring.into_iter().skip(first).take(per).collect();
        html! {
            form method="get" { "Within " input type="number" name="days" value=(days) min="0"; " days " button type="submit" { "Show" } }
            h2 { "Agreements ending within " (days) " days" }
            (pager("renewal-agreements", &q, total_ending))
            table id="renewal-agreements" {
                tr { th { "Agreement" } th { "Buyer" } th { "Offer" } th { "End" } th { "Days left" } @if !read_only { th { "Action" } } }
                @for a in &ending {
                    tr {
                        td { a href=(format!("/agreements/{}", a.id)) { (a.id) } } td { (a.acceptor) } td { (a.offer_id) } td { (a.end) }
                        td { (s.days_until(&a.end).unwrap_or_default()) }
                        @if !read_only { td { a.button href=(format!("/agreements/{}/replace", a.id)) { "Create replacement offer" } } }
                    }
                }
            }
            h2 { "Offers expiring unaccepted within " (days) " days" }
            (pager("expiring-offers", &q, total_expiring))
            table id="expiring-offers" {
                tr { th { "Offer" } th { "Name" } th { "Buyers" } th { "Available until" } th { "Days left" } @if !read_only { th { "Action" } } }
                @for o in &expiring {
                    tr {
                        td { a href=(format!("/offers/{}", o.row.id)) { (o.row.id) } } td { (o.row.name) } td { (o.row.buyers.join(", ")) }
                        td { (o.row.availability_end) } td { (o.days_left.unwrap_or_default()) }
                        @if !read_only { td { (actions::extend_form(&csrf, &o.row.id)) } }
                    }
                }
            }
        }
    })
    .await
}
