//! `entity describe|list|tag|untag|tags|policy`: any Marketplace Catalog entity, its tags and
//! its resource policy.

use std::path::PathBuf;

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
    /// Add tags to an entity, or change their values (TagResource on the entity's ARN, which
    /// DescribeEntity reads first). A write: confirmed against AWS, shown exactly by --plan.
    #[command(
        after_help = "Examples:\n  mpctl entity tag prod-abc team=billing env=prod\n  mpctl entity tag offer-abc deal=Q3-renewal --plan"
    )]
    Tag(EntityTagArgs),
    /// Remove tags from an entity by key (UntagResource); keys it does not have are ignored.
    #[command(
        after_help = "Examples:\n  mpctl entity untag prod-abc env\n  mpctl entity untag offer-abc deal team --yes"
    )]
    Untag(EntityUntagArgs),
    /// List an entity's tags (ListTagsForResource).
    #[command(
        after_help = "Examples:\n  mpctl entity tags prod-abc\n  mpctl entity tags offer-abc --output json"
    )]
    Tags(EntityTagsArgs),
    /// An entity's resource policy: get, put (from a JSON file) or delete
    /// (Get/Put/DeleteResourcePolicy on the entity's ARN). Writes are confirmed against AWS and
    /// shown exactly by --plan.
    #[command(
        after_help = "Examples:\n  mpctl entity policy get offer-abc\n  mpctl entity policy put prod-abc --file policy.json --plan\n  mpctl entity policy delete arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/SaaSProduct/prod-abc --yes"
    )]
    Policy {
        #[command(subcommand)]
        command: EntityPolicyCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum EntityPolicyCommand {
    /// Show the entity's resource policy (GetResourcePolicy); "no resource policy" if none.
    #[command(
        after_help = "Examples:\n  mpctl entity policy get offer-abc\n  mpctl entity policy get prod-abc --output json"
    )]
    Get(EntityPolicyArgs),
    /// Attach a resource policy read from a JSON file (PutResourcePolicy), replacing any.
    #[command(
        after_help = "Examples:\n  mpctl entity policy put prod-abc --file policy.json\n  mpctl entity policy put offer-abc --file policy.json --plan"
    )]
    Put(EntityPolicyPutArgs),
    /// Remove the entity's resource policy (DeleteResourcePolicy).
    #[command(
        after_help = "Examples:\n  mpctl entity policy delete prod-abc\n  mpctl entity policy delete offer-abc --yes"
    )]
    Delete(EntityPolicyArgs),
}

#[derive(Debug, Clone, Args)]
pub struct EntityPolicyArgs {
    /// Entity id (prod-…, offer-…, resaleauthz-…, offerset-…) or its ARN.
    #[arg(value_name = "ENTITY_ARN_OR_ID")]
    pub entity: String,
}

#[derive(Debug, Clone, Args)]
pub struct EntityPolicyPutArgs {
    /// Entity id (prod-…, offer-…, resaleauthz-…, offerset-…) or its ARN.
    #[arg(value_name = "ENTITY_ARN_OR_ID")]
    pub entity: String,
    /// The policy document (JSON).
    #[arg(long, value_name = "POLICY.json")]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct EntityTagArgs {
    /// Entity id (prod-…, offer-…, resaleauthz-…, offerset-…).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Tags as KEY=VALUE (1 to 50; the value may be empty: KEY=).
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EntityUntagArgs {
    /// Entity id (prod-…, offer-…, resaleauthz-…, offerset-…).
    #[arg(value_name = "ID")]
    pub id: String,
    /// Keys of the tags to remove.
    #[arg(required = true, value_name = "KEY")]
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct EntityTagsArgs {
    /// Entity id (prod-…, offer-…, resaleauthz-…, offerset-…).
    #[arg(value_name = "ID")]
    pub id: String,
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
