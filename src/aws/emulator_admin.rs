//! Requests to an mpctl emulator's own control path (`/__mpctl/…`: its clock, its seed
//! commands). They are not AWS calls, so they go over plain HTTP rather than an SDK client; the
//! `emulator` commands use them, and so does [`connect`](super::connect) to learn the emulated
//! date that templates' relative dates count from.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use crate::exit::bad_input;

/// One admin request to the emulator at `base`; the reply's JSON body, or an error saying what
/// to do.
pub async fn request(base: &str, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
    let url = format!("{base}{}{path}", mpctl_emulator::ADMIN_PREFIX);
    let builder = http::Request::builder()
        .method(if body.is_some() { "POST" } else { "GET" })
        .uri(&url)
        .header("content-type", "application/json");
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let request = builder
        .body(Full::new(Bytes::from(payload)))
        .map_err(|e| bad_input(format!("--endpoint-url {base}: {e}")))?;
    let client = Client::builder(TokioExecutor::new()).build_http();
    let reply = tokio::time::timeout(std::time::Duration::from_secs(5), client.request(request))
        .await
        .map_err(|_| anyhow::anyhow!("{base} did not answer within 5 s"))?
        .map_err(|e| {
            anyhow::anyhow!("nothing answers at {base} ({e})\n  hint: start it with `mpctl emulator serve`, or pass --endpoint-url")
        })?;
    let status = reply.status();
    let bytes = reply.into_body().collect().await?.to_bytes();
    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !status.is_success() {
        let message = value["message"].as_str().unwrap_or("no message");
        anyhow::bail!("the emulator at {base} refused: {status}: {message}");
    }
    Ok(value)
}

/// The emulated time of the mpctl emulator at `base`, or `None` when the endpoint is something
/// else (LocalStack, a proxy) or does not say within a second.
pub async fn now(base: &str) -> Option<DateTime<Utc>> {
    let reply = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        request(base.trim_end_matches('/'), "/time", None),
    )
    .await
    .ok()?
    .ok()?;
    DateTime::parse_from_rfc3339(reply["now"].as_str()?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
