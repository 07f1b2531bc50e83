//! `entity tag|untag|tags ID`: an entity's tags. The Catalog tags resources by ARN, so each
//! command first reads the entity's ARN with DescribeEntity; `tag` and `untag` then send one
//! TagResource / UntagResource (confirmed against AWS, printed exactly by `--plan`, rendered
//! by the builder that sends it) and all three answer with the tags the entity has after.

use aws_sdk_marketplacecatalog::operation::tag_resource::builders::TagResourceFluentBuilder;
use aws_sdk_marketplacecatalog::operation::untag_resource::builders::UntagResourceFluentBuilder;
use aws_sdk_marketplacecatalog::types::Tag;
use aws_sdk_marketplacecatalog::Client;
use schemars::JsonSchema;
use serde::Serialize;

use crate::aws::render::Renderer;
use crate::aws::{self, describe_error};
use crate::confirm::{self, Planned};
use crate::exit::bad_input;
use crate::output::{List, Printer, Report};
use crate::settings::Settings;

/// At most this many tags per TagResource (the Catalog documents "1-50").
const MAX_TAGS: usize = 50;

/// One tag.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EntityTag {
    pub key: String,
    pub value: String,
}

/// `entity tag|untag|tags`: the tags the entity has (after the write, for `tag` and `untag`),
/// sorted by key.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntityTags {
    pub entity_id: String,
    /// The ARN the tags are on (read with DescribeEntity).
    pub resource_arn: String,
    #[serde(flatten)]
    pub tags: List<EntityTag>,
}

impl Report for EntityTags {
    fn text(&self) -> String {
        if self.tags.items.is_empty() {
            return format!("{} has no tags", self.entity_id);
        }
        let width = self.tags.items.iter().map(|t| t.key.len()).max();
        let lines = self
            .tags
            .items
            .iter()
            .map(|t| format!("{:width$}  {}", t.key, t.value, width = width.unwrap_or(0)));
        lines.collect::<Vec<_>>().join("\n")
    }
}

/// `KEY=VALUE` arguments as tags: each key once, non-empty, at most 50.
pub fn parse_tags(args: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    if args.len() > MAX_TAGS {
        return Err(bad_input(format!(
            "at most {MAX_TAGS} tags per command, not {}; nothing was sent",
            args.len()
        )));
    }
    let mut tags: Vec<(String, String)> = Vec::new();
    for arg in args {
        let Some((k, v)) = arg.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(bad_input(format!(
                "tag '{arg}' is not KEY=VALUE; nothing was sent\n  hint: e.g. team=billing (an empty value: team=)"
            )));
        };
        if tags.iter().any(|(key, _)| key == k) {
            return Err(bad_input(format!(
                "tag key '{k}' is given twice; nothing was sent"
            )));
        }
        tags.push((k.to_string(), v.to_string()));
    }
    Ok(tags)
}

/// The entity's ARN, as DescribeEntity reports it.
async fn arn_of(client: &Client, id: &str) -> anyhow::Result<String> {
    let out = super::describe_entity(client, id).await?;
    out.entity_arn()
        .map(String::from)
        .ok_or_else(|| anyhow::anyhow!("DescribeEntity {id} returned no EntityArn"))
}

fn tag_request(
    call: TagResourceFluentBuilder,
    arn: &str,
    tags: &[(String, String)],
) -> anyhow::Result<TagResourceFluentBuilder> {
    let mut call = call.resource_arn(arn);
    for (k, v) in tags {
        let tag = Tag::builder().key(k).value(v).build();
        call = call.tags(tag.map_err(|e| bad_input(e.to_string()))?);
    }
    Ok(call)
}

fn untag_request(
    call: UntagResourceFluentBuilder,
    arn: &str,
    keys: &[String],
) -> UntagResourceFluentBuilder {
    keys.iter()
        .fold(call.resource_arn(arn), |call, k| call.tag_keys(k))
}

/// Reads the tags of `arn`, sorted by key.
async fn list(client: &Client, id: &str, arn: String) -> anyhow::Result<EntityTags> {
    let out = client
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .map_err(|e| describe_error("ListTagsForResource", e))?;
    let mut items: Vec<EntityTag> = out
        .tags()
        .iter()
        .map(|t| EntityTag {
            key: t.key().to_string(),
            value: t.value().to_string(),
        })
        .collect();
    items.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(EntityTags {
        entity_id: id.to_string(),
        resource_arn: arn,
        tags: List::new(items),
    })
}

/// `entity tags ID`.
pub async fn show(settings: &Settings, id: &str) -> anyhow::Result<EntityTags> {
    let clients = aws::connect(settings).await?;
    let arn = arn_of(&clients.catalog, id).await?;
    list(&clients.catalog, id, arn).await
}

/// The write a `tag` or `untag` sends.
enum Write<'a> {
    Tag(&'a [(String, String)]),
    Untag(&'a [String]),
}

/// `entity tag ID KEY=VALUE…` and `entity untag ID KEY…`: read the ARN, plan or confirm the
/// one write, send it, read the tags back. `None` under `--plan` (printed, nothing written).
async fn send_write(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    what: Write<'_>,
) -> anyhow::Result<Option<EntityTags>> {
    confirm::gate(settings)?;
    let clients = aws::connect(settings).await?;
    let client = &clients.catalog;
    let arn = arn_of(client, id).await?;
    let r = Renderer::new();
    let (op, body) = match what {
        Write::Tag(tags) => {
            let call = tag_request(r.catalog.tag_resource(), &arn, tags)?;
            ("TagResource", r.body(call.send()).await?)
        }
        Write::Untag(keys) => {
            let call = untag_request(r.catalog.untag_resource(), &arn, keys);
            ("UntagResource", r.body(call.send()).await?)
        }
    };
    let planned = Planned::new(op, "", body);
    if settings.plan {
        let reads = [format!("DescribeEntity {id}")];
        confirm::print_plan_after_reads(printer, &reads, &[planned]);
        return Ok(None);
    }
    confirm::single(settings, printer, planned)?;
    match what {
        Write::Tag(tags) => tag_request(client.tag_resource(), &arn, tags)?
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error("TagResource", e))?,
        Write::Untag(keys) => untag_request(client.untag_resource(), &arn, keys)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error("UntagResource", e))?,
    }
    list(client, id, arn).await.map(Some)
}

/// `entity tag ID KEY=VALUE…`.
pub async fn tag(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    args: &[String],
) -> anyhow::Result<Option<EntityTags>> {
    let tags = parse_tags(args)?;
    send_write(settings, printer, id, Write::Tag(&tags)).await
}

/// `entity untag ID KEY…`.
pub async fn untag(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    keys: &[String],
) -> anyhow::Result<Option<EntityTags>> {
    send_write(settings, printer, id, Write::Untag(keys)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_as_key_value_with_empty_values_and_no_repeats() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let parsed = parse_tags(&args(&["team=billing", "note=a=b", "empty="])).unwrap();
        assert_eq!(parsed[1], ("note".into(), "a=b".into()));
        assert_eq!(parsed[2], ("empty".into(), String::new()));
        for bad in [&["novalue"][..], &["=v"], &["k=1", "k=2"]] {
            assert!(parse_tags(&args(bad)).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..51).map(|i| format!("k{i}=v")).collect();
        assert!(parse_tags(&many).is_err());
    }
}
