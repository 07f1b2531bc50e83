//! `changeset validate|render|start|wait|describe|list|cancel|templates`: any Marketplace
//! Catalog change set.

use clap::{Args, Subcommand, ValueEnum};

use super::TemplateArgs;

#[derive(Debug, Subcommand)]
pub enum ChangesetCommand {
    /// Check change set files without sending anything: JSON syntax, unresolved {{VARS}},
    /// and every static rule (exit 2 on any error; warnings exit 0).
    #[command(
        after_help = "Examples:\n  mpctl changeset validate changesets/*.json\n  mpctl changeset validate @private-offer --var PRODUCT_ID=prod-abc"
    )]
    Validate(ValidateArgs),
    /// Print the exact StartChangeSet request `changeset start` would send.
    #[command(
        after_help = "Examples:\n  mpctl changeset render @private-offer --var PRODUCT_ID=prod-abc"
    )]
    Render(RenderArgs),
    /// Validate, then start the change set (idempotent: re-running the same command returns
    /// the same change set).
    #[command(
        after_help = "Examples:\n  mpctl changeset start my-change.json --wait\n  mpctl changeset start @private-offer --intent validate"
    )]
    Start(StartArgs),
    /// Wait until a change set ends (exit 3 if FAILED or CANCELLED, 4 on timeout).
    #[command(after_help = "Examples:\n  mpctl changeset wait ch-abc --timeout 900")]
    Wait(WaitArgs),
    /// Show a change set and each change with its errors.
    #[command(after_help = "Examples:\n  mpctl changeset describe ch-abc")]
    Describe(ChangeSetIdArgs),
    /// List change sets, newest first (all pages).
    #[command(after_help = "Examples:\n  mpctl changeset list --status FAILED")]
    List(ListChangeSetsArgs),
    /// Cancel a change set that is still PREPARING.
    #[command(after_help = "Examples:\n  mpctl changeset cancel ch-abc")]
    Cancel(ChangeSetIdArgs),
    /// List the embedded template library with each template's variables.
    #[command(after_help = "Examples:\n  mpctl changeset templates")]
    Templates,
}

#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// Change set files (StartChangeSet request bodies), or @NAME for a library template.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub template: TemplateArgs,
}

#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// Change set file, or @NAME for a library template.
    #[arg(value_name = "FILE")]
    pub file: String,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub request: RequestArgs,
}

/// Flags that change the StartChangeSet request (shared by render and start).
#[derive(Debug, Clone, Args, Default)]
pub struct RequestArgs {
    /// ChangeSetName [default: the file's ChangeSetName, if any].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// VALIDATE: AWS checks the set and applies nothing.
    #[arg(long, value_enum)]
    pub intent: Option<Intent>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Intent {
    Validate,
    Apply,
}

#[derive(Debug, Clone, Args)]
pub struct StartArgs {
    /// Change set file, or @NAME for a library template.
    #[arg(value_name = "FILE")]
    pub file: String,
    #[command(flatten)]
    pub template: TemplateArgs,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Wait until the change set ends (exit 3 if FAILED or CANCELLED).
    #[arg(long)]
    pub wait: bool,
    /// Deadline for --wait [default: config wait.timeout_seconds].
    #[arg(long, value_name = "SECONDS", requires = "wait")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct WaitArgs {
    /// Change set id.
    pub id: String,
    /// Deadline [default: config wait.timeout_seconds].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct ChangeSetIdArgs {
    /// Change set id.
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct ListChangeSetsArgs {
    /// Only change sets with this status (PREPARING, APPLYING, SUCCEEDED, CANCELLED, FAILED).
    #[arg(long, value_name = "STATUS", value_parser = ["PREPARING", "APPLYING", "SUCCEEDED", "CANCELLED", "FAILED"])]
    pub status: Option<String>,
    /// Only change sets touching this entity id.
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,
    /// Only change sets with this ChangeSetName.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}
