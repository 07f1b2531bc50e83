//! The bulk refund journal: what became of each refund of a CSV, in an embedded SQLite database
//! next to it (`refunds.csv` → `refunds.journal`). A refund cannot be undone, so a re-run after
//! a crash, a kill or Ctrl-C must never send one twice: each batch's refunds are recorded as
//! `sent` (with the `clientToken` they carry) in one transaction before the call, and as
//! `created` (with AWS's `ba-…` id) or `failed` in one transaction after it. SQLite's
//! transactions make each step all or nothing whatever the instant of a kill; a file
//! rewritten whole would not (see the brief: state that must survive a crash lives in a
//! transactional store).
//!
//! A refund's key is its `clientToken`, derived from its content (see
//! `agreement::refund::entry_body`), so editing or reordering other rows of the CSV changes
//! nothing for it. A `sent` refund is re-sent with the same token: within AWS's 8-hour
//! idempotency window AWS answers with the refund it already created.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use crate::project::csv_journal::{self, Kind};

/// Where a refund stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Sent, answer not recorded: the next run sends it again with the same token.
    Sent,
    /// AWS created it (`ba-…`).
    Created(String),
    /// AWS refused it: (code, message). The next run tries again.
    Failed(String, String),
}

/// One refund's record.
#[derive(Debug, Clone)]
pub struct Record {
    pub status: Status,
    /// RFC 3339, when it was last sent.
    pub sent_at: String,
}

pub struct Journal {
    db: Connection,
    pub path: PathBuf,
}

const KIND: Kind = Kind {
    name: "refund journal",
    records: "refunds",
    schema: "CREATE TABLE IF NOT EXISTS refunds (
                token TEXT PRIMARY KEY,
                line INTEGER NOT NULL,
                status TEXT NOT NULL,
                refund_id TEXT,
                error_code TEXT,
                error TEXT,
                sent_at TEXT NOT NULL
            );",
};

impl Journal {
    /// The journal of `csv` if it exists, else an empty one in memory (nothing on disk until
    /// [`Journal::persist`]: a run refused for bad input leaves no file behind).
    pub fn peek(csv: &Path) -> anyhow::Result<Journal> {
        let db = csv_journal::peek(csv, &KIND)?;
        Ok(Journal {
            path: csv_journal::path_for(csv),
            db,
        })
    }

    /// This journal on disk, before the first row is sent.
    pub fn persist(self, csv: &Path) -> anyhow::Result<Journal> {
        let db = csv_journal::persist(self.db, csv, &KIND)?;
        Ok(Journal {
            path: csv_journal::path_for(csv),
            db,
        })
    }

    /// The record of the refund with `token`, if it was ever sent.
    pub fn get(&self, token: &str) -> anyhow::Result<Option<Record>> {
        let row = self
            .db
            .query_row(
                "SELECT status, refund_id, error_code, error, sent_at FROM refunds WHERE token = ?1",
                params![token],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(status, id, code, error, sent_at)| Record {
            status: match (status.as_str(), id) {
                ("created", Some(id)) => Status::Created(id),
                ("failed", _) => {
                    Status::Failed(code.unwrap_or_default(), error.unwrap_or_default())
                }
                _ => Status::Sent,
            },
            sent_at,
        }))
    }

    /// Records `batch` ((token, line) of each refund) as sent, all or none.
    pub fn sent(&mut self, batch: &[(String, u64)], at: &str) -> anyhow::Result<()> {
        let tx = self.db.transaction()?;
        for (token, line) in batch {
            tx.execute(
                "INSERT INTO refunds (token, line, status, sent_at) VALUES (?1, ?2, 'sent', ?3)
                 ON CONFLICT(token) DO UPDATE SET line = ?2, status = 'sent',
                     error_code = NULL, error = NULL, sent_at = ?3
                 WHERE status != 'created'",
                params![token, line, at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records AWS's answer to one call, all or none: `created` (token, `ba-…`) and `failed`
    /// (token, code, message).
    pub fn answered(
        &mut self,
        created: &[(String, String)],
        failed: &[(String, String, String)],
    ) -> anyhow::Result<()> {
        let tx = self.db.transaction()?;
        for (token, id) in created {
            tx.execute(
                "UPDATE refunds SET status = 'created', refund_id = ?2 WHERE token = ?1",
                params![token, id],
            )?;
        }
        for (token, code, message) in failed {
            tx.execute(
                "UPDATE refunds SET status = 'failed', error_code = ?2, error = ?3
                 WHERE token = ?1 AND status != 'created'",
                params![token, code, message],
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
    fn a_refund_goes_from_sent_to_created_and_stays_created() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("refunds.csv");
        let mut j = Journal::peek(&csv).unwrap().persist(&csv).unwrap();
        assert!(j.get("t1").unwrap().is_none());
        j.sent(
            &[("t1".into(), 2), ("t2".into(), 3)],
            "2026-12-07T00:00:00Z",
        )
        .unwrap();
        assert_eq!(j.get("t1").unwrap().unwrap().status, Status::Sent);
        let failed = [(
            "t2".into(),
            "VALIDATION_EXCEPTION".into(),
            "too much".into(),
        )];
        j.answered(&[("t1".into(), "ba-1".into())], &failed)
            .unwrap();
        drop(j);
        let mut j = Journal::peek(&csv).unwrap().persist(&csv).unwrap();
        assert_eq!(
            j.get("t1").unwrap().unwrap().status,
            Status::Created("ba-1".into())
        );
        j.sent(&[("t1".into(), 2)], "2026-12-08T00:00:00Z").unwrap();
        assert_eq!(
            j.get("t1").unwrap().unwrap().status,
            Status::Created("ba-1".into())
        );
        let t2 = j.get("t2").unwrap().unwrap().status;
        assert_eq!(
            t2,
            Status::Failed("VALIDATION_EXCEPTION".into(), "too much".into())
        );
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("refunds.csv");
        std::fs::write(
            csv_journal::path_for(&csv),
            "not a database, but someone's notes",
        )
        .unwrap();
        assert!(Journal::peek(&csv).is_err());
        let kept = std::fs::read_to_string(csv_journal::path_for(&csv)).unwrap();
        assert_eq!(kept, "not a database, but someone's notes");
    }
}
