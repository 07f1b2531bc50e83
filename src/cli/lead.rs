//! `lead list|accept`: the arguments of the commands that work AWS leads (Partner Central
//! engagement invitations with a LeadInvitation payload).

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum LeadCommand {
    /// List the leads AWS shared (ListEngagementInvitations, PayloadType LeadInvitation).
    #[command(after_help = "Examples:\n  mpctl lead list\n  mpctl lead list --status PENDING")]
    List {
        /// Only leads with this status.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
            aws_sdk_partnercentralselling::types::InvitationStatus::values()
        ))]
        status: Option<String>,
    },
    /// Accept a lead and turn it into an opportunity: AcceptEngagementInvitation, then
    /// StartOpportunityFromEngagementTask on its Lead context, waiting for the task.
    #[command(after_help = "Examples:\n  mpctl lead accept engi-abc1234567890")]
    Accept {
        /// Lead invitation id (engi-…) or ARN.
        id: String,
    },
}
