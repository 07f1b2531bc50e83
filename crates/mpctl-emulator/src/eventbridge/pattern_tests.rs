//! Pattern matching against a Marketplace event: each operator, AND over fields, OR inside a
//! leaf, arrays, absence, and the invalid patterns PutRule refuses.

use serde_json::json;

use super::{matches, parse};

fn event() -> serde_json::Value {
    json!({
        "version": "0", "id": "x", "detail-type": "Change Set Succeeded",
        "source": "aws.marketplacecatalog", "account": "123456789012",
        "resources": ["arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/ChangeSet/abc"],
        "detail": {"ChangeSetId": "abc", "count": 7, "catalog": "AWS"}
    })
}

fn hit(pattern: &str) -> bool {
    matches(&parse(pattern).expect("valid pattern"), &event())
}

#[test]
fn exact_prefix_suffix_and_case() {
    assert!(hit(r#"{"source":["aws.marketplacecatalog"]}"#));
    assert!(!hit(r#"{"source":["aws.partnercentral-selling"]}"#));
    assert!(hit(r#"{"detail-type":[{"prefix":"Change Set "}]}"#));
    assert!(!hit(r#"{"detail-type":[{"prefix":"change set "}]}"#));
    assert!(hit(
        r#"{"detail-type":[{"prefix":{"equals-ignore-case":"change set "}}]}"#
    ));
    assert!(hit(r#"{"detail-type":[{"suffix":"Succeeded"}]}"#));
    assert!(hit(
        r#"{"detail-type":[{"equals-ignore-case":"change set succeeded"}]}"#
    ));
    assert!(hit(r#"{"detail-type":[{"wildcard":"Change*Succ*"}]}"#));
    assert!(!hit(r#"{"detail-type":[{"wildcard":"Offer*"}]}"#));
}

#[test]
fn anything_but_exists_numeric_and_arrays() {
    assert!(hit(
        r#"{"detail":{"catalog":[{"anything-but":"Sandbox"}]}}"#
    ));
    assert!(!hit(
        r#"{"detail":{"catalog":[{"anything-but":["AWS","Sandbox"]}]}}"#
    ));
    assert!(!hit(
        r#"{"detail-type":[{"anything-but":{"prefix":"Change"}}]}"#
    ));
    assert!(hit(r#"{"detail":{"FailureCode":[{"exists":false}]}}"#));
    assert!(!hit(r#"{"detail":{"FailureCode":[{"exists":true}]}}"#));
    assert!(hit(r#"{"detail":{"count":[{"numeric":[">",5,"<=",7]}]}}"#));
    assert!(!hit(r#"{"detail":{"count":[{"numeric":["<",7]}]}}"#));
    assert!(hit(r#"{"detail":{"count":[7.0]}}"#));
    assert!(hit(r#"{"resources":[{"suffix":"/abc"}]}"#));
}

#[test]
fn fields_and_or() {
    assert!(!hit(
        r#"{"source":["aws.marketplacecatalog"],"account":["111111111111"]}"#
    ));
    assert!(hit(
        r#"{"$or":[{"account":["111111111111"]},{"detail":{"ChangeSetId":["abc"]}}]}"#
    ));
    assert!(!hit(r#"{"detail":{"missing":["x"]}}"#));
}

#[test]
fn invalid_patterns_are_named() {
    for bad in [
        r#"{"source":"aws.marketplacecatalog"}"#,
        r#"{"source":[]}"#,
        r#"[1]"#,
        r#"{"source":[{"cidr":"10.0.0.0/8"}]}"#,
        r#"{"source":[{"numeric":[">"]}]}"#,
        "not json",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}
