//! `opportunity` and `invitation`: Partner Central.

use clap::{Args, Subcommand};

use super::workflow::stage_values;

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

#[derive(Debug, Subcommand)]
pub enum InvitationCommand {
    /// List the engagement invitations received (ListEngagementInvitations, every page).
    #[command(
        after_help = "Examples:\n  mpctl invitation list\n  mpctl invitation list --status PENDING"
    )]
    List {
        /// Only invitations with this status.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
            aws_sdk_partnercentralselling::types::InvitationStatus::values()
        ))]
        status: Option<String>,
    },
    /// Accept a referral: StartEngagementByAcceptingInvitationTask, wait, save the opportunity id.
    #[command(after_help = "Examples:\n  mpctl invitation accept engi-abc")]
    Accept {
        /// Invitation id (engi-…) or ARN.
        id: String,
    },
    /// Reject a referral (RejectEngagementInvitation).
    #[command(
        after_help = "Examples:\n  mpctl invitation reject engi-abc --reason \"Unable to support\""
    )]
    Reject {
        /// Invitation id (engi-…) or ARN.
        id: String,
        /// Why: "Customer problem unclear", "Next steps unclear", "Unable to support",
        /// "Duplicate of partner referral" or "Other".
        #[arg(long)]
        reason: String,
    },
}
