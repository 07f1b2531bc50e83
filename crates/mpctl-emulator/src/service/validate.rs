//! Request checks driven by a service's embedded model: required members, enum values, JSON
//! types, string lengths, list lengths and number ranges. The walk is the same for every
//! service; each service turns the [`Violation`]s into its own `ValidationException` shape
//! (`Table::invalid`).
//!
//! Model `pattern`s are deliberately not enforced (aws-behavior §0.4), and members the model does
//! not know are accepted: the Rust SDK is newer than the models and may send them. Members bound
//! to the query string are looked up under their wire name (`catalog` for Catalog's `Catalog`).

use serde_json::{Map, Value};

use super::model::Model;
use crate::clock::parse_json_instant as parse_instant;

/// What is wrong with one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required member is absent (or JSON null).
    Missing,
    /// A string outside the enum's values.
    NotInEnum,
    /// The wrong JSON type.
    WrongType,
    /// A list with fewer items than the model's `min`.
    TooFew,
    /// A list with more items than the model's `max`.
    TooMany,
    /// A number outside `min..max`, or a string whose length is.
    OutOfRange,
}

/// One violation of the model: the member's path (`Customer.Account.CompanyName`, `Items[2]`),
/// the member's name (last segment), what is wrong and a readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub path: String,
    pub member: String,
    pub problem: Problem,
    pub message: String,
}

/// Every violation of `op`'s input shape in `input`; empty when the model does not know `op`.
pub fn check(model: &'static Model, op: &str, input: &Value) -> Vec<Violation> {
    let Some(shape) = model.input_shape(op) else {
        return Vec::new();
    };
    let mut walker = Walker {
        model,
        errors: Vec::new(),
    };
    walker.walk(shape, input, "", "", true);
    walker.errors
}

struct Walker {
    model: &'static Model,
    errors: Vec<Violation>,
}

impl Walker {
    fn walk(&mut self, shape_name: &str, value: &Value, path: &str, member: &str, top: bool) {
        let Some(shape) = self.model.shape(shape_name) else {
            return;
        };
        // A document (Catalog's `DetailsDocument`) is free-form JSON: the service checks it.
        if shape.get("document").and_then(Value::as_bool) == Some(true) {
            return;
        }
        let at = (path, member);
        match shape.get("type").and_then(Value::as_str).unwrap_or("") {
            "structure" => self.structure(shape, value, path, top),
            "list" => self.list(shape, value, at),
            "map" => self.map(shape, value, at),
            "string" => self.string(shape_name, shape, value, at),
            "integer" | "long" => self.integer(shape, value, at),
            "float" | "double" => self.expect(value.is_number(), at, "a number"),
            "boolean" => self.expect(value.is_boolean(), at, "a boolean"),
            "timestamp" => self.expect(parse_instant(value).is_some(), at, "a timestamp"),
            _ => {}
        }
    }

    fn push(&mut self, (path, member): (&str, &str), problem: Problem, message: String) {
        self.errors.push(Violation {
            path: path.to_string(),
            member: member.to_string(),
            problem,
            message,
        });
    }

    fn structure(&mut self, shape: &Map<String, Value>, value: &Value, path: &str, top: bool) {
        let Some(object) = value.as_object() else {
            return self.expect(false, (path, ""), "an object");
        };
        let members = shape.get("members").and_then(Value::as_object);
        let present = |name: &str| {
            let wire = members
                .and_then(|m| m.get(name))
                .filter(|_| top)
                .and_then(wire_name)
                .unwrap_or(name);
            object
                .get(wire)
                .or_else(|| object.get(name))
                .filter(|v| !v.is_null())
        };
        let required: Vec<&str> = required(shape).collect();
        // [I] An empty list in an optional member counts as absent: SDKs send `[]` for a list
        // a caller set empty (Catalog's `FilterList`), and the services answer as if it was
        // not sent. A required list is still held to its minimum length.
        let absent = |name: &str, v: &Value| {
            !required.contains(&name) && v.as_array().is_some_and(Vec::is_empty)
        };
        for name in required.iter().copied() {
            if present(name).is_none() {
                let field = join(path, name);
                let message = format!("{field} is required.");
                self.push((&field, name), Problem::Missing, message);
            }
        }
        for (name, member) in members.into_iter().flatten() {
            let Some(v) = present(name).filter(|v| !absent(name, v)) else {
                continue;
            };
            if let Some(target) = member.get("shape").and_then(Value::as_str) {
                self.walk(target, v, &join(path, name), name, false);
            }
        }
    }

    fn list(&mut self, shape: &Map<String, Value>, value: &Value, at: (&str, &str)) {
        let Some(items) = value.as_array() else {
            return self.expect(false, at, "a list");
        };
        let path = at.0;
        let len = items.len() as i64;
        if let Some(min) = bound(shape, "min").filter(|m| len < *m) {
            self.push(
                at,
                Problem::TooFew,
                format!("{path} needs at least {min} value(s)."),
            );
        }
        if let Some(max) = bound(shape, "max").filter(|m| len > *m) {
            self.push(
                at,
                Problem::TooMany,
                format!("{path} accepts at most {max} value(s)."),
            );
        }
        if let Some(member) = target(shape, "member") {
            for (i, item) in items.iter().enumerate() {
                self.walk(member, item, &format!("{path}[{i}]"), at.1, false);
            }
        }
    }

    fn map(&mut self, shape: &Map<String, Value>, value: &Value, at: (&str, &str)) {
        let Some(entries) = value.as_object() else {
            return self.expect(false, at, "a map");
        };
        if let Some(member) = target(shape, "value") {
            for (key, item) in entries {
                self.walk(member, item, &join(at.0, key), key, false);
            }
        }
    }

    fn string(&mut self, name: &str, shape: &Map<String, Value>, value: &Value, at: (&str, &str)) {
        let Some(s) = value.as_str() else {
            return self.expect(false, at, "a string");
        };
        let path = at.0;
        if let Some(allowed) = self.model.enum_values(name) {
            if !allowed.contains(&s) {
                let valid = allowed.join(", ");
                let message = format!("{path} has an invalid value '{s}'; valid values: {valid}.");
                return self.push(at, Problem::NotInEnum, message);
            }
        }
        let len = s.chars().count() as i64;
        let (min, max) = (bound(shape, "min"), bound(shape, "max"));
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            let range = range(min, max);
            let message = format!("{path} must be {range} characters long.");
            self.push(at, Problem::OutOfRange, message);
        }
    }

    fn integer(&mut self, shape: &Map<String, Value>, value: &Value, at: (&str, &str)) {
        let Some(n) = value.as_i64() else {
            return self.expect(false, at, "an integer");
        };
        let (min, max) = (bound(shape, "min"), bound(shape, "max"));
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let message = format!("{} must be in the range {}.", at.0, range(min, max));
            self.push(at, Problem::OutOfRange, message);
        }
    }

    fn expect(&mut self, ok: bool, at: (&str, &str), what: &str) {
        if !ok {
            let message = format!("{} must be {what}.", at.0);
            self.push(at, Problem::WrongType, message);
        }
    }
}

fn bound(shape: &Map<String, Value>, key: &str) -> Option<i64> {
    shape.get(key).and_then(Value::as_i64)
}

fn range(min: Option<i64>, max: Option<i64>) -> String {
    format!("{}..{}", min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX))
}

fn target<'a>(shape: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    shape.get(key)?.get("shape")?.as_str()
}

/// The name a member has on the wire when it is bound to the query string or a header.
fn wire_name(member: &Value) -> Option<&str> {
    member.get("location")?;
    member.get("locationName")?.as_str()
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
