//! The table columns that cost one call per row: an agreement's estimated value
//! (DescribeAgreement's `estimatedCharges`) and an opportunity's associated offers
//! (GetOpportunity's `RelatedEntityIdentifiers`). The first paint never waits for them: pages
//! render at once from the list snapshot, and a background task fills this cache within AWS's
//! per-operation quotas (the dashboard's clients are paced by the campaign's client-side
//! limiter: Agreement 5/s, Partner Central reads 10/s, with AWS's one-second burst). Entries
//! are keyed by id and a version (an opportunity's LastModifiedDate; an agreement's status and
//! end, since SearchAgreements has no modification time and those are what an amendment or
//! renewal changes) and saved in the cache on disk ([`super::store`]) as they are read, so a
//! refresh — or a restart — re-reads only what changed. The page's script polls `/fills.json`
//! and writes the values in; tables sort and filter on the cached values on the server.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::{json, Value};

use super::data::Snapshot;
use super::store::Store;
use super::Shared;
use crate::agreement::view::Summary;
use crate::cosell::opportunities;
use crate::cosell::views::OpportunityRow;

/// Per-row reads in flight at once.
const IN_FLIGHT: usize = 8;

/// Which column a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    AgreementValue,
    OpportunityOffers,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::AgreementValue => "agreements",
            Kind::OpportunityOffers => "opportunities",
        }
    }

    fn from_key(key: &str) -> Option<Kind> {
        match key {
            "agreements" => Some(Kind::AgreementValue),
            "opportunities" => Some(Kind::OpportunityOffers),
            _ => None,
        }
    }
}

/// A read value: `None` when its call failed (shown as such; a refresh tries again).
#[derive(Debug, Clone)]
struct Entry {
    version: String,
    value: Option<String>,
}

/// The cache, and how many reads the background task still has to make.
pub struct Fills {
    entries: Mutex<HashMap<(Kind, String), Entry>>,
    pending: AtomicUsize,
    /// DescribeAgreement calls a second the clients are paced at (for the time left shown).
    rate: f64,
    /// One fill task at a time: a later one finds what the earlier one read.
    running: tokio::sync::Mutex<()>,
    /// Reads a running or waiting fill task will make, so a second task does not repeat them.
    queued: Mutex<HashSet<(Kind, String, String)>>,
}

/// Agreements and opportunities are re-read when these change.
pub fn agreement_version(a: &Summary) -> String {
    format!("{}|{}", a.status, a.end)
}

pub fn opportunity_version(o: &OpportunityRow) -> String {
    o.last_modified.clone().unwrap_or_default()
}

/// What a cell shows for one row.
pub enum Shown {
    Ready(String),
    Failed,
    Waiting,
}

impl Fills {
    /// The values saved in `store` (none without one), read on at `rate` per second.
    pub fn new(store: Option<&Store>, rate: f64) -> anyhow::Result<Self> {
        let mut entries = HashMap::new();
        for (kind, id, version, value) in store.map(Store::fills).transpose()?.unwrap_or_default() {
            if let Some(kind) = Kind::from_key(&kind) {
                entries.insert((kind, id), Entry { version, value });
            }
        }
        Ok(Fills {
            entries: Mutex::new(entries),
            pending: AtomicUsize::default(),
            rate,
            running: tokio::sync::Mutex::default(),
            queued: Mutex::default(),
        })
    }

    /// DescribeAgreement calls a second.
    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Keeps a read value, in memory and in the cache on disk.
    fn put(&self, app: &Shared, kind: Kind, id: String, version: String, value: Option<String>) {
        if let Some(store) = &app.cache.store {
            if let Err(e) = store.put_fill(kind.key(), &id, &version, value.as_deref()) {
                tracing::warn!("dashboard cache: {e:#}");
            }
        }
        let entry = Entry { version, value };
        self.entries
            .lock()
            .expect("fills")
            .insert((kind, id), entry);
    }

    /// The value for `id` at `version`, if read.
    pub fn get(&self, kind: Kind, id: &str, version: &str) -> Shown {
        let entries = self.entries.lock().expect("fills");
        match entries.get(&(kind, id.to_string())) {
            Some(e) if e.version == version => match &e.value {
                Some(v) => Shown::Ready(v.clone()),
                None => Shown::Failed,
            },
            _ => Shown::Waiting,
        }
    }

    /// Reads still to make.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }

    /// `{"pending": n, "agreements": {id: value}, "opportunities": {id: value}}` for the
    /// `kind:id` keys asked for (a page's cells, not 10,000 values); a failed read is `null`.
    pub fn json<'a>(&self, keys: impl Iterator<Item = &'a str>) -> Value {
        let mut out = json!({"pending": self.pending(), "agreements": {}, "opportunities": {}});
        let entries = self.entries.lock().expect("fills");
        for key in keys {
            let Some((kind, id)) = key.split_once(':') else {
                continue;
            };
            let Some(kind) = Kind::from_key(kind) else {
                continue;
            };
            if let (Some(e), Some(Value::Object(m))) = (
                entries.get(&(kind, id.to_string())),
                out.get_mut(kind.key()),
            ) {
                m.insert(
                    id.to_string(),
                    e.value.clone().map_or(Value::Null, Value::from),
                );
            }
        }
        out
    }

    /// What of `wanted` is neither read at its version nor already queued; queues it.
    fn missing(&self, wanted: Vec<(Kind, String, String)>) -> Vec<(Kind, String, String)> {
        let entries = self.entries.lock().expect("fills");
        let mut queued = self.queued.lock().expect("queued");
        let todo: Vec<_> = wanted
            .into_iter()
            .filter(|(kind, id, version)| {
                !entries
                    .get(&(*kind, id.clone()))
                    .is_some_and(|e| &e.version == version && e.value.is_some())
            })
            .filter(|w| !queued.contains(w))
            .collect();
        queued.extend(todo.iter().cloned());
        todo
    }
}

/// Starts filling what `snapshot` lists and the cache lacks, in the background.
pub fn spawn(app: &Shared, snapshot: &Snapshot) {
    let mut wanted: Vec<(Kind, String, String)> = Vec::new();
    for a in &snapshot.agreements {
        wanted.push((Kind::AgreementValue, a.id.clone(), agreement_version(a)));
    }
    for o in &snapshot.opportunities {
        if let Some(id) = &o.opportunity_id {
            wanted.push((Kind::OpportunityOffers, id.clone(), opportunity_version(o)));
        }
    }
    fill(app, wanted);
}

/// Reads, in the background, the values of `wanted` the cache lacks at their versions.
pub fn fill(app: &Shared, wanted: Vec<(Kind, String, String)>) {
    let todo = app.fills.missing(wanted);
    if todo.is_empty() {
        return;
    }
    app.fills.pending.fetch_add(todo.len(), Ordering::SeqCst);
    app.cache.progress.add_fill(todo.len());
    let app = app.clone();
    tokio::spawn(async move {
        use futures_util::StreamExt;
        let _one = app.fills.running.lock().await;
        // A few reads in flight, so a round trip does not cap the pace below the quota; the
        // clients' limiter keeps them within it.
        futures_util::stream::iter(todo)
            .for_each_concurrent(IN_FLIGHT, |(kind, id, version)| {
                let app = app.clone();
                async move {
                    let value = read(&app, kind, &id).await;
                    let done = (kind, id, version);
                    app.fills.queued.lock().expect("queued").remove(&done);
                    app.fills.put(&app, done.0, done.1, done.2, value);
                    app.fills.pending.fetch_sub(1, Ordering::SeqCst);
                    app.cache.progress.filled_one();
                }
            })
            .await;
    });
}

/// Keeps a value read elsewhere (an event's DescribeAgreement) at `version`.
pub fn keep(app: &Shared, kind: Kind, id: &str, version: String, value: Option<String>) {
    app.fills.put(app, kind, id.to_string(), version, value);
}

/// One read, in its operation's quota slot.
async fn read(app: &Shared, kind: Kind, id: &str) -> Option<String> {
    match kind {
        Kind::AgreementValue => {
            let out = app
                .clients
                .agreement
                .describe_agreement()
                .agreement_id(id)
                .send()
                .await
                .ok()?;
            Some(estimated_value(&out))
        }
        Kind::OpportunityOffers => {
            let catalog = app.settings.catalog.as_str();
            let o = opportunities::get(&app.clients.partner, catalog, id)
                .await
                .ok()?;
            Some(related_offers(&o))
        }
    }
}

/// An opportunity's associated offers as shown: ids, or `-`.
pub fn related_offers(o: &crate::cosell::views::Opportunity) -> String {
    let offers: Vec<&str> = o
        .related
        .marketplace_offers
        .iter()
        .map(|arn| arn.rsplit('/').next().unwrap_or(arn))
        .collect();
    if offers.is_empty() {
        "-".into()
    } else {
        offers.join(", ")
    }
}

/// An agreement's estimated value as shown: `"1200.00 USD"` (amount first, so it sorts and
/// filters as people read it), `-` when AWS estimates none.
pub fn estimated_value(
    out: &aws_sdk_marketplaceagreement::operation::describe_agreement::DescribeAgreementOutput,
) -> String {
    match out.estimated_charges() {
        Some(c) => format!(
            "{} {}",
            c.agreement_value().unwrap_or("-"),
            c.currency_code().unwrap_or_default()
        )
        .trim()
        .to_string(),
        None => "-".into(),
    }
}

/// The leading number of a value (`"1200.00 USD"` → 1200.0), for sorting by amount.
pub fn amount(value: &str) -> Option<f64> {
    value.split_whitespace().next()?.parse().ok()
}
