//! Emulated AWS Marketplace Metering (awsJson1_1, `X-Amz-Target: AWSMPMeteringService.<op>`,
//! what both the Rust SDK and boto3 speak): a SaaS product resolves its buyers from registration
//! tokens (ResolveCustomer, `resolve`), and reports usage of its metered dimensions
//! (BatchMeterUsage, `batch`); software running in the buyer's account meters itself (MeterUsage,
//! RegisterUsage, `meter`). Accepted usage is priced at the buyer's agreement's rate card and
//! handed to `World::run` as [`UsageCharge`]s, which become the agreement's usage charges
//! (invoiced on the first of the next month). Submodules: `state` (tokens and records, the
//! de-duplication), `record` (one usage record's checks, shared by both meter operations).
//! Which product a code names and which agreement subscribes a buyer are `saas`'s rules.

mod batch;
mod meter;
mod record;
mod resolve;
mod state;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use state::MeteringState;

use super::service::model::Model;
use super::service::{first_violation, not_served, Operation as Op, Table};
use super::views::{Agreements, Offers};
use super::wire::{ApiError, OpResult};

/// Usage accepted by a meter operation, priced: `World::run` records it on the agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageCharge {
    pub agreement_id: String,
    /// The amount in the agreement's currency (`"0.25"`).
    pub amount: String,
    /// When the usage happened.
    pub at: DateTime<Utc>,
}

/// What a Metering operation may touch: its own state, read-only views of the Catalog and the
/// agreements, and the usage charges it hands back.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut MeteringState,
    pub offers: &'a dyn Offers,
    pub agreements: &'a dyn Agreements,
    pub usage: &'a mut Vec<UsageCharge>,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// A Metering handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves: all four of the model's.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Metering,
    model: &MODEL,
    operations: &[
        Op::write("BatchMeterUsage", batch::batch_meter_usage),
        Op::write("MeterUsage", meter::meter_usage),
        Op::write("RegisterUsage", meter::register_usage),
        Op::read("ResolveCustomer", resolve::resolve_customer),
    ],
    timestamps: &[],
    unknown: |request| ApiError::new(400, "UnknownOperationException", not_served(request)),
    // [I] The model has no validation error shape; AWS's front end answers a request outside
    // the model (more than 25 records, a missing member) with its generic ValidationException.
    invalid: |violations| {
        let message = first_violation(violations);
        ApiError::validation(message)
    },
};

/// The embedded botocore model (`meteringmarketplace` 2016-01-14).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// A modeled Metering error (all are client errors, 400).
pub(crate) fn error(code: &str, message: impl Into<String>) -> ApiError {
    ApiError::new(400, code, message)
}

/// Issues a registration token for `account` subscribing to `product_id` (the emulator's
/// stand-in for the buyer's redirect to the seller's registration page).
pub fn seed_token(
    state: &mut MeteringState,
    offers: &dyn Offers,
    (account, product_id): (&str, &str),
    now: DateTime<Utc>,
) -> Result<String, String> {
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{account} is not a 12-digit AWS account id"));
    }
    let product = offers
        .product(product_id)
        .filter(|p| p.type_name.ends_with("Product"))
        .ok_or_else(|| format!("no product {product_id} in the emulator's Catalog"))?;
    if crate::saas::product_code(&product).is_none() {
        return Err(format!("product {product_id} has no ProductCode"));
    }
    Ok(state.issue_token(account, product_id, now))
}
