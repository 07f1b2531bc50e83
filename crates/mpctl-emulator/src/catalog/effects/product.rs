//! Product change types (SaaS, AMI, container and ML products): description, promotional
//! resources, targeting, versions and delivery options (add, restrict, visibility), dimensions,
//! regions, instance types, repositories, visibility and release — written in the
//! `…ProductEntityDetail` shape. `UpdateDeliveryOptions` is in `delivery`.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::{array, doc, object, remove_from, strings, union_into, ErrorDetail};
use crate::catalog::entity::Entity;
use crate::{clock, ids};

/// Applies a product change; `Ok(false)` when the change type is not modelled.
pub fn apply(
    entity: &mut Entity,
    change_type: &str,
    details: &Value,
    now: DateTime<Utc>,
) -> Result<bool, ErrorDetail> {
    match change_type {
        "CreateProduct" => merge_description(entity, details),
        "UpdateInformation" => update_information(entity, details),
        "UpdateTargeting" => {
            let mut targeting = Map::new();
            if let Some(p) = details.get("PositiveTargeting") {
                targeting.insert("PositiveTargeting".into(), p.clone());
            }
            doc(entity).insert("Targeting".into(), Value::Object(targeting));
        }
        "AddDeliveryOptions" => add_delivery_options(entity, details, now),
        "RestrictDeliveryOptions" => {
            let ids = strings(details.get("DeliveryOptionIds"));
            for id in &ids {
                delivery_option_mut(entity, id)?.insert("Visibility".into(), json!("Restricted"));
            }
        }
        "UpdateDeliveryOptionsVisibility" => delivery_visibility(entity, details)?,
        "UpdateDeliveryOptions" => super::delivery::update(entity, details)?,
        "AddDimensions" => add_dimensions(entity, details)?,
        "UpdateDimensions" => update_dimensions(entity, details)?,
        "RestrictDimensions" => restrict_dimensions(entity, details),
        "ReleaseProduct" => release(entity, now),
        "UpdateVisibility" => update_visibility(entity, details),
        "AddRegions" => regions(entity, details, true),
        "RestrictRegions" => regions(entity, details, false),
        "UpdateFutureRegionSupport" => future_regions(entity, details),
        "AddInstanceTypes" => instance_types(entity, details, true),
        "RestrictInstanceTypes" => instance_types(entity, details, false),
        "AddRepositories" => add_repositories(entity, details),
        _ => return Ok(false),
    }
    Ok(true)
}

/// Members of `Description` that CreateProduct and UpdateInformation carry.
const DESCRIPTION_KEYS: &[&str] = &[
    "ProductTitle",
    "ShortDescription",
    "LongDescription",
    "Highlights",
    "SearchKeywords",
    "Categories",
    "Sku",
    "AssociatedProducts",
];

fn merge_description(entity: &mut Entity, details: &Value) {
    let desc = object(doc(entity), "Description");
    for key in DESCRIPTION_KEYS {
        if let Some(v) = details.get(*key) {
            desc.insert((*key).to_string(), v.clone());
        }
    }
}

fn update_information(entity: &mut Entity, details: &Value) {
    merge_description(entity, details);
    let d = doc(entity);
    let promo = object(d, "PromotionalResources");
    if let Some(logo) = details.get("LogoUrl") {
        promo.insert("LogoUrl".into(), logo.clone());
    }
    if let Some(urls) = details.get("VideoUrls") {
        let videos: Vec<Value> = strings(Some(urls))
            .iter()
            .map(|u| json!({"Type": "Link", "Url": u, "Title": "Product video"}))
            .collect();
        promo.insert("Videos".into(), Value::Array(videos));
    }
    if let Some(res) = details.get("AdditionalResources") {
        promo.insert("AdditionalResources".into(), res.clone());
    }
    if let Some(support) = details.get("SupportDescription") {
        d.insert("SupportInformation".into(), json!({"Description": support}));
    }
}

/// AMI and container deliveries arrive with a `Version` and open a new version; SaaS delivery
/// options join the product's single version.
fn add_delivery_options(entity: &mut Entity, details: &Value, now: DateTime<Utc>) {
    let mut sources = Vec::new();
    let options: Vec<Value> = details
        .get("DeliveryOptions")
        .and_then(Value::as_array)
        .map(|opts| {
            opts.iter()
                .map(|o| delivery_option(o, &mut sources))
                .collect()
        })
        .unwrap_or_default();
    let versions = array(doc(entity), "Versions");
    if let Some(version) = details.get("Version") {
        let mut v = Map::new();
        v.insert("Id".into(), json!(format!("version-{}", ids::alnum(13))));
        for key in ["VersionTitle", "ReleaseNotes"] {
            if let Some(x) = version.get(key) {
                v.insert(key.into(), x.clone());
            }
        }
        v.insert("CreationDate".into(), json!(clock::catalog_time(now)));
        v.insert("Sources".into(), Value::Array(sources));
        v.insert("DeliveryOptions".into(), Value::Array(options));
        versions.push(Value::Object(v));
        return;
    }
    if versions.is_empty() {
        versions.push(json!({"Id": format!("version-{}", ids::alnum(13)), "DeliveryOptions": []}));
    }
    if let Some(last) = versions.last_mut().and_then(Value::as_object_mut) {
        array(last, "DeliveryOptions").extend(options);
        if !sources.is_empty() {
            array(last, "Sources").extend(sources);
        }
    }
}

/// One `DeliveryOptions[].Details.<Kind>DeliveryOptionDetails` → the entity's DeliveryOption
/// (and, for AMIs, the Source it delivers).
fn delivery_option(option: &Value, sources: &mut Vec<Value>) -> Value {
    let mut out = Map::new();
    out.insert("Id".into(), json!(format!("do-{}", ids::alnum(13))));
    let Some(Value::Object(kinds)) = option.get("Details") else {
        return Value::Object(out);
    };
    for (kind, body) in kinds {
        match kind.as_str() {
            "SaaSUrlDeliveryOptionDetails" => {
                out.insert("Type".into(), json!("SaaSUrl"));
                if let Some(url) = body.get("FulfillmentUrl") {
                    out.insert("FulfillmentUrl".into(), url.clone());
                }
            }
            "AmiDeliveryOptionDetails" => ami_option(body, &mut out, sources),
            other => {
                let kind = other.trim_end_matches("DeliveryOptionDetails");
                out.insert("Type".into(), json!(kind));
                super::delivery::apply_kind(&mut out, other, body);
                if let Some(t) = option.get("DeliveryOptionTitle").filter(|t| !t.is_null()) {
                    out.insert("Title".into(), t.clone());
                }
            }
        }
    }
    out.insert("Visibility".into(), json!("Limited"));
    Value::Object(out)
}

fn ami_option(body: &Value, out: &mut Map<String, Value>, sources: &mut Vec<Value>) {
    let source_id = format!("src-{}", ids::alnum(13));
    let ami = body.get("AmiSource").cloned().unwrap_or(json!({}));
    let mut os = Map::new();
    for (from, to) in [
        ("OperatingSystemName", "Name"),
        ("OperatingSystemVersion", "Version"),
        ("UserName", "Username"),
        ("ScanningPort", "ScanningPort"),
    ] {
        if let Some(v) = ami.get(from) {
            os.insert(to.into(), v.clone());
        }
    }
    let mut source = Map::new();
    source.insert("Id".into(), json!(source_id));
    source.insert("Type".into(), json!("AmazonMachineImage"));
    if let Some(image) = ami.get("AmiId") {
        source.insert("Image".into(), image.clone());
    }
    source.insert("VirtualizationType".into(), json!("hvm"));
    source.insert("Architecture".into(), json!("x86_64"));
    source.insert("OperatingSystem".into(), Value::Object(os));
    sources.push(Value::Object(source));

    out.insert("Type".into(), json!("AmazonMachineImage"));
    out.insert("SourceId".into(), json!(source_id));
    if let Some(usage) = body.get("UsageInstructions") {
        out.insert("Instructions".into(), json!({"Usage": usage}));
    }
    let groups: Vec<Value> = body
        .get("SecurityGroups")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|g| {
            json!({
                "Protocol": g.get("IpProtocol").cloned().unwrap_or(Value::Null),
                "FromPort": g.get("FromPort").cloned().unwrap_or(Value::Null),
                "ToPort": g.get("ToPort").cloned().unwrap_or(Value::Null),
                "CidrIps": g.get("IpRanges").cloned().unwrap_or(json!([])),
            })
        })
        .collect();
    let mut rec = Map::new();
    if let Some(t) = body.get("RecommendedInstanceType") {
        rec.insert("InstanceType".into(), t.clone());
    }
    rec.insert("SecurityGroups".into(), Value::Array(groups));
    out.insert("Recommendations".into(), Value::Object(rec));
}

/// The delivery option with this `Id`, in any version.
fn delivery_option_mut<'a>(
    entity: &'a mut Entity,
    id: &str,
) -> Result<&'a mut Map<String, Value>, ErrorDetail> {
    array(doc(entity), "Versions")
        .iter_mut()
        .filter_map(|v| v.get_mut("DeliveryOptions").and_then(Value::as_array_mut))
        .flatten()
        .filter_map(Value::as_object_mut)
        .find(|o| o.get("Id").and_then(Value::as_str) == Some(id))
        .ok_or_else(|| {
            ErrorDetail::new(
                "DELIVERY_OPTION_NOT_FOUND",
                format!("The product has no delivery option with Id '{id}'."),
            )
        })
}

/// `{DeliveryOptions: [{Id, TargetVisibility?, Targeting?}]}`.
fn delivery_visibility(entity: &mut Entity, details: &Value) -> Result<(), ErrorDetail> {
    for update in details
        .get("DeliveryOptions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let id = update.get("Id").and_then(Value::as_str).unwrap_or_default();
        let option = delivery_option_mut(entity, id)?;
        if let Some(v) = update.get("TargetVisibility").filter(|v| !v.is_null()) {
            option.insert("Visibility".into(), v.clone());
        }
        if let Some(t) = update.get("Targeting").filter(|v| !v.is_null()) {
            option.insert("Targeting".into(), t.clone());
        }
    }
    Ok(())
}

const DIMENSION_KEYS: &[&str] = &["Key", "Name", "Description", "Types", "Unit"];

fn dimension(dim: &Value) -> Value {
    let mut out = Map::new();
    for key in DIMENSION_KEYS {
        if let Some(v) = dim.get(*key) {
            out.insert((*key).to_string(), v.clone());
        }
    }
    Value::Object(out)
}

fn same_dimension(a: &Value, b: &Value) -> bool {
    a.get("Key") == b.get("Key") && a.get("Types") == b.get("Types")
}

fn add_dimensions(entity: &mut Entity, details: &Value) -> Result<(), ErrorDetail> {
    let list = array(doc(entity), "Dimensions");
    for dim in details.as_array().into_iter().flatten() {
        if list.iter().any(|d| same_dimension(d, dim)) {
            let key = dim.get("Key").and_then(Value::as_str).unwrap_or_default();
            return Err(ErrorDetail::new(
                "DUPLICATE_DIMENSION",
                format!("The product already has a dimension with Key '{key}' and the same Types."),
            ));
        }
        list.push(dimension(dim));
    }
    Ok(())
}

/// UpdateDimensions changes the name and description of existing dimensions (Key + Types).
fn update_dimensions(entity: &mut Entity, details: &Value) -> Result<(), ErrorDetail> {
    let list = array(doc(entity), "Dimensions");
    for update in details.as_array().into_iter().flatten() {
        let key = update
            .get("Key")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(existing) = list
            .iter_mut()
            .find(|d| same_dimension(d, update))
            .and_then(Value::as_object_mut)
        else {
            return Err(ErrorDetail::new(
                "DIMENSION_NOT_FOUND",
                format!("The product has no dimension with Key '{key}' and those Types."),
            ));
        };
        for field in ["Name", "Description"] {
            if let Some(v) = update.get(field) {
                existing.insert(field.into(), v.clone());
            }
        }
    }
    Ok(())
}

fn restrict_dimensions(entity: &mut Entity, details: &Value) {
    let gone: Vec<&Value> = details.as_array().into_iter().flatten().collect();
    array(doc(entity), "Dimensions").retain(|d| !gone.iter().any(|g| same_dimension(d, g)));
}

fn release(entity: &mut Entity, now: DateTime<Utc>) {
    entity.visibility = "Limited".to_string();
    entity.released_at.get_or_insert(now);
    let desc = object(doc(entity), "Description");
    desc.insert("Visibility".into(), json!("Limited"));
    desc.insert("ProductState".into(), json!("Active"));
}

fn update_visibility(entity: &mut Entity, details: &Value) {
    let Some(target) = details.get("TargetVisibility").and_then(Value::as_str) else {
        return;
    };
    entity.visibility = target.to_string();
    object(doc(entity), "Description").insert("Visibility".into(), json!(target));
}

/// AddRegions makes regions available (lifting a restriction); RestrictRegions moves them to
/// `Restrict`.
fn regions(entity: &mut Entity, details: &Value, add: bool) {
    let named = strings(details.get("Regions"));
    let avail = object(doc(entity), "RegionAvailability");
    if add {
        union_into(avail, "Regions", &named);
        remove_from(avail, "Restrict", &named);
    } else {
        remove_from(avail, "Regions", &named);
        union_into(avail, "Restrict", &named);
    }
}

/// `{FutureRegionSupport: {SupportedRegions: ["All"]}}` → `RegionAvailability.FutureRegionSupport`.
fn future_regions(entity: &mut Entity, details: &Value) {
    let supported = strings(details.pointer("/FutureRegionSupport/SupportedRegions"));
    let value = if supported.iter().any(|r| r == "All") {
        "All"
    } else {
        "None"
    };
    object(doc(entity), "RegionAvailability").insert("FutureRegionSupport".into(), json!(value));
}

fn instance_types(entity: &mut Entity, details: &Value, add: bool) {
    let named = strings(details.get("InstanceTypes"));
    let compat = object(doc(entity), "Compatibility");
    if add {
        union_into(compat, "AvailableInstanceTypes", &named);
        remove_from(compat, "RestrictedInstanceTypes", &named);
    } else {
        remove_from(compat, "AvailableInstanceTypes", &named);
        union_into(compat, "RestrictedInstanceTypes", &named);
    }
}

/// [I] Repositories are created in AWS Marketplace's ECR registry under the seller's prefix.
fn add_repositories(entity: &mut Entity, details: &Value) {
    let new: Vec<Value> = details
        .get("Repositories")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|r| {
            let name = r
                .get("RepositoryName")
                .and_then(Value::as_str)
                .unwrap_or_default();
            json!({
                "Type": r.get("RepositoryType").cloned().unwrap_or(json!("ECR")),
                "Url": format!("709825985650.dkr.ecr.us-east-1.amazonaws.com/{}/{name}", ids::SELLER_ACCOUNT),
            })
        })
        .collect();
    array(doc(entity), "Repositories").extend(new);
}
