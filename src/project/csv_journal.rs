//! The one way a bulk command's journal (`refunds.csv` → `refunds.journal`, usage, opportunity
//! imports) is opened: an SQLite file beside its CSV, written with `synchronous=FULL` so a row
//! recorded as sent survives a crash, created only once the first row is about to be sent (a
//! run refused for bad input leaves no file behind), and a file that is not such a journal
//! refused (exit 2) and left as it is. Each command owns its table and its records.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::exit::bad_input;

/// What a journal is called in messages and what table it holds.
pub struct Kind {
    /// e.g. `refund journal`.
    pub name: &'static str,
    /// What it records of its CSV, e.g. `refunds` (`it records which refunds of refunds.csv
    /// were sent`).
    pub records: &'static str,
    /// `CREATE TABLE IF NOT EXISTS …`.
    pub schema: &'static str,
}

/// `X.csv` → `X.journal`.
pub fn path_for(csv: &Path) -> PathBuf {
    csv.with_extension("journal")
}

/// The journal of `csv` if it exists, else an empty one in memory (see [`persist`]).
pub fn peek(csv: &Path, kind: &Kind) -> anyhow::Result<Connection> {
    match path_for(csv).exists() {
        true => open(csv, kind),
        false => at(csv, kind, Connection::open_in_memory()),
    }
}

/// `db` on disk, before the first row is sent: itself when it already is, else the journal of
/// `csv` opened (or created).
pub fn persist(db: Connection, csv: &Path, kind: &Kind) -> anyhow::Result<Connection> {
    match db.path().is_some_and(|p| !p.is_empty()) {
        true => Ok(db),
        false => open(csv, kind),
    }
}

/// Opens (or creates) the journal of `csv`.
pub fn open(csv: &Path, kind: &Kind) -> anyhow::Result<Connection> {
    at(csv, kind, Connection::open(path_for(csv)))
}

fn at(csv: &Path, kind: &Kind, db: rusqlite::Result<Connection>) -> anyhow::Result<Connection> {
    let path = path_for(csv);
    let broken = |e: rusqlite::Error| {
        bad_input(format!(
            "{}: not a {} mpctl can read ({e}); nothing was sent\n  hint: it records which {} of {} were sent — move it aside only if none were",
            path.display(),
            kind.name,
            kind.records,
            csv.display()
        ))
    };
    let db = db.map_err(broken)?;
    db.pragma_update(None, "synchronous", "FULL")
        .map_err(broken)?;
    db.execute_batch(kind.schema).map_err(broken)?;
    Ok(db)
}
