//! The one atomic file writer, shared by the client's state file and the emulator's `--data`
//! file: a reader (or a process started after a crash) sees the old content or the new, never
//! a mix. The bytes go to a temporary file in the same directory, which is fsynced, renamed
//! over the target, and the directory fsynced so the rename itself survives a power loss.
//! Its own crate because the emulator may not depend on the client, nor the client's state
//! handling on the emulator.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where a write is, for callers that inject crashes there in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Half the bytes are in the temporary file (fsynced), the target is untouched.
    MidWrite,
    /// The temporary file is complete; the target still holds the old content.
    BeforeRename,
    /// The target holds the new content.
    AfterRename,
}

/// Replaces `path` with `bytes` atomically, calling `at` at each [`Stage`].
pub fn write(path: &Path, bytes: &[u8], at: impl Fn(Stage)) -> anyhow::Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    tmp.write_all(head)?;
    tmp.as_file().sync_all()?;
    at(Stage::MidWrite);
    tmp.write_all(tail)?;
    tmp.as_file().sync_all()?;
    at(Stage::BeforeRename);
    tmp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    at(Stage::AfterRename);
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The directory holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_holds_the_old_content_until_the_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, "old").unwrap();
        write(&path, b"new content", |stage| {
            let now = std::fs::read_to_string(&path).unwrap();
            let want = if stage == Stage::AfterRename {
                "new content"
            } else {
                "old"
            };
            assert_eq!(now, want, "{stage:?}");
        })
        .unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
    }
}
