//! `--data FILE`: the emulator's whole world survives a restart. The file is read once at
//! start-up and rewritten atomically (temp file, fsync, rename, directory fsync) after every
//! request, under the world lock, so it always holds the state after some complete request —
//! never half of one. Lifecycles are stored as absolute timestamps, so a change set that was
//! PREPARING when the emulator stopped finishes on schedule after it restarts.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Format version of the data file (2: Partner Central data per account, the saved clock).
const VERSION: u32 = 2;

#[derive(Serialize)]
struct Envelope<'a, T> {
    mpctl_emulator_data: u32,
    world: &'a T,
}

#[derive(Deserialize)]
struct Loaded<T> {
    mpctl_emulator_data: u32,
    world: T,
}

/// A data file that cannot be used (unreadable, corrupt, another version): the emulator does
/// not start, and the file is left as it is.
#[derive(Debug)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

/// Where the world is kept.
#[derive(Debug, Clone)]
pub struct DataFile {
    path: PathBuf,
}

impl DataFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        DataFile { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved world, or `None` when the file does not exist yet or is empty (a new world's
    /// file, created by the user). A file that cannot be read is an error naming it (and is
    /// left alone).
    pub fn load<T: DeserializeOwned>(&self) -> anyhow::Result<Option<T>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(DataError(format!("{}: cannot read: {e}", self.path.display())).into())
            }
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        let loaded: Loaded<T> = serde_json::from_str(&text).map_err(|e| {
            DataError(format!(
                "{}: line {} column {}: not an emulator data file: {e}\n  hint: point --data at a new, empty file (`touch FILE`), or restore this one; it will not be overwritten",
                self.path.display(),
                e.line(),
                e.column()
            ))
        })?;
        if loaded.mpctl_emulator_data != VERSION {
            return Err(DataError(format!(
                "{}: /mpctl_emulator_data: version {} is not the one this mpctl writes ({VERSION})\n  hint: use a new, empty --data file (`touch FILE`)",
                self.path.display(),
                loaded.mpctl_emulator_data
            ))
            .into());
        }
        Ok(Some(loaded.world))
    }

    /// Replaces the file with `world`, atomically.
    pub fn save<T: Serialize>(&self, world: &T) -> anyhow::Result<()> {
        let text = serde_json::to_vec(&Envelope {
            mpctl_emulator_data: VERSION,
            world,
        })?;
        mpctl_atomic::write(&self.path, &text, |_| {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataFile::new(dir.path().join("world.json"));
        assert!(data.load::<BTreeMap<String, u32>>().unwrap().is_none());
        let world = BTreeMap::from([("a".to_string(), 1u32)]);
        data.save(&world).unwrap();
        assert_eq!(data.load::<BTreeMap<String, u32>>().unwrap(), Some(world));
    }

    #[test]
    fn a_corrupt_file_is_an_error_naming_it_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("world.json");
        std::fs::write(&path, "{\"mpctl_emulator_data\": 1, \"world\": ").unwrap();
        let err = DataFile::new(&path)
            .load::<BTreeMap<String, u32>>()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("world.json") && err.contains("line 1"),
            "{err}"
        );
        assert!(std::fs::read_to_string(&path).unwrap().ends_with(": "));
    }
}
