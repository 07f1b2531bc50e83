//! Resolves command-line flags, `config.json` and the environment into one [`Settings`] value
//! (parse, then resolve): every later step reads settings from here only.

use std::path::PathBuf;

use crate::exit::bad_input;
use crate::output::Format;
use crate::project::config::Config;

pub const DEFAULT_REGION: &str = "us-east-1";

/// A Partner Central catalog: `Sandbox` for rehearsal, `AWS` for production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalog {
    Sandbox,
    Aws,
}

impl Catalog {
    /// The name the Partner Central API takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Catalog::Sandbox => "Sandbox",
            Catalog::Aws => "AWS",
        }
    }
}

impl std::str::FromStr for Catalog {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "Sandbox" => Ok(Catalog::Sandbox),
            "AWS" => Ok(Catalog::Aws),
            other => Err(format!(
                "'{other}' is not a Partner Central catalog (Sandbox or AWS)"
            )),
        }
    }
}

impl std::fmt::Display for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The global command-line flags, as the CLI layer parsed them (no clap types here).
#[derive(Debug, Clone)]
pub struct Flags {
    pub config: PathBuf,
    pub buyers: PathBuf,
    pub state: PathBuf,
    pub catalog: Option<Catalog>,
    pub endpoint_url: Option<String>,
    pub profile: Option<String>,
    pub region: Option<String>,
    pub local: bool,
    pub output: Format,
    pub verbose: u8,
    pub quiet: bool,
    pub yes: bool,
    pub plan: bool,
    /// Which files the command line named (the rest are the defaults).
    pub named: Named,
}

/// Which of `--config`, `--buyers`, `--state` the command line named. A named file must exist
/// (a typo would otherwise run on defaults, or start a second product from an empty state);
/// only the defaults' own files may be absent.
#[derive(Debug, Clone, Copy, Default)]
pub struct Named {
    pub config: bool,
    pub buyers: bool,
    pub state: bool,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub config_path: PathBuf,
    pub buyers_path: PathBuf,
    pub state_path: PathBuf,
    /// Partner Central catalog.
    pub catalog: Catalog,
    pub region: String,
    pub endpoint_url: Option<String>,
    pub profile: Option<String>,
    pub local: bool,
    pub output: Format,
    /// -1 quiet, 0 normal, 1+ verbose.
    pub verbosity: i8,
    pub yes: bool,
    /// `--plan`: print the write requests, send nothing.
    pub plan: bool,
    /// The default `config.json` does not exist: the defaults are in use (the output says so).
    pub config_absent: bool,
    /// Which files the command line named.
    pub named: Named,
}

impl Settings {
    pub fn resolve(args: &Flags) -> anyhow::Result<Settings> {
        check_named(args)?;
        Self::resolve_with(args, Config::load(&args.config)?)
    }

    /// For commands that work without `config.json` (`status`, `changeset templates`, and
    /// `validate`/`render` of explicit files): a broken config is a warning and the defaults
    /// apply, so the file can still be inspected while the config is being fixed.
    pub fn resolve_tolerant(
        args: &Flags,
        printer: &crate::output::Printer,
    ) -> anyhow::Result<Settings> {
        check_named(args)?;
        let config = Config::load(&args.config).unwrap_or_else(|e| {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default();
            printer.warn(format!("ignoring config.json, using defaults: {first}"));
            Config::default()
        });
        Self::resolve_with(args, config)
    }

    /// Flags and the environment on top of an already loaded config.
    pub fn resolve_with(args: &Flags, config: Config) -> anyhow::Result<Settings> {
        let catalog = match args.catalog {
            Some(c) => c,
            None => config.catalog.parse().map_err(|why| {
                bad_input(format!(
                    "{}: \"catalog\": {why}\n  hint: use \"Sandbox\" or \"AWS\"",
                    args.config.display()
                ))
            })?,
        };
        let region = args
            .region
            .clone()
            .or_else(|| config.region.clone())
            .unwrap_or_else(|| DEFAULT_REGION.to_string());
        let endpoint_url = args.endpoint_url.clone().or_else(|| {
            std::env::var("AWS_ENDPOINT_URL")
                .ok()
                .filter(|s| !s.is_empty())
        });
        if let Some(url) = &endpoint_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(bad_input(format!(
                    "--endpoint-url '{url}' is not an http(s) URL\n  hint: e.g. --endpoint-url http://127.0.0.1:4566"
                )));
            }
        }
        let verbosity = if args.quiet {
            -1
        } else {
            args.verbose.min(3) as i8
        };
        Ok(Settings {
            config,
            config_path: args.config.clone(),
            buyers_path: args.buyers.clone(),
            state_path: args.state.clone(),
            catalog,
            region,
            endpoint_url,
            profile: args.profile.clone(),
            local: args.local,
            output: args.output,
            verbosity,
            yes: args.yes,
            plan: args.plan,
            config_absent: !args.named.config && !args.config.exists(),
            named: args.named,
        })
    }

    /// Whether `state` holds ids made on the other side of AWS from this run's target (see
    /// [`crate::project::origin::mismatch`]).
    pub fn mismatch(
        &self,
        state: &crate::project::state::State,
    ) -> Option<crate::project::origin::Mismatch> {
        crate::project::origin::mismatch(state, &self.origin(), !self.is_loopback())
    }

    /// Where this run's requests go, as the state file records it for the ids the run creates
    /// (see [`crate::project::origin::of`]).
    pub fn origin(&self) -> String {
        crate::project::origin::of(self.local, self.endpoint_url.as_ref())
    }

    /// [`Settings::mismatch`] as an error naming the state file `path` (exit 2).
    pub fn check_target(
        &self,
        state: &crate::project::state::State,
        path: &std::path::Path,
    ) -> anyhow::Result<()> {
        match self.mismatch(state) {
            Some(m) => Err(crate::project::origin::refusal(&m, path)),
            None => Ok(()),
        }
    }

    /// True when requests stay on this machine (the emulator).
    pub fn is_loopback(&self) -> bool {
        self.local
            || self
                .endpoint_url
                .as_deref()
                .is_some_and(crate::project::origin::is_loopback_url)
    }
}

/// Every file the command line named exists: exit 2 naming the one that does not. `--buyers`
/// may also be one account id (`offer clone --buyers 123456789012`).
pub fn check_named(args: &Flags) -> anyhow::Result<()> {
    match missing_named(args).into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// Each file the command line named that does not exist: its flag and the error (exit 2).
pub fn missing_named(args: &Flags) -> Vec<(&'static str, anyhow::Error)> {
    let account = |p: &std::path::Path| {
        let s = p.to_string_lossy();
        s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
    };
    let named = [
        (
            args.named.config,
            "--config",
            &args.config,
            "the settings file",
        ),
        (
            args.named.buyers && !account(&args.buyers),
            "--buyers",
            &args.buyers,
            "the buyer account file",
        ),
        (args.named.state, "--state", &args.state, "the state file"),
    ];
    let mut out = Vec::new();
    for (given, flag, path, what) in named {
        if given && !path.exists() {
            let fix = match flag {
                "--state" => format!(
                    "check the name; a new run's state file must be created first, so that a typo never starts over (a second product): `echo '{{}}' > {}`",
                    path.display()
                ),
                "--config" => "check the name, or `mpctl init DIR` for a starter project".into(),
                _ => "check the name".into(),
            };
            let e = bad_input(format!(
                "{flag} {}: no such file ({what} named on the command line is never replaced by defaults)\n  hint: {fix}",
                path.display()
            ));
            out.push((flag, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::project::origin::is_loopback_url;

    #[test]
    fn loopback_urls() {
        for u in [
            "http://127.0.0.1:4566",
            "http://localhost/",
            "http://[::1]:80",
            "http://127.1.2.3",
        ] {
            assert!(is_loopback_url(u), "{u}");
        }
        for u in [
            "https://catalog.marketplace.us-east-1.amazonaws.com",
            "http://10.0.0.1:4566",
            "http://localhost.example.com",
        ] {
            assert!(!is_loopback_url(u), "{u}");
        }
    }
}
