//! `listing preview`: a product listing or an offer as a buyer account sees it.

use std::path::PathBuf;

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
    /// Pull products or offers into listing files DIR/ID.json: DescribeEntity's DetailsDocument
    /// (an offer's terms and rules; a product's description, dimensions, versions and delivery
    /// options, targeting; a resale authorization's terms and rules) as JSON with sorted keys, to
    /// edit and keep in git. Offer sets and solutions are pulled and diffed too, for review;
    /// edits to them are not planned. Reads AWS, writes only the files (an unchanged entity
    /// leaves its file untouched).
    #[command(
        after_help = "Examples:\n  mpctl listing pull prod-abc offer-abc\n  mpctl listing pull offer-abc --dir listings/acme\n\nThen edit listing/*.json, `mpctl listing diff` shows what differs, `mpctl listing apply` sends it."
    )]
    Pull(ListingPullArgs),
    /// Compare listing files with the live entities, field by field (one DescribeEntity each),
    /// naming each field's FILE:LINE:COLUMN and the change type that would set it. Reads only.
    #[command(
        after_help = "Examples:\n  mpctl listing diff\n  mpctl listing diff listing/prod-abc.json --output json"
    )]
    Diff(ListingFilesArgs),
    /// The change set that makes the live entities match the listing files: the right change
    /// types in order (products before offers), validated. Reads only; `apply` sends it.
    #[command(
        after_help = "Examples:\n  mpctl listing plan\n  mpctl listing plan listing/offer-abc.json --output json\n\nA field no change type can set (an offer's ProductId, an AMI version's image) is refused,\nexit 2, naming FILE:LINE:COLUMN."
    )]
    Plan(ListingFilesArgs),
    /// Apply the plan: confirm (against AWS), StartChangeSet, wait, then diff again. Nothing
    /// differs: nothing is sent. `--plan` prints the exact request and sends nothing.
    #[command(
        after_help = "Examples:\n  mpctl listing apply --local\n  mpctl listing apply --plan\n  mpctl listing apply listing/prod-abc.json --yes"
    )]
    Apply(ListingFilesArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ListingPullArgs {
    /// Product (prod-…), offer (offer-…) or resale authorization (resaleauthz-…) ids (also
    /// offerset-…, soln-…, for review).
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
    /// Directory of the listing files.
    #[arg(long, value_name = "DIR", default_value = crate::listing::file::DEFAULT_DIR)]
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct ListingFilesArgs {
    /// Listing files [default: every *.json in --dir].
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Directory of the listing files.
    #[arg(long, value_name = "DIR", default_value = crate::listing::file::DEFAULT_DIR)]
    pub dir: PathBuf,
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
