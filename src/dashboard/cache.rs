//! The current [`Snapshot`] and how it stays current. At start it is the one saved on disk
//! ([`super::store`]), so the first page needs no AWS call; a background refresh then re-lists
//! (a few calls per thousand rows) and re-reads per row only what changed ([`super::fills`]).
//! With no saved snapshot (a cold start) the pages wait up to [`WAIT`] for the listing, then
//! show its progress and reload themselves. `?refresh=1` and an action re-list the same way;
//! an event from the queue replaces only the rows it names ([`super::events`]). Every new
//! snapshot is saved, in one transaction.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::watch;

use super::data::{self, Snapshot};
use super::progress::Progress;
use super::store::Store;
use super::{fills, Shared};

/// How long a page waits for a listing before it shows the progress instead.
pub const WAIT: Duration = Duration::from_secs(10);

/// The snapshot the pages show, its store, and the listing in progress.
pub struct Cache {
    current: RwLock<Option<Arc<Snapshot>>>,
    pub progress: Progress,
    pub store: Option<Store>,
    /// A listing is running (one at a time).
    running: AtomicBool,
    /// Bumped after each listing, so pages can wait for the one they started.
    done: watch::Sender<u64>,
}

/// What a page gets: the snapshot, or nothing yet (a cold listing still running).
pub enum Got {
    Ready(Arc<Snapshot>),
    Loading,
}

impl Cache {
    /// A cache over `store` (none: memory only), holding the snapshot saved there if any.
    pub fn new(store: Option<Store>) -> anyhow::Result<Cache> {
        let saved = match &store {
            Some(s) => s.load()?.map(Arc::new),
            None => None,
        };
        Ok(Cache {
            current: RwLock::new(saved),
            progress: Progress::default(),
            store,
            running: AtomicBool::new(false),
            done: watch::channel(0).0,
        })
    }

    /// The snapshot now, without reading.
    pub fn now(&self) -> Option<Arc<Snapshot>> {
        self.current.read().expect("snapshot").clone()
    }

    /// The snapshot for a page: the current one, unless there is none or `refresh`; then a
    /// listing (started unless one runs), waited for up to [`WAIT`].
    pub async fn get(&self, app: &Shared, refresh: bool) -> anyhow::Result<Got> {
        if let (Some(s), false) = (self.now(), refresh) {
            return Ok(Got::Ready(s));
        }
        let mut done = start(app);
        let finished = tokio::time::timeout(WAIT, done.changed()).await.is_ok();
        match (self.now(), self.progress.failure()) {
            (Some(s), _) => Ok(Got::Ready(s)),
            (None, Some(why)) if finished => Err(anyhow::anyhow!(why)),
            (None, _) => Ok(Got::Loading),
        }
    }

    /// Replaces the snapshot with `f` applied to a copy of it (no-op without one); `f` says
    /// which rows it changed, saved to the store one by one.
    pub fn update(&self, f: impl FnOnce(&mut Snapshot) -> Vec<super::store::Row>) {
        let mut slot = self.current.write().expect("snapshot");
        let Some(s) = slot.as_ref() else { return };
        let mut next = (**s).clone();
        let changed = f(&mut next);
        *slot = Some(Arc::new(next));
        if let Some(store) = &self.store {
            if let Err(e) = store.put_rows(&changed) {
                tracing::warn!("dashboard cache: {e:#}");
            }
        }
    }

    fn set(&self, s: Arc<Snapshot>) {
        *self.current.write().expect("snapshot") = Some(s);
    }
}

/// Starts a listing in the background unless one is running; the receiver changes when the
/// running one ends.
pub fn start(app: &Shared) -> watch::Receiver<u64> {
    let cache = &app.cache;
    let rx = cache.done.subscribe();
    if cache
        .running
        .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        return rx;
    }
    let app = app.clone();
    tokio::spawn(async move {
        let cache = &app.cache;
        cache.progress.start_listing();
        let read = data::load(&app).await;
        let outcome = read.as_ref().map(|_| ()).map_err(|e| format!("{e:#}"));
        if let Ok(fresh) = read {
            let fresh = Arc::new(fresh);
            save(&app, &fresh).await;
            // The fill is counted before the listing ends, so the pages never look done early.
            fills::spawn(&app, &fresh);
            cache.set(fresh);
        }
        cache.progress.end_listing(outcome);
        cache.running.store(false, Ordering::SeqCst);
        cache.done.send_modify(|n| *n += 1);
    });
    rx
}

/// Saves `s` off the async threads (15,000 rows take a moment); a failure is logged, the
/// pages keep working from memory.
async fn save(app: &Shared, s: &Arc<Snapshot>) {
    if app.cache.store.is_none() {
        return;
    }
    let (app, s) = (app.clone(), s.clone());
    let saved = tokio::task::spawn_blocking(move || match &app.cache.store {
        Some(store) => store.save(&s),
        None => Ok(()),
    })
    .await;
    match saved {
        Ok(Err(e)) => tracing::warn!("dashboard cache: {e:#}"),
        Err(e) => tracing::warn!("dashboard cache: {e}"),
        Ok(Ok(())) => {}
    }
}

/// At start: the saved snapshot's missing values are read on (a fill a kill interrupted), and
/// a listing checks what changed while the dashboard was not running.
pub fn on_start(app: &Shared) {
    if let Some(s) = app.cache.now() {
        fills::spawn(app, &s);
    }
    start(app);
}
