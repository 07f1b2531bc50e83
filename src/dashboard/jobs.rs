//! Requests the user confirmed: post-sale writes are sent once (their tokens make a resend
//! harmless); change sets each is started and awaited in the background by the CLI's
//! own change set runner (`offer::submit::run`, idempotent through the request's
//! ClientRequestToken), and its page shows progress until the outcome, with the change set's
//! errors on failure.
//! Requests waiting for confirmation are kept here too, so what starts is exactly what was shown.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, PreEscaped};
use serde_json::Value;

use super::html::page;
use super::pending::{Pending, Request};
use super::Shared;
use crate::offer::submit;
use crate::project::state::StateLock;

#[derive(Debug, Clone)]
pub enum Outcome {
    Running,
    Succeeded {
        changeset: String,
        created: Option<String>,
    },
    /// A post-sale write AWS accepted: the operation and the id it gave.
    Sent {
        operation: String,
        id: String,
    },
    Failed(String),
}

#[derive(Debug, Clone)]
struct Job {
    label: String,
    outcome: Outcome,
}

/// Pending requests and started jobs, by random id.
#[derive(Default)]
pub struct Jobs {
    pending: Mutex<HashMap<String, Pending>>,
    started: Mutex<HashMap<String, Job>>,
}

impl Jobs {
    pub fn hold(&self, p: Pending) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.pending.lock().expect("pending").insert(id.clone(), p);
        id
    }

    /// Starts a held request once; `None` when the id is unknown or already started.
    pub fn start(&self, app: &Shared, id: &str) -> Option<String> {
        let p = self.pending.lock().expect("pending").remove(id)?;
        self.started.lock().expect("jobs").insert(
            id.to_string(),
            Job {
                label: p.label.clone(),
                outcome: Outcome::Running,
            },
        );
        let (app, job) = (app.clone(), id.to_string());
        let runtime = tokio::runtime::Handle::current();
        // The runner's future is not `Send` (it borrows trait objects), so it runs on a blocking
        // thread of its own, driven by the same runtime as the server.
        tokio::task::spawn_blocking(move || {
            runtime.block_on(async {
                let outcome = match &p.request {
                    Request::ChangeSet(request) => match run(&app, &p.step, request).await {
                        Ok((changeset, created)) => Outcome::Succeeded { changeset, created },
                        Err(e) => Outcome::Failed(format!("{e:#}")),
                    },
                    Request::Write { operation, body } => {
                        match super::postsale::send(&app, operation, body).await {
                            Ok(id) => Outcome::Sent {
                                operation: operation.to_string(),
                                id,
                            },
                            Err(e) => Outcome::Failed(format!("{e:#}")),
                        }
                    }
                };
                super::cache::start(&app);
                if let Some(j) = app.jobs.started.lock().expect("jobs").get_mut(&job) {
                    j.outcome = outcome;
                }
            })
        });
        Some(id.to_string())
    }
}

/// Starts and waits like `offer clone|extend|expire|replace` do (the same runner, holding the
/// same state lock that keeps two mpctl writers apart); returns the change set id and the offer
/// it created, if any.
async fn run(
    app: &Shared,
    step: &str,
    request: &Value,
) -> anyhow::Result<(String, Option<String>)> {
    let _lock = StateLock::acquire(&app.settings.state_path)?;
    let catalog = &app.clients.catalog;
    let out = submit::run(&app.settings, &app.printer, catalog, step, request).await?;
    let created = out
        .created_id("CreateOffer")
        .or_else(|| out.created_id("CreateReplacementOffer"));
    Ok((out.id, created))
}

/// GET /jobs/{id}: refreshes itself every second until the change set is over.
pub async fn job_page(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(job) = app.jobs.started.lock().expect("jobs").get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "no such job\n").into_response();
    };
    let body = html! {
        @match &job.outcome {
            Outcome::Running => {
                (PreEscaped("<meta http-equiv=\"refresh\" content=\"1\">"))
                p id="progress" { "Running: the change set is started and being applied…" }
            }
            Outcome::Succeeded { changeset, created } => {
                p.ok id="outcome" { "Succeeded: change set " (changeset) }
                @if let Some(o) = created { p { "New offer: " a id="created" href=(format!("/offers/{o}")) { (o) } } }
            }
            Outcome::Sent { operation, id } => {
                p.ok id="outcome" { "Sent: " (operation) " → " span id="created" { (id) } }
            }
            Outcome::Failed(why) => {
                p.error id="outcome" { "Failed" }
                pre id="errors" { (why) }
            }
        }
        p { a href="/offers?refresh=1" { "Back to offers" } " · " a href="/agreements?refresh=1" { "Agreements" } }
    };
    Html(page(&job.label, app.read_only, None, body)).into_response()
}
