//! Marketplace Metering and Entitlement through the real clients: aws-sdk-marketplacemetering
//! (awsJson1_1), aws-sdk-marketplaceentitlement (RPCv2 CBOR) and boto3. A SaaS product with
//! one entitled and three metered dimensions, sold on a contract-with-consumption private offer
//! that the stand-in buyer accepts.

mod boto3_metering;
mod entitlements;
mod meter;
mod usage_invoice;

use aws_sdk_marketplaceagreement as agreement;
use aws_sdk_marketplaceentitlement as entitlement;
use aws_sdk_marketplacemetering as metering;
use serde_json::{json, Value};

use crate::support::catalog::run_ok;
use crate::support::*;

pub(super) const BUYER: &str = "111111111111";
/// An account with no agreement for the product.
pub(super) const STRANGER: &str = "999988887777";
pub(super) const METERED: [&str; 3] = ["WorkloadSmall", "WorkloadMedium", "WorkloadLarge"];

/// A published SaaS product, its code, and the buyer's ACTIVE agreement.
pub(super) struct Saas {
    pub handle: mpctl_emulator::Handle,
    pub product_id: String,
    pub code: String,
    pub agreement_id: String,
}

fn dimension(key: &str, kind: &str) -> Value {
    json!({"Key": key, "Name": key, "Description": key, "Unit": "Units", "Types": [kind]})
}

/// Contract with consumption: Users 1200.00 for 12 months, usage 0.15 / 0.25 / 0.50.
fn pricing() -> Value {
    json!({"PricingModel": "Contract", "Terms": [
        {"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
         "RateCards": [{"Selector": {"Type": "Duration", "Value": "P12M"},
            "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
            "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]},
        {"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [
            {"DimensionKey": "WorkloadSmall", "Price": "0.15"},
            {"DimensionKey": "WorkloadMedium", "Price": "0.25"},
            {"DimensionKey": "WorkloadLarge", "Price": "0.50"}]}]}]})
}

/// Publishes the product and the private offer for [`BUYER`]; waits for the agreement.
pub(super) async fn saas() -> Saas {
    let handle = emulator().await;
    let client = catalog_client(&handle);
    let mut dims = vec![dimension("Users", "Entitled")];
    dims.extend(METERED.iter().map(|k| dimension(k, "ExternallyMetered")));
    let product = run_ok(&client, &[
        json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"}, "ChangeName": "CreateProduct",
            "DetailsDocument": {"ProductTitle": "mpctl metering test"}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$CreateProduct.Entity.Identifier"},
            "DetailsDocument": dims}),
    ])
    .await;
    let product_id = product[0].clone();
    let offer = |change_type: &str, details: Value| {
        json!({"ChangeType": change_type, "DetailsDocument": details,
            "Entity": {"Type": "Offer@1.0", "Identifier": "$CreateOffer.Entity.Identifier"}})
    };
    let changes = vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": "CreateOffer", "Entity": {"Type": "Offer@1.0"},
            "DetailsDocument": {"ProductId": product_id}}),
        offer(
            "UpdateTargeting",
            json!({"PositiveTargeting": {"BuyerAccounts": [BUYER]}}),
        ),
        offer(
            "UpdateValidityTerms",
            json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P12M"}]}),
        ),
        offer(
            "UpdateLegalTerms",
            json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}),
        ),
        offer("UpdatePricingTerms", pricing()),
        offer("ReleaseOffer", json!({})),
    ];
    let offer_id = run_ok(&client, &changes).await[0].clone();
    let agreement_id = wait_for_agreement(&handle, &offer_id).await;
    let code = product_code(&handle, &product_id).await;
    Saas {
        handle,
        product_id,
        code,
        agreement_id,
    }
}

/// `Description.ProductCode` as DescribeEntity answers it.
async fn product_code(handle: &mpctl_emulator::Handle, product_id: &str) -> String {
    let out = catalog_client(handle)
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(product_id)
        .send()
        .await
        .expect("DescribeEntity");
    let details: Value = serde_json::from_str(out.details().expect("Details")).expect("json");
    let code = details["Description"]["ProductCode"].as_str();
    code.expect("a SaaS product has a ProductCode").to_string()
}

async fn wait_for_agreement(handle: &mpctl_emulator::Handle, offer_id: &str) -> String {
    let client = agreement_client(handle);
    let what = format!("an agreement for {offer_id}");
    let filter = |n: &str, v: &str| {
        agreement::types::Filter::builder()
            .name(n)
            .values(v)
            .build()
    };
    crate::support::clock::until(
        &handle.clock(),
        crate::support::clock::step(),
        &what,
        || async {
            let out = client
                .search_agreements()
                .catalog("AWSMarketplace")
                .filters(filter("PartyType", "Proposer"))
                .filters(filter("AgreementType", "PurchaseAgreement"))
                .filters(filter("OfferId", offer_id))
                .send()
                .await
                .expect("SearchAgreements");
            let found = out.agreement_view_summaries().first();
            found.and_then(|a| a.agreement_id().map(str::to_string))
        },
    )
    .await
}

impl Saas {
    pub fn metering(&self) -> metering::Client {
        metering::Client::new(&sdk_config(&self.handle))
    }

    /// A Metering client of `account` (MeterUsage is signed by the buyer's own account).
    pub fn metering_as(&self, account: &str) -> metering::Client {
        let key = format!("AKIDBUYER{account}");
        metering::Client::new(&sdk_config_with_key(&self.handle.base_url, &key))
    }

    pub fn entitlement(&self) -> entitlement::Client {
        entitlement::Client::new(&sdk_config(&self.handle))
    }

    /// Moves the emulator's clock.
    pub fn advance_hours(&self, hours: u64) {
        let by = std::time::Duration::from_secs(hours * 3600);
        self.handle.clock().advance(by);
    }

    /// The emulator's "now" as the SDK's timestamp.
    pub fn now(&self) -> aws_smithy_types::DateTime {
        aws_smithy_types::DateTime::from_millis(self.handle.clock().now().timestamp_millis())
    }

    /// "now" `hours` back.
    pub fn hours_ago(&self, hours: i64) -> aws_smithy_types::DateTime {
        let t = self.handle.clock().now() - chrono::Duration::hours(hours);
        aws_smithy_types::DateTime::from_millis(t.timestamp_millis())
    }
}

/// An SDK error's code.
pub(super) fn code<E: metering::error::ProvideErrorMetadata>(e: &E) -> String {
    e.code().unwrap_or_default().to_string()
}
