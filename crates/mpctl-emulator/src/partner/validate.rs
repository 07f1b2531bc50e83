//! Request validation driven by the embedded model: required members, enum values, JSON types,
//! list lengths and integer ranges, reported the way Partner Central does (`ValidationException`,
//! `Reason: REQUEST_VALIDATION_FAILED`, one `ErrorList` entry per field).
//!
//! Model `pattern`s are deliberately not enforced (aws-behavior §0.4), and members the model does
//! not know are accepted: the Rust SDK is newer than the model and may send them.

use serde_json::{Map, Value};

use super::errors::{code, request_invalid, FieldError};
use super::model;
use super::time::parse_instant;
use crate::wire::ApiError;

/// Checks an operation's input against its model shape.
pub fn check_request(op: &str, input: &Value) -> Result<(), ApiError> {
    let Some(shape) = model::input_shape(op) else {
        return Ok(());
    };
    let errors = check(shape, input);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(request_invalid(&errors))
    }
}

/// Every violation of `shape` in `value` (the root path is empty).
pub fn check(shape: &str, value: &Value) -> Vec<FieldError> {
    let mut walker = Walker { errors: Vec::new() };
    walker.walk(shape, value, "");
    walker.errors
}

struct Walker {
    errors: Vec<FieldError>,
}

impl Walker {
    fn walk(&mut self, shape_name: &str, value: &Value, path: &str) {
        let Some(shape) = model::shape(shape_name) else {
            return;
        };
        match shape.get("type").and_then(Value::as_str).unwrap_or("") {
            "structure" => self.structure(shape, value, path),
            "list" => self.list(shape, value, path),
            "string" => self.string(shape_name, value, path),
            "integer" | "long" => self.integer(shape, value, path),
            "boolean" => self.expect(value.is_boolean(), path, "a boolean"),
            "timestamp" => self.expect(parse_instant(value).is_some(), path, "a timestamp"),
            _ => {}
        }
    }

    fn structure(&mut self, shape: &Map<String, Value>, value: &Value, path: &str) {
        let Some(object) = value.as_object() else {
            return self.expect(false, path, "an object");
        };
        let members = shape.get("members").and_then(Value::as_object);
        for name in required(shape) {
            if object.get(name).is_none_or(Value::is_null) {
                let field = join(path, name);
                let message = format!("{field} is required.");
                self.errors.push(FieldError::new(
                    field,
                    code::REQUIRED_FIELD_MISSING,
                    message,
                ));
            }
        }
        for (name, member) in members.into_iter().flatten() {
            let Some(v) = object.get(name).filter(|v| !v.is_null()) else {
                continue;
            };
            if let Some(target) = member.get("shape").and_then(Value::as_str) {
                self.walk(target, v, &join(path, name));
            }
        }
    }

    fn list(&mut self, shape: &Map<String, Value>, value: &Value, path: &str) {
        let Some(items) = value.as_array() else {
            return self.expect(false, path, "a list");
        };
        let len = items.len() as i64;
        if let Some(min) = shape
            .get("min")
            .and_then(Value::as_i64)
            .filter(|m| len < *m)
        {
            let message = format!("{path} needs at least {min} value(s).");
            self.errors
                .push(FieldError::new(path, code::NOT_ENOUGH_VALUES, message));
        }
        if let Some(max) = shape
            .get("max")
            .and_then(Value::as_i64)
            .filter(|m| len > *m)
        {
            let message = format!("{path} accepts at most {max} value(s).");
            self.errors
                .push(FieldError::new(path, code::TOO_MANY_VALUES, message));
        }
        let member = shape
            .get("member")
            .and_then(|m| m.get("shape"))
            .and_then(Value::as_str);
        if let Some(member) = member {
            for (i, item) in items.iter().enumerate() {
                self.walk(member, item, &format!("{path}[{i}]"));
            }
        }
    }

    fn string(&mut self, shape_name: &str, value: &Value, path: &str) {
        let Some(s) = value.as_str() else {
            return self.expect(false, path, "a string");
        };
        if let Some(allowed) = model::enum_values(shape_name) {
            if !allowed.contains(&s) {
                let message = format!(
                    "{path} has an invalid value '{s}'; valid values: {}.",
                    allowed.join(", ")
                );
                self.errors
                    .push(FieldError::new(path, code::INVALID_ENUM_VALUE, message));
            }
        }
    }

    fn integer(&mut self, shape: &Map<String, Value>, value: &Value, path: &str) {
        let Some(n) = value.as_i64() else {
            return self.expect(false, path, "an integer");
        };
        let min = shape.get("min").and_then(Value::as_i64);
        let max = shape.get("max").and_then(Value::as_i64);
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let range = format!("{}..{}", min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
            let message = format!("{path} must be in the range {range}.");
            self.errors
                .push(FieldError::new(path, code::VALUE_OUT_OF_RANGE, message));
        }
    }

    fn expect(&mut self, ok: bool, path: &str, what: &str) {
        if !ok {
            let message = format!("{path} must be {what}.");
            self.errors
                .push(FieldError::new(path, code::INVALID_VALUE, message));
        }
    }
}

fn required(shape: &Map<String, Value>) -> impl Iterator<Item = &str> {
    shape
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn codes(op: &str, input: Value) -> Vec<(String, &'static str)> {
        let shape = model::input_shape(op).expect("known op");
        check(shape, &input)
            .into_iter()
            // Test-only: the codes are compared with string literals.
            .map(|e| (e.field, &*Box::leak(e.code.into_boxed_str())))
            .collect()
    }

    #[test]
    fn missing_required_members_are_reported_with_their_path() {
        let found = codes(
            "CreateOpportunity",
            json!({"ClientToken": "t", "Customer": {"Account": {"Industry": "Gaming"}}}),
        );
        assert_eq!(
            found,
            vec![
                ("Catalog".to_string(), "REQUIRED_FIELD_MISSING"),
                (
                    "Customer.Account.CompanyName".to_string(),
                    "REQUIRED_FIELD_MISSING"
                ),
            ]
        );
    }

    #[test]
    fn enum_values_come_from_the_model() {
        let found = codes(
            "CreateOpportunity",
            json!({"Catalog": "AWS", "ClientToken": "t",
                   "LifeCycle": {"Stage": "Closed Won", "ReviewStatus": "In Review"},
                   "Project": {"DeliveryModels": ["SaaS or PaaS", "Cloud"]}}),
        );
        let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "Project.DeliveryModels[1]",
                "LifeCycle.Stage",
                "LifeCycle.ReviewStatus"
            ]
        );
        assert!(found.iter().all(|(_, c)| *c == "INVALID_ENUM_VALUE"));
    }

    #[test]
    fn valid_input_passes_and_patterns_are_not_enforced() {
        let found = codes(
            "UpdateOpportunity",
            json!({"Catalog": "Sandbox", "Identifier": "not-an-O-id",
                   "LastModifiedDate": "2024-05-01T10:00:00.5+02:00",
                   "LifeCycle": {"Stage": "Committed", "ReviewStatus": "In review"},
                   "SomethingNewer": 1}),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn types_list_lengths_and_ranges_are_checked() {
        let stages = vec!["Prospect"; 11];
        let found = codes(
            "ListOpportunities",
            json!({"Catalog": "AWS", "MaxResults": 500, "Identifier": "O1", "LifeCycleStage": stages}),
        );
        assert_eq!(
            found,
            vec![
                ("MaxResults".to_string(), "VALUE_OUT_OF_RANGE"),
                ("Identifier".to_string(), "INVALID_VALUE"),
                ("LifeCycleStage".to_string(), "TOO_MANY_VALUES"),
            ]
        );
    }

    #[test]
    fn sdk_only_related_entity_types_are_accepted() {
        let input = json!({"Catalog": "AWS", "OpportunityIdentifier": "O1",
                           "RelatedEntityType": "AwsMarketplaceProducts", "RelatedEntityIdentifier": "prod-1"});
        assert!(codes("AssociateOpportunity", input).is_empty());
    }

    #[test]
    fn check_request_builds_a_request_validation_error() {
        let e = check_request("GetOpportunity", &json!({"Catalog": "AWS"})).expect_err("invalid");
        assert_eq!(e.fields["Reason"], "REQUEST_VALIDATION_FAILED");
        assert_eq!(e.fields["ErrorList"][0]["FieldName"], "Identifier");
        assert_eq!(e.fields["ErrorList"][0]["Code"], "REQUIRED_FIELD_MISSING");
    }
}
