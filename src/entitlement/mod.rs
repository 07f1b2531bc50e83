//! What a SaaS contract product's buyers are entitled to: GetEntitlements for the product's
//! code (read from the Catalog), every page, optionally one buyer's
//! (`CUSTOMER_AWS_ACCOUNT_ID` filter).

use std::collections::HashMap;

use aws_sdk_marketplaceentitlement::types::GetEntitlementFilterName;
use schemars::JsonSchema;
use serde::Serialize;

use crate::aws::describe_error;

/// One entitlement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Entitlement {
    pub dimension: Option<String>,
    /// The quantity or value the buyer is entitled to (an integer, number, boolean or string
    /// as AWS gives it).
    pub value: Option<serde_json::Value>,
    pub customer_aws_account_id: Option<String>,
    pub customer_identifier: Option<String>,
    pub license_arn: Option<String>,
    /// RFC 3339.
    pub expiration_date: Option<String>,
}

/// Every entitlement of the product with `code` (of `buyer` only, when given).
pub async fn list(
    client: &aws_sdk_marketplaceentitlement::Client,
    code: &str,
    buyer: Option<&str>,
) -> anyhow::Result<Vec<Entitlement>> {
    let mut filter = HashMap::new();
    if let Some(b) = buyer {
        filter.insert(
            GetEntitlementFilterName::CustomerAwsAccountId,
            vec![b.to_string()],
        );
    }
    let (mut out, mut token) = (Vec::new(), None);
    loop {
        let page = client
            .get_entitlements()
            .product_code(code)
            .set_filter((!filter.is_empty()).then(|| filter.clone()))
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| describe_error("GetEntitlements", e))?;
        out.extend(page.entitlements().iter().map(view));
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return Ok(out);
        }
    }
}

fn view(e: &aws_sdk_marketplaceentitlement::types::Entitlement) -> Entitlement {
    let value = e.value().and_then(|v| {
        (v.integer_value().map(serde_json::Value::from))
            .or_else(|| v.double_value().map(serde_json::Value::from))
            .or_else(|| v.boolean_value().map(serde_json::Value::from))
            .or_else(|| v.string_value().map(serde_json::Value::from))
    });
    let expires = e.expiration_date().and_then(|t| {
        chrono::DateTime::from_timestamp(t.secs(), 0)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    });
    Entitlement {
        dimension: e.dimension().map(str::to_string),
        value,
        customer_aws_account_id: e.customer_aws_account_id().map(str::to_string),
        customer_identifier: e.customer_identifier().map(str::to_string),
        license_arn: e.license_arn().map(str::to_string),
        expiration_date: expires,
    }
}
