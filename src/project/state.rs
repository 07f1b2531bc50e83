//! `shared_env.json`: the run state. Keys are those of AWS's published sample workflow (so a
//! file holding only `PRODUCT_ID` means "reuse this product") plus what mpctl needs to resume:
//! the exact request (with its idempotency token) of any write in flight, under `MPCTL`.
//!
//! Saved atomically (temp file, fsync, rename, fsync dir) and guarded by a lock file so two runs
//! cannot interleave; a corrupt file is reported and never overwritten.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use fs4::fs_std::FileExt;
use mpctl_atomic::Stage;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::exit::bad_input;

pub const STATE_VERSION: u32 = 1;

/// The run state. Unknown top-level keys are kept as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct State {
    #[serde(rename = "PRODUCT_ID", skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    #[serde(
        rename = "PRODUCT_CHANGESET_ID",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_changeset_id: Option<String>,
    #[serde(rename = "PUBLIC_OFFER_ID", skip_serializing_if = "Option::is_none")]
    pub public_offer_id: Option<String>,
    #[serde(rename = "OFFER_ID", skip_serializing_if = "Option::is_none")]
    pub offer_id: Option<String>,
    #[serde(rename = "OFFER_ARN", skip_serializing_if = "Option::is_none")]
    pub offer_arn: Option<String>,
    #[serde(rename = "OFFER_CHANGESET_ID", skip_serializing_if = "Option::is_none")]
    pub offer_changeset_id: Option<String>,
    #[serde(rename = "OPPORTUNITY_ID", skip_serializing_if = "Option::is_none")]
    pub opportunity_id: Option<String>,
    #[serde(rename = "SOLUTION_ID", skip_serializing_if = "Option::is_none")]
    pub solution_id: Option<String>,
    #[serde(rename = "ENGAGEMENT_TASK_ID", skip_serializing_if = "Option::is_none")]
    pub engagement_task_id: Option<String>,
    #[serde(rename = "ENGAGEMENT_ID", skip_serializing_if = "Option::is_none")]
    pub engagement_id: Option<String>,
    #[serde(
        rename = "OPPORTUNITY_REVIEW_STATUS",
        skip_serializing_if = "Option::is_none"
    )]
    pub review_status: Option<String>,
    #[serde(
        rename = "ASSOCIATED_OFFER_ARN",
        skip_serializing_if = "Option::is_none"
    )]
    pub associated_offer_arn: Option<String>,
    #[serde(rename = "AGREEMENT_ID", skip_serializing_if = "Option::is_none")]
    pub agreement_id: Option<String>,
    #[serde(rename = "OPPORTUNITY_STAGE", skip_serializing_if = "Option::is_none")]
    pub opportunity_stage: Option<String>,
    /// The opportunity `invitation accept` created from an AWS referral (the latest one).
    #[serde(
        rename = "REFERRAL_OPPORTUNITY_ID",
        skip_serializing_if = "Option::is_none"
    )]
    pub referral_opportunity_id: Option<String>,
    /// The engagement invitation that REFERRAL_OPPORTUNITY_ID was accepted from.
    #[serde(
        rename = "REFERRAL_INVITATION_ID",
        skip_serializing_if = "Option::is_none"
    )]
    pub referral_invitation_id: Option<String>,
    #[serde(rename = "MPCTL", default, skip_serializing_if = "Internal::is_empty")]
    pub internal: Internal,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// mpctl's own bookkeeping.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Internal {
    #[serde(default)]
    pub version: u32,
    /// Step name → the exact request of a write that may have reached AWS but whose result is
    /// not yet recorded. A resume re-sends it unchanged, so its idempotency token dedupes it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<String, Value>,
    /// Change set or task id → the last status a waiter saw for it, written only when it
    /// changes and dropped when the wait ends, so `status` shows work in flight as it stood.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub last_status: BTreeMap<String, String>,
    /// State key → where the run that set it sent its requests (see [`super::origin`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub created_on: BTreeMap<String, String>,
    /// Campaign rows: write → attempts that ended for good (part of its derived token).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attempts: BTreeMap<String, u32>,
}

impl Internal {
    fn is_empty(&self) -> bool {
        self.pending.is_empty()
            && self.attempts.is_empty()
            && self.last_status.is_empty()
            && self.created_on.is_empty()
    }

    /// The current attempt of a campaign row's write (0 for the first).
    pub fn attempt(&self, key: &str) -> u32 {
        self.attempts.get(key).copied().unwrap_or(0)
    }
}

/// Id prefixes that each key must carry, so a pasted wrong id fails before any call.
const ID_PREFIXES: &[(&str, &str)] = &[
    ("PRODUCT_ID", "prod-"),
    ("PUBLIC_OFFER_ID", "offer-"),
    ("OFFER_ID", "offer-"),
    ("OFFER_ARN", "arn:"),
    ("ASSOCIATED_OFFER_ARN", "arn:"),
    ("OPPORTUNITY_ID", "O"),
    ("AGREEMENT_ID", "agmt-"),
    ("REFERRAL_OPPORTUNITY_ID", "O"),
];

impl State {
    /// Reads the state file; a missing file is an empty state.
    pub fn load(path: &Path) -> anyhow::Result<State> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => {
                return Err(bad_input(format!(
                    "{}: cannot read state: {e}",
                    path.display()
                )))
            }
        };
        if text.trim().is_empty() {
            return Err(bad_input(format!(
                "{}: the state file is empty (truncated?)\n  hint: restore it from a backup, or delete it to start a new run; mpctl will not overwrite it",
                path.display()
            )));
        }
        let state: State = serde_json::from_str(&text).map_err(|e| {
            super::json_error(
                path,
                &e,
                "the state file is corrupt; fix the JSON or restore a backup (mpctl will not overwrite it)",
            )
        })?;
        state.check(path)?;
        Ok(state)
    }

    fn check(&self, path: &Path) -> anyhow::Result<()> {
        if self.internal.version > STATE_VERSION {
            return Err(bad_input(format!(
                "{}: /MPCTL/version: state version {} is newer than this mpctl understands ({STATE_VERSION})\n  hint: upgrade mpctl",
                path.display(),
                self.internal.version
            )));
        }
        let json = serde_json::to_value(self)?;
        for (key, prefix) in ID_PREFIXES {
            if let Some(v) = json.get(key).and_then(Value::as_str) {
                if !v.starts_with(prefix) || v.len() <= prefix.len() {
                    return Err(bad_input(format!(
                        "{}: /{key}: '{v}' does not look like an id of that kind (expected '{prefix}…')\n  hint: correct or remove the key",
                        path.display()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Writes the state atomically: temp file in the same directory, fsync, rename, fsync dir.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let mut copy = self.clone();
        copy.internal.version = STATE_VERSION;
        let mut text = serde_json::to_string_pretty(&copy)?;
        text.push('\n');
        mpctl_atomic::write(path, text.as_bytes(), |stage| {
            crate::crash::point(match stage {
                Stage::MidWrite => "state:mid-write",
                Stage::BeforeRename => "state:before-rename",
                Stage::AfterRename => "state:after-rename",
            })
        })
    }
}

/// An exclusive lock on `<state>.lock`, held while a command may write the state. The file
/// exists only while a run holds it: the holder deletes it (while still holding the lock) when
/// it ends. A crashed holder leaves the file behind, but not the lock (the OS drops it with
/// the process), so the next run simply takes it.
#[derive(Debug)]
pub struct StateLock {
    file: File,
    path: PathBuf,
}

impl StateLock {
    /// Takes the lock or fails at once naming the holder.
    pub fn acquire(state_path: &Path) -> anyhow::Result<StateLock> {
        let path = PathBuf::from(format!("{}.lock", state_path.display()));
        // Each retry means another run deleted the file in between: a few suffice.
        for _ in 0..100 {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)
                .with_context(|| format!("cannot open lock file {}", path.display()))?;
            if !matches!(FileExt::try_lock_exclusive(&file), Ok(true)) {
                return Err(held_by_another(state_path, &path));
            }
            // The holder we waited on may have deleted the file between our open and our lock:
            // then we hold a lock on a file nobody else can find, and must start again.
            if !is_current(&file, &path) {
                continue;
            }
            file.set_len(0)?;
            // One write, so a reader sees the whole line or nothing.
            file.write_all(format!("pid {}", std::process::id()).as_bytes())?;
            file.sync_all()?;
            return Ok(StateLock { file, path });
        }
        anyhow::bail!(
            "cannot lock {}: it keeps being replaced; is something deleting it?",
            path.display()
        )
    }
}

/// The error for a lock another process holds, naming it by the pid it wrote.
fn held_by_another(state_path: &Path, path: &Path) -> anyhow::Error {
    // The holder writes its pid right after locking: give it a moment to do so.
    let mut holder = String::new();
    for _ in 0..50 {
        holder = std::fs::read_to_string(path).unwrap_or_default();
        let complete = holder
            .trim()
            .strip_prefix("pid ")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if complete {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    anyhow::anyhow!(
        "{} is in use by another mpctl ({}); wait for it to finish, or stop it, then re-run `{}`",
        state_path.display(),
        if holder.trim().is_empty() {
            "unknown process".to_string()
        } else {
            holder.trim().to_string()
        },
        crate::resume::command_line()
    )
}

/// Whether the open `file` is still the one at `path` (same device and inode).
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(on_disk)) => open.dev() == on_disk.dev() && open.ino() == on_disk.ino(),
        _ => false,
    }
}

/// Windows does not delete a file another process has open, so the race cannot happen.
#[cfg(not(unix))]
fn is_current(_file: &File, _path: &Path) -> bool {
    true
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Deleted before unlocking: a run that opened the file meanwhile sees, once it gets the
        // lock, that the file is gone (`is_current`) and starts again on a new one.
        let _ = std::fs::remove_file(&self.path);
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_file_with_only_product_id_is_valid() {
        let s: State = serde_json::from_str(r#"{"PRODUCT_ID": "prod-abc"}"#).unwrap();
        assert_eq!(s.product_id.as_deref(), Some("prod-abc"));
    }

    #[test]
    fn unknown_keys_survive_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared_env.json");
        std::fs::write(&path, r#"{"PRODUCT_ID": "prod-abc", "MY_KEY": 7}"#).unwrap();
        let s = State::load(&path).unwrap();
        s.save(&path).unwrap();
        let again: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(again["MY_KEY"], 7);
        assert_eq!(again["PRODUCT_ID"], "prod-abc");
    }

    #[test]
    fn second_lock_fails_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared_env.json");
        let _held = StateLock::acquire(&path).unwrap();
        let err = StateLock::acquire(&path).unwrap_err().to_string();
        assert!(err.contains("pid"), "{err}");
    }

    #[test]
    fn the_lock_file_is_gone_once_released_and_a_stale_one_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared_env.json");
        let lock_path = dir.path().join("shared_env.json.lock");
        drop(StateLock::acquire(&path).unwrap());
        assert!(!lock_path.exists());
        // A crashed holder's file (no lock on it) does not stop the next run.
        std::fs::write(&lock_path, "pid 999999").unwrap();
        let held = StateLock::acquire(&path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&lock_path).unwrap(),
            format!("pid {}", std::process::id())
        );
        drop(held);
        assert!(!lock_path.exists());
    }

    /// Many lockers racing with holders that delete the file: never two holders at once.
    #[test]
    fn deleting_the_lock_file_never_lets_two_holders_in() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared_env.json");
        let inside = AtomicUsize::new(0);
        let taken = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let mut mine = 0;
                    while mine < 25 {
                        let Ok(lock) = StateLock::acquire(&path) else {
                            continue;
                        };
                        assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two holders");
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                        drop(lock);
                        mine += 1;
                        taken.fetch_add(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(taken.load(Ordering::SeqCst), 100);
        assert!(!dir.path().join("shared_env.json.lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_deleted_file_is_not_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let file = File::create(&path).unwrap();
        assert!(is_current(&file, &path));
        std::fs::remove_file(&path).unwrap();
        assert!(!is_current(&file, &path));
        File::create(&path).unwrap();
        assert!(!is_current(&file, &path));
    }
}
