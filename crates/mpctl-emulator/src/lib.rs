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
mod persist;
mod quotas;
mod registry;
mod router;
mod saas;
mod seed;
mod service;
mod sqs;
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
pub use persist::DataError;
pub use seed::{CatalogSeed, SeedError};

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
    /// Keep the world in this file across restarts.
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
    pub data: Option<persist::DataFile>,
    pub seller_account: String,
}

impl Shared {
    /// Saves the world when `--data` asks for it; a failure is reported, not fatal.
    fn save(&self, world: &world::World) {
        if let Some(data) = &self.data {
            if let Err(e) = data.save(world) {
                eprintln!("emulator: cannot save {}: {e:#}", data.path().display());
            }
        }
    }

    /// Issues a registration token for `account` subscribing to `product_id` (what AWS posts
    /// to the seller's registration page), or why not.
    fn registration_token(&self, account: &str, product_id: &str) -> Result<String, String> {
        let mut world = self.world.lock().expect("emulator world");
        let now = world.now();
        world.advance(now);
        let world = &mut *world;
        let token = metering::seed_token(
            &mut world.metering,
            &world.catalog,
            (account, product_id),
            now,
        )?;
        self.save(world);
        Ok(token)
    }

    /// Moves the emulated clock forward and every lifecycle with it.
    /// `emulator seed catalog`: one request under the world lock, saved once.
    fn seed_catalog(&self, request: &CatalogSeed) -> Result<serde_json::Value, SeedError> {
        let mut world = self.world.lock().expect("emulator world");
        let now = world.now();
        world.advance(now);
        let seeded = seed::run(&mut world, request, &self.seller_account, now)?;
        self.save(&world);
        Ok(seeded)
    }

    fn advance_clock(&self, seconds: f64) -> chrono::DateTime<chrono::Utc> {
        let mut world = self.world.lock().expect("emulator world");
        world.clock.advance(chrono::Duration::milliseconds(
            (seconds * 1000.0).round() as i64
        ));
        let now = world.now();
        world.advance(now);
        self.save(&world);
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
        let mut world = self.shared.world.lock().expect("emulator world");
        let now = world.now();
        world.advance(now);
        world.seed_lead(account, catalog, company, now)
    }

    /// A registration token for `account` subscribing to `product_id`, as
    /// `mpctl emulator seed registration-token` gets it; `Err` names what is wrong.
    pub fn registration_token(&self, account: &str, product_id: &str) -> Result<String, String> {
        self.shared.registration_token(account, product_id)
    }

    /// Pauses (`false`) or resumes fault injection; no effect without `Options::faults`.
    /// Seeds a seller's catalog, agreements and opportunities (`emulator seed catalog`): the
    /// counts and sample ids, or why nothing was made.
    pub fn seed_catalog(&self, request: &CatalogSeed) -> Result<serde_json::Value, SeedError> {
        self.shared.seed_catalog(request)
    }

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
    let data = options.data.map(persist::DataFile::new);
    let mut world = match &data {
        Some(d) => d.load::<world::World>()?.unwrap_or_default(),
        None => world::World::default(),
    };
    world.timings = options.timings;
    world.delivery_faults = options.faults.as_ref().filter(|f| f.rate > 0.0).map(|f| {
        eventbridge::deliver::DeliveryFaults {
            rate: f.rate,
            seed: f.seed,
        }
    });
    if let Some(t) = options.start_time {
        world.clock.set(t);
    }
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
        data,
        seller_account: options.seller_account,
    });
    let app = router::app(shared.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        let _ = axum::serve(listener, service)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Handle {
        base_url: format!("http://{addr}"),
        addr,
        shared,
        shutdown: Some(tx),
        task: Some(task),
    })
}
