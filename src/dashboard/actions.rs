//! The write actions: clone an offer for new buyers, extend or expire an offer, and a
//! replacement offer for an agreement. Each form posts to `preview`, which builds the change set
//! with the CLI's own builders (`offer::changes`), validates it with the CLI's validator and
//! shows it; only the confirmation form (`start`, with the CSRF token and the id of the request
//! shown) starts it. Forms without the right CSRF token change nothing.

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Days, Utc};
use maud::{html, Markup};
use mpctl_changeset::{self as changeset, Severity, ValidateOptions};
use serde_json::Value;

use super::html::{error, page};
use super::pending::{ActionForm, Pending, Request};
use super::Shared;
use crate::offer::{changes, read};

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        "403 Forbidden: missing or wrong CSRF token; nothing was changed\n",
    )
        .into_response()
}

fn in_days(n: u64) -> String {
    (Utc::now().date_naive() + Days::new(n)).to_string()
}

/// A one-offer action form posting to the preview (never straight to the change).
fn offer_form(csrf: &str, offer: &str, kind: &str, fields: Markup) -> Markup {
    html! {
        form.inline method="post" action="/actions/preview" {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="kind" value=(kind);
            input type="hidden" name="offer" value=(offer);
            (fields)
        }
    }
}

/// The extend form (a date, then the preview) for one offer.
pub fn extend_form(csrf: &str, offer: &str) -> Markup {
    let fields = html! {
        input type="date" name="until" value=(in_days(30));
        " " button type="submit" class="extend" { "Extend" }
    };
    offer_form(csrf, offer, "extend", fields)
}

/// The expire button for one offer (it leads to the confirmation page, not to the change).
pub fn expire_form(csrf: &str, offer: &str) -> Markup {
    let fields = html! { button type="submit" id="expire" { "Expire…" } };
    offer_form(csrf, offer, "expire", fields)
}

/// GET /offers/{id}/clone: buyers, name and end date for the copy.
pub async fn clone_form(State(app): State<Shared>, Path(id): Path<String>) -> Html<String> {
    let body = match read::describe(&app.clients.catalog, &id).await {
        Err(e) => error(&e),
        Ok(source) => {
            let until = source
                .availability_end()
                .filter(|d| super::data::days_until(d).is_some_and(|n| n > 0))
                .map(|d| d.chars().take(10).collect())
                .unwrap_or_else(|| in_days(30));
            let name = format!("{} (copy)", source.name().unwrap_or_else(|| id.clone()));
            html! {
                form method="post" action="/actions/preview" id="clone-form" {
                    input type="hidden" name="csrf" value=(app.csrf);
                    input type="hidden" name="kind" value="clone";
                    input type="hidden" name="offer" value=(id);
                    p { label { "Buyer accounts (12 digits, comma or space separated) " input type="text" name="buyers" id="buyers" size="40"; } }
                    p { label { "Name " input type="text" name="name" value=(name) size="40"; } }
                    p { label { "Available until " input type="date" name="until" value=(until); } }
                    button type="submit" id="preview" { "Preview change set" }
                }
            }
        }
    };
    Html(page(&format!("Clone offer {id}"), false, None, body))
}

/// GET /agreements/{id}/replace: name and end date of the replacement offer.
pub async fn replace_form(State(app): State<Shared>, Path(id): Path<String>) -> Html<String> {
    let body = html! {
        form method="post" action="/actions/preview" id="replace-form" {
            input type="hidden" name="csrf" value=(app.csrf);
            input type="hidden" name="kind" value="replace";
            input type="hidden" name="agreement" value=(id);
            p { label { "Name " input type="text" name="name" value=(format!("Replacement for {id}")) size="40"; } }
            p { label { "Available until " input type="date" name="until" value=(in_days(30)); } }
            button type="submit" id="preview" { "Preview change set" }
        }
    };
    Html(page(
        &format!("Replacement offer for {id}"),
        false,
        None,
        body,
    ))
}

fn field<'a>(v: &'a Option<String>, name: &str) -> anyhow::Result<&'a str> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::exit::bad_input(format!("{name} is required")))
}

fn date(v: &Option<String>, name: &str) -> anyhow::Result<String> {
    let s = field(v, name)?;
    changeset::parse_date(s)
        .map(|d| d.to_string())
        .map_err(|why| {
            crate::exit::bad_input(format!(
                "{name} {s:?} is not a date: {why} (write YYYY-MM-DD)"
            ))
        })
}

fn accounts(v: &Option<String>) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for a in field(v, "buyer accounts")?.split(|c: char| c == ',' || c.is_whitespace()) {
        if a.is_empty() || out.iter().any(|x| x == a) {
            continue;
        }
        if a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()) {
            return Err(crate::exit::bad_input(format!(
                "buyer account {a:?} is not a 12-digit AWS account id"
            )));
        }
        out.push(a.to_string());
    }
    Ok(out)
}

/// The change set a form asks for, as the matching `offer …` command would build it.
async fn build(app: &Shared, f: &ActionForm) -> anyhow::Result<Pending> {
    if let Some(built) = super::postsale::build(app, f).await {
        return built;
    }
    let catalog = &app.clients.catalog;
    match f.kind.as_str() {
        "clone" => {
            let id = field(&f.offer, "offer")?;
            let buyers = accounts(&f.buyers)?;
            let until = date(&f.until, "available until")?;
            let source = read::describe(catalog, id).await?;
            let name = field(&f.name, "name")?;
            Ok(Pending {
                label: format!("Clone of {id}"),
                step: "offer clone".into(),
                request: Request::ChangeSet(changes::clone_request(
                    &source,
                    &buyers,
                    (name, None),
                    &until,
                )?),
            })
        }
        "extend" | "expire" => {
            let id = field(&f.offer, "offer")?;
            let until = match f.kind.as_str() {
                "extend" => date(&f.until, "available until")?,
                _ => (Utc::now().date_naive() - Days::new(1)).to_string(),
            };
            if f.kind == "extend" && super::data::days_until(&until).is_none_or(|d| d <= 0) {
                return Err(crate::exit::bad_input(format!(
                    "available until {until} is not in the future; use Expire to end the offer now"
                )));
            }
            read::describe(catalog, id).await?;
            Ok(Pending {
                label: format!(
                    "{} offer {id}",
                    if f.kind == "extend" {
                        "Extend"
                    } else {
                        "Expire"
                    }
                ),
                step: format!("offer {}", f.kind),
                request: Request::ChangeSet(changes::availability_request(id, &until, &f.kind)),
            })
        }
        "replace" => {
            let id = field(&f.agreement, "agreement")?;
            let until = date(&f.until, "available until")?;
            let agreement = app
                .clients
                .agreement
                .describe_agreement()
                .agreement_id(id)
                .send()
                .await
                .map_err(|e| crate::aws::describe_error("DescribeAgreement", e))?;
            let offer = agreement
                .proposal_summary()
                .and_then(|p| p.offer_id())
                .ok_or_else(|| anyhow::anyhow!("agreement {id} has no offer"))?;
            let source = read::describe(catalog, offer).await?;
            Ok(Pending {
                label: format!("Replacement offer for {id}"),
                step: "offer replace".into(),
                request: Request::ChangeSet(changes::replacement_request(
                    id,
                    field(&f.name, "name")?,
                    &until,
                    &source.terms(),
                    &source.pricing_model(),
                )?),
            })
        }
        other => Err(crate::exit::bad_input(format!("unknown action {other:?}"))),
    }
}

/// `(errors, warnings)` from the change set validator; expiring sets a past date on purpose.
fn check(request: &Value, expire: bool) -> (Vec<String>, Vec<String>) {
    let mut found = changeset::validate(request, &ValidateOptions::sending());
    found.retain(|d| !(expire && d.code == "PAST_DATE"));
    let (errors, warnings): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    (
        errors.iter().map(ToString::to_string).collect(),
        warnings.iter().map(ToString::to_string).collect(),
    )
}

/// POST /actions/preview: the exact change set, its validation, and the confirmation button.
pub async fn preview(State(app): State<Shared>, Form(f): Form<ActionForm>) -> Response {
    if f.csrf != app.csrf {
        return forbidden();
    }
    let pending = match build(&app, &f).await {
        Ok(p) => p,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                Html(page("Cannot build the request", false, None, error(&e))),
            )
                .into_response()
        }
    };
    let (errors, warnings) = match &pending.request {
        Request::ChangeSet(request) => check(request, f.kind == "expire"),
        Request::Write { .. } => (Vec::new(), Vec::new()),
    };
    let (what, button) = match &pending.request {
        Request::ChangeSet(_) => (
            "the change set that will be started".to_string(),
            "Start this change set".to_string(),
        ),
        Request::Write { operation, .. } => (
            format!("the {operation} request that will be sent"),
            format!("Send {operation}"),
        ),
    };
    let json = serde_json::to_string_pretty(pending.request.shown()).unwrap_or_default();
    let label = pending.label.clone();
    let held = errors.is_empty().then(|| app.jobs.hold(pending));
    let body = html! {
        p { "This is " (what) ":" }
        pre id="changeset" { (json) }
        @for w in &warnings { p.meta { "warning: " (w) } }
        @for e in &errors { p.error { "error: " (e) } }
        @if let Some(id) = held {
            form method="post" action="/actions/start" {
                input type="hidden" name="csrf" value=(app.csrf);
                input type="hidden" name="pending" value=(id);
                button type="submit" id="confirm" { (button) }
                " " a href="/" id="cancel" { "Cancel" }
            }
        }
    };
    Html(page(&format!("Confirm: {label}"), false, None, body)).into_response()
}

/// POST /actions/start: starts the held request shown on the confirmation page.
pub async fn start(State(app): State<Shared>, Form(f): Form<ActionForm>) -> Response {
    if f.csrf != app.csrf {
        return forbidden();
    }
    let id = f.pending.unwrap_or_default();
    match app.jobs.start(&app, &id) {
        Some(job) => Redirect::to(&format!("/jobs/{job}")).into_response(),
        None => (
            StatusCode::CONFLICT,
            "this change set was already started or is unknown; nothing was changed\n",
        )
            .into_response(),
    }
}
