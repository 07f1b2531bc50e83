//! The emulator: Marketplace Catalog, Partner Central Selling and Marketplace Agreement (and, for
//! the buyer side, Marketplace Discovery; for a SaaS product's run time, Metering and the
//! Entitlement Service) on one loopback address, speaking their real wire
//! protocols so the official SDK crates (and boto3) talk to it unchanged. It is product, not test
//! scaffolding: sellers rehearse against it.
//!
//! The client side knows it only through [`serve`], its [`Options`] and the [`Handle`] it returns;
//! this crate depends on `mpctl-changeset` (the shared change set rules) and on nothing of the
//! client, which Cargo enforces.

mod admin;
mod agreement;
mod catalog;
mod cbor;
mod clock;
mod discovery;
mod entitlement;
mod eventbridge;
mod faults;
mod ids;
mod metering;
mod offering;
mod outbox;
mod partner;
mod quotas;
mod registry;
mod router;
mod saas;
mod service;
mod sqs;
mod store;
mod views;
mod wire;
mod world;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use tokio::sync::oneshot;

pub use admin::PREFIX as ADMIN_PREFIX;
pub use clock::Timings;
pub use faults::{FaultKind, FaultKinds, FaultOptions};
pub use ids::SELLER_ACCOUNT as DEFAULT_SELLER_ACCOUNT;
pub use outbox::Event as OutboxEvent;
pub use store::DataError;

/// A store's world rebuilt by replaying its log (see [`replay_store`]).
pub use store::Replayed;

/// Rebuilds the world kept in the store at `path` — its snapshot, then every log entry replayed —
/// without changing the file, as JSON: what a restart would load.
pub fn replay_store(path: &std::path::Path) -> anyhow::Result<Replayed> {
    store::replay(path)
}

/// How to run an emulator.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to bind; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Durations of the emulated asynchronous processes.
    pub timings: Timings,
    /// Print one line per request on stderr.
    pub log_requests: bool,
    /// Inject faults into a fraction of requests.
    pub faults: Option<faults::FaultOptions>,
    /// Throttle each operation at AWS's documented rate.
    pub enforce_quotas: bool,
    /// Multiplies every enforced quota, like a seller's quotas raised through Service Quotas
    /// (1 = AWS's defaults).
    pub quota_scale: f64,
    /// Keep the world in this file across restarts (the store: an SQLite snapshot and command
    /// log; a version-2 JSON data file there is migrated).
    pub data: Option<std::path::PathBuf>,
    /// Set the emulated clock to this instant at start (otherwise: the saved clock with
    /// `data`, else the wall clock).
    pub start_time: Option<chrono::DateTime<chrono::Utc>>,
    /// The account of callers whose access key does not end in 12 digits.
    pub seller_account: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            timings: Timings::default(),
            log_requests: false,
            faults: None,
            enforce_quotas: false,
            quota_scale: 1.0,
            data: None,
            start_time: None,
            seller_account: ids::SELLER_ACCOUNT.to_string(),
        }
    }
}

/// One request as the emulator saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub service: &'static str,
    pub operation: String,
    /// HTTP status of the reply; 0 when the connection was dropped (fault).
    pub status: u16,
    /// The injected fault, if any (`throttle`, `500`, `slow`, `reset`, …).
    pub fault: Option<&'static str>,
    /// The request body decoded the way the service reads it (JSON as parsed, CBOR as the JSON
    /// value the handlers see); `None` when the body was empty or could not be decoded. Query
    /// parameters are not part of it.
    pub body: Option<serde_json::Value>,
}

/// Shared between the server task and its [`Handle`].
#[derive(Debug)]
pub(crate) struct Shared {
    pub world: Mutex<world::World>,
    pub requests: Mutex<Vec<RequestRecord>>,
    pub log_requests: bool,
    pub faults: Option<faults::Faults>,
    pub quotas: Option<quotas::Quotas>,
    /// The store behind `--data`; locked after `world`, never before.
    pub store: Option<Mutex<store::Store>>,
    pub seller_account: String,
}

impl Shared {
    /// Appends `entry`, which `world` just ran, to the store (when `--data` asks for one),
    /// under the world lock the caller holds; `Err` says why it could not be kept.
    fn log(&self, world: &world::World, entry: &store::Entry) -> Result<(), String> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let mut store = store.lock().expect("emulator store");
        store.append(entry, world).map_err(|e| {
            let message = format!("cannot write {}: {e:#}", store.path().display());
            eprintln!("emulator: {message}");
            message
        })
    }

    /// Runs an admin operation (`store::entry` lists them) on the world and logs it.
    fn admin(&self, op: &str, input: serde_json::Value) -> Result<serde_json::Value, String> {
        let mut world = self.world.lock().expect("emulator world");
        let entry = store::Entry::admin(&world, op, input);
        self.apply(&mut world, entry).map_err(|e| e.message)
    }

    /// Runs `entry` on `world` and logs it: an entry that cannot be logged is answered as an
    /// internal error, so the client never counts on a write a restart would lose.
    fn apply(&self, world: &mut world::World, entry: store::Entry) -> wire::OpResult {
        let result = store::apply(world, &entry);
        self.log(world, &entry)
            .map_err(|m| wire::ApiError::new(500, "InternalFailure", m))?;
        result
    }

    /// Writes a snapshot (graceful shutdown).
    fn checkpoint(&self) {
        let world = self.world.lock().expect("emulator world");
        if let Some(store) = &self.store {
            let mut store = store.lock().expect("emulator store");
            if let Err(e) = store.checkpoint(&world) {
                eprintln!(
                    "emulator: cannot checkpoint {}: {e:#}",
                    store.path().display()
                );
            }
        }
    }

    /// Issues a registration token for `account` subscribing to `product_id` (what AWS posts
    /// to the seller's registration page), or why not.
    fn registration_token(&self, account: &str, product_id: &str) -> Result<String, String> {
        let input = serde_json::json!({ "account": account, "product": product_id });
        let out = self.admin("registration-token", input)?;
        Ok(out["token"].as_str().unwrap_or_default().to_string())
    }

    /// Moves the emulated clock forward and every lifecycle with it.
    fn advance_clock(&self, seconds: f64) -> chrono::DateTime<chrono::Utc> {
        let mut world = self.world.lock().expect("emulator world");
        let ms = (seconds * 1000.0).round() as i64;
        let input = serde_json::json!({ "milliseconds": ms });
        let mut entry = store::Entry::admin(&world, "advance-clock", input);
        entry.now += chrono::Duration::milliseconds(ms.max(0));
        let now = entry.now;
        let _ = self.apply(&mut world, entry);
        now
    }
}

/// Reads and moves a running emulator's clock in-process (what `mpctl emulator advance` does
/// over the admin path). Cloneable, so test fixtures can hold one next to their SDK clients.
#[derive(Debug, Clone)]
pub struct ClockControl(Arc<Shared>);

impl ClockControl {
    /// The emulated current instant.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.world.lock().expect("emulator world").now()
    }

    /// Moves the clock forward by `by`; returns the new instant.
    pub fn advance(&self, by: std::time::Duration) -> chrono::DateTime<chrono::Utc> {
        self.0.advance_clock(by.as_secs_f64())
    }
}

/// A running emulator. Dropping it stops the server.
#[derive(Debug)]
pub struct Handle {
    /// `http://HOST:PORT`, the endpoint URL for every SDK client.
    pub base_url: String,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Handle {
    /// Every request served so far, in order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.requests.lock().expect("request log").clone()
    }

    /// Every event recorded in the outbox so far (the changes AWS announces on EventBridge), in
    /// the order they were recorded.
    pub fn events(&self) -> Vec<OutboxEvent> {
        let world = self.shared.world.lock().expect("emulator world");
        world.outbox.events().to_vec()
    }

    /// The emulated clock of this emulator.
    pub fn clock(&self) -> ClockControl {
        ClockControl(self.shared.clone())
    }

    /// AWS sends `account` a lead about `company` in `catalog` (what `POST /__mpctl/seed/lead`
    /// does): `{"invitationId", "engagementId"}`, or `None` for an unknown catalog.
    pub fn seed_lead(
        &self,
        account: &str,
        catalog: &str,
        company: &str,
    ) -> Option<serde_json::Value> {
        let input = serde_json::json!({"account": account, "catalog": catalog, "company": company});
        self.shared.admin("seed-lead", input).ok()
    }

    /// The world as the store saves it (JSON), e.g. to compare with [`replay_store`].
    pub fn world_json(&self) -> serde_json::Value {
        let world = self.shared.world.lock().expect("emulator world");
        serde_json::to_value(&*world).unwrap_or_default()
    }

    /// A registration token for `account` subscribing to `product_id`, as
    /// `mpctl emulator seed registration-token` gets it; `Err` names what is wrong.
    pub fn registration_token(&self, account: &str, product_id: &str) -> Result<String, String> {
        self.shared.registration_token(account, product_id)
    }

    /// Pauses (`false`) or resumes fault injection; no effect without `Options::faults`.
    pub fn set_faults_enabled(&self, enabled: bool) {
        if let Some(f) = &self.shared.faults {
            f.set_enabled(enabled);
        }
    }

    /// Stops accepting requests and waits for the server task to finish.
    pub async fn stop(mut self) {
        self.signal_stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Waits until the server ends (it ends only when stopped).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn signal_stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// Binds `options.bind` and serves all three services on the current tokio runtime.
pub async fn serve(options: Options) -> anyhow::Result<Handle> {
    let (store, mut world) = match &options.data {
        Some(path) => {
            let (store, world) = store::Store::open(path, store::CHECKPOINT_EVERY)?;
            (Some(Mutex::new(store)), world)
        }
        None => (None, world::World::default()),
    };
    world.timings = options.timings;
    world.delivery_faults = options.faults.as_ref().filter(|f| f.rate > 0.0).map(|f| {
        eventbridge::deliver::DeliveryFaults {
            rate: f.rate,
            seed: f.seed,
        }
    });
    let listener = tokio::net::TcpListener::bind(options.bind)
        .await
        .with_context(|| format!("cannot bind emulator to {}", options.bind))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        world: Mutex::new(world),
        requests: Mutex::new(Vec::new()),
        log_requests: options.log_requests,
        faults: options.faults.map(faults::Faults::new),
        quotas: options
            .enforce_quotas
            .then(|| quotas::Quotas::new(options.quota_scale)),
        store,
        seller_account: options.seller_account,
    });
    if let Some(t) = options.start_time {
        // Logged with the offset it gives, so a replay sets the same clock.
        let mut world = shared.world.lock().expect("emulator world");
        let mut clock = world.clock;
        clock.set(t);
        let input = serde_json::json!({ "offsetMs": clock.offset_ms() });
        let entry = store::Entry::admin(&world, "set-clock", input);
        shared
            .apply(&mut world, entry)
            .map_err(|e| anyhow::anyhow!(e.message))?;
    }
    let app = router::app(shared.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let stopped = shared.clone();
    let task = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        let _ = axum::serve(listener, service)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        stopped.checkpoint();
    });
    Ok(Handle {
        base_url: format!("http://{addr}"),
        addr,
        shared,
        shutdown: Some(tx),
        task: Some(task),
    })
}
