//! `mpctl dashboard`: a local web application over the seller's offers, agreements, renewals
//! and co-sell pipeline, reading and writing through the same SDK clients and offer code as the
//! CLI. It owns the HTTP server and its safety rules: a random access token (from the printed
//! URL, then a cookie) on every request, a CSRF token on every POST, and no write route at all in
//! read-only mode. Pages are rendered on the server (maud escapes every value), one page of
//! rows at a time; nothing is fetched from the internet. What it read is kept in a cache on disk
//! per target ([`store`]), so a restart shows the first page at once and re-reads only what
//! changed ([`cache`], [`fills`]); with an events queue, events refresh the rows they name
//! ([`events`]).

mod actions;
mod cache;
mod charts;
mod cosell;
mod data;
mod detail;
mod events;
mod fills;
mod html;
mod jobs;
mod pages;
mod pending;
mod postsale;
mod progress;
mod rows;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::aws::Clients;
use crate::output::Printer;
use crate::settings::Settings;

const COOKIE: &str = "mpctl_dashboard";

/// What the server needs besides its clients (paced within AWS's quotas by the command): the
/// switches from the flags, where its cache lives, and the DescribeAgreement rate the clients
/// are paced at (for the time a fill has left).
pub struct Options {
    pub bind: SocketAddr,
    pub read_only: bool,
    /// The cache file; `None` keeps everything in memory.
    pub cache: Option<std::path::PathBuf>,
    pub describe_rate: f64,
}

/// Shared by every request.
pub struct App {
    pub clients: Clients,
    pub settings: Settings,
    pub printer: Arc<Printer>,
    pub read_only: bool,
    /// Required on every request (query `token=` or the cookie set from it).
    token: String,
    /// Required in every POST form.
    pub csrf: String,
    pub cache: cache::Cache,
    /// Per-row values filled in the background (estimated value, associated offers).
    pub fills: fills::Fills,
    pub jobs: jobs::Jobs,
}

pub type Shared = Arc<App>;

/// A running dashboard.
pub struct Server {
    /// The URL to open, with the access token.
    pub url: String,
    pub task: tokio::task::JoinHandle<()>,
}

fn random_token() -> String {
    // Two v4 UUIDs: 244 random bits from the OS generator.
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Binds and serves until the task is aborted.
pub async fn serve(
    options: Options,
    clients: Clients,
    settings: Settings,
    printer: Arc<Printer>,
) -> anyhow::Result<Server> {
    let store = options
        .cache
        .as_deref()
        .map(store::Store::open)
        .transpose()?;
    let fills = fills::Fills::new(store.as_ref(), options.describe_rate)?;
    let app = Arc::new(App {
        clients,
        settings,
        printer,
        read_only: options.read_only,
        token: random_token(),
        csrf: random_token(),
        cache: cache::Cache::new(store)?,
        fills,
        jobs: jobs::Jobs::default(),
    });
    let listener = tokio::net::TcpListener::bind(options.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", options.bind))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/?token={}", app.token);
    let router = routes(app.clone());
    cache::on_start(&app);
    events::listen(&app);
    progress::report_on_terminal(&app);
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Ok(Server { url, task })
}

fn routes(app: Shared) -> Router {
    let mut router = Router::new()
        .route("/", get(pages::overview))
        .route("/offers", get(pages::offers))
        .route("/agreements", get(pages::agreements))
        .route("/opportunities", get(pages::opportunities))
        .route("/cosell", get(cosell::cosell))
        .route("/changesets", get(pages::changesets))
        .route("/fills.json", get(pages::fills_json))
        .route("/renewals", get(pages::renewals))
        .route("/offers/{id}", get(detail::offer))
        .route("/agreements/{id}", get(detail::agreement))
        .route("/opportunities/{id}", get(detail::opportunity));
    if !app.read_only {
        router = router
            .route("/offers/{id}/clone", get(actions::clone_form))
            .route("/agreements/{id}/replace", get(actions::replace_form))
            .route("/actions/preview", post(actions::preview))
            .route("/actions/start", post(actions::start))
            .route("/jobs/{id}", get(jobs::job_page));
    }
    router
        .layer(middleware::from_fn_with_state(app.clone(), require_token))
        .with_state(app)
}

/// 403 unless the request carries the access token; a token in the query also sets the cookie,
/// so links inside the pages need not repeat it.
async fn require_token(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let from_query = request
        .uri()
        .query()
        .and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("token="))
                .map(str::to_string)
        })
        .filter(|t| *t == app.token);
    let from_cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        })
        .any(|t| t == app.token);
    if from_query.is_none() && !from_cookie {
        return (
            StatusCode::FORBIDDEN,
            "403 Forbidden: open the URL with ?token=… that `mpctl dashboard` printed\n",
        )
            .into_response();
    }
    let mut response = next.run(request).await;
    if from_query.is_some() {
        let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token);
        if let Ok(v) = cookie.parse() {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    response
}
