//! `engagement list|show|create|invite|snapshots`: the arguments of the Partner Central
//! engagement commands (the collaboration spaces shared with AWS and other partners).

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EngagementCommand {
    /// List the engagements this account is a member of (ListEngagements, every page).
    #[command(after_help = "Examples:\n  mpctl engagement list\n  mpctl engagement list --leads")]
    List {
        /// Only engagements with a Lead context.
        #[arg(long)]
        leads: bool,
    },
    /// Show one engagement with its members and contexts (GetEngagement, ListEngagementMembers).
    #[command(after_help = "Examples:\n  mpctl engagement show eng-abcdefgh123456")]
    Show {
        /// Engagement id (eng-…).
        id: String,
    },
    /// Create an engagement with a CustomerProject context copied from an opportunity
    /// (GetOpportunity, CreateEngagement).
    #[command(
        after_help = "Examples:\n  mpctl engagement create --opportunity O1234567 --title \"Acme co-sell\""
    )]
    Create {
        /// The opportunity whose customer and project the engagement carries.
        #[arg(long)]
        opportunity: String,
        /// Title (1-40 characters).
        #[arg(long)]
        title: String,
        /// Description (up to 255 characters).
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Invite a partner account into an engagement with an opportunity's customer and project
    /// (GetOpportunity, CreateEngagementInvitation).
    #[command(
        after_help = "Examples:\n  mpctl engagement invite eng-abcdefgh123456 --account 210987654321 --opportunity O1234567 --message \"Join us on Acme\""
    )]
    Invite {
        /// Engagement id (eng-…).
        id: String,
        /// The invited partner's AWS account id (12 digits).
        #[arg(long)]
        account: String,
        /// The opportunity whose customer and project the invitation carries.
        #[arg(long)]
        opportunity: String,
        /// The invitation's message (1-255 characters).
        #[arg(long)]
        message: String,
        /// What the invited partner does: Distributor, Reseller, Hardware Partner, Managed
        /// Service Provider, Software Partner, Services Partner, Training Partner, Co-Sell
        /// Facilitator, Facilitator.
        #[arg(long, default_value = "Services Partner")]
        responsibility: String,
    },
    /// List an engagement's resource snapshots (ListResourceSnapshots).
    #[command(after_help = "Examples:\n  mpctl engagement snapshots eng-abcdefgh123456")]
    Snapshots {
        /// Engagement id (eng-…).
        id: String,
    },
}
