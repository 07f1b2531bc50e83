//! `engagement list|show|create|invite|snapshots|snapshot|snapshot-show|snapshot-jobs|snapshot-job`:
//! the arguments of the Partner Central engagement commands (the collaboration spaces shared with
//! AWS and other partners) and their resource snapshots and snapshot jobs.

use clap::{Args, Subcommand};

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
    /// Take a snapshot of an opportunity in an engagement: the next revision of the template's
    /// copy every member reads (CreateResourceSnapshot).
    #[command(
        after_help = "Examples:\n  mpctl engagement snapshot eng-abcdefgh123456 --opportunity O1234567\n  mpctl engagement snapshot eng-abcdefgh123456 --opportunity O1234567 --plan"
    )]
    Snapshot(SnapshotArgs),
    /// Show one snapshot with its payload, the latest revision unless --revision
    /// (GetResourceSnapshot).
    #[command(
        after_help = "Examples:\n  mpctl engagement snapshot-show eng-abcdefgh123456 --opportunity O1234567\n  mpctl engagement snapshot-show eng-abcdefgh123456 --opportunity O1234567 --revision 1 --output json"
    )]
    SnapshotShow {
        #[command(flatten)]
        of: SnapshotArgs,
        /// The revision to read (1 is the first); the latest if omitted.
        #[arg(long)]
        revision: Option<i32>,
    },
    /// List an engagement's snapshot jobs with their status and last run
    /// (ListResourceSnapshotJobs, GetResourceSnapshotJob).
    #[command(after_help = "Examples:\n  mpctl engagement snapshot-jobs eng-abcdefgh123456")]
    SnapshotJobs {
        /// Engagement id (eng-…).
        id: String,
    },
    /// Create, start, stop or delete a snapshot job (a job, while running, takes a new snapshot
    /// revision whenever its opportunity changes).
    #[command(
        subcommand,
        after_help = "Examples:\n  mpctl engagement snapshot-job create eng-abcdefgh123456 --opportunity O1234567\n  mpctl engagement snapshot-job start job-0123456789abc\n  mpctl engagement snapshot-job stop job-0123456789abc\n  mpctl engagement snapshot-job delete job-0123456789abc"
    )]
    SnapshotJob(SnapshotJobCommand),
    /// Refresh an engagement's CustomerProject context with an opportunity's customer and
    /// project (GetEngagement, GetOpportunity, UpdateEngagementContext).
    #[command(
        after_help = "Examples:\n  mpctl engagement update-context eng-abcdefgh123456 --context 1 --opportunity O1234567 --plan"
    )]
    UpdateContext {
        /// Engagement id (eng-…).
        id: String,
        /// The context's id (`mpctl engagement show` lists them).
        #[arg(long)]
        context: String,
        /// The opportunity whose customer and project the context takes.
        #[arg(long)]
        opportunity: String,
    },
    /// Show the selling system settings (the IAM role snapshot jobs run under), or set the role
    /// (GetSellingSystemSettings, PutSellingSystemSettings).
    #[command(
        after_help = "Examples:\n  mpctl engagement settings\n  mpctl engagement settings --snapshot-job-role PartnerCentralSnapshots\n  mpctl engagement settings --snapshot-job-role arn:aws:iam::123456789012:role/PartnerCentralSnapshots"
    )]
    Settings {
        /// Set the role: a role name in this account, or its ARN.
        #[arg(long)]
        snapshot_job_role: Option<String>,
    },
}

/// Which opportunity snapshot of an engagement.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Engagement id (eng-…).
    pub id: String,
    /// The opportunity the snapshot copies.
    #[arg(long)]
    pub opportunity: String,
    /// The snapshot template: OpportunitySummaryView (every member reads it) or
    /// AwsOpportunitySummaryFullView (AWS's view, only you read it).
    #[arg(long, default_value = "OpportunitySummaryView")]
    pub template: String,
}

#[derive(Debug, Subcommand)]
pub enum SnapshotJobCommand {
    /// Create a snapshot job, stopped until `start` (CreateResourceSnapshotJob).
    #[command(
        after_help = "Examples:\n  mpctl engagement snapshot-job create eng-abcdefgh123456 --opportunity O1234567"
    )]
    Create(SnapshotArgs),
    /// Start a job: from now on it takes a new revision whenever the opportunity changes
    /// (StartResourceSnapshotJob).
    #[command(after_help = "Examples:\n  mpctl engagement snapshot-job start job-0123456789abc")]
    Start {
        /// Snapshot job id (job-…).
        job_id: String,
    },
    /// Stop a running job (StopResourceSnapshotJob).
    #[command(after_help = "Examples:\n  mpctl engagement snapshot-job stop job-0123456789abc")]
    Stop {
        /// Snapshot job id (job-…).
        job_id: String,
    },
    /// Delete a stopped job; a running one is refused by AWS (DeleteResourceSnapshotJob).
    #[command(
        after_help = "Examples:\n  mpctl engagement snapshot-job stop job-0123456789abc\n  mpctl engagement snapshot-job delete job-0123456789abc"
    )]
    Delete {
        /// Snapshot job id (job-…).
        job_id: String,
    },
}
