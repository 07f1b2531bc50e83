//! The current [`Snapshot`], kept until the user asks for a refresh or an action changes
//! something, so a page view costs no AWS call after the first. Reading one ([`data`]) and
//! filling its per-row columns in the background ([`fills`]) are separate modules; starting
//! the fills when a snapshot is fresh is decided here, so neither of them needs the other.

use std::sync::Arc;

use tokio::sync::Mutex;

use super::data::{self, Snapshot};
use super::{fills, Shared};

/// The current snapshot; a tokio mutex so concurrent page views wait for one read.
#[derive(Default)]
pub struct Cache(Mutex<Option<Arc<Snapshot>>>);

impl Cache {
    /// The snapshot, read first when there is none or `refresh`; a fresh one starts filling
    /// its per-row columns in the background.
    pub async fn get(&self, app: &Shared, refresh: bool) -> anyhow::Result<Arc<Snapshot>> {
        let mut slot = self.0.lock().await;
        if let (Some(s), false) = (slot.as_ref(), refresh) {
            return Ok(s.clone());
        }
        let fresh = Arc::new(data::load(app).await?);
        fills::spawn(app, &fresh);
        *slot = Some(fresh.clone());
        Ok(fresh)
    }

    /// Forgets the snapshot (after an action changed something).
    pub async fn clear(&self) {
        *self.0.lock().await = None;
    }
}
