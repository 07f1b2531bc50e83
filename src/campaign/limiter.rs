//! The client-side rate limiter: an HTTP client wrapper that spaces each AWS operation's
//! requests at its documented per-second quota (StartChangeSet 5/s, DescribeChangeSet 10/s,
//! Partner Central writes 1/s and reads 10/s, Agreement 5/s, …: `mpctl_facts::quotas`, the
//! table the emulator enforces). It sits under the SDK, so the
//! workflow steps a campaign reuses are limited without knowing it, and every SDK retry is
//! limited too. Each operation has a token bucket like AWS's own — refilled at exactly the
//! documented rate, holding one second's worth (the burst AWS allows) — kept as the time its
//! next token is due (GCRA), so a request books its send instant in O(1). Spacing requests
//! below the rate to absorb network jitter would cost every campaign that share of its time;
//! instead the rare request that jitter lands just before AWS's refill gets throttled and the
//! SDK's retry (itself limited here) absorbs it. Queueing for a slot is not time on the wire,
//! so the wrapper also owns the per-attempt timeout (counted from the moment the request is sent),
//! and the clients it wraps have the SDK's upload stall check off (see `aws::connect_with`):
//! that check starts when the SDK hands the request over, and failed every request queued here
//! for longer than its 5 s grace period without sending it. Ctrl-C drops what is safe to drop
//! at once — a request still queued (never sent) and a read on the wire — so a campaign stops
//! within a write's round trip, not after the queue drains.
//! A seller whose quotas AWS raised (Service Quotas) says so in config `campaign.quotas`, which
//! replaces the documented rate of each operation it names.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use tokio::time::Instant;

/// Requests per second a campaign allows itself for `op` (`X-Amz-Target` or Catalog's path
/// segment): AWS's documented quota from the table the emulator enforces too
/// (`mpctl_facts::quotas`).
pub fn rate_for(op: &str) -> f64 {
    use mpctl_facts::Api;
    let (api, name) = match op.split_once('.') {
        Some((prefix, name)) if prefix.starts_with("AWSPartnerCentral") => {
            (Api::PartnerCentral, name)
        }
        Some((prefix, name)) if prefix.starts_with("AWSMPCommerceService") => {
            (Api::Agreement, name)
        }
        Some(("AWSMPMeteringService", name)) => (Api::Metering, name),
        Some(("AWSMPEntitlementService", name)) => (Api::Entitlement, name),
        _ => (Api::Catalog, op),
    };
    mpctl_facts::quotas::rate(api, name)
}

/// Per operation: when its bucket would be full again, i.e. its "theoretical arrival time".
#[derive(Debug, Default)]
pub struct Limiter {
    next: Mutex<HashMap<String, Instant>>,
    /// Per-attempt timeout, from sending to the response.
    attempt_timeout: Option<Duration>,
    /// Raised quotas (config `campaign.quotas`): operation → requests per second.
    quotas: BTreeMap<String, f64>,
}

impl Limiter {
    pub fn new(attempt_timeout: Duration, quotas: BTreeMap<String, f64>) -> Self {
        Limiter {
            attempt_timeout: Some(attempt_timeout),
            quotas,
            ..Limiter::default()
        }
    }

    /// `op`'s quota: the seller's raised one, else AWS's default.
    pub fn rate(&self, op: &str) -> f64 {
        self.quotas.get(op).copied().unwrap_or_else(|| rate_for(op))
    }

    /// Waits for `op`'s next slot and books it.
    pub async fn acquire(&self, op: &str) {
        tokio::time::sleep_until(self.book(op, Instant::now())).await;
    }

    /// Books `op`'s first free slot at or after `now`: at once while the bucket holds a token
    /// (up to one second's worth of requests), then one every `1/rate`.
    fn book(&self, op: &str, now: Instant) -> Instant {
        let rate = self.rate(op);
        let interval = Duration::from_secs_f64(1.0 / rate);
        // A full bucket holds `rate` tokens: the burst may run that many intervals ahead.
        let burst = interval.mul_f64((rate - 1.0).max(0.0));
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let full_at = next.entry(op.to_string()).or_insert(now);
        let at = full_at.checked_sub(burst).unwrap_or(now).max(now);
        *full_at = (*full_at).max(now) + interval;
        at
    }

    /// `inner` with every request waiting for its operation's slot.
    pub fn wrap(self: &Arc<Self>, inner: SharedHttpClient) -> SharedHttpClient {
        SharedHttpClient::new(Limited {
            limiter: self.clone(),
            inner,
        })
    }
}

/// The operation of a request: `X-Amz-Target` for the JSON protocols (Partner Central,
/// Agreement over JSON), `Service.Operation` from the RPCv2 CBOR path the Rust SDK uses for
/// Agreement (`/service/AWSMPCommerceService_v20200301/operation/DescribeAgreement`), the first
/// path segment for the Catalog's REST protocol.
fn operation(request: &HttpRequest) -> String {
    if let Some(target) = request.headers().get("x-amz-target") {
        return target.to_string();
    }
    operation_of_uri(request.uri())
}

fn operation_of_uri(uri: &str) -> String {
    let path = uri.split("://").nth(1).unwrap_or(uri);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let path = path.split('?').next().unwrap_or("");
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["service", service, "operation", op, ..] => format!("{service}.{op}"),
        _ => parts.first().copied().unwrap_or("").to_string(),
    }
}

#[derive(Debug)]
struct Limited {
    limiter: Arc<Limiter>,
    inner: SharedHttpClient,
}

impl HttpClient for Limited {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(LimitedConnector {
            limiter: self.limiter.clone(),
            inner: self.inner.http_connector(settings, components),
        })
    }
}

#[derive(Debug)]
struct LimitedConnector {
    limiter: Arc<Limiter>,
    inner: SharedHttpConnector,
}

impl HttpConnector for LimitedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let limiter = self.limiter.clone();
        let inner = self.inner.clone();
        HttpConnectorFuture::new(async move {
            let op = operation(&request);
            let stopped = || Err(ConnectorError::user(Box::new(crate::interrupt::Stopped)));
            // Ctrl-C drops a request still waiting for its slot: it was never sent.
            tokio::select! {
                biased;
                _ = crate::interrupt::interrupted() => return stopped(),
                _ = limiter.acquire(&op) => {}
            }
            let call = async {
                match limiter.attempt_timeout {
                    Some(limit) => tokio::time::timeout(limit, inner.call(request))
                        .await
                        .unwrap_or_else(|_| {
                            Err(ConnectorError::timeout(
                                format!("no response within {} s", limit.as_secs_f64()).into(),
                            ))
                        }),
                    None => inner.call(request).await,
                }
            };
            // A read on the wire may be dropped too; a write sent must end to know what it did.
            match is_read(&op) {
                true => tokio::select! {
                    biased;
                    _ = crate::interrupt::interrupted() => stopped(),
                    r = call => r,
                },
                false => call.await,
            }
        })
    }
}

/// Whether `op` only reads (by AWS's naming: Describe…, List…, Get…, Search…).
fn is_read(op: &str) -> bool {
    let name = op.rsplit('.').next().unwrap_or(op);
    ["Describe", "BatchDescribe", "List", "Get", "Search"]
        .iter()
        .any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cbor_agreement_request_is_named_by_its_operation() {
        let op = operation_of_uri(
            "http://127.0.0.1:4566/service/AWSMPCommerceService_v20200301/operation/DescribeAgreement",
        );
        assert_eq!(op, "AWSMPCommerceService_v20200301.DescribeAgreement");
        assert_eq!(rate_for(&op), 5.0);
        assert_eq!(
            operation_of_uri("https://x.amazonaws.com/StartChangeSet?a=b"),
            "StartChangeSet"
        );
    }

    #[test]
    fn rates_follow_the_documented_quotas() {
        assert_eq!(rate_for("StartChangeSet"), 5.0);
        assert_eq!(rate_for("DescribeChangeSet"), 10.0);
        assert_eq!(rate_for("AWSPartnerCentralSelling.CreateOpportunity"), 1.0);
        assert_eq!(rate_for("AWSPartnerCentralSelling.GetOpportunity"), 10.0);
        assert_eq!(
            rate_for("AWSPartnerCentralSelling.StartEngagementFromOpportunityTask"),
            1.0
        );
        assert_eq!(
            rate_for("AWSMPCommerceService_v20200301.SearchAgreements"),
            5.0
        );
        // One table for both sides: the emulator throttles invitation answers at 1/s.
        assert_eq!(
            rate_for("AWSPartnerCentralSelling.AcceptEngagementInvitation"),
            1.0
        );
        assert_eq!(
            rate_for("AWSPartnerCentralSelling.RejectEngagementInvitation"),
            1.0
        );
    }

    #[test]
    fn a_burst_of_the_rate_goes_at_once_then_one_per_interval() {
        let limiter = Limiter::default();
        let t0 = Instant::now();
        let slots: Vec<Instant> = (0..7).map(|_| limiter.book("StartChangeSet", t0)).collect();
        let ms = |i: usize| (slots[i] - t0).as_millis();
        assert_eq!((0..5).map(ms).collect::<Vec<_>>(), [0; 5], "AWS's burst: 5");
        assert_eq!((ms(5), ms(6)), (200, 400), "then exactly 5/s");
        // A second later the bucket has refilled by 5 tokens again, no more.
        let later = t0 + Duration::from_secs(3);
        let slots: Vec<Instant> = (0..6)
            .map(|_| limiter.book("StartChangeSet", later))
            .collect();
        assert_eq!(slots[4], later);
        assert_eq!((slots[5] - later).as_millis(), 200);
        assert_eq!(
            limiter.book("DescribeChangeSet", t0),
            t0,
            "operations are independent"
        );
    }

    #[test]
    fn reads_are_told_from_writes_by_their_names() {
        assert!(is_read("DescribeChangeSet"));
        assert!(is_read(
            "AWSPartnerCentralSelling.ListEngagementFromOpportunityTasks"
        ));
        assert!(is_read("AWSMPCommerceService_v20200301.SearchAgreements"));
        assert!(!is_read("StartChangeSet"));
        assert!(!is_read("AWSPartnerCentralSelling.CreateOpportunity"));
        assert!(!is_read(
            "AWSPartnerCentralSelling.StartEngagementFromOpportunityTask"
        ));
    }

    #[test]
    fn a_raised_quota_replaces_only_its_operation() {
        let op = "AWSPartnerCentralSelling.CreateOpportunity";
        let limiter = Limiter::new(Duration::from_secs(1), [(op.to_string(), 5.0)].into());
        assert_eq!(limiter.rate(op), 5.0);
        assert_eq!(
            limiter.rate("AWSPartnerCentralSelling.UpdateOpportunity"),
            1.0
        );
        let t0 = Instant::now();
        let slots: Vec<Instant> = (0..5).map(|_| limiter.book(op, t0)).collect();
        assert!(slots[4] - t0 < Duration::from_secs(1), "5/s, not 1/s");
    }
}
