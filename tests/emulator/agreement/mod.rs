//! The Agreement emulator driven by the real clients: aws-sdk-marketplaceagreement (RPCv2 CBOR),
//! raw awsJson1_0 requests, and boto3 when it is installed.
//!
//! Agreements only come from buyers accepting released private offers, so the tests that need one
//! publish a product and a private offer through the Catalog SDK first (`publish_private_offer`).

use std::collections::HashMap;

use agreement::error::ProvideErrorMetadata;
use agreement::types::{
    AcceptedTerm, AgreementStatus, Filter, ResourceType, Sort, SortOrder, ValidationExceptionReason,
};
use aws_sdk_marketplaceagreement as agreement;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::catalog::run_ok;
use crate::support::*;

const SELLER: &str = "123456789012";
const BUYERS: [&str; 3] = ["111111111111", "222222222222", "333333333333"];

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// A SearchAgreements request as a proposer for purchase agreements, plus `extra` filters.
fn search(
    client: &agreement::Client,
    extra: &[(&str, &str)],
) -> agreement::operation::search_agreements::builders::SearchAgreementsFluentBuilder {
    let mut req = client
        .search_agreements()
        .catalog("AWSMarketplace")
        .filters(filter("PartyType", "Proposer"))
        .filters(filter("AgreementType", "PurchaseAgreement"));
    for (name, value) in extra {
        req = req.filters(filter(name, value));
    }
    req
}

/// A SaaS product with an entitled `Users` dimension, and a released private offer for `buyers`:
/// 12-month contract, 1200.00 USD for the first rate card, a standard EULA.
/// Returns `(product_id, offer_id)`.
async fn publish_private_offer(
    handle: &mpctl_emulator::Handle,
    buyers: &[&str],
) -> (String, String) {
    let client = catalog_client(handle);
    let change = |change_type: &str,
                  identifier: Option<&str>,
                  name: Option<&str>,
                  details: Value| {
        let mut c = json!({"ChangeType": change_type, "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": details});
        if let Some(id) = identifier {
            c["Entity"]["Identifier"] = json!(id);
        }
        if let Some(name) = name {
            c["ChangeName"] = json!(name);
        }
        c
    };
    let product = run_ok(
        &client,
        &[
            json!({"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"}, "ChangeName": "CreateProduct",
                "DetailsDocument": {"ProductTitle": "mpctl agreement test"}}),
            json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$CreateProduct.Entity.Identifier"},
                "DetailsDocument": [{"Key": "Users", "Name": "Users", "Description": "Named users", "Unit": "Units", "Types": ["Entitled"]}]}),
        ],
    )
    .await;
    let product_id = product[0].clone();
    let offer_ref = Some("$CreateOffer.Entity.Identifier");
    let pricing = json!({"PricingModel": "Contract", "Terms": [{
        "Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
        "RateCards": [{"Selector": {"Type": "Duration", "Value": "P12M"},
            "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
            "RateCard": [{"DimensionKey": "Users", "Price": "1200.00"}]}]}]});
    let offer = run_ok(
        &client,
        &[
            change("CreateOffer", None, Some("CreateOffer"), json!({"ProductId": product_id})),
            change("UpdateTargeting", offer_ref, None, json!({"PositiveTargeting": {"BuyerAccounts": buyers}})),
            change("UpdatePricingTerms", offer_ref, None, pricing),
            change(
                "UpdateValidityTerms",
                offer_ref,
                None,
                json!({"Terms": [{"Type": "ValidityTerm", "AgreementDuration": "P12M"}]}),
            ),
            change(
                "UpdateLegalTerms",
                offer_ref,
                None,
                json!({"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}),
            ),
            change("ReleaseOffer", offer_ref, None, json!({})),
        ],
    )
    .await;
    (product_id, offer[0].clone())
}

/// Searches by offer until `count` agreements exist, moving the emulator clock; returns them.
async fn wait_for_agreements(
    clock: &mpctl_emulator::ClockControl,
    client: &agreement::Client,
    offer_id: &str,
    count: usize,
) -> Vec<agreement::types::AgreementViewSummary> {
    let what = format!("{count} agreements for {offer_id}");
    crate::support::clock::until(clock, crate::support::clock::step(), &what, || async {
        let out = search(client, &[("OfferId", offer_id)])
            .send()
            .await
            .expect("SearchAgreements");
        let found = out.agreement_view_summaries();
        (found.len() >= count).then(|| found.to_vec())
    })
    .await
}

mod accept;
mod billing;
mod boto3_postsale;
mod cancel;
mod cancel_rules;
mod charges;
mod json;
mod payments;
mod postsale;
mod search;
