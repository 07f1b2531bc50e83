//! RPCv2 CBOR codec for the Agreement service. PLACEHOLDER: being written.

use serde_json::Value;

use super::wire::ApiError;

pub fn decode(_body: &[u8]) -> Result<Value, ApiError> {
    Err(ApiError::new(400, "SerializationException", "CBOR not yet supported"))
}

pub fn encode(_value: &Value) -> Vec<u8> {
    Vec::new()
}
