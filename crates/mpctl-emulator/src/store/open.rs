//! What `--data FILE` holds before the store opens it: nothing (missing or empty: a new
//! store), a store (SQLite with the emulator's `application_id`), a version-2 JSON data file
//! (migrated: the store is built beside it and renamed over it, the JSON kept as
//! `FILE.v2.json`), or anything else — refused with a message naming the file, which is left
//! byte for byte as it was.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::Value;

use crate::world::World;

/// The JSON data file format the store replaces.
const JSON_VERSION: u64 = 2;

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// A data file that cannot be used (unreadable, corrupt, another version, not the emulator's):
/// the emulator does not start, and the file is left as it is.
#[derive(Debug)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

/// Leaves `path` ready for [`super::Store::open`]: absent, empty or a store of ours.
pub fn prepare(path: &Path) -> anyhow::Result<()> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(refuse(path, &format!("cannot read: {e}"))),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        if !bytes.is_empty() {
            std::fs::write(path, b"")?;
        }
        return Ok(());
    }
    if bytes.starts_with(SQLITE_MAGIC) {
        return check_ours(path);
    }
    let json: Value = serde_json::from_slice(&bytes).map_err(|e| {
        refuse(
            path,
            &format!(
                "line {} column {}: neither an emulator store nor an emulator JSON data file: {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    match json.get("mpctl_emulator_data").and_then(Value::as_u64) {
        Some(JSON_VERSION) => migrate(path, &bytes, &json),
        Some(v) => Err(refuse(
            path,
            &format!(
                "/mpctl_emulator_data: version {v} is not one this mpctl reads ({JSON_VERSION})"
            ),
        )),
        None => Err(refuse(
            path,
            "JSON without /mpctl_emulator_data: not an emulator data file",
        )),
    }
}

fn refuse(path: &Path, why: &str) -> anyhow::Error {
    DataError(format!(
        "{}: {why}\n  hint: point --data at a new, empty file (`touch FILE`), or restore this one; it has not been changed",
        path.display()
    ))
    .into()
}

/// An SQLite file is ours when it carries our `application_id` (or is an SQLite file with no
/// tables yet).
fn check_ours(path: &Path) -> anyhow::Result<()> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| refuse(path, &format!("cannot open as SQLite: {e}")))?;
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| refuse(path, &format!("cannot read as SQLite: {e}")))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| refuse(path, &format!("cannot read as SQLite: {e}")))?;
    match id == super::APPLICATION_ID || tables == 0 {
        true => Ok(()),
        false => Err(refuse(
            path,
            "an SQLite database that is not an emulator store",
        )),
    }
}

/// `FILE` → `FILE.v2.json`, with the world moved into a new store at `FILE`. Built beside it
/// first and renamed over it, so an interruption leaves the JSON file in place.
fn migrate(path: &Path, bytes: &[u8], json: &Value) -> anyhow::Result<()> {
    let world: World = serde_json::from_value(json["world"].clone())
        .map_err(|e| refuse(path, &format!("/world: not an emulator world: {e}")))?;
    let kept = sibling(path, ".v2.json");
    mpctl_atomic::write(&kept, bytes, |_| {})?;
    let building = sibling(path, ".migrating");
    for p in [
        &building,
        &sibling(&building, "-wal"),
        &sibling(&building, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
    {
        let conn = super::connect(&building)?;
        conn.execute(
            "INSERT INTO snapshot (id, seq, world, version) VALUES (1, 0, ?1, ?2)",
            rusqlite::params![serde_json::to_string(&world)?, super::VERSION],
        )?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    std::fs::rename(&building, path)?;
    eprintln!(
        "emulator: {} was a version-2 JSON data file: renamed to {}; the world is now in the store at {}",
        path.display(),
        kept.display(),
        path.display()
    );
    Ok(())
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
