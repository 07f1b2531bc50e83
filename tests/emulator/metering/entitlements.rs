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

/// One awsJson1_1 GetEntitlements (what older boto3 and the AWS CLI send): (status, body).
async fn get_entitlements_json(handle: &mpctl_emulator::Handle, body: Value) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: AWSMPEntitlementService.GetEntitlements\r\n\
         Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        handle.addr,
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(handle.addr)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8(raw).expect("utf-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("header/body split");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/x-amz-json-1.1"),
        "{head}"
    );
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, serde_json::from_str(body).expect("JSON body"))
}

#[tokio::test]
async fn get_entitlements_answers_over_aws_json_too() {
    let saas = saas().await;
    let (status, body) =
        get_entitlements_json(&saas.handle, json!({"ProductCode": saas.code})).await;
    assert_eq!(status, 200, "{body}");
    let list = body["Entitlements"].as_array().expect("Entitlements");
    assert_eq!(list.len(), 1, "{body}");
    assert_eq!(list[0]["CustomerAWSAccountId"], BUYER);
    assert_eq!(list[0]["Value"]["IntegerValue"], 1);
    assert!(
        list[0]["ExpirationDate"].is_number(),
        "epoch seconds: {body}"
    );
    let (status, body) =
        get_entitlements_json(&saas.handle, json!({"ProductCode": "x", "MaxResults": 26})).await;
    assert_eq!(
        (status, body["__type"].as_str()),
        (400, Some("InvalidParameterException")),
        "{body}"
    );
}
