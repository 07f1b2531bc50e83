//! Which product change type carries each difference, and the changes that make a live SaaS,
//! AMI, container or ML product match its listing file: information (description, logo,
//! videos, resources, support text), targeting, dimensions (add, update, restrict), regions,
//! instance types, delivery option content (`plan_delivery`) and visibility, and visibility or release last. Only change types
//! the product's entity type has are planned (an AMI product has no UpdateDimensions; a SaaS
//! product cannot restrict a delivery option): what none can carry is reported, not sent.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use super::diff::{identity, Difference};
use super::file::member;
use super::plan_delivery;

/// The order changes go in: dimensions exist before anything uses them, restrictions come
/// after additions, and a release or visibility change comes last.
pub const ORDER: &[&str] = &[
    "UpdateInformation",
    "UpdateTargeting",
    "AddDimensions",
    "UpdateDimensions",
    "AddRegions",
    "RestrictRegions",
    "UpdateFutureRegionSupport",
    "AddInstanceTypes",
    "RestrictInstanceTypes",
    "UpdateDeliveryOptions",
    "UpdateDeliveryOptionsVisibility",
    "RestrictDeliveryOptions",
    "RestrictDimensions",
    "ReleaseProduct",
    "UpdateVisibility",
];

/// `Description` members UpdateInformation sets under the same name (`AssociatedProducts` is
/// deprecated there: AWS's shape library refuses it).
const DESCRIPTION: &[&str] = &[
    "ProductTitle",
    "ShortDescription",
    "LongDescription",
    "Highlights",
    "SearchKeywords",
    "Categories",
    "Sku",
];

/// The change types that carry `d` (a change to a list of regions or instance types may need
/// both its Add and its Restrict), empty when none can; `has` says which change types the
/// product's entity type has.
pub fn classify(d: &Difference, has: &dyn Fn(&str) -> bool) -> Vec<&'static str> {
    let wanted: Vec<&'static str> = match (d.key(0).unwrap_or_default(), d.key(1)) {
        ("Description", Some(k)) if DESCRIPTION.contains(&k) => vec!["UpdateInformation"],
        ("Description", Some("Visibility")) => visibility(d),
        ("PromotionalResources", Some("LogoUrl" | "AdditionalResources")) => {
            vec!["UpdateInformation"]
        }
        ("PromotionalResources", Some("Videos")) => {
            let url = d.segments.len() == 2 || d.key(3) == Some("Url");
            if url {
                vec!["UpdateInformation"]
            } else {
                vec![]
            }
        }
        ("SupportInformation", Some("Description")) => vec!["UpdateInformation"],
        ("Targeting", Some("PositiveTargeting")) => vec!["UpdateTargeting"],
        ("Dimensions", _) => dimension(d),
        ("Versions", _) => {
            plan_delivery::classify(d, has).map_or_else(|| delivery_option(d), |ct| vec![ct])
        }
        ("RegionAvailability", Some("Regions")) => add_restrict(d, "AddRegions", "RestrictRegions"),
        ("RegionAvailability", Some("FutureRegionSupport")) => vec!["UpdateFutureRegionSupport"],
        ("Compatibility", Some("AvailableInstanceTypes")) => {
            add_restrict(d, "AddInstanceTypes", "RestrictInstanceTypes")
        }
        _ => vec![],
    };
    if wanted.iter().all(|ct| has(ct)) {
        wanted
    } else {
        vec![]
    }
}

/// A Draft product made Limited is released; otherwise the visibility is updated.
fn visibility(d: &Difference) -> Vec<&'static str> {
    let from = d.live.as_ref().and_then(Value::as_str);
    match (from, d.local.as_ref().and_then(Value::as_str)) {
        (Some("Draft"), Some("Limited")) => vec!["ReleaseProduct"],
        (_, Some("Public" | "Restricted" | "Limited")) => vec!["UpdateVisibility"],
        _ => vec![],
    }
}

fn dimension(d: &Difference) -> Vec<&'static str> {
    if d.item(1).is_none() {
        return vec![];
    }
    match (d.segments.len(), &d.live, &d.local) {
        (2, None, Some(_)) => vec!["AddDimensions"],
        (2, Some(_), None) => vec!["RestrictDimensions"],
        (3, _, _) if matches!(d.key(2), Some("Name" | "Description")) => {
            vec!["UpdateDimensions"]
        }
        _ => vec![],
    }
}

/// `Versions[v].DeliveryOptions[o].Visibility|Targeting`.
fn delivery_option(d: &Difference) -> Vec<&'static str> {
    if d.key(2) != Some("DeliveryOptions") || d.item(3).is_none() {
        return vec![];
    }
    match (d.key(4), d.local.as_ref().and_then(Value::as_str)) {
        (Some("Visibility"), Some("Restricted")) => vec!["RestrictDeliveryOptions"],
        (Some("Visibility"), Some("Public")) | (Some("Targeting"), _) => {
            vec!["UpdateDeliveryOptionsVisibility"]
        }
        _ => vec![],
    }
}

fn strings(v: Option<&Value>) -> BTreeSet<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Which of Add and Restrict a change to a list needs (whole list or one element).
fn add_restrict(d: &Difference, add: &'static str, restrict: &'static str) -> Vec<&'static str> {
    if d.segments.len() > 3 {
        return vec![];
    }
    let as_set = |v: &Option<Value>| match v {
        Some(Value::Array(_)) => strings(v.as_ref()),
        Some(Value::String(s)) => BTreeSet::from([s.clone()]),
        _ => BTreeSet::new(),
    };
    let (live, local) = (as_set(&d.live), as_set(&d.local));
    let mut out = Vec::new();
    if local.difference(&live).next().is_some() {
        out.push(add);
    }
    if live.difference(&local).next().is_some() {
        out.push(restrict);
    }
    out
}

/// Elements of the array `key` in `doc` whose identity is in `ids`.
fn items(doc: &Value, key: &str, ids: &BTreeSet<String>) -> Vec<Value> {
    member(doc, key)
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| identity(key, e).is_some_and(|i| ids.contains(&i)))
        .cloned()
        .collect()
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    let m: Map<String, Value> = keys
        .iter()
        .filter(|k| !member(v, k).is_null())
        .map(|k| (k.to_string(), v[*k].clone()))
        .collect();
    Value::Object(m)
}

/// The DetailsDocument of change type `ct` (carrying `diffs`), from the file's and the live
/// documents.
pub fn details(ct: &str, local: &Value, live: &Value, diffs: &[&Difference]) -> Value {
    let dims = |doc: &Value| {
        let ids: BTreeSet<String> = diffs
            .iter()
            .filter_map(|d| d.item(1))
            .map(String::from)
            .collect();
        items(doc, "Dimensions", &ids)
    };
    let set = |section: &str, key: &str, from: &Value, minus: &Value| -> Value {
        let a = strings(member(from, section).get(key));
        let b = strings(member(minus, section).get(key));
        json!(a.difference(&b).collect::<Vec<_>>())
    };
    match ct {
        "UpdateInformation" => information(local, diffs),
        "UpdateTargeting" => {
            json!({"PositiveTargeting": member(member(local, "Targeting"), "PositiveTargeting")})
        }
        "AddDimensions" => json!(dims(local)
            .iter()
            .map(|d| pick(d, &["Key", "Name", "Description", "Types", "Unit"]))
            .collect::<Vec<_>>()),
        "UpdateDimensions" => json!(dims(local)
            .iter()
            .map(|d| pick(d, &["Key", "Types", "Name", "Description"]))
            .collect::<Vec<_>>()),
        "RestrictDimensions" => json!(dims(live)
            .iter()
            .map(|d| pick(d, &["Key", "Types"]))
            .collect::<Vec<_>>()),
        "AddRegions" => json!({"Regions": set("RegionAvailability", "Regions", local, live)}),
        "RestrictRegions" => json!({"Regions": set("RegionAvailability", "Regions", live, local)}),
        "UpdateFutureRegionSupport" => json!({"FutureRegionSupport": {"SupportedRegions": [
            member(member(local, "RegionAvailability"), "FutureRegionSupport")
        ]}}),
        "AddInstanceTypes" => {
            json!({"InstanceTypes": set("Compatibility", "AvailableInstanceTypes", local, live)})
        }
        "RestrictInstanceTypes" => {
            json!({"InstanceTypes": set("Compatibility", "AvailableInstanceTypes", live, local)})
        }
        "RestrictDeliveryOptions" => {
            let ids: BTreeSet<&str> = diffs.iter().filter_map(|d| d.item(3)).collect();
            json!({"DeliveryOptionIds": ids})
        }
        "UpdateDeliveryOptionsVisibility" => delivery_visibility(local, diffs),
        "UpdateVisibility" => {
            json!({"TargetVisibility": member(member(local, "Description"), "Visibility")})
        }
        _ => json!({}),
    }
}

/// UpdateInformation with the members that changed (videos and resources as whole lists).
/// `[I]` UpdateInformation leaves the members it does not name as they are (AWS's samples send
/// only what they change), so only the changed ones are sent; the entity's `Videos` are set
/// through `VideoUrls`, their URLs (AWS titles and types them itself).
fn information(local: &Value, diffs: &[&Difference]) -> Value {
    let mut m = Map::new();
    let promo = member(local, "PromotionalResources");
    for d in diffs {
        let (section, key) = (d.key(0).unwrap_or_default(), d.key(1).unwrap_or_default());
        let (name, value) = match (section, key) {
            ("Description", k) => (k, member(member(local, "Description"), k).clone()),
            ("SupportInformation", _) => (
                "SupportDescription",
                member(member(local, "SupportInformation"), "Description").clone(),
            ),
            ("PromotionalResources", "Videos") => {
                let urls: Vec<Value> = member(promo, "Videos")
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| member(v, "Url").clone())
                    .collect();
                ("VideoUrls", Value::Array(urls))
            }
            (_, k) => (k, member(promo, k).clone()),
        };
        m.insert(name.to_string(), value);
    }
    Value::Object(m)
}

fn delivery_visibility(local: &Value, diffs: &[&Difference]) -> Value {
    let ids: BTreeSet<&str> = diffs.iter().filter_map(|d| d.item(3)).collect();
    let options: Vec<Value> = member(local, "Versions")
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|v| {
            member(v, "DeliveryOptions")
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|o| o["Id"].as_str().is_some_and(|i| ids.contains(i)))
        .map(|o| {
            let mut out = pick(&o, &["Id", "Targeting"]);
            if o["Visibility"] == "Public" {
                out["TargetVisibility"] = json!("Public");
            }
            out
        })
        .collect();
    json!({"DeliveryOptions": options})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::diff::diff;

    #[test]
    fn title_dimension_and_regions_map_to_their_change_types() {
        let live = json!({
            "Description": {"ProductTitle": "A", "Visibility": "Draft"},
            "Dimensions": [{"Key": "k", "Types": ["Entitled"], "Name": "K", "Description": "old", "Unit": "Units"}],
            "RegionAvailability": {"Regions": ["us-east-1", "eu-west-1"]}
        });
        let local = json!({
            "Description": {"ProductTitle": "B", "Visibility": "Limited"},
            "Dimensions": [{"Key": "k", "Types": ["Entitled"], "Name": "K", "Description": "new", "Unit": "Units"}],
            "RegionAvailability": {"Regions": ["us-east-1", "us-west-2"]}
        });
        let all = |_: &str| true;
        let d = diff(&live, &local);
        let types: Vec<Vec<&str>> = d.iter().map(|x| classify(x, &all)).collect();
        assert_eq!(
            types,
            [
                vec!["UpdateInformation"],
                vec!["ReleaseProduct"],
                vec!["UpdateDimensions"],
                vec!["AddRegions", "RestrictRegions"]
            ]
        );
        assert_eq!(
            details("UpdateDimensions", &local, &live, &[&d[2]])[0]["Description"],
            "new"
        );
        assert_eq!(
            details("AddRegions", &local, &live, &[&d[3]]),
            json!({"Regions": ["us-west-2"]})
        );
        assert_eq!(
            details("RestrictRegions", &local, &live, &[&d[3]]),
            json!({"Regions": ["eu-west-1"]})
        );
        let no_update = |ct: &str| ct != "UpdateDimensions";
        assert!(classify(&d[2], &no_update).is_empty());
    }
}
