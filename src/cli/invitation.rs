//! `invitation list|accept|reject`: the arguments of the commands that answer AWS referrals
//! (Partner Central engagement invitations).

use clap::Subcommand;

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
