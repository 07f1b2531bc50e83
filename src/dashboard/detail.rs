//! Detail pages: an offer (facts, terms, its agreements, and the actions on it), an agreement
//! (facts, estimated value, accepted terms, replacement offer, and after the signature the
//! sections of [`super::postsale`]) and an opportunity (facts and
//! related offers). Each reads the one entity fresh through the CLI's read code.

use axum::extract::{Path, State};
use axum::response::Html;
use maud::{html, Markup};

use super::actions::{expire_form, extend_form};
use super::html::{error, page};
use super::Shared;
use crate::agreement::{accepted, view::Summary};
use crate::aws::describe_error;
use crate::cosell::opportunities;
use crate::cosell::views::{cell, list_cell};
use crate::offer::{read, terms};

fn facts(rows: &[(&str, String)]) -> Markup {
    html! { table.facts id="facts" { @for (k, v) in rows { tr { th { (k) } td { (v) } } } } }
}

fn terms_table(rows: Vec<Vec<String>>) -> Markup {
    html! {
        h2 { "Terms" }
        table id="terms" { tr { th { "Term" } th { "Summary" } } @for r in rows { tr { @for c in r { td { (c) } } } } }
    }
}

pub async fn offer(State(app): State<Shared>, Path(id): Path<String>) -> Html<String> {
    let body = match read::describe(&app.clients.catalog, &id).await {
        Err(e) => error(&e),
        Ok(o) => {
            let buyers = o.buyers();
            let accepted_by: Vec<_> = match app.cache.get(&app, false).await {
                Ok(super::cache::Got::Ready(s)) => s
                    .agreements
                    .iter()
                    .filter(|a| a.offer_id == id)
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            html! {
                (facts(&[
                    ("Offer", o.id.clone()),
                    ("Name", o.name().unwrap_or_default()),
                    ("Product", o.product_id().unwrap_or_default()),
                    ("State", o.state()),
                    ("Buyers", if buyers.is_empty() { "public".into() } else { buyers.join(", ") }),
                    ("Available until", o.availability_end().unwrap_or_else(|| "-".into())),
                    ("Pricing model", o.pricing_model()),
                ]))
                @if !app.read_only {
                    div id="actions" {
                        a.button href=(format!("/offers/{id}/clone")) id="clone" { "Clone for new buyers" } " "
                        (extend_form(&app.csrf, &id))
                        (expire_form(&app.csrf, &id))
                    }
                }
                (terms_table(terms::rows(&o.terms())))
                h2 { "Agreements" }
                ul { @for a in &accepted_by { li { a href=(format!("/agreements/{}", a.id)) { (a.id) } " " (a.status) " (buyer " (a.acceptor) ", ends " (a.end) ")" } } }
            }
        }
    };
    Html(page(&format!("Offer {id}"), app.read_only, None, body))
}

async fn agreement_body(app: &Shared, id: &str) -> anyhow::Result<Markup> {
    let client = &app.clients.agreement;
    let out = client
        .describe_agreement()
        .agreement_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeAgreement", e))?;
    let s = Summary::from_describe(&out);
    let value = super::fills::estimated_value(&out);
    let mut pages = client
        .get_agreement_terms()
        .agreement_id(id)
        .into_paginator()
        .send();
    let mut rows = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("GetAgreementTerms", e))?;
        rows.extend(
            page.accepted_terms()
                .iter()
                .map(accepted::to_json)
                .map(|t| vec![terms::term_type(&t), terms::summary(&t)]),
        );
    }
    let variable = rows.iter().any(|r| r[0].contains("VariablePayment"));
    let postsale = super::postsale::sections(app, id, variable).await;
    Ok(html! {
        (facts(&[
            ("Agreement", s.id.clone()), ("Status", s.status.clone()), ("Offer", s.offer_id.clone()),
            ("Products", s.product_ids.join(", ")), ("Buyer", s.acceptor.clone()),
            ("Starts", s.start.clone()), ("Ends", s.end.clone()), ("Estimated value", value),
        ]))
        p { a href=(format!("/offers/{}", s.offer_id)) { "Offer " (s.offer_id) } }
        @if !app.read_only { p { a.button href=(format!("/agreements/{id}/replace")) id="replace" { "Create replacement offer" } } }
        (terms_table(rows))
        (postsale)
    })
}

pub async fn agreement(State(app): State<Shared>, Path(id): Path<String>) -> Html<String> {
    let body = agreement_body(&app, &id)
        .await
        .unwrap_or_else(|e| error(&e));
    Html(page(&format!("Agreement {id}"), app.read_only, None, body))
}

pub async fn opportunity(State(app): State<Shared>, Path(id): Path<String>) -> Html<String> {
    let found = opportunities::get(&app.clients.partner, app.settings.catalog.as_str(), &id).await;
    let body = match found {
        Err(e) => error(&e),
        Ok(o) => html! {
            (facts(&[
                ("Opportunity", o.opportunity_id.clone()), ("Title", cell(&o.title)), ("Customer", cell(&o.company)),
                ("Stage", cell(&o.stage)), ("Review status", cell(&o.review_status)),
                ("Target close", cell(&o.target_close_date)), ("Next steps", cell(&o.next_steps)),
                ("Solutions", list_cell(&o.related.solutions)),
            ]))
            h2 { "Associated offers" }
            ul id="related-offers" {
                @for arn in &o.related.marketplace_offers {
                    @let offer = arn.rsplit('/').next().unwrap_or_default().to_string();
                    li { a href=(format!("/offers/{offer}")) { (offer) } }
                }
            }
        },
    };
    Html(page(
        &format!("Opportunity {id}"),
        app.read_only,
        None,
        body,
    ))
}
