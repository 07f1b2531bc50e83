//! Command-line syntax (clap derive). No logic here: `settings` resolves these values.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// AWS Marketplace seller workflow: publish a SaaS product, extend a private offer, register
/// and submit a co-sell opportunity, attach the offer, find the buyer's agreement, commit —
/// against AWS or the bundled emulator.
#[derive(Debug, Parser)]
#[command(
    name = "mpctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Settings and template values.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = "config.json"
    )]
    pub config: PathBuf,
    /// Buyer AWS account ids, one 12-digit id per line.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = "buyer_ids.txt"
    )]
    pub buyers: PathBuf,
    /// Run state: ids of everything created so far.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = "shared_env.json"
    )]
    pub state: PathBuf,
    /// Partner Central catalog [default: config.json's "catalog", else Sandbox].
    #[arg(long, global = true, value_parser = ["Sandbox", "AWS"])]
    pub catalog: Option<String>,
    /// Send every request to this endpoint instead of AWS (also AWS_ENDPOINT_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// AWS profile from ~/.aws/config.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// AWS region [default: config.json's "region", else us-east-1].
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Start the emulator in-process and point every client at it (nothing reaches AWS).
    #[arg(long, global = true, conflicts_with = "endpoint_url")]
    pub local: bool,
    /// Result format on stdout.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// More detail on stderr (-v: retries and details, -vv: debug logs and --local emulator requests).
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Confirm writes to real AWS without asking (CI passes it); without it, and without a
    /// terminal to type "yes" on, a write to AWS exits 2 before any request.
    #[arg(long, global = true)]
    pub yes: bool,
    /// Print every write request the command would send, rendered exactly, and send nothing.
    #[arg(long, global = true)]
    pub plan: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Step 1: create the SaaS product and its public offer (skipped if PRODUCT_ID is saved).
    PublishProduct(TemplateArgs),
    /// Step 2: create the private offer for the buyers in buyer_ids.txt.
    CreateOffer(CreateOfferArgs),
    /// Step 3: create the opportunity, associate a solution, submit it for co-sell.
    CreateOpportunity,
    /// Step 4: attach the private offer to the opportunity.
    AssociateOffer,
    /// Step 5: find the buyer's agreement on the private offer.
    SearchAgreement(SearchArgs),
    /// Step 6: move the opportunity to the Committed stage.
    Commit(CommitArgs),
    /// All six steps in order, skipping what the state file says is done.
    RunAll(TemplateArgs),
    /// Show the state file as a table of resources.
    Status,
    /// Run the AWS emulator.
    #[command(subcommand)]
    Emulator(EmulatorCommand),
    /// Partner Central opportunities: show, list, move to another stage.
    #[command(subcommand)]
    Opportunity(OpportunityCommand),
    /// AWS referrals (Partner Central engagement invitations): list, accept, reject.
    #[command(subcommand)]
    Invitation(InvitationCommand),
    /// Validate, render, start and inspect any Marketplace Catalog change set.
    #[command(subcommand)]
    Changeset(ChangesetCommand),
    /// Describe and list Marketplace Catalog entities (products, offers, resale authorizations).
    #[command(subcommand)]
    Entity(EntityCommand),
    /// Write a starter project (config.json, buyer_ids.txt, shared_env.json, changesets/) into
    /// DIR, keeping every file that already exists.
    Init(InitArgs),
    /// Offers that exist: list, describe, extend, expire, clone, replace.
    #[command(subcommand)]
    Offer(OfferCommand),
    /// Agreements: search, describe, terms.
    #[command(subcommand)]
    Agreement(AgreementCommand),
    /// Many deals from one CSV: an offer (and optionally a co-sell opportunity) per row.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Act as the buyer (Sandbox rehearsal with --buyer-profile, or the emulator).
    #[command(subcommand)]
    Buyer(BuyerCommand),
    /// Serve a local web dashboard of offers, agreements, renewals and co-sell.
    Dashboard(DashboardArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DashboardArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    pub bind: SocketAddr,
    /// Accept connections from other hosts (non-loopback --bind).
    #[arg(long)]
    pub allow_remote: bool,
    /// Open the dashboard in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Show data only: no clone, extend, expire or replace.
    #[arg(long)]
    pub read_only: bool,
}

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

fn stage_values() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(aws_sdk_partnercentralselling::types::Stage::values())
}

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Serve Marketplace Catalog, Partner Central Selling and Marketplace Agreement (and
    /// Marketplace Discovery for the buyer side) on one address until SIGINT/SIGTERM.
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:4566")]
    pub bind: SocketAddr,
    /// Accept connections from other hosts (non-loopback --bind).
    #[arg(long)]
    pub allow_remote: bool,
    /// Seconds a change set takes (half PREPARING, half APPLYING).
    #[arg(long, default_value_t = 2.0)]
    pub changeset_seconds: f64,
    /// Seconds an engagement task stays IN_PROGRESS.
    #[arg(long, default_value_t = 1.0)]
    pub task_seconds: f64,
    /// Seconds after release before targeted buyers accept a private offer.
    #[arg(long, default_value_t = 3.0)]
    pub accept_seconds: f64,
    /// Inject a fault into this fraction (0–1) of requests.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub fault_rate: f64,
    /// Seed of the fault sequence (same seed and request order, same faults).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub fault_seed: u64,
    /// Fault kinds to inject: throttle, 500, slow, reset, reset-after-commit, server-fault
    /// (comma-separated) [default: all].
    #[arg(long, value_name = "KINDS", value_parser = mpctl_emulator::FaultKinds::parse)]
    pub fault_kinds: Option<mpctl_emulator::FaultKinds>,
    /// How long a `slow` fault holds its reply (longer than the client's attempt timeout).
    #[arg(long, value_name = "SECONDS", default_value_t = 35.0)]
    pub fault_delay_seconds: f64,
    /// Throttle every operation at AWS's documented per-second rate (ThrottlingException).
    #[arg(long)]
    pub enforce_quotas: bool,
    /// Keep the emulator's state in FILE across restarts (loaded at start, saved atomically
    /// after every request).
    #[arg(long, value_name = "FILE")]
    pub data: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum OpportunityCommand {
    /// Show one opportunity (GetOpportunity).
    Get {
        /// Opportunity id (O…) [default: OPPORTUNITY_ID from the state file].
        id: Option<String>,
    },
    /// List the catalog's opportunities (ListOpportunities, every page).
    List(OpportunityListArgs),
    /// Move an opportunity to a stage (full-replacement UpdateOpportunity, retried on conflict).
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
    List {
        /// Only invitations with this status.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
            aws_sdk_partnercentralselling::types::InvitationStatus::values()
        ))]
        status: Option<String>,
    },
    /// Accept a referral: StartEngagementByAcceptingInvitationTask, wait, save the opportunity id.
    Accept {
        /// Invitation id (engi-…) or ARN.
        id: String,
    },
    /// Reject a referral (RejectEngagementInvitation).
    Reject {
        /// Invitation id (engi-…) or ARN.
        id: String,
        /// Why: "Customer problem unclear", "Next steps unclear", "Unable to support",
        /// "Duplicate of partner referral" or "Other".
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChangesetCommand {
    /// Check change set files without sending anything: JSON syntax, unresolved {{VARS}},
    /// and every static rule (exit 2 on any error; warnings exit 0).
    Validate(ValidateArgs),
    /// Print the exact StartChangeSet request `changeset start` would send.
    Render(RenderArgs),
    /// Validate, then start the change set (idempotent: re-running the same command returns
    /// the same change set).
    Start(StartArgs),
    /// Wait until a change set ends (exit 3 if FAILED or CANCELLED, 4 on timeout).
    Wait(WaitArgs),
    /// Show a change set and each change with its errors.
    Describe(ChangeSetIdArgs),
    /// List change sets, newest first (all pages).
    List(ListChangeSetsArgs),
    /// Cancel a change set that is still PREPARING.
    Cancel(ChangeSetIdArgs),
    /// List the embedded template library with each template's variables.
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

#[derive(Debug, Subcommand)]
pub enum EntityCommand {
    /// Describe entities: one id uses DescribeEntity, several BatchDescribeEntities.
    Describe(EntityDescribeArgs),
    /// List entities of one type (all pages).
    List(EntityListArgs),
}

#[derive(Debug, Clone, Args)]
pub struct EntityDescribeArgs {
    /// Entity ids (prod-…, offer-…, resaleauthz-…).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EntityListArgs {
    /// Entity type: SaaSProduct, AmiProduct, ContainerProduct, DataProduct, Offer,
    /// ResaleAuthorization, OfferSet, Solution.
    #[arg(value_name = "TYPE")]
    pub entity_type: String,
    /// Offers only: private offers (targeted at buyer accounts).
    #[arg(long)]
    pub private: bool,
    /// ListEntities filter NAME=VALUE[,VALUE…] (repeatable), e.g. --filter ProductId=prod-abc.
    #[arg(long, value_name = "NAME=VALUE")]
    pub filter: Vec<String>,
    /// Sort by FIELD, optionally FIELD:DESC (e.g. --sort LastModifiedDate:DESC).
    #[arg(long, value_name = "FIELD[:ASC|DESC]")]
    pub sort: Option<String>,
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

#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// List offers (ListEntities), optionally only private ones, of a product, or for a buyer.
    List(OfferListArgs),
    /// Show an offer: name, product, state, targeting, availability, pricing model, terms.
    Describe(OfferIdArg),
    /// Move an offer's availability end date (UpdateAvailability) and wait.
    Extend(OfferExtendArgs),
    /// End an offer's availability now (AvailabilityEndDate yesterday) and wait.
    Expire(OfferExpireArgs),
    /// Create a new private offer with another offer's terms for other buyers.
    Clone(OfferCloneArgs),
    /// Create a replacement offer for an agreement (CreateReplacementOffer, terms, release).
    Replace(OfferReplaceArgs),
}

#[derive(Debug, Clone, Args)]
pub struct OfferListArgs {
    /// Only private offers (targeted to buyer accounts).
    #[arg(long)]
    pub private: bool,
    /// Only offers of this product.
    #[arg(long, value_name = "ID")]
    pub product: Option<String>,
    /// Only offers targeted to this buyer account.
    #[arg(long, value_name = "ACCOUNT")]
    pub buyer: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct OfferIdArg {
    /// Offer id (offer-…).
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct OfferExtendArgs {
    /// Offer id (offer-…).
    pub id: String,
    /// New availability end date (YYYY-MM-DD, in the future).
    #[arg(long, value_name = "DATE")]
    pub until: String,
}

#[derive(Debug, Clone, Args)]
pub struct OfferExpireArgs {
    /// Offer id (offer-…).
    pub id: String,
}

#[derive(Debug, Clone, Args)]
pub struct OfferCloneArgs {
    /// Source offer id (offer-…).
    pub id: String,
    /// Buyer accounts of the new offer [default: the global --buyers FILE (or a single
    /// 12-digit account given as --buyers)].
    #[arg(long, value_name = "ACCOUNT", num_args = 1..)]
    pub buyer: Vec<String>,
    /// Name of the new offer [default: the source's name + " (copy)"].
    #[arg(long)]
    pub name: Option<String>,
    /// Availability end date [default: the source's if still ahead, else today + 30 days].
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Print the change set and stop (nothing is sent).
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct OfferReplaceArgs {
    /// The agreement to replace (agmt-…).
    pub agreement_id: String,
    /// Change set template ({{AGREEMENT_ID}} is the agreement) [default: the agreement's
    /// offer terms, copied].
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Name of the replacement offer.
    #[arg(long)]
    pub name: Option<String>,
    /// Availability end date [default: today + 30 days].
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Print the change set and stop (nothing is sent).
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum AgreementCommand {
    /// SearchAgreements as the proposer, with the filter combinations the API allows.
    Search(AgreementSearchArgs),
    /// DescribeAgreement.
    Describe(AgreementIdArg),
    /// GetAgreementTerms: every accepted term, payment schedules and rate cards included.
    Terms(AgreementIdArg),
}

#[derive(Debug, Clone, Args)]
pub struct AgreementSearchArgs {
    /// Agreements on this offer.
    #[arg(long, value_name = "ID")]
    pub offer: Option<String>,
    /// Agreements for this product (ResourceIdentifier).
    #[arg(long, value_name = "ID")]
    pub product: Option<String>,
    /// Agreements accepted by this account.
    #[arg(long, value_name = "ACCOUNT")]
    pub buyer: Option<String>,
    /// Status (ACTIVE, EXPIRED, REPLACED, …).
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Agreements ending before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub ends_before: Option<String>,
    /// Agreements ending after this date.
    #[arg(long, value_name = "DATE")]
    pub ends_after: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct AgreementIdArg {
    /// Agreement id (agmt-…).
    pub id: String,
}

#[derive(Debug, Subcommand)]
pub enum BuyerCommand {
    /// Accept an offer as the buyer: GetOffer, GetOfferTerms, CreateAgreementRequest (NEW),
    /// AcceptAgreementRequest, then wait for the entitlements.
    Accept(BuyerAcceptArgs),
    /// Replace an agreement with another offer (intent REPLACE).
    Replace(BuyerReplaceArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BuyerArgs {
    /// AWS profile with the buyer's credentials [default: config "buyer_profile"; against the
    /// emulator, test keys for --account].
    #[arg(long, value_name = "NAME")]
    pub buyer_profile: Option<String>,
    /// Against the emulator: the buyer account to act as [default: first in buyer_ids.txt].
    #[arg(long, value_name = "ACCOUNT")]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerAcceptArgs {
    /// Offer id (offer-…).
    pub offer_id: String,
    /// Accept only these term ids [default: every term of the offer].
    #[arg(long, value_name = "TERM_ID", num_args = 1..)]
    pub terms: Vec<String>,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Clone, Args)]
pub struct BuyerReplaceArgs {
    /// The agreement to replace (agmt-…).
    pub agreement_id: String,
    /// The offer whose terms replace it.
    #[arg(long, value_name = "OFFER_ID")]
    pub offer: String,
    #[command(flatten)]
    pub buyer: BuyerArgs,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Run every row not yet done: offer, and with co-sell columns an opportunity (exit 3 if a
    /// row failed; re-run the same command to retry only those rows).
    Run(CampaignRunArgs),
    /// Show each row's status, ids and error from the campaign's state files (no AWS call).
    Status(CampaignFileArg),
}

#[derive(Debug, Clone, Args)]
pub struct CampaignRunArgs {
    /// The campaign CSV (header row; see the README's Campaigns section for the columns).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Rows in flight at once, which caps the change sets open at once.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub parallel: usize,
}

#[derive(Debug, Clone, Args)]
pub struct CampaignFileArg {
    /// The campaign CSV.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
}
