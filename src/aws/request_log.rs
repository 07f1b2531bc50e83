//! An SDK interceptor that makes every HTTP attempt visible: `-vv` logs one line per request
//! (service, operation, HTTP status or transport error, latency) and `-v` logs every retry.
//! It sits in the SDK's own pipeline, so it sees the same requests whether they go to AWS or
//! to the emulator, including the retries the SDK makes on its own. It logs no header and no
//! body, so nothing it prints can hold a credential.

use std::time::Instant;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

/// The tracing target of these lines; `-v`/`-vv` enable it through mpctl's log filter.
pub const TARGET: &str = "mpctl::request";

/// When the current attempt went on the wire.
#[derive(Debug, Clone)]
struct Sent(Instant);

impl Storable for Sent {
    type Storer = StoreReplace<Self>;
}

/// How the previous attempt ended, for the retry line.
#[derive(Debug, Clone)]
struct Outcome(String);

impl Storable for Outcome {
    type Storer = StoreReplace<Self>;
}

/// Registered on every service client (see [`super::connect`]).
#[derive(Debug, Default)]
pub struct RequestLog;

fn operation(cfg: &ConfigBag) -> String {
    cfg.load::<Metadata>()
        .map(|m| format!("{}.{}", m.service(), m.name()))
        .unwrap_or_else(|| "request".to_string())
}

impl Intercept for RequestLog {
    fn name(&self) -> &'static str {
        "mpctl request log"
    }

    fn read_before_transmit(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        if attempt > 1 {
            let after = cfg
                .load::<Outcome>()
                .map(|o| format!(" after {}", o.0))
                .unwrap_or_default();
            tracing::info!(target: TARGET, "retry: {} attempt {attempt}{after}", operation(cfg));
        }
        cfg.interceptor_state().store_put(Sent(Instant::now()));
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(sent) = cfg.load::<Sent>() else {
            // The attempt failed before reaching the wire (e.g. no credentials): not a request.
            return Ok(());
        };
        let ms = sent.0.elapsed().as_millis();
        let outcome = match context.response() {
            Some(r) => format!("HTTP {}", r.status().as_u16()),
            None => "no response (connection or timeout)".to_string(),
        };
        tracing::debug!(target: TARGET, "{} -> {outcome} in {ms} ms", operation(cfg));
        cfg.interceptor_state().store_put(Outcome(outcome));
        Ok(())
    }
}

/// A service client of SDK crate `$sdk` built from the shared `$config` with [`RequestLog`]
/// registered: every client mpctl makes is built this way, so no request goes unlogged.
macro_rules! logged_client {
    ($sdk:ident, $config:expr) => {
        $sdk::Client::from_conf(
            $sdk::config::Builder::from($config)
                .interceptor($crate::aws::request_log::RequestLog)
                .build(),
        )
    };
}
pub(crate) use logged_client;
