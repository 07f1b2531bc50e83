//! A botocore service model (`service-2.json`) embedded in the binary: the operations a service
//! has, their HTTP binding, input shapes, enum values and timestamp members. Request checks,
//! routing and the CBOR codec read these facts from the same source the SDKs are generated from
//! instead of hand-copied lists.
//!
//! Each service keeps a byte-for-byte copy of botocore's model in its folder; refresh it from
//! botocore when the service changes.

#[cfg(test)]
use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// One embedded model, parsed on first use.
#[derive(Debug)]
pub struct Model {
    json: &'static str,
    /// Enum values the Rust SDK sends that the embedded model lacks (shape → values).
    extra_enums: &'static [(&'static str, &'static [&'static str])],
    parsed: OnceLock<Value>,
}

impl Model {
    pub const fn new(
        json: &'static str,
        extra_enums: &'static [(&'static str, &'static [&'static str])],
    ) -> Self {
        Model {
            json,
            extra_enums,
            parsed: OnceLock::new(),
        }
    }

    fn root(&'static self) -> &'static Value {
        // The model is compiled into the binary; a parse failure is a build defect that the
        // unit tests catch, never a property of a request.
        self.parsed
            .get_or_init(|| serde_json::from_str(self.json).expect("embedded model is JSON"))
    }

    /// A shape definition by name.
    pub fn shape(&'static self, name: &str) -> Option<&'static Map<String, Value>> {
        self.root().get("shapes")?.get(name)?.as_object()
    }

    fn operation(&'static self, op: &str) -> Option<&'static Value> {
        self.root().get("operations")?.get(op)
    }

    /// Every operation the model declares.
    #[cfg(test)]
    pub fn operations(&'static self) -> Vec<&'static str> {
        self.root()["operations"]
            .as_object()
            .map(|ops| ops.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The input shape name of an operation.
    pub fn input_shape(&'static self, op: &str) -> Option<&'static str> {
        self.operation(op)?.get("input")?.get("shape")?.as_str()
    }

    /// The output shape name of an operation.
    #[cfg(test)]
    pub fn output_shape(&'static self, op: &str) -> Option<&'static str> {
        self.operation(op)?.get("output")?.get("shape")?.as_str()
    }

    /// The HTTP method and request URI an operation is bound to (`POST /` for the JSON RPC
    /// protocols, whose models bind every operation there).
    pub fn http(&'static self, op: &str) -> Option<(&'static str, &'static str)> {
        let http = self.operation(op)?.get("http")?;
        Some((
            http.get("method")?.as_str()?,
            http.get("requestUri")?.as_str()?,
        ))
    }

    /// The allowed values of an enum string shape (model values plus SDK-only additions), or
    /// `None` when the shape is not an enum.
    pub fn enum_values(&'static self, shape_name: &str) -> Option<Vec<&'static str>> {
        let values = self.shape(shape_name)?.get("enum")?.as_array()?;
        let mut out: Vec<&'static str> = values.iter().filter_map(Value::as_str).collect();
        for (name, extra) in self.extra_enums {
            if *name == shape_name {
                out.extend_from_slice(extra);
            }
        }
        Some(out)
    }

    /// The names of the members of type `timestamp` reachable from `shape_name`.
    #[cfg(test)]
    pub fn timestamp_members(&'static self, shape_name: &str) -> BTreeSet<&'static str> {
        let mut found = BTreeSet::new();
        let mut seen = BTreeSet::new();
        self.collect_timestamps(shape_name, &mut seen, &mut found);
        found
    }

    #[cfg(test)]
    fn collect_timestamps(
        &'static self,
        name: &str,
        seen: &mut BTreeSet<String>,
        found: &mut BTreeSet<&'static str>,
    ) {
        if !seen.insert(name.to_string()) {
            return;
        }
        let Some(shape) = self.shape(name) else {
            return;
        };
        let targets = shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(member, m)| (Some(member.as_str()), m))
            .chain(
                ["member", "key", "value"]
                    .iter()
                    .filter_map(|k| Some((None, shape.get(*k)?))),
            );
        for (member, target) in targets {
            let Some(target) = target.get("shape").and_then(Value::as_str) else {
                continue;
            };
            let is_timestamp = self
                .shape(target)
                .is_some_and(|s| s.get("type").and_then(Value::as_str) == Some("timestamp"));
            match (member, is_timestamp) {
                (Some(member), true) => {
                    found.insert(member);
                }
                _ => self.collect_timestamps(target, seen, found),
            }
        }
    }
}
