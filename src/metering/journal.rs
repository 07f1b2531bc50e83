//! The usage journal: what became of each row of a usage CSV, in an embedded SQLite database
//! next to it (`usage.csv` → `usage.journal`), the shape of the bulk refund journal. Each
//! call's rows are recorded as `sent` in one transaction before the call, and AWS's answer for
//! each (`metered` with its MeteringRecordId, `not-subscribed`, `duplicate`, or `failed`) in one
//! transaction after it, so a kill at any instant leaves every row either known or `sent`.
//! A `sent` row is sent again on the next run: AWS de-duplicates identical records (same
//! buyer, dimension, timestamp and quantity) and answers with the record it already has, so
//! each row is recorded exactly once.
//!
//! A row's key is derived from its content (product code, buyer, dimension, timestamp,
//! quantity), so editing or reordering other rows changes nothing for it.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::project::csv_journal::{self, Kind};

/// Where a row stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Sent, answer not recorded: the next run sends it again (AWS answers with its record).
    Sent,
    /// AWS recorded it (`MeteringRecordId`).
    Metered(String),
    /// Answered, not recorded: `not-subscribed`, `duplicate` (another quantity was recorded for
    /// the same buyer, dimension and time), or `failed` (the call failed, or AWS left the
    /// record unprocessed); with the error text.
    Refused(String, String),
}

impl Status {
    /// Whether a re-run has nothing more to do for the row (`duplicate` cannot change).
    pub fn is_final(&self) -> bool {
        match self {
            Status::Metered(_) => true,
            Status::Refused(s, _) => s == "duplicate",
            Status::Sent => false,
        }
    }
}

pub struct Journal {
    db: Connection,
}

const KIND: Kind = Kind {
    name: "usage journal",
    records: "rows",
    schema: "CREATE TABLE IF NOT EXISTS usage (
                key TEXT PRIMARY KEY,
                line INTEGER NOT NULL,
                status TEXT NOT NULL,
                record_id TEXT,
                error TEXT,
                sent_at TEXT NOT NULL
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

    /// Where the row with `key` stands, if it was ever sent.
    pub fn get(&self, key: &str) -> anyhow::Result<Option<Status>> {
        let row = self
            .db
            .query_row(
                "SELECT status, record_id, error FROM usage WHERE key = ?1",
                params![key],
                |r| {
                    let status: String = r.get(0)?;
                    let id: Option<String> = r.get(1)?;
                    let error: Option<String> = r.get(2)?;
                    Ok((status, id, error))
                },
            )
            .optional()?;
        Ok(row.map(|(status, id, error)| match (status.as_str(), id) {
            ("metered", Some(id)) => Status::Metered(id),
            ("sent", _) => Status::Sent,
            (other, _) => Status::Refused(other.to_string(), error.unwrap_or_default()),
        }))
    }

    /// Records one call's rows ((key, line)) as sent, all or none.
    pub fn sent(&mut self, batch: &[(String, u64)], at: &str) -> anyhow::Result<()> {
        let tx = self.db.transaction()?;
        for (key, line) in batch {
            tx.execute(
                "INSERT INTO usage (key, line, status, sent_at) VALUES (?1, ?2, 'sent', ?3)
                 ON CONFLICT(key) DO UPDATE SET line = ?2, status = 'sent', error = NULL,
                     sent_at = ?3
                 WHERE status != 'metered'",
                params![key, line, at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records AWS's answer to one call, all or none: (key, status) of each row answered.
    pub fn answered(&mut self, answers: &[(String, Status)]) -> anyhow::Result<()> {
        let tx = self.db.transaction()?;
        for (key, status) in answers {
            let (status, id, error) = match status {
                Status::Metered(id) => ("metered", Some(id.as_str()), None),
                Status::Refused(s, e) => (s.as_str(), None, Some(e.as_str())),
                Status::Sent => continue,
            };
            tx.execute(
                "UPDATE usage SET status = ?2, record_id = ?3, error = ?4
                 WHERE key = ?1 AND status != 'metered'",
                params![key, status, id, error],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_goes_from_sent_to_metered_and_stays_metered() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("usage.csv");
        let mut j = Journal::peek(&csv).unwrap().persist(&csv).unwrap();
        assert!(j.get("k1").unwrap().is_none());
        j.sent(&[("k1".into(), 2), ("k2".into(), 3)], "t").unwrap();
        assert_eq!(j.get("k1").unwrap(), Some(Status::Sent));
        let refused = Status::Refused("not-subscribed".into(), "no agreement".into());
        j.answered(&[
            ("k1".into(), Status::Metered("m-1".into())),
            ("k2".into(), refused.clone()),
        ])
        .unwrap();
        drop(j);
        let mut j = Journal::peek(&csv).unwrap().persist(&csv).unwrap();
        j.sent(&[("k1".into(), 2)], "t2").unwrap();
        assert_eq!(j.get("k1").unwrap(), Some(Status::Metered("m-1".into())));
        assert_eq!(j.get("k2").unwrap(), Some(refused));
    }
}
