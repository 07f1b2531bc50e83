//! Named AWS profiles: whether one is defined in the files the SDK reads (`AWS_CONFIG_FILE` or
//! `~/.aws/config`, `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`). Checked before any
//! request, so a misspelt `--profile` or `buyer_profile` is reported as exactly that — the
//! name and the files read, exit 2 — instead of the credential chain falling through to EC2
//! instance metadata and the first call failing for want of a connection.

use std::path::{Path, PathBuf};

use crate::exit::bad_input;

/// Where a profile name came from, for the message and its hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// `--profile`: the seller's credentials.
    Seller,
    /// `--buyer-profile`.
    BuyerFlag,
    /// config.json `"buyer_profile"`.
    BuyerConfig,
}

/// Ok when `name` is defined in the config or credentials file; else the error naming the
/// profile, the files read and the fixes (exit 2).
pub fn check(name: &str, named: &Named, region: &str) -> anyhow::Result<()> {
    let files = files();
    if files.iter().any(|f| f.defines(name)) {
        return Ok(());
    }
    let read = files
        .iter()
        .map(ProfileFile::describe)
        .collect::<Vec<_>>()
        .join(" nor ");
    let what = match named {
        Named::Seller => format!("AWS profile '{name}' (region {region})"),
        Named::BuyerFlag => format!("buyer profile '{name}' (--buyer-profile)"),
        Named::BuyerConfig => format!("buyer profile '{name}' (config.json \"buyer_profile\")"),
    };
    let create = format!(
        "add it with `aws configure --profile {name}` (or `aws configure sso`, then `aws sso login --profile {name}`)"
    );
    let instead = match named {
        Named::Seller => "or pick another with --profile NAME; to rehearse without AWS use --local",
        Named::BuyerFlag => {
            "or name another with --buyer-profile; against the emulator none is needed"
        }
        Named::BuyerConfig => {
            "or fix \"buyer_profile\" in config.json (remove it to accept as a person)"
        }
    };
    Err(bad_input(format!(
        "{what} is not defined: neither {read} has it\n  hint: {create}, {instead}"
    )))
}

/// One of the two files the SDK reads profiles from.
struct ProfileFile {
    path: PathBuf,
    /// The config file names profiles `[profile NAME]` (and `[default]`); the credentials file
    /// `[NAME]`.
    config: bool,
}

impl ProfileFile {
    fn text(&self) -> Option<String> {
        std::fs::read_to_string(&self.path).ok()
    }

    fn defines(&self, name: &str) -> bool {
        self.text()
            .is_some_and(|text| sections(&text).any(|s| self.names(s, name)))
    }

    fn names(&self, section: &str, name: &str) -> bool {
        let mut words = section.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("profile"), Some(n), None) if self.config => n == name,
            (Some(n), None, None) if self.config => n == "default" && name == "default",
            (Some(n), None, None) => n == name,
            _ => false,
        }
    }

    fn describe(&self) -> String {
        match self.path.exists() {
            true => self.path.display().to_string(),
            false => format!("{} (absent)", self.path.display()),
        }
    }
}

/// The text between the brackets of every section header (`[ … ]`, comments aside).
fn sections(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let line = line.trim_start().strip_prefix('[')?;
        Some(line.split(']').next()?.trim())
    })
}

/// The config and credentials files, as the SDK locates them.
fn files() -> [ProfileFile; 2] {
    let file = |var: &str, default: &str, config: bool| ProfileFile {
        path: match std::env::var_os(var).filter(|v| !v.is_empty()) {
            Some(p) => expand_home(Path::new(&p)),
            None => home().join(".aws").join(default),
        },
        config,
    };
    [
        file("AWS_CONFIG_FILE", "config", true),
        file("AWS_SHARED_CREDENTIALS_FILE", "credentials", false),
    ]
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// A leading `~` means the home directory, as the SDK reads these variables.
fn expand_home(path: &Path) -> PathBuf {
    match path.strip_prefix("~") {
        Ok(rest) => home().join(rest),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::ProfileFile;

    fn defines(config: bool, text: &str, name: &str) -> bool {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("f");
        std::fs::write(&path, text).expect("write");
        ProfileFile { path, config }.defines(name)
    }

    #[test]
    fn config_and_credentials_name_profiles_differently() {
        let config = "[default]\nregion = x\n[profile seller] # mine\n[sso-session s]\n";
        assert!(defines(true, config, "seller"));
        assert!(defines(true, config, "default"));
        assert!(!defines(true, config, "s"));
        assert!(!defines(true, "[seller]\n", "seller"));
        assert!(defines(false, "[buyer]\naws_access_key_id = A\n", "buyer"));
        assert!(!defines(false, "[profile buyer]\n", "buyer"));
        assert!(!defines(false, "", "buyer"));
    }
}
