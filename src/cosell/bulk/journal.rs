//! The bulk import journal: what became of each row of an opportunity CSV, in an embedded
//! SQLite database next to it (`opps.csv` → `opps.journal`), so a re-run after a kill or Ctrl-C
//! never creates an opportunity twice. A row is recorded `sent` (with its content digest) in
//! one transaction before its call and `done` (with the opportunity id) after it; SQLite's
//! transactions make each step all or nothing whatever the instant of a kill.
//!
//! A row's key is its `partner_opportunity_id`. A create carries a ClientToken derived from
//! that key alone, so a row `sent` but not `done` is re-sent with the same token and Partner
//! Central answers with the opportunity it already created. A row `done` with the same digest
//! is skipped; with another digest (the CRM changed it) it is updated.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::project::csv_journal::{self, Kind};

/// A row's record: `sent`, `done` or `failed`, the digest sent, the opportunity, the error.
#[derive(Debug, Clone)]
pub struct Record {
    pub status: String,
    pub digest: String,
    pub opportunity_id: Option<String>,
    pub error: Option<String>,
}

pub struct Journal {
    db: Connection,
}

const KIND: Kind = Kind {
    name: "import journal",
    records: "rows",
    schema: "CREATE TABLE IF NOT EXISTS rows (
                key TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                digest TEXT NOT NULL,
                opportunity_id TEXT,
                error TEXT
            );",
};

impl Journal {
    /// The journal of `csv` if it exists, else an empty one in memory (nothing on disk until
    /// [`Journal::persist`]: a run refused for bad input leaves no file behind).
    pub fn peek(csv: &Path) -> anyhow::Result<Journal> {
        let db = csv_journal::peek(csv, &KIND)?;
        Ok(Journal { db })
    }

    /// This journal on disk, before the first row is sent.
    pub fn persist(self, csv: &Path) -> anyhow::Result<Journal> {
        let db = csv_journal::persist(self.db, csv, &KIND)?;
        Ok(Journal { db })
    }

    pub fn get(&self, key: &str) -> anyhow::Result<Option<Record>> {
        let row = self
            .db
            .query_row(
                "SELECT status, digest, opportunity_id, error FROM rows WHERE key = ?1",
                params![key],
                |r| {
                    Ok(Record {
                        status: r.get(0)?,
                        digest: r.get(1)?,
                        opportunity_id: r.get(2)?,
                        error: r.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// Records the row as sent with `digest`, keeping an opportunity id already known.
    pub fn sent(&mut self, key: &str, digest: &str) -> anyhow::Result<()> {
        self.db.execute(
            "INSERT INTO rows (key, status, digest) VALUES (?1, 'sent', ?2)
             ON CONFLICT(key) DO UPDATE SET status = 'sent', digest = ?2, error = NULL",
            params![key, digest],
        )?;
        Ok(())
    }

    /// Records AWS's answer: the opportunity (`done`) or the error (`failed`).
    pub fn answered(&mut self, key: &str, outcome: Result<&str, &str>) -> anyhow::Result<()> {
        match outcome {
            Ok(id) => self.db.execute(
                "UPDATE rows SET status = 'done', opportunity_id = ?2, error = NULL WHERE key = ?1",
                params![key, id],
            )?,
            Err(e) => self.db.execute(
                "UPDATE rows SET status = 'failed', error = ?2 WHERE key = ?1",
                params![key, e],
            )?,
        };
        Ok(())
    }
}
