//! The Catalog emulator through the real aws-sdk-marketplacecatalog client: lifecycle, ids,
//! entities, listing, and every rule it enforces. The change set helpers the submodules share
//! are here.

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use aws_sdk_marketplacecatalog::Client;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{json, Value};

use crate::support::catalog::{change, change_errors, describe, finish};
use crate::support::{catalog_client, emulator};

async fn start(client: &Client, changes: &[Value], token: Option<&str>) -> Result<String, String> {
    let mut call = client
        .start_change_set()
        .catalog("AWSMarketplace")
        .set_client_request_token(token.map(str::to_string));
    for c in changes {
        call = call.change_set(change(c));
    }
    call.send()
        .await
        .map(|o| o.change_set_id().unwrap().to_string())
        .map_err(|e| format!("{}: {}", e.code().unwrap_or("?"), e.message().unwrap_or("")))
}

fn product_changes(metered: bool) -> Vec<Value> {
    let mut dims = vec![
        json!({"Key": "Basic", "Name": "Basic", "Description": "Basic", "Types": ["Entitled"], "Unit": "Units"}),
    ];
    if metered {
        dims.push(json!({"Key": "Calls", "Name": "Calls", "Description": "API calls", "Types": ["ExternallyMetered"], "Unit": "Requests"}));
    }
    vec![
        json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {"ProductTitle": "Test"}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0", "Identifier": "$P.Entity.Identifier"}, "DetailsDocument": dims}),
    ]
}

/// Creates a product (with a metered dimension if asked) and returns its id.
async fn product(client: &crate::support::CatalogClient, metered: bool) -> String {
    let out = finish(
        client,
        &start(client, &product_changes(metered), None)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(out.status(), Some(&ChangeStatus::Succeeded), "{out:?}");
    let id = out.change_set()[0].entity().unwrap().identifier().unwrap();
    id.split('@').next().unwrap().to_string()
}

fn offer_changes(product: &str, buyers: Value, pricing: Value) -> Vec<Value> {
    vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": product}}),
        json!({"ChangeType": "UpdateTargeting", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": buyers}}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {"PricingModel": "Contract", "Terms": pricing}}),
        json!({"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"}, "DetailsDocument": {}}),
    ]
}

fn upfront(key: &str) -> Value {
    json!({"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "10.00", "Grants": [{"DimensionKey": key, "MaxQuantity": 1}]})
}

/// Runs a set expected to FAIL and returns (change index, error code, message) triples.
async fn failures(
    client: &crate::support::CatalogClient,
    changes: &[Value],
) -> Vec<(usize, String, String)> {
    let out = finish(client, &start(client, changes, None).await.unwrap()).await;
    assert_eq!(out.status(), Some(&ChangeStatus::Failed), "{out:?}");
    assert_eq!(out.failure_code().map(|c| c.as_str()), Some("CLIENT_ERROR"));
    change_errors(&out)
}

mod change_rules;
mod change_set_listing;
mod change_sets;
mod corpus;
mod listing;
mod offer_sets;
mod rules;
mod tags;
