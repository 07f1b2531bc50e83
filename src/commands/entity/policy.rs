//! `entity policy get|put|delete ENTITY`: an entity's resource policy (GetResourcePolicy,
//! PutResourcePolicy, DeleteResourcePolicy on the entity's ARN). The entity is named by id or
//! ARN; DescribeEntity reads its ARN (and so checks it exists) first. `put` reads the policy
//! from a JSON file, refusing one that is not JSON (`FILE:LINE:COL`, exit 2) before connecting;
//! `put` and `delete` are confirmed against AWS and printed exactly by `--plan`, rendered by the
//! builder that sends them. Every command answers with the policy the entity has after.
//!
//! An entity without a policy is not an error for `get`: GetResourcePolicy's
//! ResourceNotFoundException after DescribeEntity found the entity means "no policy".

use std::path::Path;

use aws_sdk_marketplacecatalog::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::aws::render::Renderer;
use crate::aws::{self, describe_error, AwsError};
use crate::confirm::{self, Planned};
use crate::exit::bad_input;
use crate::output::{Printer, Report};
use crate::settings::Settings;

/// `entity policy get|put|delete`: the entity's resource policy after the command.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntityPolicy {
    pub entity_id: String,
    /// The ARN the policy is on (read with DescribeEntity).
    pub resource_arn: String,
    /// The policy document; `null` when the entity has none.
    pub policy: Option<Value>,
}

impl Report for EntityPolicy {
    fn text(&self) -> String {
        match &self.policy {
            None => format!("{} has no resource policy", self.entity_id),
            Some(p) => serde_json::to_string_pretty(p).unwrap_or_else(|_| p.to_string()),
        }
    }
}

/// The entity id of an id or an entity ARN (`arn:…:AWSMarketplace/Offer/offer-abc`).
fn entity_id(id_or_arn: &str) -> &str {
    if id_or_arn.starts_with("arn:") {
        id_or_arn.rsplit('/').next().unwrap_or(id_or_arn)
    } else {
        id_or_arn
    }
}

/// The policy file's text, checked to be JSON: `FILE:LINE:COL: …` (exit 2) when it is not.
pub fn read_policy(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        bad_input(format!(
            "{}: cannot read the policy file: {e}",
            path.display()
        ))
    })?;
    if let Err(e) = serde_json::from_str::<Value>(&text) {
        return Err(bad_input(format!(
            "{}:{}:{}: the policy is not JSON: {e}; nothing was sent\n  hint: a resource policy is an IAM policy document, e.g. {{\"Version\": \"2012-10-17\", \"Statement\": [...]}}",
            path.display(),
            e.line(),
            e.column()
        )));
    }
    Ok(text.trim().to_string())
}

/// The entity's id and ARN, as DescribeEntity reports them.
async fn target(client: &Client, id_or_arn: &str) -> anyhow::Result<(String, String)> {
    let id = entity_id(id_or_arn);
    let out = super::describe_entity(client, id).await?;
    let arn = out
        .entity_arn()
        .map(String::from)
        .ok_or_else(|| anyhow::anyhow!("DescribeEntity {id} returned no EntityArn"))?;
    if id_or_arn.starts_with("arn:") && id_or_arn != arn {
        return Err(bad_input(format!(
            "{id_or_arn} is not the ARN of {id} ({arn}); nothing was sent"
        )));
    }
    Ok((id.to_string(), arn))
}

/// The policy on `arn`, `None` when it has none.
async fn read(client: &Client, id: String, arn: String) -> anyhow::Result<EntityPolicy> {
    let got = client.get_resource_policy().resource_arn(&arn).send().await;
    let policy = match got {
        Ok(out) => out
            .policy()
            .map(|p| serde_json::from_str(p).unwrap_or_else(|_| Value::String(p.to_string()))),
        Err(e) => {
            let e = describe_error("GetResourcePolicy", e);
            let missing = e
                .downcast_ref::<AwsError>()
                .is_some_and(|a| a.code.as_deref() == Some("ResourceNotFoundException"));
            if !missing {
                return Err(e);
            }
            None
        }
    };
    Ok(EntityPolicy {
        entity_id: id,
        resource_arn: arn,
        policy,
    })
}

/// `entity policy get ENTITY`.
pub async fn get(settings: &Settings, id_or_arn: &str) -> anyhow::Result<EntityPolicy> {
    let clients = aws::connect(settings).await?;
    let (id, arn) = target(&clients.catalog, id_or_arn).await?;
    read(&clients.catalog, id, arn).await
}

/// The write `put` or `delete` sends: the policy text, or none to delete.
async fn write(
    settings: &Settings,
    printer: &Printer,
    id_or_arn: &str,
    policy: Option<&str>,
) -> anyhow::Result<Option<EntityPolicy>> {
    confirm::gate(settings)?;
    let clients = aws::connect(settings).await?;
    let client = &clients.catalog;
    let (id, arn) = target(client, id_or_arn).await?;
    let r = Renderer::new();
    let (op, body) = match policy {
        Some(p) => {
            let call = r.catalog.put_resource_policy().resource_arn(&arn).policy(p);
            ("PutResourcePolicy", r.body(call.send()).await?)
        }
        None => {
            let call = r.catalog.delete_resource_policy().resource_arn(&arn);
            ("DeleteResourcePolicy", r.body(call.send()).await?)
        }
    };
    let planned = Planned::new(op, "", body);
    if settings.plan {
        let reads = [format!("DescribeEntity {id}")];
        confirm::print_plan_after_reads(printer, &reads, &[planned]);
        return Ok(None);
    }
    confirm::single(settings, printer, planned)?;
    match policy {
        Some(p) => client
            .put_resource_policy()
            .resource_arn(&arn)
            .policy(p)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error("PutResourcePolicy", e))?,
        None => client
            .delete_resource_policy()
            .resource_arn(&arn)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| describe_error("DeleteResourcePolicy", e))?,
    }
    read(client, id, arn).await.map(Some)
}

/// `entity policy put ENTITY --file POLICY.json`.
pub async fn put(
    settings: &Settings,
    printer: &Printer,
    id_or_arn: &str,
    file: &Path,
) -> anyhow::Result<Option<EntityPolicy>> {
    let policy = read_policy(file)?;
    write(settings, printer, id_or_arn, Some(&policy)).await
}

/// `entity policy delete ENTITY`.
pub async fn delete(
    settings: &Settings,
    printer: &Printer,
    id_or_arn: &str,
) -> anyhow::Result<Option<EntityPolicy>> {
    write(settings, printer, id_or_arn, None).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arn_names_its_entity_and_a_file_that_is_not_json_names_line_and_column() {
        assert_eq!(
            entity_id(
                "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-abc"
            ),
            "offer-abc"
        );
        assert_eq!(entity_id("prod-abc"), "prod-abc");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.json");
        std::fs::write(&path, "{\n  \"Version\": \"2012-10-17\",\n  oops\n}").unwrap();
        let e = read_policy(&path).unwrap_err().to_string();
        assert!(e.contains("policy.json:3:3:"), "{e}");
        std::fs::write(&path, " {\"Version\": \"2012-10-17\"}\n").unwrap();
        assert_eq!(read_policy(&path).unwrap(), "{\"Version\": \"2012-10-17\"}");
    }
}
