//! The global options: accepted before or after any subcommand and shown under their own
//! help heading, so each subcommand's help starts with its own options.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::settings::{Catalog, Flags, Named};

/// The files mpctl reads when no flag names others; only these may be absent.
pub const DEFAULT_CONFIG: &str = "config.json";
pub const DEFAULT_BUYERS: &str = "buyer_ids.txt";
pub const DEFAULT_STATE: &str = "shared_env.json";

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Settings and template values [default: config.json; a file named here must exist].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Buyer AWS account ids, one 12-digit id per line [default: buyer_ids.txt; a file named here must exist].
    #[arg(long, global = true, value_name = "FILE")]
    pub buyers: Option<PathBuf>,
    /// Run state: ids of everything created so far [default: shared_env.json; a file named here must exist].
    #[arg(long, global = true, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Partner Central catalog [default: config.json's "catalog", else Sandbox].
    #[arg(long, global = true, value_parser = super::values::catalog_parser())]
    pub catalog: Option<Catalog>,
    /// Send every request to this endpoint instead of AWS (also AWS_ENDPOINT_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// AWS profile from ~/.aws/config.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// AWS region [default: config.json's "region", else us-east-1].
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Start the emulator in-process and point every client at it (nothing reaches AWS).
    #[arg(long, global = true, conflicts_with = "endpoint_url")]
    pub local: bool,
    /// Result format on stdout.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// More detail on stderr (-v: endpoint, region, profile, account and every retry; -vv: one
    /// line per AWS request and the SDK's logs; -vvv: debug logs and --local emulator requests).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,
    /// Colours on stderr: auto = only on a terminal and without NO_COLOR.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Confirm writes to real AWS without asking (CI passes it); without it, and without a
    /// terminal to type "yes" on, a write to AWS exits 2 before any request.
    #[arg(long, global = true)]
    pub yes: bool,
    /// Print every write request the command would send, rendered exactly, and send nothing.
    #[arg(long, global = true)]
    pub plan: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl From<ColorWhen> for crate::output::ColorChoice {
    fn from(c: ColorWhen) -> Self {
        match c {
            ColorWhen::Auto => Self::Auto,
            ColorWhen::Always => Self::Always,
            ColorWhen::Never => Self::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

impl GlobalArgs {
    /// The flags as the settings layer takes them.
    pub fn flags(&self) -> Flags {
        Flags {
            config: self.config.clone().unwrap_or_else(|| DEFAULT_CONFIG.into()),
            buyers: self.buyers.clone().unwrap_or_else(|| DEFAULT_BUYERS.into()),
            state: self.state.clone().unwrap_or_else(|| DEFAULT_STATE.into()),
            named: Named {
                config: self.config.is_some(),
                buyers: self.buyers.is_some(),
                state: self.state.is_some(),
            },
            catalog: self.catalog,
            endpoint_url: self.endpoint_url.clone(),
            profile: self.profile.clone(),
            region: self.region.clone(),
            local: self.local,
            output: self.output.into(),
            verbose: self.verbose,
            quiet: self.quiet,
            yes: self.yes,
            plan: self.plan,
        }
    }
}

impl From<OutputFormat> for crate::output::Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Text => crate::output::Format::Text,
            OutputFormat::Json => crate::output::Format::Json,
        }
    }
}
