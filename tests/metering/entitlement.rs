//! `entitlement list` and `emulator seed registration-token` through the binary.

use super::*;

#[test]
fn entitlement_list_shows_the_contract_buyers_dimensions() {
    let server = server();
    let (project, product, _) = subscribed(&server);
    let (p, s) = (&project, &server);
    let all = ok(p, s, &["entitlement", "list", "--product", &product]);
    let items = all["entitlements"]["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{all}");
    assert!(
        items.iter().all(|i| i["customer_aws_account_id"] == BUYER),
        "{all}"
    );
    assert!(items.iter().all(|i| i["license_arn"]
        .as_str()
        .is_some_and(|a| a.contains(":license:l-"))));
    assert!(
        all["product_code"].as_str().is_some_and(|c| c.len() == 25),
        "{all}"
    );
    let other = ok(
        p,
        s,
        &[
            "entitlement",
            "list",
            "--product",
            &product,
            "--buyer",
            "999988887777",
        ],
    );
    assert_eq!(other["entitlements"]["count"], 0, "{other}");
    let bad = p
        .mpctl(&s.url(), &["entitlement", "list", "--product", "nope"])
        .output();
    assert!(bad.expect_code(2).stderr().contains("--product"));
}

#[test]
fn a_seeded_registration_token_is_the_last_word_and_resolves() {
    let server = server();
    let (project, product, _) = subscribed(&server);
    let (p, s) = (&project, &server);
    let args = [
        "emulator",
        "seed",
        "registration-token",
        "--account",
        BUYER,
        "--product",
        &product,
    ];
    let done = p.mpctl(&s.url(), &args).output().expect_code(0);
    let token = done.stdout().split_whitespace().last().unwrap().to_string();
    let client = aws_sdk_marketplacemetering::Client::new(&crate::support::sdk_config(s.handle()));
    let resolved = s.block_on(client.resolve_customer().registration_token(&token).send());
    let resolved = resolved.expect("ResolveCustomer accepts the seeded token");
    assert_eq!(resolved.customer_aws_account_id(), Some(BUYER));
    let missing = [
        "emulator",
        "seed",
        "registration-token",
        "--account",
        BUYER,
        "--product",
        "prod-nosuchproduct0",
    ];
    let err = p.mpctl(&s.url(), &missing).output().expect_code(1).stderr();
    assert!(err.contains("no product prod-nosuchproduct0"), "{err}");
}
