//! The files a user edits or keeps: `config.json`, `buyer_ids.txt` and the run state in
//! `shared_env.json`. Each loader names the file and line or JSON path of any problem.

pub mod buyers;
pub mod config;
mod config_shape;
pub mod csv_journal;
pub mod csv_table;
pub mod ids;
pub mod origin;
pub mod samples;
pub mod state;

use std::path::Path;

/// `serde_json` error → "FILE: line L column C: message" with a fix hint.
pub fn json_error(path: &Path, err: &serde_json::Error, hint: &str) -> anyhow::Error {
    crate::exit::bad_input(format!(
        "{}: line {} column {}: {}\n  hint: {hint}",
        path.display(),
        err.line(),
        err.column(),
        err
    ))
}
