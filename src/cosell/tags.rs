//! An opportunity's tags (Partner Central's TagResource, UntagResource, ListTagsForResource on
//! its ARN): `--set KEY=VALUE` checked against the model's limits before anything is sent.

use std::collections::BTreeMap;

use aws_sdk_partnercentralselling::types::Tag;
use aws_sdk_partnercentralselling::Client;
use serde_json::json;

use crate::aws::describe_error;
use crate::confirm::Planned;
use crate::exit::bad_input;

/// `KEY=VALUE` pairs: keys 1-128 characters, values up to 256 (the model's `Tag`).
pub fn parse(set: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    set.iter()
        .map(|kv| {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| bad_input(format!("--set '{kv}' is not KEY=VALUE; nothing was sent")))?;
            if k.is_empty() || k.chars().count() > 128 || v.chars().count() > 256 {
                return Err(bad_input(format!("--set '{kv}': keys have 1-128 characters, values at most 256; nothing was sent")));
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// The writes, as the plan shows them.
pub fn planned(arn: &str, set: &[(String, String)], remove: &[String]) -> Vec<Planned> {
    let mut out = Vec::new();
    if !set.is_empty() {
        let tags: Vec<_> = set
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        out.push(Planned::new(
            "TagResource",
            "",
            json!({"ResourceArn": arn, "Tags": tags}),
        ));
    }
    if !remove.is_empty() {
        out.push(Planned::new(
            "UntagResource",
            "",
            json!({"ResourceArn": arn, "TagKeys": remove}),
        ));
    }
    out
}

pub async fn apply(
    client: &Client,
    arn: &str,
    set: &[(String, String)],
    remove: &[String],
) -> anyhow::Result<()> {
    if !set.is_empty() {
        let tags = set
            .iter()
            .map(|(k, v)| Tag::builder().key(k).value(v).build())
            .collect::<Result<Vec<_>, _>>()?;
        let call = client.tag_resource().resource_arn(arn).set_tags(Some(tags));
        call.send()
            .await
            .map_err(|e| describe_error("TagResource", e))?;
    }
    if !remove.is_empty() {
        let call = client
            .untag_resource()
            .resource_arn(arn)
            .set_tag_keys(Some(remove.to_vec()));
        call.send()
            .await
            .map_err(|e| describe_error("UntagResource", e))?;
    }
    Ok(())
}

pub async fn list(client: &Client, arn: &str) -> anyhow::Result<BTreeMap<String, String>> {
    let out = client
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await;
    let out = out.map_err(|e| describe_error("ListTagsForResource", e))?;
    Ok(out
        .tags()
        .iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect())
}
