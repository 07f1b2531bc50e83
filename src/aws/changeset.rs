//! A change set request as JSON (what templates render and the state file keeps) turned into
//! the SDK's StartChangeSet call: every place that starts a change set builds it here.

use aws_sdk_marketplacecatalog::operation::start_change_set::builders::StartChangeSetFluentBuilder;
use aws_sdk_marketplacecatalog::types::{Change, Entity, Tag};
use aws_smithy_types::{Document, Number};
use serde_json::Value;

use crate::exit::bad_input;

/// The Marketplace Catalog's only catalog.
pub const CATALOG: &str = "AWSMarketplace";

/// The StartChangeSet call for a request document (`Catalog`, `ChangeSet`, `ChangeSetName`,
/// `ClientRequestToken`, `Intent`, `ChangeSetTags`).
pub fn start_call(
    client: &aws_sdk_marketplacecatalog::Client,
    request: &Value,
) -> anyhow::Result<StartChangeSetFluentBuilder> {
    let text = |k: &str| request.get(k).and_then(Value::as_str).map(str::to_string);
    let mut call = client
        .start_change_set()
        .catalog(text("Catalog").unwrap_or_else(|| CATALOG.to_string()))
        .set_change_set_name(text("ChangeSetName"))
        .set_client_request_token(text("ClientRequestToken"))
        .set_intent(text("Intent").map(|i| i.as_str().into()));
    for c in request
        .get("ChangeSet")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        call = call.change_set(to_change(c)?);
    }
    call = call.set_change_set_tags(tags(request.get("ChangeSetTags"))?);
    Ok(call)
}

/// `[{"Key", "Value"}…]` as the SDK's tags (`None` when absent).
fn tags(list: Option<&Value>) -> anyhow::Result<Option<Vec<Tag>>> {
    let Some(items) = list.and_then(Value::as_array) else {
        return Ok(None);
    };
    let text = |t: &Value, k: &str| t.get(k).and_then(Value::as_str).map(str::to_string);
    items
        .iter()
        .map(|t| {
            Tag::builder()
                .set_key(text(t, "Key"))
                .set_value(text(t, "Value"))
                .build()
                .map_err(|e| bad_input(e.to_string()))
        })
        .collect::<anyhow::Result<Vec<Tag>>>()
        .map(Some)
}

/// One `ChangeSet[]` element as the SDK's `Change`.
pub fn to_change(c: &Value) -> anyhow::Result<Change> {
    let text = |p: &str| c.pointer(p).and_then(Value::as_str).map(str::to_string);
    let entity = Entity::builder()
        .set_type(text("/Entity/Type"))
        .set_identifier(text("/Entity/Identifier"))
        .build()
        .map_err(|e| bad_input(e.to_string()))?;
    Change::builder()
        .set_change_type(text("/ChangeType"))
        .entity(entity)
        .set_change_name(text("/ChangeName"))
        .set_details(text("/Details"))
        .set_details_document(c.get("DetailsDocument").map(to_document))
        .set_entity_tags(tags(c.get("EntityTags"))?)
        .build()
        .map_err(|e| bad_input(e.to_string()))
}

/// serde_json → Smithy Document.
pub fn to_document(v: &Value) -> Document {
    match v {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Number::PosInt(u),
            (_, Some(i)) => Number::NegInt(i),
            _ => Number::Float(n.as_f64().unwrap_or(0.0)),
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(a) => Document::Array(a.iter().map(to_document).collect()),
        Value::Object(m) => {
            Document::Object(m.iter().map(|(k, v)| (k.clone(), to_document(v))).collect())
        }
    }
}
