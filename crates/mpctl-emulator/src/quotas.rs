//! `--enforce-quotas`: per-operation request rates as AWS documents them (per account, per
//! second), enforced with token buckets. A request over the rate gets the service's
//! ThrottlingException (429) and changes nothing — exactly what a client's retry logic must
//! absorb when it polls or writes too fast. A scale raises every quota alike, the way a seller's
//! quotas look after AWS raised them, so a bulk run can be exercised under enforced, raised
//! quotas in a fraction of the time. The rates are the service tables' (`service::Operation`);
//! an operation no table serves has no quota (it is answered UnknownOperation at once).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::wire::Service;

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// One token bucket per (service, operation); capacity = one second's worth of requests.
#[derive(Debug)]
pub struct Quotas {
    buckets: Mutex<HashMap<(&'static str, String), Bucket>>,
    /// Multiplies every rate (1 = AWS's defaults).
    scale: f64,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas::new(1.0)
    }
}

impl Quotas {
    pub fn new(scale: f64) -> Self {
        Quotas {
            buckets: Mutex::default(),
            scale,
        }
    }

    /// Takes a token for this request to an operation allowed `rate` requests per second (its
    /// table's figure); `false` means it must be throttled.
    pub fn admit(&self, (service, op): (Service, &str), rate: f64, now: Instant) -> bool {
        let rate = rate * self.scale;
        let mut buckets = self.buckets.lock().expect("quota buckets");
        let bucket = buckets
            .entry((service.name(), op.to_string()))
            .or_insert(Bucket {
                tokens: rate,
                updated: now,
            });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;
    use std::time::Duration;

    fn admit(q: &Quotas, service: Service, op: &str, now: Instant) -> bool {
        let rate = registry::table(service).operation(op).expect("served").rate;
        q.admit((service, op), rate, now)
    }

    #[test]
    fn partner_writes_are_one_per_second() {
        let q = Quotas::default();
        let t0 = Instant::now();
        assert!(admit(&q, Service::Partner, "CreateOpportunity", t0));
        assert!(!admit(&q, Service::Partner, "CreateOpportunity", t0));
        // Reads have their own bucket.
        assert!(admit(&q, Service::Partner, "GetOpportunity", t0));
        let later = t0 + Duration::from_secs(1);
        assert!(admit(&q, Service::Partner, "CreateOpportunity", later));
    }

    #[test]
    fn a_scale_raises_every_quota_alike() {
        let q = Quotas::new(10.0);
        let t0 = Instant::now();
        let admitted = (0..30)
            .filter(|_| admit(&q, Service::Partner, "CreateOpportunity", t0))
            .count();
        assert_eq!(admitted, 10);
    }

    #[test]
    fn catalog_describe_entity_allows_a_burst_of_twenty() {
        let q = Quotas::default();
        let t0 = Instant::now();
        let admitted = (0..30)
            .filter(|_| admit(&q, Service::Catalog, "DescribeEntity", t0))
            .count();
        assert_eq!(admitted, 20);
    }
}
