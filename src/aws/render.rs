//! `--plan` renders a write through the code that sends it: the request is built by the same
//! function a run uses (the SDK's fluent builder, filled from the payload or from what was
//! read), then "sent" through an HTTP client that keeps the body and sends nothing. The plan
//! shows those bytes, decoded: exactly what the SDK would put on the wire, not a second
//! rendering that could drift from it.

use std::sync::{Arc, Mutex};

use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use serde_json::Value;

/// The body of the last request handed to the capturing client.
#[derive(Debug, Clone, Default)]
pub struct Captured(Arc<Mutex<Option<Vec<u8>>>>);

impl Captured {
    fn take(&self) -> Option<Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Why a rendered request was not sent (a user error: the SDK does not retry it).
#[derive(Debug)]
struct Rendered;

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("rendered for --plan, not sent")
    }
}

impl std::error::Error for Rendered {}

#[derive(Debug, Clone)]
struct Capture(Captured);

impl HttpClient for Capture {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for Capture {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let body = request.body().bytes().map(<[u8]>::to_vec);
        *self.0 .0.lock().unwrap_or_else(|e| e.into_inner()) = body;
        HttpConnectorFuture::ready(Err(ConnectorError::user(Box::new(Rendered))))
    }
}

/// Clients whose requests are captured, never sent.
pub struct Renderer {
    pub partner: aws_sdk_partnercentralselling::Client,
    pub catalog: aws_sdk_marketplacecatalog::Client,
    pub metering: aws_sdk_marketplacemetering::Client,
    captured: Captured,
}

impl Renderer {
    pub fn new() -> Renderer {
        let captured = Captured::default();
        let config = aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url("http://rendered.invalid")
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(
                    Credentials::from_keys("AKIDRENDER", "render", None),
                ),
            )
            .http_client(SharedHttpClient::new(Capture(captured.clone())))
            .build();
        Renderer {
            partner: aws_sdk_partnercentralselling::Client::new(&config),
            catalog: aws_sdk_marketplacecatalog::Client::new(&config),
            metering: aws_sdk_marketplacemetering::Client::new(&config),
            captured,
        }
    }

    /// Awaits `send` (a request built on one of these clients; it fails, unsent) and returns
    /// the JSON body the SDK produced.
    pub async fn body<T, E>(
        &self,
        send: impl std::future::Future<Output = Result<T, E>>,
    ) -> anyhow::Result<Value> {
        let _ = send.await;
        let bytes = self
            .captured
            .take()
            .ok_or_else(|| anyhow::anyhow!("the request was refused before it was built"))?;
        Ok(serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}
