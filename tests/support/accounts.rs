//! SDK clients acting as a given AWS account (the emulator reads the account from the access
//! key id: a key ending in 12 digits is that account), and a released private offer built with
//! them — what the access-rule, clock and offer set tests share.

use mpctl_emulator::Handle;
use serde_json::{json, Value};

use super::catalog::run_ok;
use super::CatalogClient;

/// The emulator's default seller (keys that do not end in 12 digits).
pub const SELLER: &str = "123456789012";
/// A second seller on the same emulator.
pub const OTHER_SELLER: &str = "210987654321";
/// The buyer private offers target.
pub const BUYER: &str = "444455556666";
/// An account that is party to nothing.
pub const STRANGER: &str = "999988887777";

/// The service clients of one account.
pub struct As {
    pub catalog: CatalogClient,
    pub agreement: aws_sdk_marketplaceagreement::Client,
    pub partner: aws_sdk_partnercentralselling::Client,
    pub discovery: aws_sdk_marketplacediscovery::Client,
}

/// Clients that sign with `AKIDACCT<account>`.
pub fn as_account(handle: &Handle, account: &str) -> As {
    let config = super::sdk_config_with_key(&handle.base_url, &format!("AKIDACCT{account}"));
    As {
        catalog: CatalogClient {
            client: aws_sdk_marketplacecatalog::Client::new(&config),
            clock: handle.clock(),
        },
        agreement: aws_sdk_marketplaceagreement::Client::new(&config),
        partner: aws_sdk_partnercentralselling::Client::new(&config),
        discovery: aws_sdk_marketplacediscovery::Client::new(&config),
    }
}

/// A SaaS product with one entitled dimension; returns its id.
pub async fn product(c: &CatalogClient, title: &str) -> String {
    let et = "SaaSProduct@1.0";
    let dims = json!([{"Key": "Seats", "Name": "Seats", "Description": "Seats", "Types": ["Entitled"], "Unit": "Units"}]);
    let changes = [
        json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": et}, "DetailsDocument": {"ProductTitle": title}}),
        json!({"ChangeType": "AddDimensions", "Entity": {"Type": et, "Identifier": "$P.Entity.Identifier"}, "DetailsDocument": dims}),
    ];
    run_ok(c, &changes).await.remove(0)
}

/// Releases a 12-month private offer on `product` for `buyer`, with `extra` changes on the offer
/// (`$O.Entity.Identifier`) and `offer_details` merged into CreateOffer's details; returns the
/// offer id.
pub async fn private_offer(
    c: &CatalogClient,
    product: &str,
    buyer: &str,
    offer_details: Value,
    extra: &[Value],
) -> String {
    let ty = "Offer@1.0";
    let at = json!({"Type": ty, "Identifier": "$O.Entity.Identifier"});
    let mut details = json!({"ProductId": product, "Name": "Private offer"});
    if let (Some(d), Some(more)) = (details.as_object_mut(), offer_details.as_object()) {
        d.extend(more.clone());
    }
    let pricing = json!({"PricingModel": "Contract", "Terms": [
        {"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "100.00", "Duration": "P12M", "Grants": [{"DimensionKey": "Seats", "MaxQuantity": 1}]}
    ]});
    let mut changes = vec![
        json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": ty}, "DetailsDocument": details}),
        json!({"ChangeType": "UpdateTargeting", "Entity": at, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": [buyer]}}}),
        json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": pricing}),
    ];
    changes.extend(extra.iter().map(|e| {
        let mut e = e.clone();
        e["Entity"] = at.clone();
        e
    }));
    changes.push(json!({"ChangeType": "ReleaseOffer", "Entity": at, "DetailsDocument": {}}));
    run_ok(c, &changes).await.remove(0)
}
