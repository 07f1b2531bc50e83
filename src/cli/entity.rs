//! `entity describe|list`: any Marketplace Catalog entity.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum EntityCommand {
    /// Describe entities: one id uses DescribeEntity, several BatchDescribeEntities.
    #[command(after_help = "Examples:\n  mpctl entity describe prod-abc offer-abc")]
    Describe(EntityDescribeArgs),
    /// List entities of one type (all pages).
    #[command(
        after_help = "Examples:\n  mpctl entity list Offer --private\n  mpctl entity list Offer --filter ProductId=prod-abc --sort LastModifiedDate:DESC"
    )]
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
