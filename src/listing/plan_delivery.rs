//! Edits to a delivery option's content, carried by `UpdateDeliveryOptions`: a SaaS product's
//! fulfillment or launch URL, usage instructions and deployment templates (and an API
//! delivery's members), an AMI delivery's usage instructions, recommended instance type and
//! security groups, a container delivery's title, description, usage instructions, deployment
//! resources and compatible services, and an AMI or container version's release notes and
//! title. Each entity member maps back to the `Update…DeliveryOptionDetails` member that sets it
//! (the entity spells some differently: `Instructions.Usage` is `UsageInstructions`). Apart
//! from `plan_product` because the mapping depends on the delivery option's kind.

use serde_json::{json, Map, Value};

use super::diff::Difference;
use super::file::member;

/// The product families whose delivery content the planner edits, told apart by the change
/// types only they have.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    SaaS,
    Ami,
    Container,
}

fn product_kind(has: &dyn Fn(&str) -> bool) -> Option<Kind> {
    if !has("UpdateDeliveryOptions") {
        None
    } else if has("AddRepositories") {
        Some(Kind::Container)
    } else if has("AddInstanceTypes") {
        Some(Kind::Ami)
    } else if has("AddDimensions") {
        Some(Kind::SaaS)
    } else {
        // Machine learning products (SageMaker deliveries) are not planned.
        None
    }
}

/// The change type carrying a difference at `Versions[v]…`, if it is delivery content the
/// product's kind can update (an AMI option's Title and ShortDescription are not: AWS's
/// UpdateAmiDeliveryOptionDetails has no such members; a SaaS product has no `Version`).
pub fn classify(d: &Difference, has: &dyn Fn(&str) -> bool) -> Option<&'static str> {
    let kind = product_kind(has)?;
    let (saas, ami, container) = (
        kind == Kind::SaaS,
        kind == Kind::Ami,
        kind == Kind::Container,
    );
    if d.segments.len() == 3 {
        let version = matches!(d.key(2), Some("ReleaseNotes" | "VersionTitle"));
        return (version && !saas).then_some("UpdateDeliveryOptions");
    }
    if d.key(2) != Some("DeliveryOptions") || d.item(3).is_none() {
        return None;
    }
    let carried = match (d.key(4)?, d.key(5)) {
        (
            "FulfillmentUrl"
            | "LaunchUrl"
            | "UsageInstructions"
            | "DeploymentTemplates"
            | "ApiType"
            | "QuickLaunchEnabled"
            | "CompatibleServices"
            | "Endpoints",
            _,
        ) => saas,
        ("Instructions", Some("Usage")) => ami || container,
        ("Recommendations", Some("InstanceType" | "SecurityGroups")) => ami,
        ("Recommendations", Some("DeploymentResources")) => container,
        ("Compatibility", Some("AWSServices")) => container,
        ("Title" | "ShortDescription", None) => container,
        _ => false,
    };
    carried.then_some("UpdateDeliveryOptions")
}

/// The DetailsDocuments of the UpdateDeliveryOptions changes: one per delivery option,
/// `{DeliveryOptions: [{Id, Details: {<Kind>DeliveryOptionDetails: {…}}}], Version?}` with the
/// members that changed, from the file's document, in the file's order. `[I]` One option per
/// change: AWS's AMI shape takes exactly one, and a `Version` applies to the version of the
/// option it travels with, so an edited version's notes go with its first edited option (or,
/// when only the notes changed, its first option with no details).
pub fn details(local: &Value, diffs: &[&Difference]) -> Vec<Value> {
    let versions = member(local, "Versions")
        .as_array()
        .cloned()
        .unwrap_or_default();
    // (version id, version members, [(option id, kind, update body)]) in the file's order.
    type Edits = (
        String,
        Map<String, Value>,
        Vec<(String, &'static str, Map<String, Value>)>,
    );
    let mut edits: Vec<Edits> = Vec::new();
    for d in diffs {
        let Some(v) = d
            .item(1)
            .and_then(|id| versions.iter().find(|v| v["Id"] == id))
        else {
            continue;
        };
        let vid = v["Id"].as_str().unwrap_or_default().to_string();
        let at = match edits.iter().position(|e| e.0 == vid) {
            Some(i) => i,
            None => {
                edits.push((vid, Map::new(), Vec::new()));
                edits.len() - 1
            }
        };
        let entry = &mut edits[at];
        let (option_id, field) = match d.key(2) {
            Some(key @ ("ReleaseNotes" | "VersionTitle")) => {
                entry.1.insert(key.to_string(), v[key].clone());
                (v["DeliveryOptions"][0]["Id"].as_str(), None)
            }
            _ => (d.item(3), Some((d.key(4).unwrap_or_default(), d.key(5)))),
        };
        let Some(option_id) = option_id else { continue };
        let option = member(v, "DeliveryOptions")
            .as_array()
            .and_then(|o| o.iter().find(|o| o["Id"] == option_id))
            .cloned()
            .unwrap_or_default();
        let slot = match entry.2.iter().position(|o| o.0 == option_id) {
            Some(i) => i,
            None => {
                let k = kind(option["Type"].as_str().unwrap_or_default());
                entry.2.push((option_id.to_string(), k, Map::new()));
                entry.2.len() - 1
            }
        };
        if let Some((key, sub)) = field {
            let (name, value) = update_member(&option, key, sub);
            entry.2[slot].2.insert(name.to_string(), value);
        }
    }
    let mut out = Vec::new();
    for (_, version, options) in edits {
        for (i, (id, k, body)) in options.into_iter().enumerate() {
            let option = match body.is_empty() {
                true => json!({"Id": id}),
                false => json!({"Id": id, "Details": {k: body}}),
            };
            let mut change = json!({"DeliveryOptions": [option]});
            if i == 0 && !version.is_empty() {
                change["Version"] = Value::Object(version.clone());
            }
            out.push(change);
        }
    }
    out
}

/// The `Update…DeliveryOptionDetails` member for a delivery option's kind (its entity `Type`).
/// `[I]` AWS names container deliveries `ElasticContainerRegistry`, `Helm` and `EksAddOn` in
/// DescribeEntity; the short `Ecr` spelling is accepted too.
fn kind(entity_type: &str) -> &'static str {
    match entity_type {
        "AmazonMachineImage" => "AmiDeliveryOptionDetails",
        "Api" => "ApiDeliveryOptionDetails",
        "Ecr" | "ElasticContainerRegistry" => "EcrDeliveryOptionDetails",
        "Helm" => "HelmDeliveryOptionDetails",
        "EksAddOn" => "EksAddOnDeliveryOptionDetails",
        _ => "SaaSUrlDeliveryOptionDetails",
    }
}

/// The update member and its value (from the file's option) for the entity member `key.sub`.
fn update_member(option: &Value, key: &str, sub: Option<&str>) -> (&'static str, Value) {
    let at = |a: &str, b: &str| member(member(option, a), b).clone();
    match (key, sub) {
        ("Instructions", _) => ("UsageInstructions", at("Instructions", "Usage")),
        ("Recommendations", Some("InstanceType")) => (
            "RecommendedInstanceType",
            at("Recommendations", "InstanceType"),
        ),
        ("Recommendations", Some("SecurityGroups")) => (
            "SecurityGroups",
            security_groups(&at("Recommendations", "SecurityGroups")),
        ),
        ("Recommendations", _) => (
            "DeploymentResources",
            at("Recommendations", "DeploymentResources"),
        ),
        ("Compatibility", _) => ("CompatibleServices", at("Compatibility", "AWSServices")),
        ("Title", _) => ("DeliveryOptionTitle", member(option, "Title").clone()),
        ("ShortDescription", _) => ("Description", member(option, "ShortDescription").clone()),
        (k, _) => {
            let name = [
                "FulfillmentUrl",
                "LaunchUrl",
                "UsageInstructions",
                "DeploymentTemplates",
                "ApiType",
                "QuickLaunchEnabled",
                "CompatibleServices",
                "Endpoints",
            ]
            .into_iter()
            .find(|n| *n == k)
            .unwrap_or("FulfillmentUrl");
            (name, member(option, k).clone())
        }
    }
}

/// The entity's `{Protocol, FromPort, ToPort, CidrIps}` back in the change's spelling.
fn security_groups(groups: &Value) -> Value {
    let list: Vec<Value> = groups
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            json!({"IpProtocol": g["Protocol"], "FromPort": g["FromPort"],
                   "ToPort": g["ToPort"], "IpRanges": g["CidrIps"]})
        })
        .collect();
    Value::Array(list)
}
