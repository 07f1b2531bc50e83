//! Command-line syntax (clap derive). No logic here: `settings` resolves these values and
//! `commands` runs them. `cli/X.rs` holds the arguments of `commands/X` (one file per command
//! module that takes arguments; `status` and `doctor` take none); `global.rs` holds the
//! options every command accepts and `values.rs` the value parsers they share.

mod agreement;
mod buyer;
mod campaign;
mod changeset;
mod dashboard;
mod docs;
mod emulator;
mod engagement;
mod entitlement;
mod entity;
mod events;
mod global;
mod init;
mod invitation;
mod lead;
mod listing;
mod metering;
mod offer;
mod opportunity;
mod payment;
mod values;
mod workflow;

use clap::{Parser, Subcommand};

pub use agreement::*;
pub use buyer::*;
pub use campaign::*;
pub use changeset::*;
pub use dashboard::*;
pub use docs::*;
pub use emulator::*;
pub use engagement::*;
pub use entitlement::*;
pub use entity::*;
pub use events::*;
pub use global::*;
pub use init::*;
pub use invitation::*;
pub use lead::*;
pub use listing::*;
pub use metering::*;
pub use offer::*;
pub use opportunity::*;
pub use payment::*;
pub use workflow::*;

/// AWS Marketplace seller workflow: publish a SaaS product, extend a private offer, register
/// and submit a co-sell opportunity, attach the offer, find the buyer's agreement, commit —
/// against AWS or the bundled emulator.
#[derive(Debug, Parser)]
#[command(
    name = "mpctl",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = "Examples:\n  mpctl init demo && cd demo && mpctl run-all --local\n  mpctl status\n  mpctl run-all --catalog Sandbox --profile seller"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Step 1: create the SaaS product and its public offer (skipped if PRODUCT_ID is saved).
    #[command(
        after_help = "Examples:\n  mpctl publish-product --local\n  mpctl publish-product --var PRODUCT_TITLE=\"Acme Analytics\""
    )]
    PublishProduct(TemplateArgs),
    /// Step 2: create the private offer for the buyers in buyer_ids.txt.
    #[command(
        after_help = "Examples:\n  mpctl create-offer --buyers buyer_ids.txt\n  mpctl create-offer --rate-card prices.csv"
    )]
    CreateOffer(CreateOfferArgs),
    /// Step 3: create the opportunity, associate a solution, submit it for co-sell.
    #[command(after_help = "Examples:\n  mpctl create-opportunity --catalog Sandbox")]
    CreateOpportunity,
    /// Step 4: attach the private offer to the opportunity.
    #[command(after_help = "Examples:\n  mpctl associate-offer")]
    AssociateOffer,
    /// Step 5: find the buyer's agreement on the private offer.
    #[command(
        after_help = "Examples:\n  mpctl search-agreement\n  mpctl search-agreement --wait --timeout 600"
    )]
    SearchAgreement(SearchArgs),
    /// Step 6: move the opportunity to the Committed stage.
    #[command(after_help = "Examples:\n  mpctl commit\n  mpctl commit --stage Launched")]
    Commit(CommitArgs),
    /// All six steps in order, skipping what the state file says is done.
    #[command(
        after_help = "Examples:\n  mpctl run-all --local\n  mpctl run-all --endpoint-url http://127.0.0.1:4566 --var OFFER_NAME=\"Acme 2027\""
    )]
    RunAll(RunAllArgs),
    /// Show the state file as a table of resources.
    #[command(
        after_help = "Examples:\n  mpctl status\n  mpctl status --state other_env.json --output json"
    )]
    Status,
    /// Check, without writing, what a first real run needs: config, templates, buyers,
    /// region, endpoint, credentials, the three services, the Partner Central catalog.
    #[command(
        after_help = "Examples:\n  mpctl doctor\n  mpctl doctor --profile seller --catalog AWS"
    )]
    Doctor,
    /// Run the AWS emulator.
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  mpctl emulator serve --bind 127.0.0.1:4566")]
    Emulator(EmulatorCommand),
    /// Partner Central opportunities: show, list, move to another stage.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl opportunity get\n  mpctl opportunity list --stage Committed"
    )]
    Opportunity(OpportunityCommand),
    /// AWS referrals (Partner Central engagement invitations): list, accept, reject.
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  mpctl invitation list --status PENDING")]
    Invitation(InvitationCommand),
    /// AWS leads (engagement invitations with a LeadInvitation payload): list, accept and turn
    /// into an opportunity.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl lead list --status PENDING\n  mpctl lead accept engi-abc1234567890"
    )]
    Lead(LeadCommand),
    /// Partner Central engagements shared with AWS and other partners: list, show (members and
    /// contexts), create, invite a partner, snapshots.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl engagement list --leads\n  mpctl engagement show eng-abcdefgh123456"
    )]
    Engagement(EngagementCommand),
    /// Validate, render, start and inspect any Marketplace Catalog change set.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl changeset validate changesets/private-offer.json\n  mpctl changeset start @private-offer --var PRODUCT_ID=prod-abc --wait"
    )]
    Changeset(ChangesetCommand),
    /// Describe, list and tag Marketplace Catalog entities (products, offers, resale
    /// authorizations).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl entity list SaaSProduct\n  mpctl entity describe prod-abc\n  mpctl entity tags prod-abc"
    )]
    Entity(EntityCommand),
    /// Product listings and offers as a buyer account sees them (Marketplace Discovery).
    /// Listing files: pull a product or offer into files, diff, plan and apply edits.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl listing preview offer-abc --as 444455556666 --endpoint-url http://127.0.0.1:4566\n  mpctl listing preview prod-abc --as 444455556666 --output json"
    )]
    Listing(ListingCommand),
    /// Write a starter project (config.json, buyer_ids.txt, shared_env.json, changesets/) into
    /// DIR, keeping every file that already exists.
    #[command(after_help = "Examples:\n  mpctl init\n  mpctl init my-project")]
    Init(InitArgs),
    /// Offers that exist: list, describe, extend, expire, clone, replace.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl offer list --private\n  mpctl offer extend offer-abc --until 2027-06-30"
    )]
    Offer(OfferCommand),
    /// Agreements: search, describe, terms; cancel one and follow the request.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl agreement search --offer offer-abc\n  mpctl agreement terms agmt-abc\n  mpctl agreement cancel agmt-abc --reason TEST_AGREEMENT"
    )]
    Agreement(AgreementCommand),
    /// Many deals from one CSV: an offer (and optionally a co-sell opportunity) per row.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl campaign run deals.csv --yes\n  mpctl campaign status deals.csv"
    )]
    Campaign(CampaignCommand),
    /// Act as the buyer (Sandbox rehearsal with --buyer-profile, or the emulator).
    #[command(subcommand)]
    #[command(after_help = "Examples:\n  mpctl buyer accept offer-abc --local")]
    Buyer(BuyerCommand),
    /// Serve a local web dashboard of offers, agreements, renewals and co-sell.
    #[command(
        after_help = "Examples:\n  mpctl dashboard --open\n  mpctl dashboard --local --bind 127.0.0.1:8080 --read-only\n  mpctl dashboard --clear-cache"
    )]
    Dashboard(DashboardArgs),
    /// A SaaS product's metered usage: send it from a CSV.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl metering send usage.csv --product prod-abcdefghijklm --yes"
    )]
    Metering(MeteringCommand),
    /// What a SaaS contract product's buyers are entitled to.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl entitlement list --product prod-abcdefghijklm --buyer 111122223333"
    )]
    Entitlement(EntitlementCommand),
    /// AWS's EventBridge notifications (change sets, offers, agreements, co-sell) through an
    /// SQS queue: set up, tail, forward to a command or webhook, tear down.
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl events setup --local\n  mpctl events tail --output json\n  mpctl events forward --webhook https://hooks.slack.com/services/T000/B000/XXXX"
    )]
    Events(EventsCommand),
    /// Print a shell completion script for SHELL on stdout.
    #[command(
        after_help = "Examples:\n  mpctl completions bash > ~/.local/share/bash-completion/completions/mpctl\n  mpctl completions zsh > \"${fpath[1]}/_mpctl\"\n  mpctl completions fish > ~/.config/fish/completions/mpctl.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout.
    #[command(after_help = "Examples:\n  mpctl man > mpctl.1 && man ./mpctl.1")]
    Man,
}
