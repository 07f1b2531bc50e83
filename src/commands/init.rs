//! `mpctl init [DIR]`: a starter project — config.json (every default spelled out),
//! buyer_ids.txt (one sample buyer), shared_env.json (an empty run state), a .gitignore (for
//! the run state and lock files) and changesets/
//! (the whole embedded template library) — written without overwriting anything: each file
//! is created only if it does not exist, and the result says what was written and what kept.

use std::io::Write;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;

use crate::library;
use crate::output::{table, Printer, Report};
use crate::project::config::Config;
use crate::project::state::State;

/// Keeps what is specific to one person's runs out of version control: the run state (ids
/// created in one account, requests in flight) and the files mpctl uses while a command runs.
const GITIGNORE: &str = "# mpctl: the run state is per account and per run; do not commit it.\nshared_env.json\n# What bulk refunds sent (an SQLite journal per CSV).\n*.journal\n# Held only while a command runs (lock) or saves (temporary file).\n*.lock\n.*.tmp\n";

const BUYERS: &str = "# Buyer AWS account ids: one 12-digit id per line; lines starting with # are comments.\n# Replace the sample with your buyers' accounts.\n111122223333\n";

/// Every file of a starter project, relative path → content.
fn files() -> anyhow::Result<Vec<(PathBuf, String)>> {
    let mut out = vec![
        (
            PathBuf::from("config.json"),
            serde_json::to_string_pretty(&Config::default())? + "\n",
        ),
        (PathBuf::from("buyer_ids.txt"), BUYERS.to_string()),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (
            PathBuf::from("shared_env.json"),
            serde_json::to_string_pretty(&State::default())? + "\n",
        ),
    ];
    for t in library::TEMPLATES {
        out.push((
            Path::new("changesets").join(t.file_name()),
            t.text.to_string(),
        ));
    }
    Ok(out)
}

/// Creates `path` with `text` unless it exists; true if written.
fn create_new(path: &Path, text: &str) -> anyhow::Result<bool> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(anyhow::anyhow!("{}: cannot create: {e}", path.display())),
    }
}

/// `init`: what was written and what kept.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Initialized {
    /// The project directory.
    pub dir: String,
    /// Files created (relative to `dir`).
    pub written: Vec<String>,
    /// Files that existed and were left alone.
    pub kept: Vec<String>,
}

impl Report for Initialized {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .written
            .iter()
            .map(|f| vec![f.clone(), "written".into()])
            .chain(
                self.kept
                    .iter()
                    .map(|f| vec![f.clone(), "kept (exists)".into()]),
            )
            .collect();
        format!(
            "{}\n\n{} written, {} kept in {}. Next: edit config.json and buyer_ids.txt, then `mpctl run-all --local` to rehearse.",
            table(&["FILE", "STATUS"], &rows),
            self.written.len(),
            self.kept.len(),
            self.dir
        )
    }
}

pub fn run(printer: &Printer, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("changesets")).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create the project directory: {e}",
            dir.display()
        )
    })?;
    let (mut written, mut kept) = (Vec::new(), Vec::new());
    for (rel, text) in files()? {
        let name = rel.to_string_lossy().replace('\\', "/");
        if create_new(&dir.join(&rel), &text)? {
            written.push(name);
        } else {
            kept.push(name);
        }
    }
    // `.` would print as "kept in .."; the full path says where the project is.
    let shown = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    printer.print(&Initialized {
        dir: shown.display().to_string(),
        written,
        kept,
    });
    Ok(())
}
