//! The emulator's own control path, `/__mpctl/…`: read and advance the emulated clock
//! (`mpctl emulator time`, `mpctl emulator advance`). It is not an AWS API, so it answers only
//! callers on the loopback interface: an emulator exposed with `--allow-remote` still lets
//! nobody else move its time.
//!
//! - `GET /__mpctl/time` → `{"now": "<RFC 3339>"}`
//! - `POST /__mpctl/advance` with `{"seconds": N}` → `{"now": "<RFC 3339>", "advancedSeconds": N}`
//! - `POST /__mpctl/seed/lead` with `{"company": NAME, "catalog"?: "AWS"|"Sandbox", "account"?:
//!   12 digits}` → `{"invitationId": "engi-…", "engagementId": "eng-…"}`: AWS sends the account
//!   (the emulator's seller by default; Sandbox by default) a lead (`mpctl emulator seed lead`)
//! - `POST /__mpctl/registration-token` with `{"account": "…", "product": "prod-…"}` →
//!   `{"token": "…"}`, a token ResolveCustomer accepts (`mpctl emulator seed registration-token`)

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::Shared;

/// The reserved path prefix; no AWS operation path starts with it.
pub const PREFIX: &str = "/__mpctl";

/// Routes of the control path.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(&format!("{PREFIX}/time"), get(time))
        .route(&format!("{PREFIX}/advance"), post(advance))
        .route(&format!("{PREFIX}/seed/lead"), post(seed_lead))
        .route(
            &format!("{PREFIX}/registration-token"),
            post(registration_token),
        )
}

fn reply(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn refuse_remote(peer: SocketAddr) -> Option<Response> {
    (!peer.ip().is_loopback()).then(|| {
        reply(
            StatusCode::FORBIDDEN,
            json!({"message": format!("{PREFIX} answers only loopback callers; {} is not one.", peer.ip())}),
        )
    })
}

fn now_body(shared: &Shared) -> Value {
    let now = shared.world.lock().expect("emulator world").now();
    json!({"now": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)})
}

async fn time(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    if let Some(refused) = refuse_remote(peer) {
        return refused;
    }
    reply(StatusCode::OK, now_body(&shared))
}

async fn advance(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_remote(peer) {
        return refused;
    }
    let seconds = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("seconds").and_then(Value::as_f64))
        .filter(|s| s.is_finite() && *s >= 0.0);
    let Some(seconds) = seconds else {
        let message = "the body must be {\"seconds\": N} with N a non-negative number";
        return reply(StatusCode::BAD_REQUEST, json!({ "message": message }));
    };
    shared.advance_clock(seconds);
    let mut body = now_body(&shared);
    body["advancedSeconds"] = json!(seconds);
    reply(StatusCode::OK, body)
}

async fn seed_lead(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_remote(peer) {
        return refused;
    }
    let body = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let company = body["company"].as_str().map(str::trim).unwrap_or_default();
    let catalog = body["catalog"].as_str().unwrap_or("Sandbox");
    let account = body["account"].as_str().unwrap_or(&shared.seller_account);
    let valid_account = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    if company.is_empty() || company.chars().count() > 120 || !valid_account {
        let message = "the body must be {\"company\": NAME} (1-120 characters), optionally \"catalog\" and a 12-digit \"account\"";
        return reply(StatusCode::BAD_REQUEST, json!({ "message": message }));
    }
    let input = json!({"account": account, "catalog": catalog, "company": company});
    match shared.admin("seed-lead", input) {
        Ok(seeded) => reply(StatusCode::OK, seeded),
        Err(message) => reply(StatusCode::BAD_REQUEST, json!({ "message": message })),
    }
}

async fn registration_token(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    if let Some(refused) = refuse_remote(peer) {
        return refused;
    }
    let body = serde_json::from_slice::<Value>(&body).unwrap_or_default();
    let field = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or_default();
    match shared.registration_token(field("account"), field("product")) {
        Ok(token) => reply(StatusCode::OK, json!({ "token": token })),
        Err(message) => reply(StatusCode::BAD_REQUEST, json!({ "message": message })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_callers_are_served() {
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let local6: SocketAddr = "[::1]:5000".parse().unwrap();
        let remote: SocketAddr = "192.0.2.7:5000".parse().unwrap();
        assert!(refuse_remote(local).is_none());
        assert!(refuse_remote(local6).is_none());
        let refused = refuse_remote(remote).expect("refused");
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}
