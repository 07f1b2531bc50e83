//! `opportunity get|list|set-stage`: the arguments of the Partner Central opportunity commands.

use clap::{Args, Subcommand};

use super::values::stage_values;

#[derive(Debug, Subcommand)]
pub enum OpportunityCommand {
    /// Show one opportunity (GetOpportunity).
    #[command(after_help = "Examples:\n  mpctl opportunity get\n  mpctl opportunity get O1234567")]
    Get {
        /// Opportunity id (O…) [default: OPPORTUNITY_ID from the state file].
        id: Option<String>,
    },
    /// List the catalog's opportunities (ListOpportunities, every page).
    #[command(after_help = "Examples:\n  mpctl opportunity list --review-status Submitted")]
    List(OpportunityListArgs),
    /// Move an opportunity to a stage (full-replacement UpdateOpportunity, retried on conflict).
    #[command(after_help = "Examples:\n  mpctl opportunity set-stage O1234567 Committed")]
    SetStage {
        /// Opportunity id (O…).
        id: String,
        /// Target stage (Partner Central's LifeCycle.Stage enum).
        #[arg(value_parser = stage_values())]
        stage: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct OpportunityListArgs {
    /// Only opportunities in this stage.
    #[arg(long, value_parser = stage_values())]
    pub stage: Option<String>,
    /// Only opportunities with this review status.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
        aws_sdk_partnercentralselling::types::ReviewStatus::values()
    ))]
    pub review_status: Option<String>,
}
