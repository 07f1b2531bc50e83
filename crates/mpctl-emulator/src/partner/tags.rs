//! TagResource, UntagResource and ListTagsForResource. Taggable resources are the caller's own
//! account-scoped ones (the model's `TaggableResourceArn` names an account): opportunities and
//! resource snapshot jobs. The catalog comes from the ARN (these three operations have no
//! `Catalog` member); an ARN of another account or of nothing is `ResourceNotFoundException`.
//!
//! [I] An untagged resource lists `Tags: []` (Q12: the model's minimum of one cannot hold);
//! at most 200 tags per resource, beyond which TagResource is a `ValidationException`.

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::dataset::Dataset;
use super::errors::{business, code, not_found};
use super::Ctx;
use crate::wire::{required_str, ApiError, OpResult};

const MAX_TAGS: usize = 200;

/// The caller's data set holding the resource `arn` names.
fn owner<'a>(ctx: &'a mut Ctx, arn: &str) -> Result<&'a mut Dataset, ApiError> {
    let missing = || not_found("Resource", arn);
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.get(4) != Some(&ctx.caller) {
        return Err(missing());
    }
    let path: Vec<&str> = parts.get(5).unwrap_or(&"").split('/').collect();
    let catalog = match path.get(1) {
        Some(&"AWS") => CatalogName::Aws,
        Some(&"Sandbox") => CatalogName::Sandbox,
        _ => return Err(missing()),
    };
    let data = ctx.data(catalog);
    let exists = data.opportunities.values().any(|o| o.arn == arn)
        || data.extras.jobs.iter().any(|j| j.arn == arn);
    if !exists {
        return Err(missing());
    }
    Ok(data)
}

pub fn tag(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = required_str(input, "ResourceArn")?;
    let data = owner(ctx, arn)?;
    let mut after = data.extras.tags.get(arn).cloned().unwrap_or_default();
    for t in input["Tags"].as_array().into_iter().flatten() {
        if let (Some(k), Some(v)) = (t["Key"].as_str(), t["Value"].as_str()) {
            after.insert(k.to_string(), v.to_string());
        }
    }
    if after.len() > MAX_TAGS {
        return Err(business(
            "Tags",
            code::TOO_MANY_VALUES,
            format!("A resource holds at most {MAX_TAGS} tags."),
        ));
    }
    data.extras.tags.insert(arn.to_string(), after);
    Ok(json!({}))
}

pub fn untag(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = required_str(input, "ResourceArn")?;
    let data = owner(ctx, arn)?;
    if let Some(tags) = data.extras.tags.get_mut(arn) {
        for key in input["TagKeys"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            tags.remove(key);
        }
    }
    Ok(json!({}))
}

pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let arn = required_str(input, "ResourceArn")?;
    let data = owner(ctx, arn)?;
    let tags: Vec<Value> = data
        .extras
        .tags
        .get(arn)
        .into_iter()
        .flatten()
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    Ok(json!({ "Tags": tags }))
}
