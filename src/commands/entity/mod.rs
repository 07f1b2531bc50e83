//! `mpctl entity describe ID…` ([`describe`]: DescribeEntity, or BatchDescribeEntities in
//! batches of 20), `mpctl entity list TYPE` ([`list`]: every page of ListEntities) and
//! `mpctl entity tag|untag|tags ID` ([`tags`]: TagResource, UntagResource,
//! ListTagsForResource on the entity's ARN) and `mpctl entity policy get|put|delete ENTITY`
//! ([`policy`]: Get/Put/DeleteResourcePolicy on the entity's ARN).

mod describe;
mod list;
mod policy;
mod tags;

use aws_sdk_marketplacecatalog::operation::describe_entity::DescribeEntityOutput;

use crate::cli::{EntityCommand, EntityPolicyCommand};
use crate::output::Printer;
use crate::settings::Settings;

pub use describe::Described;
pub use list::EntityList;
pub use policy::EntityPolicy;
pub use tags::EntityTags;

/// The Marketplace Catalog every entity call names.
const CATALOG: &str = "AWSMarketplace";

/// DescribeEntity for one id (`entity describe ID`, and the ARN the tag commands address).
async fn describe_entity(
    client: &aws_sdk_marketplacecatalog::Client,
    id: &str,
) -> anyhow::Result<DescribeEntityOutput> {
    client
        .describe_entity()
        .catalog(CATALOG)
        .entity_id(id)
        .send()
        .await
        .map_err(|e| crate::aws::describe_error("DescribeEntity", e))
}

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &EntityCommand,
) -> anyhow::Result<()> {
    match command {
        EntityCommand::Describe(args) => describe::run(settings, printer, &args.ids).await,
        EntityCommand::List(args) => {
            printer.print(&list::run(settings, args).await?);
            Ok(())
        }
        EntityCommand::Tag(args) => {
            let done = tags::tag(settings, printer, &args.id, &args.tags).await?;
            done.iter().for_each(|d| printer.print(d));
            Ok(())
        }
        EntityCommand::Untag(args) => {
            let done = tags::untag(settings, printer, &args.id, &args.keys).await?;
            done.iter().for_each(|d| printer.print(d));
            Ok(())
        }
        EntityCommand::Tags(args) => {
            printer.print(&tags::show(settings, &args.id).await?);
            Ok(())
        }
        EntityCommand::Policy { command } => {
            let done = match command {
                EntityPolicyCommand::Get(a) => Some(policy::get(settings, &a.entity).await?),
                EntityPolicyCommand::Put(a) => {
                    policy::put(settings, printer, &a.entity, &a.file).await?
                }
                EntityPolicyCommand::Delete(a) => {
                    policy::delete(settings, printer, &a.entity).await?
                }
            };
            done.iter().for_each(|d| printer.print(d));
            Ok(())
        }
    }
}
