//! The six workflow steps, `run-all`, `status` and `init`: their arguments.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Clone, Args, Default)]
pub struct TemplateArgs {
    /// Set a template variable (repeatable), overriding config and built-ins.
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = crate::template::parse_var)]
    pub vars: Vec<(String, String)>,
}

#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// Poll until an ACTIVE agreement exists or the deadline passes (exit 4).
    #[arg(long)]
    pub wait: bool,
    /// Deadline for --wait [default: config wait.agreement_timeout_seconds].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct CommitArgs {
    /// Target stage (Partner Central's LifeCycle.Stage enum).
    #[arg(long, default_value = "Committed", value_parser = stage_values())]
    pub stage: String,
}

pub(super) fn stage_values() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(aws_sdk_partnercentralselling::types::Stage::values())
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Project directory (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Args, Default)]
pub struct CreateOfferArgs {
    #[command(flatten)]
    pub template: TemplateArgs,
    /// CSV of usage prices (DimensionKey,Price or DimensionKey,OriginalPrice,DiscountPercent)
    /// that becomes the offer's UsageBasedPricingTerm.
    #[arg(long, value_name = "FILE.csv")]
    pub rate_card: Option<PathBuf>,
}
