//! The emulator's whole state: one value per service behind one lock, advanced lazily to "now"
//! before each request so asynchronous lifecycles need no background tasks, and the outbox of
//! the events their changes announce.

use chrono::{DateTime, Utc};

use super::agreement::AgreementState;
use super::catalog::CatalogState;
use super::clock::{Clock, Timings};
use super::outbox::Outbox;
use super::partner::PartnerState;

/// Everything the emulator knows.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct World {
    /// Set from the command line at every start; not part of the saved data.
    #[serde(skip)]
    pub timings: Timings,
    /// The emulated clock; saved so a restart keeps the date a seller advanced to.
    #[serde(default)]
    pub clock: Clock,
    pub catalog: CatalogState,
    pub partner: PartnerState,
    pub agreement: AgreementState,
    /// The changes AWS would announce on EventBridge, recorded where they happen.
    #[serde(default)]
    pub outbox: Outbox,
}

impl World {
    #[cfg(test)]
    pub fn new(timings: Timings) -> Self {
        World {
            timings,
            ..World::default()
        }
    }

    /// The emulated current instant.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Moves every asynchronous process forward to `now`, in dependency order: change sets
    /// (which release offers), then buyer acceptance (which reads released offers), then tasks.
    pub fn advance(&mut self, now: DateTime<Utc>) {
        let outbox = &mut self.outbox;
        self.catalog.advance(now, &self.timings, outbox);
        self.agreement
            .advance(now, &self.timings, &self.catalog, outbox);
        self.partner.advance(now, &self.timings, outbox);
    }
}
