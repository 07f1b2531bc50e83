//! `--enforce-quotas`: per-operation request rates as AWS documents them (per account, per
//! second), enforced with token buckets. A request over the rate gets the service's
//! ThrottlingException (429) and changes nothing — exactly what a client's retry logic must
//! absorb when it polls or writes too fast. A scale raises every quota alike, the way a seller's
//! quotas look after AWS raised them, so a bulk run can be exercised under enforced, raised
//! quotas in a fraction of the time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::wire::Service;

/// Requests per second AWS allows for `op` (aws-behavior.md, "Quotas").
pub fn rate_for(service: Service, op: &str) -> f64 {
    match service {
        Service::Catalog => match op {
            "StartChangeSet" | "ListChangeSets" | "CancelChangeSet" => 5.0,
            "DescribeChangeSet" | "ListEntities" => 10.0,
            "DescribeEntity" => 20.0,
            // [I] Not documented: BatchDescribeEntities and tagging share the list rate.
            _ => 10.0,
        },
        Service::Partner => {
            const WRITES: &[&str] = &["Create", "Update", "Associate", "Disassociate", "Assign"];
            let write = WRITES.iter().any(|p| op.starts_with(p))
                || (op.starts_with("Start") && op.ends_with("Task"))
                || op == "SubmitOpportunity"
                || op == "RejectEngagementInvitation"
                || op == "AcceptEngagementInvitation";
            if write {
                1.0
            } else {
                10.0
            }
        }
        Service::Agreement => match op {
            "GetAgreementTerms" => 10.0,
            _ => 5.0,
        },
        // [I] Discovery's quotas are not documented: the common read rate.
        Service::Discovery => 10.0,
    }
}

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

    /// Takes a token for this request; `false` means it must be throttled.
    pub fn admit(&self, service: Service, op: &str, now: Instant) -> bool {
        let rate = rate_for(service, op) * self.scale;
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
    use std::time::Duration;

    #[test]
    fn partner_writes_are_one_per_second() {
        let q = Quotas::default();
        let t0 = Instant::now();
        assert!(q.admit(Service::Partner, "CreateOpportunity", t0));
        assert!(!q.admit(Service::Partner, "CreateOpportunity", t0));
        // Reads have their own bucket.
        assert!(q.admit(Service::Partner, "GetOpportunity", t0));
        assert!(q.admit(
            Service::Partner,
            "CreateOpportunity",
            t0 + Duration::from_secs(1)
        ));
    }

    #[test]
    fn a_scale_raises_every_quota_alike() {
        let q = Quotas::new(10.0);
        let t0 = Instant::now();
        let admitted = (0..30)
            .filter(|_| q.admit(Service::Partner, "CreateOpportunity", t0))
            .count();
        assert_eq!(admitted, 10);
    }

    #[test]
    fn catalog_describe_entity_allows_a_burst_of_twenty() {
        let q = Quotas::default();
        let t0 = Instant::now();
        let admitted = (0..30)
            .filter(|_| q.admit(Service::Catalog, "DescribeEntity", t0))
            .count();
        assert_eq!(admitted, 20);
        assert_eq!(rate_for(Service::Catalog, "StartChangeSet"), 5.0);
        assert_eq!(
            rate_for(Service::Partner, "StartEngagementFromOpportunityTask"),
            1.0
        );
        assert_eq!(rate_for(Service::Agreement, "SearchAgreements"), 5.0);
    }
}
