//! `emulator serve`: the emulator's own options.

use std::net::SocketAddr;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Serve Marketplace Catalog, Partner Central Selling and Marketplace Agreement (and
    /// Marketplace Discovery for the buyer side, Metering and Entitlement for a SaaS product's
    /// run time) on one address until SIGINT/SIGTERM.
    #[command(
        after_help = "Examples:\n  mpctl emulator serve\n  mpctl emulator serve --bind 127.0.0.1:0 --changeset-seconds 0.2 --data emulator.json"
    )]
    Serve(ServeArgs),
    /// Move a running emulator's clock forward by DURATION (e.g. 30d, 12h, 90s, "1d 6h"):
    /// change sets, tasks, acceptance and review finish, offers and invitations expire and
    /// agreements end as if that time had passed. Talks to --endpoint-url (default
    /// http://127.0.0.1:4566) through the emulator's loopback-only admin path.
    #[command(
        after_help = "Examples:\n  mpctl emulator advance 30d\n  mpctl emulator advance 12h --endpoint-url http://127.0.0.1:4566"
    )]
    Advance {
        /// How far to move the clock: a number with a unit (s, m, h, d, w), units may combine.
        #[arg(value_parser = super::values::parse_duration)]
        duration: std::time::Duration,
    },
    /// Print a running emulator's current (emulated) time.
    #[command(
        after_help = "Examples:\n  mpctl emulator time\n  mpctl emulator time --endpoint-url http://127.0.0.1:4566"
    )]
    Time,
    /// Put into a running emulator what AWS or a buyer would create (loopback admin path).
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  mpctl emulator seed lead --company \"Acme Corp\"\n  mpctl emulator seed registration-token --account 111122223333 --product prod-abcdefghijklm\n  mpctl emulator seed catalog --products 50 --offers 500 --agreements 1000 --opportunities 200"
    )]
    Seed(SeedCommand),
}

/// What `emulator seed` can put in.
#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// AWS shares a lead with the seller: an engagement with a Lead context and a pending
    /// LeadInvitation in the seller's inbox (--catalog, default Sandbox); prints its id (engi-…).
    #[command(
        after_help = "Examples:\n  mpctl emulator seed lead --company \"Acme Corp\"\n  mpctl lead accept $(mpctl emulator seed lead --company Acme --output json | jq -r .invitation_id)"
    )]
    Lead {
        /// The lead's company name (1-120 characters).
        #[arg(long)]
        company: String,
    },
    /// A registration token for ACCOUNT subscribing to PRODUCT_ID (what AWS posts to a SaaS
    /// product's registration page); prints it as its last word, for ResolveCustomer. Talks to
    /// --endpoint-url (default http://127.0.0.1:4566) through the loopback-only admin path.
    #[command(
        after_help = "Examples:\n  mpctl emulator seed registration-token --account 111122223333 --product prod-abcdefghijklm\n  TOKEN=$(mpctl emulator seed registration-token --account 111122223333 --product prod-abcdefghijklm | awk '{print $NF}')"
    )]
    RegistrationToken {
        /// The buyer's 12-digit AWS account id.
        #[arg(long, value_name = "ACCOUNT", value_parser = super::values::parse_account)]
        account: String,
        /// The SaaS product's entity id (prod-…).
        #[arg(long, value_name = "PRODUCT_ID")]
        product: String,
    },
    /// A seller's real size: released SaaS products, public and private offers with varied
    /// terms, agreements by many buyers (end dates over the next two years, some ended,
    /// cancelled or renewed) and opportunities in every stage of the AWS catalog, all owned by
    /// the emulator's seller (or --account). The same --seed makes the same ids. Talks to
    /// --endpoint-url (default http://127.0.0.1:4566) through the loopback-only admin path.
    #[command(
        after_help = "Examples:\n  mpctl emulator seed catalog --products 50 --offers 500 --agreements 1000 --opportunities 200\n  mpctl emulator seed catalog --products 500 --offers 5000 --agreements 10000 --opportunities 2000 --seed 7 --output json"
    )]
    Catalog(SeedCatalogArgs),
}

/// `emulator seed catalog`: how many of each record (0 to 100,000 each).
#[derive(Debug, Clone, Args)]
pub struct SeedCatalogArgs {
    /// SaaS products to publish.
    #[arg(long, value_name = "P", value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub products: u64,
    /// Offers on them (about half private; needs --products 1 or more).
    #[arg(long, value_name = "O", value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub offers: u64,
    /// Agreements on those offers (needs --offers 1 or more).
    #[arg(long, value_name = "A", value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub agreements: u64,
    /// Opportunities in the AWS catalog, in every stage.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub opportunities: u64,
    /// Seed of the world's shape: the same seed makes the same ids.
    #[arg(long, value_name = "S", default_value_t = mpctl_emulator::CatalogSeed::DEFAULT_SEED)]
    pub seed: u64,
    /// The seller account that owns everything (default: the emulator's seller account).
    #[arg(long, value_name = "ACCOUNT", value_parser = super::values::parse_account)]
    pub account: Option<String>,
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
    /// Seconds AWS reviews a submitted AWS-catalog opportunity (Submitted, then In review,
    /// then Approved; a `[review:action-required]` or `[review:rejected]` marker in the project
    /// title gives that outcome instead).
    #[arg(long, default_value_t = 10.0)]
    pub review_seconds: f64,
    /// Start the emulated clock at this ISO 8601 instant (default: the clock saved in --data,
    /// else now).
    #[arg(long, value_name = "ISO8601", value_parser = super::values::parse_instant)]
    pub start_time: Option<chrono::DateTime<chrono::Utc>>,
    /// The account callers act as unless their access key id ends in 12 digits.
    #[arg(long, value_name = "ACCOUNT", value_parser = super::values::parse_account, default_value = mpctl_emulator::DEFAULT_SELLER_ACCOUNT)]
    pub seller_account: String,
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
    /// With --enforce-quotas: multiply every quota by F, like quotas AWS raised for a seller
    /// (pair it with config `campaign.quotas` on the client).
    #[arg(
        long,
        value_name = "F",
        default_value_t = 1.0,
        requires = "enforce_quotas"
    )]
    pub quota_scale: f64,
    /// Keep the emulator's state in FILE across restarts (loaded at start, saved atomically
    /// after every request).
    #[arg(long, value_name = "FILE")]
    pub data: Option<std::path::PathBuf>,
}
