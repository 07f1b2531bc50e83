//! AWS SDK clients and the shared helpers every service call uses: error formatting and the
//! generic `wait`. Where requests go and how every client (the buyer's included) is built is
//! [`connect`]'s alone; whether a named profile exists, [`profiles`]'.

pub mod changeset;
pub mod connect;
pub mod emulator_admin;
pub mod errors;
pub mod opportunity;
pub mod opportunity_update;
pub mod pace;
pub mod profiles;
pub mod render;
pub mod report;
pub mod request_log;
pub mod runner;
pub mod service_time;
pub mod task;
pub mod wait;
pub mod watch;

use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use mpctl_emulator as emulator;

pub use connect::{
    connect, connect_buyer, connect_checked, connect_with, local_timings, unconnected,
    BuyerClients, BuyerCredentials, WrapHttp,
};

/// The three service clients, plus the in-process emulator when `--local` started one.
pub struct Clients {
    pub catalog: aws_sdk_marketplacecatalog::Client,
    pub partner: aws_sdk_partnercentralselling::Client,
    pub agreement: aws_sdk_marketplaceagreement::Client,
    /// A SaaS product's usage (BatchMeterUsage) and its buyers' entitlements.
    pub metering: aws_sdk_marketplacemetering::Client,
    pub entitlement: aws_sdk_marketplaceentitlement::Client,
    /// EventBridge and SQS, for `events` and the waits that listen to a queue.
    pub events: aws_sdk_eventbridge::Client,
    pub sqs: aws_sdk_sqs::Client,
    /// Where these clients send requests: the `--local` emulator's URL, the endpoint override,
    /// or `None` for AWS's own regional endpoints. Other clients of the same run (the buyer's)
    /// go where these go.
    pub endpoint: Option<String>,
    /// Keeps the `--local` emulator alive as long as the clients.
    pub emulator: Option<emulator::Handle>,
}

impl Clients {
    /// The same three clients (cheap clones sharing their connections), for one of many tasks
    /// run while `self` (and its emulator, if any) stays alive.
    pub fn borrowed(&self) -> Clients {
        Clients {
            catalog: self.catalog.clone(),
            partner: self.partner.clone(),
            agreement: self.agreement.clone(),
            metering: self.metering.clone(),
            entitlement: self.entitlement.clone(),
            events: self.events.clone(),
            sqs: self.sqs.clone(),
            endpoint: self.endpoint.clone(),
            emulator: None,
        }
    }
}

/// An AWS call that failed: one line for the user, plus whether trying again later may help
/// (throttling, 5xx, timeouts, dropped connections — after the SDK's own retries ran out).
#[derive(Debug, thiserror::Error)]
#[error("{text}")]
pub struct AwsError {
    pub text: String,
    pub code: Option<String>,
    pub transient: bool,
}

/// Whether `err` is an [`AwsError`] worth trying again (e.g. a poll during a throttling burst).
pub fn is_transient(err: &anyhow::Error) -> bool {
    err.downcast_ref::<AwsError>().is_some_and(|e| e.transient)
}

/// Turns an SDK error into one line: `Operation failed: Code: message`.
pub fn describe_error<E>(
    operation: &str,
    err: aws_sdk_marketplacecatalog::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    use aws_sdk_marketplacecatalog::error::SdkError;
    if let SdkError::DispatchFailure(failure) = &err {
        let source = failure
            .as_connector_error()
            .and_then(std::error::Error::source);
        if source.is_some_and(|s| s.is::<crate::interrupt::Stopped>()) {
            let stopped = crate::interrupt::Stopped;
            return crate::exit::Failure::Interrupted(format!("{operation}: {stopped}")).into();
        }
    }
    let transient = match &err {
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        SdkError::ServiceError(ctx) => {
            let status = ctx.raw().status().as_u16();
            status == 429
                || (500..600).contains(&status)
                || ctx.err().code().is_some_and(|c| c.contains("Throttl"))
        }
        _ => false,
    };
    let (text, code) = match err.as_service_error() {
        Some(service) if service.code().is_some_and(errors::is_credentials_code) => (
            format!(
                "{operation} failed: AWS rejected the credentials ({}: {})\n  hint: run `aws configure` or `aws sso login --profile P`, or pick another profile with --profile",
                service.code().unwrap_or_default(),
                service.message().unwrap_or("no message")
            ),
            service.code().map(str::to_string),
        ),
        Some(service) => (
            format!(
                "{operation} failed: {}: {}{}",
                service.code().unwrap_or("UnknownError"),
                service.message().unwrap_or("(no message)"),
                errors::not_found_hint(operation, service.code())
            ),
            service.code().map(str::to_string),
        ),
        None if matches!(err, SdkError::TimeoutError(_)) => (
            format!(
                "{operation} failed: no answer within retry.attempt_timeout_seconds, even after retries\n  hint: check the network and --endpoint-url, or raise retry.attempt_timeout_seconds in config.json"
            ),
            None,
        ),
        None if matches!(err, SdkError::DispatchFailure(_)) => (
            format!(
                "{operation} failed: no connection to AWS, even after retries\n  hint: check the network, proxy and --endpoint-url; run with -vvv for the details"
            ),
            None,
        ),
        None => (
            format!(
                "{operation} failed: {}",
                aws_smithy_types::error::display::DisplayErrorContext(&err)
            ),
            None,
        ),
    };
    anyhow::Error::new(AwsError {
        text,
        code,
        transient,
    })
}
