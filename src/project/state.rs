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
}

impl Internal {
    fn is_empty(&self) -> bool {
        self.pending.is_empty()
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

/// An exclusive lock on `<state>.lock`, held while a command may write the state.
#[derive(Debug)]
pub struct StateLock {
    file: File,
    path: PathBuf,
}

impl StateLock {
    /// Takes the lock or fails at once naming the holder.
    pub fn acquire(state_path: &Path) -> anyhow::Result<StateLock> {
        let path = PathBuf::from(format!("{}.lock", state_path.display()));
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open lock file {}", path.display()))?;
        match FileExt::try_lock_exclusive(&file) {
            Ok(true) => {}
            Ok(false) | Err(_) => {
                // The holder writes its pid right after locking: give it a moment to do so.
                let mut holder = String::new();
                for _ in 0..50 {
                    holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let complete = holder
                        .trim()
                        .strip_prefix("pid ")
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                    if complete {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                anyhow::bail!(
                    "{} is in use by another mpctl ({}); wait for it to finish, or stop it, then re-run `{}`",
                    state_path.display(),
                    if holder.trim().is_empty() {
                        "unknown process".to_string()
                    } else {
                        holder.trim().to_string()
                    },
                    crate::resume::command_line()
                );
            }
        }
        file.set_len(0)?;
        // One write, so a reader sees the whole line or nothing.
        file.write_all(format!("pid {}", std::process::id()).as_bytes())?;
        file.sync_all()?;
        Ok(StateLock { file, path })
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = FileExt::unlock(&self.file);
        let _ = &self.path;
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
}
