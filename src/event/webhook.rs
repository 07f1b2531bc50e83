//! POSTing an event to a webhook (a Slack incoming webhook, a ticketing system's endpoint):
//! the event's JSON as the body, or for Slack's `hooks.slack.com` a `{"text": …}` message with
//! the event's one-line summary, as Slack's incoming webhooks require. Sent with the same HTTP
//! stack (and TLS) as the SDK clients; a 2xx answer is success.

use aws_smithy_runtime_api::client::http::HttpConnector;
use aws_smithy_types::body::SdkBody;
use serde_json::{json, Value};

/// The body for `url`: Slack's message shape for Slack hooks, the event itself otherwise.
pub fn body_for(url: &str, event: &Value) -> String {
    if url.contains("hooks.slack.com") {
        return json!({ "text": format!("AWS Marketplace: {}", super::summary(event)) })
            .to_string();
    }
    event.to_string()
}

/// POSTs `body` to `url`; Ok only for a 2xx answer.
pub async fn post(url: &str, body: String) -> anyhow::Result<()> {
    use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
    let connector = aws_smithy_http_client::Connector::builder()
        .tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc))
        .build();
    let request = http::Request::builder()
        .method("POST")
        .uri(url)
        .header("content-type", "application/json")
        .header("user-agent", concat!("mpctl/", env!("CARGO_PKG_VERSION")))
        .body(SdkBody::from(body))?;
    let request = aws_smithy_runtime_api::http::Request::try_from(request)?;
    let call = connector.call(request);
    let response = tokio::time::timeout(std::time::Duration::from_secs(30), call)
        .await
        .map_err(|_| anyhow::anyhow!("POST {url}: no answer within 30 s"))?
        .map_err(|e| anyhow::anyhow!("POST {url}: {e}"))?;
    let status = response.status().as_u16();
    match status {
        200..=299 => Ok(()),
        _ => anyhow::bail!("POST {url} answered HTTP {status}"),
    }
}
