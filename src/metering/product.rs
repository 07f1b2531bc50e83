//! The product usage is metered for, as the Catalog describes it: its `ProductCode` (what
//! Metering and Entitlement name it by), its metered dimensions, and the service's "now" (the
//! `Date` of the answer), which AWS's 6-hour usage window is judged against.

use aws_sdk_marketplacecatalog::Client;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::aws::describe_error;
use crate::aws::service_time::ServiceTime;
use crate::exit::bad_input;

/// A SaaS product as metering needs it.
#[derive(Debug, Clone)]
pub struct Product {
    pub id: String,
    pub code: String,
    /// Keys of its `ExternallyMetered` (or `Metered`) dimensions.
    pub metered: Vec<String>,
    /// The service's time when it answered.
    pub now: DateTime<Utc>,
}

/// DescribeEntity of `id`: its code and metered dimensions. A product without a code (not a
/// SaaS product) is bad input naming `--product`.
pub async fn read(catalog: &Client, id: &str) -> anyhow::Result<Product> {
    let time = ServiceTime::default();
    let conf = catalog.config().to_builder().interceptor(time.clone());
    let catalog = Client::from_conf(conf.build());
    let out = catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeEntity", e))?;
    let details: Value = out
        .details()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    let Some(code) = details
        .pointer("/Description/ProductCode")
        .and_then(Value::as_str)
    else {
        return Err(bad_input(format!(
            "--product {id}: the Catalog gives it no ProductCode; metering is for SaaS products"
        )));
    };
    Ok(Product {
        id: id.to_string(),
        code: code.to_string(),
        metered: metered(&details),
        now: time.now(),
    })
}

/// The keys of the dimensions a seller meters.
fn metered(details: &Value) -> Vec<String> {
    let dims = details.get("Dimensions").and_then(Value::as_array);
    (dims.into_iter().flatten())
        .filter(|d| {
            let types = d.get("Types").and_then(Value::as_array);
            (types.into_iter().flatten())
                .any(|t| matches!(t.as_str(), Some("ExternallyMetered" | "Metered")))
        })
        .filter_map(|d| d.get("Key").and_then(Value::as_str).map(str::to_string))
        .collect()
}
