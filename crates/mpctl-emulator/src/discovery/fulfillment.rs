//! ListFulfillmentOptions: the product's visible delivery options as Discovery
//! `FulfillmentOption` unions, one per delivery option (the member named after its type).
//!
//! [I] Options are listed version by version in the Catalog's order; a version's `VersionTitle`
//! is the option's version, its `ReleaseNotes` the release notes. Restricted options are not
//! listed.

use serde_json::{json, Map, Value};

use super::access::find_product;
use super::describe::{delivery_options, fulfillment_type};
use super::paging::{page, with_token};
use super::product::required;
use super::Ctx;
use crate::views::ProductView;
use crate::wire::{ApiError, OpResult};

/// The union member a fulfillment option type is carried in.
fn member(kind: &str) -> &'static str {
    match kind {
        "SAAS" => "saasFulfillmentOption",
        "AMAZON_MACHINE_IMAGE" => "amazonMachineImageFulfillmentOption",
        "CONTAINER" => "containerFulfillmentOption",
        "HELM" => "helmFulfillmentOption",
        "EKS_ADD_ON" => "eksAddOnFulfillmentOption",
        "SAGEMAKER_MODEL" => "sageMakerModelFulfillmentOption",
        "DATA_EXCHANGE" => "dataExchangeFulfillmentOption",
        _ => "professionalServicesFulfillmentOption",
    }
}

/// The AMI source a delivery option names, from the product's `Versions[].Sources`.
fn ami_source<'a>(version: &'a Value, option: &Value) -> Option<&'a Value> {
    let id = option.get("SourceId")?;
    version
        .get("Sources")
        .and_then(Value::as_array)?
        .iter()
        .find(|s| s.get("Id") == Some(id))
}

fn ami_fields(version: &Value, option: &Value, out: &mut Map<String, Value>) {
    let os = ami_source(version, option).and_then(|s| s.get("OperatingSystem"));
    let name = os
        .and_then(|o| o.get("Name"))
        .and_then(Value::as_str)
        .unwrap_or("Linux");
    let mut system = json!({"operatingSystemFamilyName": name, "operatingSystemName": name});
    if let Some(v) = os.and_then(|o| o.get("Version")) {
        system["operatingSystemVersion"] = v.clone();
    }
    out.insert("operatingSystems".into(), json!([system]));
    if let Some(t) = option.pointer("/Recommendations/InstanceType") {
        out.insert("recommendation".into(), json!({"instanceType": t}));
    }
}

/// One `FulfillmentOption`.
fn option(product: &ProductView<'_>, version: &Value, option: &Value) -> Value {
    let (kind, display) = fulfillment_type(
        option.get("Type").and_then(Value::as_str),
        product.type_name,
    );
    let mut out = Map::new();
    out.insert(
        "fulfillmentOptionId".into(),
        option.get("Id").cloned().unwrap_or(json!("")),
    );
    out.insert("fulfillmentOptionType".into(), json!(kind));
    let title = option
        .get("Title")
        .or_else(|| version.get("VersionTitle"))
        .and_then(Value::as_str)
        .unwrap_or(display);
    out.insert("fulfillmentOptionDisplayName".into(), json!(title));
    let named = !matches!(
        kind,
        "SAAS" | "DATA_EXCHANGE" | "PROFESSIONAL_SERVICES" | "SAGEMAKER_MODEL"
    );
    if named {
        out.insert("fulfillmentOptionName".into(), json!(title));
    }
    if kind != "SAAS" && kind != "PROFESSIONAL_SERVICES" && kind != "DATA_EXCHANGE" {
        if let Some(v) = version.get("VersionTitle") {
            out.insert("fulfillmentOptionVersion".into(), v.clone());
        }
        if let Some(n) = version.get("ReleaseNotes") {
            out.insert("releaseNotes".into(), n.clone());
        }
    }
    if let Some(u) = option.pointer("/Instructions/Usage") {
        if kind != "PROFESSIONAL_SERVICES" && kind != "DATA_EXCHANGE" {
            out.insert("usageInstructions".into(), u.clone());
        }
    }
    match kind {
        "SAAS" => {
            if let Some(url) = option.get("FulfillmentUrl") {
                out.insert("fulfillmentUrl".into(), url.clone());
            }
        }
        "AMAZON_MACHINE_IMAGE" => ami_fields(version, option, &mut out),
        _ => {}
    }
    json!({ member(kind): out })
}

/// ListFulfillmentOptions.
pub fn list_fulfillment_options(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required(input, "productId")?;
    let product = find_product((ctx.offers, ctx.agreements), id, ctx.caller)
        .ok_or_else(|| ApiError::not_found(format!("Product {id} not found.")))?;
    let all: Vec<Value> = delivery_options(&product)
        .into_iter()
        .map(|(v, o)| option(&product, v, o))
        .collect();
    let (items, next) = page("ListFulfillmentOptions", input, 50, all)?;
    Ok(with_token(json!({ "fulfillmentOptions": items }), next))
}
