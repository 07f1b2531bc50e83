//! Wire-level vocabulary shared by every emulated service: which service and protocol a request
//! speaks, the modeled error value, and how replies and errors are encoded so that both the Rust
//! SDK and boto3 parse them (see aws-behavior.md §A).

use serde_json::{Map, Value};

/// The AWS service a request was addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Marketplace Catalog (rest-json).
    Catalog,
    /// Partner Central Selling (awsJson1_0).
    Partner,
    /// Marketplace Agreement (awsJson1_0 or RPCv2 CBOR).
    Agreement,
    /// Marketplace Discovery (rest-json), the buyer's view of offers.
    Discovery,
    /// Marketplace Metering (awsJson1_1): a SaaS product's usage and buyers.
    Metering,
    /// Marketplace Entitlement (RPCv2 CBOR or awsJson1_1): what contract buyers are entitled to.
    Entitlement,
    /// EventBridge (awsJson1_1): rules on the default bus.
    Events,
    /// SQS (awsJson1_0, query-compatible errors).
    Sqs,
}

impl Service {
    /// Short name used in the request log.
    pub fn name(self) -> &'static str {
        match self {
            Service::Catalog => "Catalog",
            Service::Partner => "PartnerCentral",
            Service::Agreement => "Agreement",
            Service::Discovery => "Discovery",
            Service::Metering => "Metering",
            Service::Entitlement => "Entitlement",
            Service::Events => "EventBridge",
            Service::Sqs => "SQS",
        }
    }

    /// The member that carries the human message in this service's error shapes.
    pub fn message_key(self) -> &'static str {
        match self {
            Service::Agreement | Service::Discovery | Service::Metering | Service::Entitlement => {
                "message"
            }
            Service::Events | Service::Sqs => "message",
            _ => "Message",
        }
    }
}

/// How a request's body (and therefore its reply) is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// rest-json 1 (Catalog): `application/json`.
    RestJson,
    /// awsJson1_0: `application/x-amz-json-1.0`.
    AwsJson10,
    /// awsJson1_1: `application/x-amz-json-1.1` (Metering, Entitlement, EventBridge).
    AwsJson11,
    /// Smithy RPCv2 CBOR: `application/cbor`.
    Cbor,
}

/// A modeled AWS error: HTTP status, error shape name and message, plus any other members.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// Boxed so `Result<_, ApiError>` stays small.
    pub fields: Box<Map<String, Value>>,
}

impl ApiError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_string(),
            message: message.into(),
            fields: Box::default(),
        }
    }

    /// Adds a modeled member (e.g. `Reason`, `ErrorList`, `resourceId`).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_string(), value.into());
        self
    }

    /// Errors shared by every service that differ only in status and name.
    pub fn validation(message: impl Into<String>) -> Self {
        // Catalog's ValidationException is 422; Partner Central's and Agreement's are 400.
        // Callers in Catalog use `catalog_validation`.
        ApiError::new(400, "ValidationException", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(404, "ResourceNotFoundException", message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        ApiError::new(409, "ConflictException", message)
    }

    pub fn throttling(message: impl Into<String>) -> Self {
        ApiError::new(429, "ThrottlingException", message)
    }

    /// The error body as a JSON object: `__type`, the message member and the other members.
    /// `qualified` prefixes the shape name with its Smithy namespace (RPCv2 CBOR wants that).
    pub fn body(&self, service: Service, qualified: Option<&str>) -> Value {
        let mut body = Map::new();
        let code = match qualified {
            Some(ns) => format!("{ns}#{}", self.code),
            None => self.code.clone(),
        };
        body.insert("__type".into(), Value::String(code));
        body.insert(
            service.message_key().into(),
            Value::String(self.message.clone()),
        );
        for (k, v) in self.fields.iter() {
            body.insert(k.clone(), v.clone());
        }
        Value::Object(body)
    }
}

/// Result of one emulated operation: the output members as JSON.
pub type OpResult = Result<Value, ApiError>;

/// Reads a required string member, or fails the way the services do for a missing member.
pub fn required_str<'a>(input: &'a Value, key: &str) -> Result<&'a str, ApiError> {
    match input.get(key) {
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(ApiError::validation(format!("{key} must be a string"))),
        None => Err(ApiError::validation(format!("{key} is required"))),
    }
}

/// Reads an optional string member.
pub fn optional_str<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}
