//! The buyer's side after the signature (aws-postsale.md §3.4, §7): the charges of its
//! agreements (ListAgreementCharges), a purchase order set on a future charge
//! (UpdatePurchaseOrders, with the charge's current revision read first, as AWS requires) and
//! ending a pay-as-you-go agreement (CancelAgreement). Bodies are rendered here, with the wire's
//! member names, by the code that sends them.

use aws_sdk_marketplaceagreement::types::PurchaseOrder;
use aws_sdk_marketplaceagreement::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use crate::agreement::view::time;
use crate::aws::describe_error;

/// One charge of an agreement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Charge {
    /// The charge id (`ch-…` for an approved payment request).
    pub charge_id: String,
    /// Its revision: UpdatePurchaseOrders must name the latest.
    pub revision: Option<i64>,
    pub agreement_id: String,
    pub amount: Option<String>,
    pub currency_code: Option<String>,
    /// When it is (or was) incurred, `YYYY-MM-DDTHH:MM:SSZ`, or empty.
    pub time: String,
    pub purchase_order: Option<String>,
}

/// Every page of ListAgreementCharges (one agreement's, or all of the caller's).
pub async fn list(client: &Client, agreement: Option<&str>) -> anyhow::Result<Vec<Charge>> {
    let items = client
        .list_agreement_charges()
        .set_agreement_id(agreement.map(String::from))
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListAgreementCharges", e))?;
    Ok(items
        .iter()
        .map(|c| Charge {
            charge_id: c.id().unwrap_or_default().into(),
            revision: c.revision(),
            agreement_id: c.agreement_id().unwrap_or_default().into(),
            amount: c.amount().map(String::from),
            currency_code: c.currency_code().map(String::from),
            time: time(c.time()),
            purchase_order: c.purchase_order_reference().map(String::from),
        })
        .collect())
}

/// UpdatePurchaseOrders' body for one charge at `revision`.
pub fn purchase_order_body(agreement: &str, charge: &str, revision: i64, reference: &str) -> Value {
    json!({"purchaseOrders": [{
        "chargeId": charge,
        "chargeRevision": revision,
        "agreementId": agreement,
        "purchaseOrderReference": reference,
    }]})
}

/// Sends the body [`purchase_order_body`] rendered.
pub async fn set_purchase_order(client: &Client, body: &Value) -> anyhow::Result<()> {
    let po = &body["purchaseOrders"][0];
    let member = |k: &str| po[k].as_str().map(String::from);
    let order = PurchaseOrder::builder()
        .set_charge_id(member("chargeId"))
        .set_charge_revision(po["chargeRevision"].as_i64())
        .set_agreement_id(member("agreementId"))
        .set_purchase_order_reference(member("purchaseOrderReference"))
        .build()?;
    client
        .update_purchase_orders()
        .purchase_orders(order)
        .send()
        .await
        .map_err(|e| describe_error("UpdatePurchaseOrders", e))?;
    Ok(())
}

/// CancelAgreement (the buyer ends a pay-as-you-go agreement).
pub async fn cancel_agreement(client: &Client, agreement: &str) -> anyhow::Result<()> {
    client
        .cancel_agreement()
        .agreement_id(agreement)
        .send()
        .await
        .map_err(|e| describe_error("CancelAgreement", e))?;
    Ok(())
}

/// DescribeAgreement as the buyer: the agreement's status.
pub async fn agreement_status(client: &Client, agreement: &str) -> anyhow::Result<String> {
    let o = client
        .describe_agreement()
        .agreement_id(agreement)
        .send()
        .await
        .map_err(|e| describe_error("DescribeAgreement", e))?;
    Ok(o.status()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default())
}
