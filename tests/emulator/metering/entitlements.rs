//! GetEntitlements through aws-sdk-marketplaceentitlement (RPCv2 CBOR): the buyer's contract
//! quantity, named as Metering names the buyer, filtered, and refused for an unknown product.

use entitlement::types::GetEntitlementFilterName as Name;

use super::*;

#[tokio::test]
async fn get_entitlements_lists_the_contract_buyers_quantities() {
    let saas = saas().await;
    let client = saas.entitlement();
    let out = client
        .get_entitlements()
        .product_code(&saas.code)
        .send()
        .await;
    let out = out.expect("GetEntitlements");
    let list = out.entitlements();
    assert_eq!(list.len(), 1, "{list:?}");
    let e = &list[0];
    assert_eq!(e.product_code(), Some(saas.code.as_str()));
    assert_eq!(e.dimension(), Some("Users"));
    assert_eq!(e.customer_aws_account_id(), Some(BUYER));
    assert_eq!(e.value().and_then(|v| v.integer_value()), Some(1));
    assert!(e.license_arn().is_some_and(|a| a.contains(":license:l-")));
    let expires = e.expiration_date().expect("ExpirationDate").secs();
    assert!(expires > saas.handle.clock().now().timestamp() + 300 * 86_400);
    let token = (saas.handle.registration_token(BUYER, &saas.product_id)).expect("token");
    let resolved = saas
        .metering()
        .resolve_customer()
        .registration_token(token)
        .send()
        .await;
    let resolved = resolved.expect("ResolveCustomer");
    assert_eq!(e.customer_identifier(), resolved.customer_identifier());
    assert_eq!(e.license_arn(), resolved.license_arn());

    let filtered = |name: Name, value: &str| {
        let req = client.get_entitlements().product_code(&saas.code);
        req.filter(name, vec![value.to_string()]).send()
    };
    let none = filtered(Name::CustomerAwsAccountId, STRANGER)
        .await
        .expect("filtered");
    assert!(none.entitlements().is_empty());
    let one = filtered(Name::LicenseArn, e.license_arn().unwrap_or_default()).await;
    assert_eq!(one.expect("by license").entitlements().len(), 1);
    let bad = client
        .get_entitlements()
        .product_code("nosuchproductcode")
        .send()
        .await;
    let bad = bad.expect_err("unknown product");
    assert_eq!(
        entitlement::error::ProvideErrorMetadata::code(&bad),
        Some("InvalidParameterException")
    );
}
