//! Where requests go and how every SDK client is built. The seller's clients ([`connect`]) decide
//! the endpoint — the `--local` emulator started here, the settings' endpoint override, or AWS —
//! and record it in [`Clients::endpoint`]; the buyer's clients ([`connect_buyer`]) go where the
//! seller's go. Both are built from one [`loader`], so every client has the same region,
//! timeouts and retries, and a named profile is checked ([`super::profiles`]) before any
//! request.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::stalled_stream_protection::StalledStreamProtectionConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, ConfigLoader, Region};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;

use super::{errors, profiles, request_log, Clients};
use crate::settings::Settings;
use mpctl_emulator as emulator;

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
    if let Some(profile) = &settings.profile {
        profiles::check(profile, &profiles::Named::Seller, &settings.region)?;
    }
    let (endpoint, handle) = match settings.local {
        true => {
            let h = start_local(settings).await?;
            (Some(h.base_url.clone()), Some(h))
        }
        false => (settings.endpoint_url.clone(), None),
    };
    let mut loader = loader(settings, endpoint.as_deref(), wrap.is_none());
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
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
    let emulated_now = match (&handle, &endpoint) {
        (Some(h), _) => Some(h.clock().now()),
        (None, Some(url)) if settings.is_loopback() => super::emulator_admin::now(url).await,
        _ => None,
    };
    if let Some(now) = emulated_now {
        super::service_time::set_target_now(now);
    }
    use request_log::logged_client;
    let clients = Clients {
        catalog: logged_client!(aws_sdk_marketplacecatalog, &config),
        partner: logged_client!(aws_sdk_partnercentralselling, &config),
        agreement: logged_client!(aws_sdk_marketplaceagreement, &config),
        metering: logged_client!(aws_sdk_marketplacemetering, &config),
        entitlement: logged_client!(aws_sdk_marketplaceentitlement, &config),
        events: logged_client!(aws_sdk_eventbridge, &config),
        sqs: long_poll_client(&config),
        endpoint,
        emulator: handle,
    };
    if let Some(url) = &settings.config.events.queue_url {
        let fallback = settings.config.events.fallback_seconds.max(1.0);
        crate::event::listen::configure(&clients.sqs, url, Duration::from_secs_f64(fallback));
    }
    Ok((clients, account))
}

/// SQS's client: a long poll holds a ReceiveMessage open up to 20 s, so its attempts may last
/// [`crate::event::LONG_POLL_SECONDS`] plus 10 s whatever `retry.attempt_timeout_seconds` says.
fn long_poll_client(config: &aws_config::SdkConfig) -> aws_sdk_sqs::Client {
    let mut timeouts = config
        .timeout_config()
        .cloned()
        .unwrap_or_else(|| TimeoutConfig::builder().build())
        .to_builder();
    timeouts.set_operation_attempt_timeout(Some(std::time::Duration::from_secs(
        crate::event::LONG_POLL_SECONDS as u64 + 10,
    )));
    aws_sdk_sqs::Client::from_conf(
        aws_sdk_sqs::config::Builder::from(config)
            .timeout_config(timeouts.build())
            .interceptor(crate::aws::request_log::RequestLog)
            .build(),
    )
}

/// The one configuration every client starts from: the settings' region and retries, a
/// 10 s connect timeout, `retry.attempt_timeout_seconds` per attempt (unless a wrapper owns
/// it, see [`WrapHttp`]), and `endpoint` when requests do not go to AWS's own endpoints.
fn loader(settings: &Settings, endpoint: Option<&str>, attempt_timeout: bool) -> ConfigLoader {
    let retry = &settings.config.retry;
    let mut timeouts = TimeoutConfig::builder().connect_timeout(Duration::from_secs(10));
    if attempt_timeout {
        let attempt = Duration::from_secs_f64(retry.attempt_timeout_seconds);
        timeouts = timeouts.operation_attempt_timeout(attempt);
    }
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(retry.max_attempts)
                .with_initial_backoff(Duration::from_secs_f64(retry.initial_backoff_seconds)),
        )
        .timeout_config(timeouts.build());
    match endpoint {
        Some(url) => loader.endpoint_url(url),
        None => loader,
    }
}

/// Whose credentials the buyer's clients sign with.
pub enum BuyerCredentials<'a> {
    /// A named AWS profile of the buyer account; `source` says where the name came from
    /// (`--buyer-profile`, config `buyer_profile`), for the error if it does not exist.
    Profile {
        name: &'a str,
        source: profiles::Named,
    },
    /// The emulator's test key for this buyer account (the emulator reads the account from it).
    EmulatorKey(String),
}

/// The buyer's clients: Discovery to read the offer, Agreement to accept it.
pub struct BuyerClients {
    pub discovery: aws_sdk_marketplacediscovery::Client,
    pub agreement: aws_sdk_marketplaceagreement::Client,
}

/// The buyer's clients, sending where `seller`'s send, with the same timeouts and retries. A
/// profile that does not exist is an error (exit 2) before any request.
pub async fn connect_buyer(
    settings: &Settings,
    seller: &Clients,
    credentials: BuyerCredentials<'_>,
) -> anyhow::Result<BuyerClients> {
    let mut loader = loader(settings, seller.endpoint.as_deref(), true);
    loader = match credentials {
        BuyerCredentials::Profile { name, source } => {
            profiles::check(name, &source, &settings.region)?;
            loader.profile_name(name)
        }
        BuyerCredentials::EmulatorKey(key) => {
            loader.credentials_provider(SharedCredentialsProvider::new(Credentials::from_keys(
                key,
                "emulator-buyer-secret",
                None,
            )))
        }
    };
    let config = loader.load().await;
    use request_log::logged_client;
    Ok(BuyerClients {
        discovery: logged_client!(aws_sdk_marketplacediscovery, &config),
        agreement: logged_client!(aws_sdk_marketplaceagreement, &config),
    })
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
/// The account the clients act as, for ARNs a command renders before sending (`events
/// setup`'s queue policy): `known` (the credential source's), else STS's answer; against the
/// emulator, the account its access key names (`…<12 digits>`), else the emulator's seller.
pub async fn acting_account(settings: &Settings, known: Option<String>) -> anyhow::Result<String> {
    if let Some(account) = known {
        return Ok(account);
    }
    if settings.local || settings.is_loopback() {
        let key = std::env::var("AWS_ACCESS_KEY_ID").unwrap_or_default();
        let tail = key.get(key.len().saturating_sub(12)..).unwrap_or_default();
        let named = tail.len() == 12 && tail.bytes().all(|b| b.is_ascii_digit());
        return Ok(match named {
            true => tail.to_string(),
            false => emulator::DEFAULT_SELLER_ACCOUNT.to_string(),
        });
    }
    let mut loader = loader(settings, settings.endpoint_url.as_deref(), true);
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    caller_account(&loader.load().await).await.ok_or_else(|| {
        anyhow::anyhow!(
            "cannot tell which account these credentials belong to (STS GetCallerIdentity failed)"
        )
    })
}

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
        metering: aws_sdk_marketplacemetering::Client::new(&config),
        entitlement: aws_sdk_marketplaceentitlement::Client::new(&config),
        events: aws_sdk_eventbridge::Client::new(&config),
        sqs: aws_sdk_sqs::Client::new(&config),
        endpoint: settings.endpoint_url.clone(),
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
