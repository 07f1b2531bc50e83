//! Generated from the models, not written per operation: for every operation of every table and
//! every member its model requires, a request with the other required members (sample values
//! the model accepts) and without that one is refused with the service's ValidationException
//! shape, naming the member.

use serde_json::{json, Map, Value};

use super::client::{call, Reply, Wire};
use super::{table, SERVICES};
use crate::service::model::Model;
use crate::wire::Service;
use crate::{serve, Options};

/// A value of `shape` the model accepts: required members only, lists at their minimum length,
/// strings at their minimum length (or the first enum value).
fn sample(model: &'static Model, shape_name: &str, depth: usize) -> Value {
    let Some(shape) = model.shape(shape_name) else {
        return json!("x");
    };
    let int = |key: &str| shape.get(key).and_then(Value::as_i64);
    match shape.get("type").and_then(Value::as_str).unwrap_or("") {
        "structure" if depth < 8 => Value::Object(required_sample(model, shape_name, depth, None)),
        "structure" | "map" | "document" => json!({}),
        "list" => {
            let member = shape["member"]["shape"].as_str().unwrap_or_default();
            let n = int("min").unwrap_or(0).max(0) as usize;
            Value::Array((0..n).map(|_| sample(model, member, depth + 1)).collect())
        }
        "string" => match model.enum_values(shape_name) {
            Some(values) => json!(values[0]),
            None => json!("x".repeat(int("min").unwrap_or(1).max(1) as usize)),
        },
        "integer" | "long" => json!(int("min").unwrap_or(1).max(1)),
        "float" | "double" => json!(1.5),
        "boolean" => json!(false),
        "timestamp" => json!(1_700_000_000),
        _ => json!("x"),
    }
}

/// The required members of a structure, sampled, leaving out `without`.
fn required_sample(
    model: &'static Model,
    shape_name: &str,
    depth: usize,
    without: Option<&str>,
) -> Map<String, Value> {
    let shape = model.shape(shape_name).expect("shape");
    let mut out = Map::new();
    for name in required(model, shape_name) {
        if Some(name) == without {
            continue;
        }
        let target = shape["members"][name]["shape"].as_str().unwrap_or_default();
        out.insert(name.to_string(), sample(model, target, depth + 1));
    }
    out
}

fn required(model: &'static Model, shape_name: &str) -> Vec<&'static str> {
    model
        .shape(shape_name)
        .and_then(|s| s.get("required"))
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The service's ValidationException shape, naming `member`.
fn assert_refused(service: Service, op: &str, member: &str, reply: &Reply) {
    let context = format!("{service:?} {op} without {member}: {reply:?}");
    let body = &reply.body;
    let type_name = body["__type"].as_str().unwrap_or_default();
    let expected = match service {
        Service::Entitlement => "InvalidParameterException",
        _ => "ValidationException",
    };
    assert!(type_name.ends_with(expected), "{context}");
    assert_eq!(reply.error.as_deref(), Some(expected), "{context}");
    match service {
        Service::Metering | Service::Entitlement => {
            assert_eq!(reply.status, 400, "{context}");
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.contains(member), "{context}");
        }
        Service::Catalog => {
            assert_eq!(reply.status, 422, "{context}");
            let message = body["Message"].as_str().unwrap_or_default();
            assert!(message.contains(member), "{context}");
        }
        Service::Partner => {
            assert_eq!(reply.status, 400, "{context}");
            assert_eq!(body["Reason"], "REQUEST_VALIDATION_FAILED", "{context}");
            let named = body["ErrorList"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|e| e["FieldName"] == member && e["Code"] == "REQUIRED_FIELD_MISSING");
            assert!(named, "{context}");
        }
        Service::Agreement => {
            assert_eq!(reply.status, 400, "{context}");
            let reason = body["reason"].as_str().unwrap_or_default();
            assert!(
                reason.starts_with("MISSING_") || reason == "OTHER",
                "{context}"
            );
            assert_eq!(body["fields"][0]["name"], member, "{context}");
            assert!(body["message"].as_str().is_some(), "{context}");
        }
        Service::Events | Service::Sqs => {
            assert_eq!(reply.status, 400, "{context}");
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.contains(member), "{context}");
        }
        Service::Discovery => {
            assert_eq!(reply.status, 400, "{context}");
            assert_eq!(body["reason"], "MALFORMED_REQUEST_PARAMETERS", "{context}");
            let message = body["message"].as_str().unwrap_or_default();
            assert!(message.contains(member), "{context}");
        }
    }
}

#[tokio::test]
async fn every_required_member_of_every_table_operation_is_checked() {
    let handle = serve(Options::default()).await.expect("emulator");
    let mut checked = 0;
    for service in SERVICES {
        let spec = table(service);
        let model = spec.model();
        let wires: &[Wire] = match service {
            Service::Agreement | Service::Entitlement => &[Wire::Json, Wire::Cbor],
            _ => &[Wire::Json],
        };
        for row in spec.operations() {
            let input_shape = model.input_shape(row.name).expect("input shape");
            for member in required(model, input_shape) {
                let input = Value::Object(required_sample(model, input_shape, 0, Some(member)));
                for wire in wires {
                    let reply = call(handle.addr, (service, model, *wire), row.name, &input).await;
                    assert_refused(service, row.name, member, &reply);
                    checked += 1;
                }
            }
        }
    }
    // Four services, 37 operations: most of them require something.
    assert!(checked >= 30, "only {checked} required members checked");
}
