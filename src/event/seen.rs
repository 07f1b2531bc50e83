//! The forwarder's journal: the ids of the events already delivered, in an embedded SQLite
//! database (the house pattern of `refund::journal`). An id is recorded in one transaction
//! after its command or POST succeeded and before its message is deleted, so a kill at any
//! instant either re-delivers the event (at least once) or finds it recorded and only deletes
//! the message (a duplicate, recognised by id).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

pub struct Seen {
    db: Connection,
}

impl Seen {
    /// Opens (creating if needed) the journal at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Seen> {
        let db = Connection::open(path)?;
        db.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
             CREATE TABLE IF NOT EXISTS delivered (
                 id TEXT PRIMARY KEY, detail_type TEXT NOT NULL, delivered_at TEXT NOT NULL);",
        )?;
        Ok(Seen { db })
    }

    /// Whether the event was delivered already.
    pub fn contains(&self, id: &str) -> anyhow::Result<bool> {
        let found: Option<i64> = self
            .db
            .query_row("SELECT 1 FROM delivered WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(found.is_some())
    }

    /// Records a delivered event (durably, before its message is deleted).
    pub fn record(&self, id: &str, detail_type: &str) -> anyhow::Result<()> {
        self.db.execute(
            "INSERT OR IGNORE INTO delivered (id, detail_type, delivered_at) VALUES (?1, ?2, ?3)",
            params![id, detail_type, chrono::Utc::now().to_rfc3339()],
        )?;
        Ok(())
    }

    /// How many events were delivered so far.
    pub fn count(&self) -> anyhow::Result<u64> {
        Ok(self
            .db
            .query_row("SELECT COUNT(*) FROM delivered", [], |r| r.get(0))?)
    }
}
