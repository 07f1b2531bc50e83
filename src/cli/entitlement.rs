//! `entitlement list`: what a SaaS contract product's buyers are entitled to (Marketplace
//! Entitlement Service).

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum EntitlementCommand {
    /// List what the buyers of a SaaS contract product are entitled to (GetEntitlements, every
    /// page): dimension, quantity, buyer account, license, expiry.
    #[command(
        after_help = "Examples:\n  mpctl entitlement list --product prod-abcdefghijklm\n  mpctl entitlement list --product prod-abcdefghijklm --buyer 111122223333 --output json"
    )]
    List(EntitlementListArgs),
}

#[derive(Debug, Clone, Args)]
pub struct EntitlementListArgs {
    /// The SaaS product (prod-…); its ProductCode is read from the Catalog.
    #[arg(long, value_name = "PRODUCT_ID")]
    pub product: String,
    /// Only this buyer's entitlements (12-digit AWS account id).
    #[arg(long, value_name = "ACCOUNT", value_parser = super::values::parse_account)]
    pub buyer: Option<String>,
}
