//! The parts of a StartChangeSet request body the Catalog reads in several places.

use serde_json::Value;

/// The `ChangeSet` array of a request.
pub fn changes(request: &Value) -> &[Value] {
    request
        .get("ChangeSet")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}
