//! GetSellingSystemSettings and PutSellingSystemSettings: the role resource snapshot jobs run
//! under, per account and catalog. A bare role name is stored as the caller's role ARN.
//!
//! [I] Before any Put, Get answers `ResourceNotFoundException` (Q11: the sources say nothing;
//! the output's role member is optional, but there is no settings resource yet).

use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::errors::not_found;
use super::Ctx;
use crate::wire::{optional_str, OpResult};

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let role = ctx.data(catalog).extras.role_arn.clone();
    let role = role.ok_or_else(|| not_found("Selling system settings", catalog.as_str()))?;
    Ok(json!({"Catalog": catalog.as_str(), "ResourceSnapshotJobRoleArn": role}))
}

pub fn put(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let caller = ctx.caller.to_string();
    let data = ctx.data(catalog);
    if let Some(role) = optional_str(input, "ResourceSnapshotJobRoleIdentifier") {
        let arn = if role.starts_with("arn:") {
            role.to_string()
        } else {
            format!("arn:aws:iam::{caller}:role/{role}")
        };
        data.extras.role_arn = Some(arn);
    }
    let mut reply = json!({"Catalog": catalog.as_str()});
    if let Some(arn) = &data.extras.role_arn {
        reply["ResourceSnapshotJobRoleArn"] = json!(arn);
    }
    Ok(reply)
}
