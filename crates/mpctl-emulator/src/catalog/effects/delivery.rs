//! `UpdateDeliveryOptions`: rewriting the content of a product's existing delivery options (a
//! SaaS product's fulfillment URL, an AMI delivery's usage instructions or recommendations, a
//! container delivery's title, description and instructions) and the release notes or title of
//! the version holding them. Kept apart from `product` because it translates each
//! `Update…DeliveryOptionDetails` shape into the entity's `DeliveryOption` members.
//!
//! `[I]` An Id the product does not have fails the change with `DELIVERY_OPTION_NOT_FOUND`, the
//! code RestrictDeliveryOptions and UpdateDeliveryOptionsVisibility use here (AWS's documents
//! name no code); a change without any delivery option fails with `MISSING_DELIVERY_OPTIONS`
//! (AWS ties the `Version` it carries to the version of the options it names). Members the
//! update does not carry are left as they are.

use serde_json::{json, Map, Value};

use super::{array, doc, object, ErrorDetail};
use crate::catalog::entity::Entity;

/// Applies `{DeliveryOptions: [{Id, Details: {<Kind>DeliveryOptionDetails: {…}}}], Version?}`.
pub fn update(entity: &mut Entity, details: &Value) -> Result<(), ErrorDetail> {
    let updates: Vec<&Value> = details
        .get("DeliveryOptions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    if updates.is_empty() {
        return Err(ErrorDetail::new(
            "MISSING_DELIVERY_OPTIONS",
            "UpdateDeliveryOptions names no delivery option to update.",
        ));
    }
    let mut version_index = None;
    for update in updates {
        let id = update.get("Id").and_then(Value::as_str).unwrap_or_default();
        let (v, option) = find(entity, id)?;
        version_index.get_or_insert(v);
        let Some(Value::Object(kinds)) = update.get("Details") else {
            continue;
        };
        for (kind, body) in kinds {
            apply_kind(option, kind, body);
        }
    }
    if let (Some(v), Some(version)) = (version_index, details.get("Version")) {
        if let Some(target) = array(doc(entity), "Versions")
            .get_mut(v)
            .and_then(Value::as_object_mut)
        {
            for key in ["ReleaseNotes", "VersionTitle"] {
                if let Some(x) = version.get(key).filter(|x| !x.is_null()) {
                    target.insert(key.into(), x.clone());
                }
            }
        }
    }
    Ok(())
}

/// The delivery option with this `Id` and the index of the version holding it.
fn find<'a>(
    entity: &'a mut Entity,
    id: &str,
) -> Result<(usize, &'a mut Map<String, Value>), ErrorDetail> {
    array(doc(entity), "Versions")
        .iter_mut()
        .enumerate()
        .filter_map(|(i, v)| Some((i, v.get_mut("DeliveryOptions")?.as_array_mut()?)))
        .flat_map(|(i, opts)| opts.iter_mut().map(move |o| (i, o)))
        .filter_map(|(i, o)| Some((i, o.as_object_mut()?)))
        .find(|(_, o)| o.get("Id").and_then(Value::as_str) == Some(id))
        .ok_or_else(|| {
            ErrorDetail::new(
                "DELIVERY_OPTION_NOT_FOUND",
                format!("The product has no delivery option with Id '{id}'."),
            )
        })
}

/// Copies `from` (a member of the update) to `to` (a member of the entity's option) when set.
fn copy(body: &Value, option: &mut Map<String, Value>, pairs: &[(&str, &str)]) {
    for (from, to) in pairs {
        if let Some(v) = body.get(*from).filter(|v| !v.is_null()) {
            option.insert((*to).to_string(), v.clone());
        }
    }
}

/// Sets `option.<section>.<key>` when the update carries `from`.
fn nested(body: &Value, from: &str, option: &mut Map<String, Value>, section: &str, key: &str) {
    if let Some(v) = body.get(from).filter(|v| !v.is_null()) {
        object(option, section).insert(key.into(), v.clone());
    }
}

/// One `<Kind>DeliveryOptionDetails` body onto the entity's option (AddDeliveryOptions of a
/// container delivery writes through here too, so both spell the members alike).
pub(super) fn apply_kind(option: &mut Map<String, Value>, kind: &str, body: &Value) {
    match kind {
        "SaaSUrlDeliveryOptionDetails" => copy(
            body,
            option,
            &[
                ("FulfillmentUrl", "FulfillmentUrl"),
                ("LaunchUrl", "LaunchUrl"),
                ("UsageInstructions", "UsageInstructions"),
                ("DeploymentTemplates", "DeploymentTemplates"),
            ],
        ),
        "ApiDeliveryOptionDetails" => copy(
            body,
            option,
            &[
                ("ApiType", "ApiType"),
                ("QuickLaunchEnabled", "QuickLaunchEnabled"),
                ("CompatibleServices", "CompatibleServices"),
                ("FulfillmentUrl", "FulfillmentUrl"),
                ("UsageInstructions", "UsageInstructions"),
                ("Endpoints", "Endpoints"),
            ],
        ),
        "AmiDeliveryOptionDetails" => ami(option, body),
        // Container deliveries: Ecr, Helm, EksAddOn.
        _ => {
            copy(
                body,
                option,
                &[
                    ("DeliveryOptionTitle", "Title"),
                    ("Description", "ShortDescription"),
                ],
            );
            nested(body, "UsageInstructions", option, "Instructions", "Usage");
            nested(
                body,
                "DeploymentResources",
                option,
                "Recommendations",
                "DeploymentResources",
            );
            nested(
                body,
                "CompatibleServices",
                option,
                "Compatibility",
                "AWSServices",
            );
        }
    }
}

/// The AMI update's members in the entity's `Instructions` and `Recommendations` (security
/// groups in the entity's `Protocol`/`CidrIps` spelling, as AddDeliveryOptions writes them).
fn ami(option: &mut Map<String, Value>, body: &Value) {
    nested(body, "UsageInstructions", option, "Instructions", "Usage");
    nested(
        body,
        "RecommendedInstanceType",
        option,
        "Recommendations",
        "InstanceType",
    );
    if let Some(groups) = body.get("SecurityGroups").and_then(Value::as_array) {
        let groups: Vec<Value> = groups
            .iter()
            .map(|g| {
                json!({
                    "Protocol": g.get("IpProtocol").cloned().unwrap_or(Value::Null),
                    "FromPort": g.get("FromPort").cloned().unwrap_or(Value::Null),
                    "ToPort": g.get("ToPort").cloned().unwrap_or(Value::Null),
                    "CidrIps": g.get("IpRanges").cloned().unwrap_or(json!([])),
                })
            })
            .collect();
        object(option, "Recommendations").insert("SecurityGroups".into(), Value::Array(groups));
    }
}
