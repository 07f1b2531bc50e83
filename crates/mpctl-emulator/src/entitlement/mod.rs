//! Emulated AWS Marketplace Entitlement Service: GetEntitlements, what the buyers of a contract
//! product are entitled to. Served over Smithy RPCv2 CBOR (`/service/AWSMPEntitlementService/
//! operation/GetEntitlements`, the Rust SDK's and current boto3's protocol) and awsJson1_1
//! (`X-Amz-Target: AWSMPEntitlementService.GetEntitlements`, older clients); the router and
//! `cbor` handle the wire. Entitlements come from the ACTIVE agreements of the product
//! (`get`); buyers are named as Metering names them (`saas`).

mod get;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::service::model::Model;
use super::service::{first_violation, not_served, Operation as Op, Table};
use super::views::{Agreements, Offers};
use super::wire::{ApiError, OpResult};

/// What an Entitlement operation may read.
pub(crate) struct Ctx<'a> {
    pub offers: &'a dyn Offers,
    pub agreements: &'a dyn Agreements,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// An Entitlement handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The model's one operation.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Entitlement,
    model: &MODEL,
    operations: &[Op::read("GetEntitlements", get::get_entitlements)],
    timestamps: &["ExpirationDate"],
    unknown: |request| ApiError::new(400, "UnknownOperationException", not_served(request)),
    // [I] Requests outside the model fail with the model's InvalidParameterException.
    invalid: |violations| {
        let message = first_violation(violations);
        invalid(message)
    },
};

/// The embedded botocore model (`marketplace-entitlement` 2017-01-11).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// InvalidParameterException.
pub(crate) fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "InvalidParameterException", message)
}
