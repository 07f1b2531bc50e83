//! The six workflow steps and `run-all`: their arguments (`TemplateArgs` is shared with
//! `changeset`).

use std::path::PathBuf;

use clap::Args;

use super::values::stage_values;

#[derive(Debug, Clone, Args, Default)]
pub struct TemplateArgs {
    /// Set a template variable (repeatable), overriding config and built-ins.
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = crate::template::parse_var)]
    pub vars: Vec<(String, String)>,
}

#[derive(Debug, Clone, Args)]
pub struct RunAllArgs {
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub review: ReviewArgs,
}

#[derive(Debug, Clone, Copy, Args)]
pub struct ReviewArgs {
    /// Catalog AWS: how long to wait for AWS's co-sell review before exiting 4 with the
    /// command to re-run; 0 reads it once [default: config wait.review_timeout_seconds].
    #[arg(long, value_name = "SECONDS", value_parser = non_negative_seconds)]
    pub review_timeout: Option<f64>,
}

fn non_negative_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!(
            "'{s}' is not a number of seconds (0 = don't wait, e.g. 600)"
        )),
    }
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
    #[command(flatten)]
    pub review: ReviewArgs,
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
