//! The dashboard's cache on disk: what it last read (offers, agreements, opportunities, change
//! sets in flight, the post-sale counts) and every per-row value it filled (an agreement's
//! estimated value, an opportunity's associated offers, each with the row version it was read
//! at), in an embedded SQLite database, so a restart shows the first page at once and re-reads
//! only what changed. One file per target (see [`path_for`]): emulator and AWS data, or two
//! accounts, never share one.
//!
//! Crash safety: a snapshot is replaced in one transaction and each filled value is one
//! upsert, so a kill at any instant leaves the previous snapshot or the new one, and every
//! value read before it. The schema carries its version in `PRAGMA user_version`; a file with
//! another version (an older or newer mpctl) or that is not a database is rebuilt empty, never
//! a reason to fail.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::data::{ChangeSetRow, OfferRow, Snapshot, Waiting};
use super::rows;
use crate::settings::Settings;

/// Bump when a table changes: older files are rebuilt.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE agreements(id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE offers(id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE opportunities(id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE changesets(id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE fills(kind TEXT NOT NULL, id TEXT NOT NULL, version TEXT NOT NULL, value TEXT,
                   PRIMARY KEY(kind, id));
";

/// The cache file of this run's target: `<state dir>/.mpctl-dashboard/<target>.sqlite`, the
/// target naming where requests go (AWS, `--local` or the endpoint URL), the region, the
/// Partner Central catalog and the account (`who`: the account the credentials name, else the
/// profile).
pub fn path_for(settings: &Settings, who: &str) -> PathBuf {
    let target = format!(
        "{}-{}-{}-{}",
        settings.origin(),
        settings.region,
        settings.catalog.as_str(),
        who
    );
    let slug: String = target
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let dir = settings
        .state_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join(".mpctl-dashboard").join(format!("{slug}.sqlite"))
}

/// A saved per-row value: `(kind, id, version, value)` (`None`: its read failed).
pub type Fill = (String, String, String, Option<String>);

/// One row to save (`body`) or remove (`None`) in a table of the cache.
#[derive(Debug, Clone)]
pub struct Row {
    pub table: &'static str,
    pub id: String,
    pub body: Option<serde_json::Value>,
}

/// The open cache.
pub struct Store {
    db: Mutex<Connection>,
    pub path: PathBuf,
}

fn open_db(path: &Path) -> rusqlite::Result<Connection> {
    let db = Connection::open(path)?;
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    let version: i64 = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = db.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if version == SCHEMA_VERSION {
        return Ok(db);
    }
    if tables > 0 {
        // [I] Another version's cache: a cache can always be read again, so rebuild it.
        return Err(rusqlite::Error::InvalidQuery);
    }
    db.execute_batch(SCHEMA)?;
    db.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(db)
}

/// Removes the cache file and its WAL companions; true when there was one.
pub fn remove(path: &Path) -> std::io::Result<bool> {
    let mut found = false;
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => found = true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(found)
}

impl Store {
    /// Opens (creating) the cache at `path`; a file of another schema version, or not a
    /// database at all, is replaced by an empty cache.
    pub fn open(path: &Path) -> anyhow::Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        }
        let db = match open_db(path) {
            Ok(db) => db,
            Err(_) => {
                remove(path)?;
                open_db(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            }
        };
        Ok(Store {
            db: Mutex::new(db),
            path: path.to_path_buf(),
        })
    }

    /// The snapshot last saved, if any, with `now` moved on by the time since it was read.
    pub fn load(&self) -> anyhow::Result<Option<Snapshot>> {
        let db = self.db.lock().expect("cache");
        let meta = |k: &str| -> Option<String> {
            db.query_row("SELECT value FROM meta WHERE key=?1", [k], |r| r.get(0))
                .ok()
        };
        let (Some(taken), Some(now)) = (meta("taken"), meta("now")) else {
            return Ok(None);
        };
        let parse = |s: &str| DateTime::parse_from_rfc3339(s).map(|d| d.with_timezone(&Utc));
        let (taken, now) = (parse(&taken)?, parse(&now)?);
        let bodies = |table: &str| -> anyhow::Result<Vec<serde_json::Value>> {
            let mut stmt = db.prepare(&format!("SELECT body FROM {table} ORDER BY rowid"))?;
            let out = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .map(|b| Ok(serde_json::from_str(&b?)?))
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(out)
        };
        let agreements = bodies("agreements")?
            .iter()
            .map(rows::summary_from)
            .collect();
        let offers: Vec<OfferRow> = bodies("offers")?.iter().map(rows::offer_from).collect();
        let opportunities = bodies("opportunities")?
            .iter()
            .map(rows::opportunity_from)
            .collect();
        let changesets: Vec<ChangeSetRow> = bodies("changesets")?
            .iter()
            .map(rows::changeset_from)
            .collect();
        let waiting: Waiting = meta("waiting")
            .and_then(|w| serde_json::from_str::<serde_json::Value>(&w).ok())
            .map(|w| rows::waiting_from(&w))
            .unwrap_or_default();
        // [I] Days left count from the service's clock as last read, moved on by the time
        // that passed here since: the cache's rows stay right until the next read.
        let elapsed = Utc::now() - taken;
        Ok(Some(Snapshot {
            offers,
            agreements,
            opportunities,
            changesets,
            waiting,
            taken,
            now: now + elapsed.max(chrono::Duration::zero()),
            millis: 0,
            from_cache: true,
        }))
    }

    /// Replaces the saved snapshot with `s`, in one transaction.
    pub fn save(&self, s: &Snapshot) -> anyhow::Result<()> {
        let mut db = self.db.lock().expect("cache");
        let tx = db.transaction()?;
        for table in ["agreements", "offers", "opportunities", "changesets"] {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        {
            let put = |table: &str, id: &str, body: serde_json::Value| -> rusqlite::Result<()> {
                tx.prepare_cached(&format!(
                    "INSERT OR REPLACE INTO {table}(id, body) VALUES (?1, ?2)"
                ))?
                .execute(params![id, body.to_string()])?;
                Ok(())
            };
            for a in &s.agreements {
                put("agreements", &a.id, rows::summary_json(a))?;
            }
            for o in &s.offers {
                put("offers", &o.row.id, rows::offer_json(o))?;
            }
            for o in &s.opportunities {
                let id = o.opportunity_id.clone().unwrap_or_default();
                put("opportunities", &id, rows::opportunity_json(o))?;
            }
            for c in &s.changesets {
                put("changesets", &c.id, rows::changeset_json(c))?;
            }
        }
        let meta = [
            ("taken", s.taken.to_rfc3339()),
            ("now", s.now.to_rfc3339()),
            ("waiting", rows::waiting_json(&s.waiting).to_string()),
        ];
        for (k, v) in meta {
            tx.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                params![k, v],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Saves or removes a few rows (an event's), in one transaction.
    pub fn put_rows(&self, rows: &[Row]) -> anyhow::Result<()> {
        let mut db = self.db.lock().expect("cache");
        let tx = db.transaction()?;
        for r in rows {
            match &r.body {
                Some(body) => tx.execute(
                    &format!(
                        "INSERT INTO {}(id, body) VALUES (?1, ?2) ON CONFLICT(id) DO UPDATE SET body=excluded.body",
                        r.table
                    ),
                    params![r.id, body.to_string()],
                )?,
                None => tx.execute(&format!("DELETE FROM {} WHERE id=?1", r.table), [&r.id])?,
            };
        }
        tx.commit()?;
        Ok(())
    }

    /// Every filled value: `(kind, id, version, value)`.
    pub fn fills(&self) -> anyhow::Result<Vec<Fill>> {
        let db = self.db.lock().expect("cache");
        let mut stmt = db.prepare("SELECT kind, id, version, value FROM fills")?;
        let out = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    /// Saves one filled value (its own transaction: a kill keeps every value saved before).
    pub fn put_fill(
        &self,
        kind: &str,
        id: &str,
        version: &str,
        value: Option<&str>,
    ) -> anyhow::Result<()> {
        let db = self.db.lock().expect("cache");
        db.prepare_cached(
            "INSERT OR REPLACE INTO fills(kind, id, version, value) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![kind, id, version, value])?;
        Ok(())
    }
}
