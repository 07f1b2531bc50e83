//! Visibility on the emulated clock: a received, undeleted message is hidden for its visibility
//! timeout and returns when the clock passes it; a deleted one never returns. Also SQS's
//! query-compatible errors as the Rust SDK reads them, and the teardown order EventBridge
//! enforces.

use std::time::Duration;

use aws_sdk_sqs::types::MessageSystemAttributeName;
use serde_json::json;

use super::{bus, rule_to_queue};
use crate::support::accounts::SELLER;

async fn receive(b: &super::Bus, url: &str) -> Vec<aws_sdk_sqs::types::Message> {
    b.sqs
        .receive_message()
        .queue_url(url)
        .max_number_of_messages(10)
        .visibility_timeout(60)
        .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
        .send()
        .await
        .expect("ReceiveMessage")
        .messages
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_undeleted_message_returns_after_its_visibility_timeout_and_a_deleted_one_never() {
    let handle = crate::support::emulator().await;
    let b = bus(&handle.base_url, SELLER);
    let url = rule_to_queue(&b, "mp", json!({"source": ["aws.partnercentral-selling"]})).await;
    let client = crate::support::partner_client(&handle);
    crate::support::partner::create_referral(&client, "Initech").await;
    let first = receive(&b, &url).await;
    assert!(!first.is_empty(), "the referral's events arrived");
    assert!(receive(&b, &url).await.is_empty(), "hidden while in flight");

    handle.clock().advance(Duration::from_secs(61));
    let again = receive(&b, &url).await;
    assert_eq!(again.len(), first.len(), "every undeleted message returned");
    for m in &again {
        let count = m
            .attributes
            .as_ref()
            .and_then(|a| a.get(&MessageSystemAttributeName::ApproximateReceiveCount));
        assert_eq!(count.map(String::as_str), Some("2"));
        b.sqs
            .delete_message()
            .queue_url(&url)
            .receipt_handle(m.receipt_handle.clone().expect("handle"))
            .send()
            .await
            .expect("DeleteMessage");
    }
    handle.clock().advance(Duration::from_secs(3600));
    assert!(
        receive(&b, &url).await.is_empty(),
        "a deleted message never returns"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_are_the_sdks_typed_errors_and_teardown_goes_targets_first() {
    let handle = crate::support::emulator().await;
    let b = bus(&handle.base_url, SELLER);
    let missing = b
        .sqs
        .get_queue_url()
        .queue_name("nope")
        .send()
        .await
        .expect_err("no such queue");
    assert!(missing.into_service_error().is_queue_does_not_exist());
    let bad = b
        .events
        .put_rule()
        .name("bad")
        .event_pattern(r#"{"source":"aws.marketplacecatalog"}"#)
        .send()
        .await
        .expect_err("a leaf that is not an array");
    assert!(bad
        .into_service_error()
        .is_invalid_event_pattern_exception());

    let url = rule_to_queue(&b, "mp", json!({"source": ["aws.marketplacecatalog"]})).await;
    let refused = b.events.delete_rule().name("mp").send().await;
    assert!(refused.is_err(), "a rule with targets cannot be deleted");
    let targets = b
        .events
        .list_targets_by_rule()
        .rule("mp")
        .send()
        .await
        .expect("targets");
    assert_eq!(targets.targets().len(), 1);
    b.events
        .remove_targets()
        .rule("mp")
        .ids("queue")
        .send()
        .await
        .expect("RemoveTargets");
    b.events
        .delete_rule()
        .name("mp")
        .send()
        .await
        .expect("DeleteRule");
    let rules = b.events.list_rules().send().await.expect("ListRules");
    assert!(rules.rules().is_empty());
    b.sqs
        .delete_queue()
        .queue_url(&url)
        .send()
        .await
        .expect("DeleteQueue");
    let again = b
        .sqs
        .create_queue()
        .queue_name("mp")
        .send()
        .await
        .expect_err("deleted recently");
    assert!(again.into_service_error().is_queue_deleted_recently());
}
