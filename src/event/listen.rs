//! The events queue as the waits hear it: with `events.queue_url` configured, one background
//! task per process long-polls the queue, keeps every event it receives (deleting its message:
//! the queue is the waits' own), and wakes the waits; a wait asks whether an event naming its
//! id (change set, opportunity, offer) arrived since it last looked. An event only wakes a wait,
//! which then confirms with one read; the queue failing three times in a row (missing, no
//! permission) turns the listener off and the waits back to their polling schedule.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::Notify;

/// The queue the waits listen to, set once the clients exist (`aws::connect`).
static SOURCE: OnceLock<(aws_sdk_sqs::Client, String, Duration)> = OnceLock::new();
static LISTENER: OnceLock<Listener> = OnceLock::new();

/// Failed receives in a row after which the listener gives up.
const GIVE_UP_AFTER: u32 = 3;

/// Every event received so far, and who to wake.
#[derive(Debug, Default)]
pub struct Listener {
    events: Mutex<Vec<Value>>,
    notify: Notify,
    failed: AtomicBool,
    fallback: Duration,
}

/// Makes `url` the queue the waits of this process listen to, with their first fallback check
/// `fallback` after they start (the first call wins).
pub fn configure(sqs: &aws_sdk_sqs::Client, url: &str, fallback: Duration) {
    let _ = SOURCE.set((sqs.clone(), url.to_string(), fallback));
}

/// The listener, started on first use; `None` without a configured queue or once it failed.
pub fn current() -> Option<&'static Listener> {
    let (sqs, url, fallback) = SOURCE.get()?;
    let mut fresh = false;
    let listener: &'static Listener = LISTENER.get_or_init(|| {
        fresh = true;
        Listener {
            fallback: *fallback,
            ..Listener::default()
        }
    });
    if fresh {
        let (sqs, url) = (sqs.clone(), url.clone());
        tokio::spawn(async move { listener.run(&sqs, &url).await });
    }
    listener.healthy().then_some(listener)
}

impl Listener {
    /// When a wait's first fallback check is due (config `events.fallback_seconds`).
    pub fn fallback(&self) -> Duration {
        self.fallback
    }

    /// How many events were received so far.
    pub fn received(&self) -> usize {
        self.events.lock().expect("events").len()
    }

    pub fn healthy(&self) -> bool {
        !self.failed.load(Ordering::SeqCst)
    }

    async fn run(&self, sqs: &aws_sdk_sqs::Client, url: &str) {
        let mut failures = 0;
        loop {
            match super::queue::receive(sqs, url, super::LONG_POLL_SECONDS).await {
                Ok(batch) => {
                    failures = 0;
                    for m in &batch {
                        // Kept before deleting: a failed delete only means a duplicate later.
                        self.events.lock().expect("events").push(m.event.clone());
                        let _ = super::queue::delete(sqs, url, &m.receipt).await;
                    }
                    if !batch.is_empty() {
                        self.notify.notify_waiters();
                    }
                }
                Err(e) => {
                    failures += 1;
                    tracing::debug!("events queue: {e:#}");
                    // A missing queue or a denied receive will not mend: give up at once.
                    if failures >= GIVE_UP_AFTER || !crate::aws::is_transient(&e) {
                        self.failed.store(true, Ordering::SeqCst);
                        self.notify.notify_waiters();
                        return;
                    }
                    tokio::time::sleep(Duration::from_secs(1 << failures)).await;
                }
            }
        }
    }

    /// Offer `id`'s entity ARN (DescribeEntity's `EntityArn`) from an `Offer Released` event
    /// received so far (it comes with the change set's own event), so the step that needs it
    /// can spare a DescribeEntity. The event's `resources` hold that ARN; `detail.offer.arn` is
    /// another form (`arn:aws:catalog:…`) that AssociateOpportunity does not take.
    pub fn released_offer_arn(&self, id: &str) -> Option<String> {
        let events = self.events.lock().expect("events");
        let suffix = format!(":AWSMarketplace/Offer/{id}");
        events
            .iter()
            .filter(|e| e["detail-type"] == "Offer Released" && e["detail"]["offer"]["id"] == id)
            .flat_map(|e| e["resources"].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .find(|arn| arn.starts_with("arn:aws:aws-marketplace:") && arn.ends_with(&suffix))
            .map(str::to_string)
    }

    /// Returns once an event after `*cursor` names `key` (moving the cursor past every event
    /// looked at), or the listener failed (the wait then goes back to polling).
    pub async fn next(&self, cursor: &mut usize, key: &str) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let events = self.events.lock().expect("events");
                let start = (*cursor).min(events.len());
                let found = events[start..].iter().any(|e| super::concerns(e, key));
                *cursor = events.len();
                if found {
                    return;
                }
            }
            if !self.healthy() {
                return;
            }
            notified.await;
        }
    }

    /// Every event after `*cursor` (moving the cursor past them), waiting until there is one;
    /// empty once the listener failed. For readers that want every event, not one id's.
    pub async fn after(&self, cursor: &mut usize) -> Vec<Value> {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            {
                let events = self.events.lock().expect("events");
                let start = (*cursor).min(events.len());
                *cursor = events.len();
                if start < events.len() {
                    return events[start..].to_vec();
                }
            }
            if !self.healthy() {
                return Vec::new();
            }
            notified.await;
        }
    }
}
