//! `listing preview`: a product listing or an offer as a buyer account sees it.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ListingCommand {
    /// Show a listing (prodview-…), product (prod-…), offer (offer-…) or offer set
    /// (offerset-…) the way buyer account ACCOUNT sees it through Marketplace Discovery
    /// (GetListing; GetProduct + ListPurchaseOptions; GetOffer + GetOfferTerms; GetOfferSet).
    /// Reads only. Something the buyer cannot see (a draft, a private offer for another buyer)
    /// is an error, exit 1.
    #[command(
        after_help = "Examples:\n  mpctl listing preview offer-abc --as 444455556666 --endpoint-url http://127.0.0.1:4566\n  mpctl listing preview prod-abc --as 444455556666 --endpoint-url http://127.0.0.1:4566\n  mpctl listing preview prodview-abc --as 444455556666 --buyer-profile buyer-sandbox --output json\n\nAgainst the emulator the requests are signed as ACCOUNT with its test keys; against AWS they\nuse the buyer's credentials (--buyer-profile, or config \"buyer_profile\"), whose account\nshould be ACCOUNT."
    )]
    Preview(ListingPreviewArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ListingPreviewArgs {
    /// Listing (prodview-…), product (prod-…), offer (offer-…) or offer set (offerset-…) id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The buyer account (12 digits) to see it as.
    #[arg(long = "as", value_name = "ACCOUNT")]
    pub account: String,
    /// AWS profile with the buyer's credentials [default: config "buyer_profile"; against the
    /// emulator, test keys for --as].
    #[arg(long, value_name = "NAME")]
    pub buyer_profile: Option<String>,
}
