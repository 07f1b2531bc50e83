//! AWS SDK client construction (real AWS, an endpoint URL, or the in-process emulator) and the
//! shared helpers every service call uses: error formatting and the generic `wait`.

pub mod changeset;
pub mod errors;
pub mod opportunity;
pub mod opportunity_update;
pub mod render;
pub mod report;
pub mod request_log;
pub mod runner;
pub mod service_time;
pub mod task;
pub mod wait;
pub mod watch;

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::settings::Settings;
use mpctl_emulator as emulator;

/// The three service clients, plus the in-process emulator when `--local` started one.
pub struct Clients {
    pub catalog: aws_sdk_marketplacecatalog::Client,
    pub partner: aws_sdk_partnercentralselling::Client,
    pub agreement: aws_sdk_marketplaceagreement::Client,
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
            emulator: None,
        }
    }
}

/// Timings of the `--local` emulator: quick enough for a demo, slow enough to show progress.
pub fn local_timings() -> emulator::Timings {
    emulator::Timings {
        changeset_seconds: 1.5,
        task_seconds: 1.0,
        accept_seconds: 2.0,
        review_seconds: 6.0,
    }
}

/// Builds the clients the settings ask for, after checking that the endpoint answers and the
/// credentials resolve.
pub async fn connect(settings: &Settings) -> anyhow::Result<Clients> {
    let (clients, _) = connect_checked(settings).await?;
    Ok(clients)
}

/// [`connect`], also returning the account id if the credentials name it.
pub async fn connect_checked(settings: &Settings) -> anyhow::Result<(Clients, Option<String>)> {
    connect_with(settings, None).await
}

/// Turns the SDK's HTTP client into another (e.g. a campaign's rate limiter around it). The
/// wrapper owns the per-attempt timeout (`retry.attempt_timeout_seconds`): the SDK's would
/// count time the wrapper holds a request back.
pub type WrapHttp<'a> = &'a dyn Fn(
    aws_smithy_runtime_api::client::http::SharedHttpClient,
) -> aws_smithy_runtime_api::client::http::SharedHttpClient;

/// [`connect_checked`], with every request going through `wrap`'s HTTP client.
pub async fn connect_with(
    settings: &Settings,
    wrap: Option<WrapHttp<'_>>,
) -> anyhow::Result<(Clients, Option<String>)> {
    let (endpoint, handle) = match settings.local {
        true => {
            let h = start_local(settings).await?;
            (Some(h.base_url.clone()), Some(h))
        }
        false => (settings.endpoint_url.clone(), None),
    };
    let retry = &settings.config.retry;
    let mut timeouts = TimeoutConfig::builder().connect_timeout(Duration::from_secs(10));
    if wrap.is_none() {
        let attempt = Duration::from_secs_f64(retry.attempt_timeout_seconds);
        timeouts = timeouts.operation_attempt_timeout(attempt);
    }
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(retry.max_attempts)
                .with_initial_backoff(Duration::from_secs_f64(retry.initial_backoff_seconds)),
        )
        .timeout_config(timeouts.build());
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &endpoint {
        loader = loader.endpoint_url(url);
    }
    if settings.is_loopback() && !has_configured_credentials(settings) {
        // The emulator does not check signatures; fixed test keys avoid probing IMDS.
        loader = loader.credentials_provider(SharedCredentialsProvider::new(
            Credentials::from_keys("AKIAEMULATOR", "emulator-secret", None),
        ));
    }
    let mut config = loader.load().await;
    if let Some(wrap) = wrap {
        config = wrapped(config, wrap);
    }
    let mut account = None;
    if !settings.local {
        if let Some(url) = &endpoint {
            errors::probe_endpoint(url).await?;
        }
        if !settings.is_loopback() || has_configured_credentials(settings) {
            account = errors::check_credentials(settings, &config).await?;
        }
        if endpoint.is_none() {
            errors::resolve_aws_hosts(&settings.region).await?;
        }
    }
    if settings.verbosity >= 1 && account.is_none() && !settings.is_loopback() {
        account = caller_account(&config).await;
    }
    log_target(settings, endpoint.as_deref(), account.as_deref());
    use request_log::logged_client;
    let clients = Clients {
        catalog: logged_client!(aws_sdk_marketplacecatalog, &config),
        partner: logged_client!(aws_sdk_partnercentralselling, &config),
        agreement: logged_client!(aws_sdk_marketplaceagreement, &config),
        emulator: handle,
    };
    Ok((clients, account))
}

/// `config` with its HTTP client turned into `wrap`'s (e.g. a campaign's rate limiter).
fn wrapped(config: aws_config::SdkConfig, wrap: WrapHttp<'_>) -> aws_config::SdkConfig {
    // aws-config leaves the HTTP client to each service client; a wrapper needs it now: the
    // same hyper 1.x + rustls (aws-lc) client the SDK would pick.
    let http = config.http_client().unwrap_or_else(|| {
        use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
        aws_smithy_http_client::Builder::new()
            .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
            .build_https()
    });
    // The SDK's upload stall check counts from the moment it hands the request over, so a
    // request queued in the wrapper for more than its 5 s grace period (a campaign's 1/s
    // writes, twenty rows deep) would fail as "stalled" without being sent. The wrapper's
    // attempt timeout covers the upload once it is on the wire; downloads keep the check.
    let stall = StalledStreamProtectionConfig::enabled()
        .upload_enabled(false)
        .build();
    config
        .to_builder()
        .http_client(wrap(http))
        .stalled_stream_protection(stall)
        .build()
}

/// `--local`: an emulator in this process, on an ephemeral loopback port.
async fn start_local(settings: &Settings) -> anyhow::Result<emulator::Handle> {
    let mut timings = local_timings();
    if settings.config.buyer_profile.is_some() {
        // The configured buyer accepts for itself; the emulator's stand-in stays out.
        timings.accept_seconds = 1.0e7;
    }
    emulator::serve(emulator::Options {
        timings,
        // -vv already logs every request client-side (request_log); the server's own log
        // of the same requests comes with -vvv.
        log_requests: settings.verbosity >= 3,
        ..emulator::Options::default()
    })
    .await
}

/// `-v` only: the account the credentials belong to, from STS GetCallerIdentity (a read that
/// every identity may make). `None` when STS does not answer; the run goes on regardless.
async fn caller_account(config: &aws_config::SdkConfig) -> Option<String> {
    let sts = aws_sdk_sts::Client::new(config);
    let out = sts.get_caller_identity().send().await.ok()?;
    out.account().map(String::from)
}

/// `-v`: where the requests go and as whom: the account the credential source names, else
/// (at `-v`) the one STS reports; the emulator's seller against the emulator.
fn log_target(settings: &Settings, endpoint: Option<&str>, account: Option<&str>) {
    let profile = if settings.is_loopback() && !has_configured_credentials(settings) {
        "none (the emulator's test keys)".to_string()
    } else {
        settings
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
            .unwrap_or_else(|| "default credential chain".to_string())
    };
    let (endpoint, fallback) = match endpoint {
        Some(url) if settings.is_loopback() => (url.to_string(), "the emulator's seller"),
        Some(url) => (url.to_string(), "unknown"),
        None => (
            "AWS (each service's regional endpoint)".to_string(),
            "unknown",
        ),
    };
    let account = account.unwrap_or(fallback);
    tracing::info!(
        target: "mpctl::aws",
        "endpoint: {endpoint}, region: {}, profile: {profile}, account: {account}",
        settings.region
    );
}

/// Clients that are never called: `--plan` renders requests through the same code as a run
/// without resolving credentials or opening a connection.
pub fn unconnected(settings: &Settings) -> Clients {
    let config = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .build();
    Clients {
        catalog: aws_sdk_marketplacecatalog::Client::new(&config),
        partner: aws_sdk_partnercentralselling::Client::new(&config),
        agreement: aws_sdk_marketplaceagreement::Client::new(&config),
        emulator: None,
    }
}

fn has_configured_credentials(settings: &Settings) -> bool {
    settings.profile.is_some()
        || [
            "AWS_ACCESS_KEY_ID",
            "AWS_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
        ]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()))
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
