//! The two failures every first run meets before AWS says anything — no usable credentials,
//! and nothing listening at the endpoint — found up front and told in one sentence with the
//! fixes, instead of the SDK's retry storm and Debug dump.

use std::time::Duration;

use aws_credential_types::provider::ProvideCredentials;

use crate::exit::bad_input;
use crate::settings::Settings;

/// How long the endpoint probe waits for a TCP connection.
const PROBE_TIMEOUT: Duration = Duration::from_millis(1500);

/// `(host, port)` of an `http(s)://host[:port]/…` URL.
pub fn host_port(url: &str) -> Option<(String, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => default_port,
    };
    (!host.is_empty()).then(|| (host.to_string(), port))
}

/// The refused / unresolvable endpoint message.
pub fn nothing_answers(url: &str, why: &str) -> anyhow::Error {
    if crate::project::origin::is_loopback_url(url) {
        return anyhow::anyhow!(
            "nothing answers at {url} ({why}; is `mpctl emulator serve` running?)\n  hint: start it with `mpctl emulator serve`, use --local for a throwaway emulator, or fix --endpoint-url / AWS_ENDPOINT_URL"
        );
    }
    anyhow::anyhow!(
        "cannot reach {url} ({why}); nothing was sent\n  hint: check this machine's network, DNS and proxy (HTTPS_PROXY) and the URL; to rehearse offline use --local or `mpctl emulator serve`"
    )
}

/// The hosts of the three services on AWS in `region` (the endpoint rule sets' standard
/// `catalog.marketplace.{region}.amazonaws.com`, `partnercentral-selling.{region}.api.aws`,
/// `agreement-marketplace.{region}.amazonaws.com`).
pub fn aws_hosts(region: &str) -> [String; 3] {
    [
        format!("catalog.marketplace.{region}.amazonaws.com"),
        format!("partnercentral-selling.{region}.api.aws"),
        format!("agreement-marketplace.{region}.amazonaws.com"),
    ]
}

/// Before the first request to AWS: each service host resolves. An unresolvable host (no
/// network, no DNS) otherwise costs the SDK's whole retry schedule (half a minute) and ends in
/// "no connection"; this names the host within seconds. Skipped behind a proxy, which may
/// resolve names this machine cannot.
pub async fn resolve_aws_hosts(region: &str) -> anyhow::Result<()> {
    let proxied = ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
    if proxied {
        return Ok(());
    }
    for host in aws_hosts(region) {
        let lookup = tokio::net::lookup_host((host.as_str(), 443));
        let why = match tokio::time::timeout(DNS_TIMEOUT, lookup).await {
            Ok(Ok(mut addrs)) => match addrs.next() {
                Some(_) => continue,
                None => "no address".to_string(),
            },
            Ok(Err(e)) => e.to_string(),
            Err(_) => format!("no answer within {} s", DNS_TIMEOUT.as_secs()),
        };
        return Err(anyhow::anyhow!(
            "cannot resolve {host}, AWS's endpoint for this region ({why}); nothing was sent\n  hint: check this machine's network, DNS and proxy (HTTPS_PROXY); to rehearse offline use --local or `mpctl emulator serve`"
        ));
    }
    Ok(())
}

/// How long a DNS lookup of an AWS host may take before the run gives up on it.
const DNS_TIMEOUT: Duration = Duration::from_secs(5);

/// One TCP connect to the endpoint, so a stopped emulator is reported within two seconds
/// rather than after the SDK's retries.
pub async fn probe_endpoint(url: &str) -> anyhow::Result<()> {
    let Some((host, port)) = host_port(url) else {
        return Err(bad_input(format!(
            "--endpoint-url '{url}' has no host\n  hint: e.g. --endpoint-url http://127.0.0.1:4566"
        )));
    };
    let connect = tokio::net::TcpStream::connect((host.as_str(), port));
    match tokio::time::timeout(PROBE_TIMEOUT, connect).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            Err(nothing_answers(url, "connection refused"))
        }
        Ok(Err(e)) if e.raw_os_error().is_none() => {
            Err(nothing_answers(url, &format!("cannot resolve {host}")))
        }
        Ok(Err(e)) => Err(nothing_answers(url, &e.to_string())),
        Err(_) => Err(nothing_answers(url, "no answer within 1.5 s")),
    }
}

/// The profile the default credential chain reads.
pub fn profile_name(settings: &Settings) -> String {
    settings
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
        .unwrap_or_else(|| "default".into())
}

/// What to do about missing or expired credentials, naming the profile and region tried.
pub fn credentials_message(profile: &str, region: &str, why: &str) -> String {
    format!(
        "no usable AWS credentials for profile '{profile}' in {region} ({why})\n  hint: run `aws configure`, or `aws sso login --profile {profile}`, or pick another profile with --profile NAME; to rehearse without AWS use --local"
    )
}

/// Resolves credentials once, before any request, so a missing or expired login is one
/// sentence rather than the first call's DispatchFailure. Returns the account id when the
/// credential source names it (SSO and some profiles do).
pub async fn check_credentials(
    settings: &Settings,
    config: &aws_config::SdkConfig,
) -> anyhow::Result<Option<String>> {
    let profile = profile_name(settings);
    let why = match config.credentials_provider() {
        None => "no credential provider".to_string(),
        Some(provider) => match provider.provide_credentials().await {
            Ok(creds)
                if creds
                    .expiry()
                    .is_some_and(|t| t <= std::time::SystemTime::now()) =>
            {
                "they have expired".to_string()
            }
            Ok(creds) => return Ok(creds.account_id().map(|a| a.as_str().to_string())),
            Err(e) => short_reason(&e),
        },
    };
    Err(bad_input(credentials_message(
        &profile,
        &settings.region,
        &why,
    )))
}

/// The credential chain's error in a few words (its Display lists every provider tried).
fn short_reason(e: &aws_credential_types::provider::error::CredentialsError) -> String {
    use aws_credential_types::provider::error::CredentialsError as E;
    match e {
        E::CredentialsNotLoaded(_) => "none found in the environment, ~/.aws or SSO".into(),
        E::ProviderTimedOut(_) => "the credential provider timed out".into(),
        E::InvalidConfiguration(_) => "the profile's configuration is invalid".into(),
        // The chain reports the last provider it tried: on a machine that is not an EC2
        // instance that is the instance metadata service, which means nothing was configured.
        E::ProviderError(_)
            if aws_smithy_types::error::display::DisplayErrorContext(e)
                .to_string()
                .contains("IMDS") =>
        {
            "none found in the environment, ~/.aws or SSO, and no EC2 instance metadata".into()
        }
        E::ProviderError(_) => "the provider failed; an SSO login may have expired".into(),
        _ => "they could not be loaded".into(),
    }
}

/// AWS error codes that mean "your credentials are wrong or expired".
pub fn is_credentials_code(code: &str) -> bool {
    matches!(
        code,
        "ExpiredToken"
            | "ExpiredTokenException"
            | "UnrecognizedClientException"
            | "InvalidClientTokenId"
            | "InvalidSignatureException"
            | "MissingAuthenticationToken"
    )
}

/// The way out of a not-found error, by the operation that met it: where the ids of that kind
/// can be listed, and the usual cause (an id made on the other side of AWS, another account,
/// catalog or region). Empty for any other error.
pub fn not_found_hint(operation: &str, code: Option<&str>) -> String {
    if code != Some("ResourceNotFoundException") {
        return String::new();
    }
    let list = match operation {
        "DescribeEntity" => "`mpctl offer list` or `mpctl entity list TYPE` lists the ids",
        "DescribeChangeSet" | "CancelChangeSet" => "`mpctl changeset list` lists the change sets",
        "DescribeAgreement" | "GetAgreementTerms" => {
            "`mpctl agreement search` lists the agreements"
        }
        op if op.contains("Opportunity") => "`mpctl opportunity list` lists the opportunities",
        op if op.contains("Invitation") => "`mpctl invitation list` lists the invitations",
        _ => "list the resources of that kind to find the id",
    };
    format!(
        "\n  hint: check the id: {list} in this account, catalog and region (ids made on an emulator do not exist on AWS, nor AWS's on an emulator)"
    )
}

#[cfg(test)]
mod tests {
    use super::host_port;

    #[test]
    fn host_and_port() {
        let hp = |u: &str| host_port(u).map(|(h, p)| format!("{h}:{p}"));
        assert_eq!(hp("http://127.0.0.1:1").as_deref(), Some("127.0.0.1:1"));
        assert_eq!(
            hp("https://x.amazonaws.com/a").as_deref(),
            Some("x.amazonaws.com:443")
        );
        assert_eq!(hp("http://[::1]:4566/").as_deref(), Some("::1:4566"));
        assert_eq!(hp("http://localhost").as_deref(), Some("localhost:80"));
        assert_eq!(hp("http://:80"), None);
    }
}
