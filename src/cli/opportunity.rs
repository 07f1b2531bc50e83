//! `opportunity get|list|set-stage|export|import|aws-summary|assign|detach`: the arguments of the Partner Central opportunity commands.

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
    /// Write every opportunity of the catalog to a CSV, with AWS's stage where AWS has one
    /// (ListOpportunities, GetOpportunity, GetAwsOpportunitySummary; 10 reads a second).
    #[command(
        after_help = "Examples:\n  mpctl opportunity export opps.csv\n  mpctl opportunity export opps.csv --catalog AWS"
    )]
    Export {
        /// The CSV to write (replaced atomically).
        file: std::path::PathBuf,
    },
    /// Create or update one opportunity per CSV row (keyed by partner_opportunity_id), within
    /// 1 write a second; rows checked first (file:line:column), journaled next to the CSV so
    /// a re-run after a kill creates nothing twice; results in FILE.results.csv.
    #[command(
        after_help = "Examples:\n  mpctl opportunity import opps.csv --plan\n  mpctl opportunity import opps.csv --yes"
    )]
    Import {
        /// The CSV to read (columns as `opportunity export` writes them).
        file: std::path::PathBuf,
    },
    /// AWS's view of an opportunity (GetAwsOpportunitySummary): AWS's stage, involvement, its
    /// team, insights. AWS has one once the opportunity was submitted (or came from AWS).
    #[command(
        after_help = "Examples:\n  mpctl opportunity aws-summary\n  mpctl opportunity aws-summary O1234567 --output json"
    )]
    AwsSummary {
        /// Opportunity id (O…) [default: OPPORTUNITY_ID from the state file].
        id: Option<String>,
    },
    /// Assign an opportunity to a Partner Central user (AssignOpportunity).
    #[command(
        after_help = "Examples:\n  mpctl opportunity assign O1234567 --email pat@example.com --first-name Pat --last-name Lee --title OpportunityOwner"
    )]
    Assign(AssignArgs),
    /// Detach an offer, a solution or an AWS product from an opportunity
    /// (DisassociateOpportunity).
    #[command(
        after_help = "Examples:\n  mpctl opportunity detach O1234567 --offer offer-abc123\n  mpctl opportunity detach O1234567 --solution S-0059717"
    )]
    Detach(DetachArgs),
    /// Show an opportunity's tags, or set and remove some (ListTagsForResource, TagResource,
    /// UntagResource on its ARN).
    #[command(
        after_help = "Examples:\n  mpctl opportunity tags O1234567\n  mpctl opportunity tags O1234567 --set crm=SF-1042 --remove region"
    )]
    Tags {
        /// Opportunity id (O…).
        id: String,
        /// KEY=VALUE to add or replace (repeatable).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// KEY to remove (repeatable).
        #[arg(long = "remove", value_name = "KEY")]
        remove: Vec<String>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct AssignArgs {
    /// Opportunity id (O…).
    pub id: String,
    /// The assignee's email (a registered Partner Central user).
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub first_name: String,
    #[arg(long)]
    pub last_name: String,
    /// The assignee's business title (e.g. OpportunityOwner, PartnerAccountManager).
    #[arg(long)]
    pub title: String,
    /// Phone, E.164 (+15555550100).
    #[arg(long)]
    pub phone: Option<String>,
}

/// Exactly one of --offer, --solution, --aws-product.
#[derive(Debug, Clone, Args)]
pub struct DetachArgs {
    /// Opportunity id (O…).
    pub id: String,
    /// A Marketplace offer id (offer-…).
    #[arg(long)]
    pub offer: Option<String>,
    /// A solution id (S-…).
    #[arg(long)]
    pub solution: Option<String>,
    /// An AWS product code.
    #[arg(long)]
    pub aws_product: Option<String>,
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
