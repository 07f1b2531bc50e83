//! EventBridge and SQS as a seller's "rule on the default bus → queue" uses them, through
//! aws-sdk-eventbridge and aws-sdk-sqs (and boto3): a run-all's events arrive in AWS's envelope
//! with the ids the APIs returned, a narrower pattern receives only its events, another
//! account's never arrive, an undeleted message returns after its visibility timeout.

mod boto3;
mod delivery;
mod visibility;

use aws_sdk_sqs::types::QueueAttributeName;
use mpctl_emulator::Handle;
use serde_json::{json, Value};

/// EventBridge and SQS clients of one account.
pub struct Bus {
    pub events: aws_sdk_eventbridge::Client,
    pub sqs: aws_sdk_sqs::Client,
}

/// Clients signing as `account` (`AKIDACCT<account>`).
pub fn bus(url: &str, account: &str) -> Bus {
    let config = crate::support::sdk_config_with_key(url, &format!("AKIDACCT{account}"));
    Bus {
        events: aws_sdk_eventbridge::Client::new(&config),
        sqs: aws_sdk_sqs::Client::new(&config),
    }
}

/// The setup sequence AWS documents: queue, rule, the policy letting the rule send, target.
/// Returns the queue URL.
pub async fn rule_to_queue(bus: &Bus, name: &str, pattern: Value) -> String {
    let url = bus
        .sqs
        .create_queue()
        .queue_name(name)
        .send()
        .await
        .expect("CreateQueue")
        .queue_url
        .expect("QueueUrl");
    let arn = bus
        .sqs
        .get_queue_attributes()
        .queue_url(&url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .expect("GetQueueAttributes")
        .attributes
        .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
        .expect("QueueArn");
    let rule_arn = bus
        .events
        .put_rule()
        .name(name)
        .event_pattern(pattern.to_string())
        .send()
        .await
        .expect("PutRule")
        .rule_arn
        .expect("RuleArn");
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "AllowRuleToSend", "Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
        "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]});
    bus.sqs
        .set_queue_attributes()
        .queue_url(&url)
        .attributes(QueueAttributeName::Policy, policy.to_string())
        .send()
        .await
        .expect("SetQueueAttributes");
    let target = aws_sdk_eventbridge::types::Target::builder()
        .id("queue")
        .arn(&arn)
        .build()
        .expect("target");
    let put = bus
        .events
        .put_targets()
        .rule(name)
        .targets(target)
        .send()
        .await
        .expect("PutTargets");
    assert_eq!(put.failed_entry_count, 0);
    url
}

/// Every message now in the queue, received (long polling 1 s) and deleted: their bodies.
pub async fn drain(bus: &Bus, url: &str) -> Vec<Value> {
    let mut out = Vec::new();
    loop {
        let got = bus
            .sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .send()
            .await
            .expect("ReceiveMessage");
        let messages = got.messages.unwrap_or_default();
        if messages.is_empty() {
            return out;
        }
        for m in messages {
            let body = m.body.clone().expect("Body");
            assert_eq!(m.md5_of_body.as_deref(), Some(md5_hex(&body).as_str()));
            out.push(serde_json::from_str(&body).expect("the body is the event's JSON"));
            bus.sqs
                .delete_message()
                .queue_url(url)
                .receipt_handle(m.receipt_handle.expect("handle"))
                .send()
                .await
                .expect("DeleteMessage");
        }
    }
}

/// Hex MD5, computed here independently of the emulator.
fn md5_hex(body: &str) -> String {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import hashlib,sys; print(hashlib.md5(sys.stdin.read().encode()).hexdigest())",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(body.as_bytes())?;
            c.wait_with_output()
        })
        .expect("python3 hashlib");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The outbox events of `account` as (detail-type, envelope id) — what a rule matching all of
/// them must receive.
pub fn outbox_of(handle: &Handle, account: &str) -> Vec<String> {
    handle
        .events()
        .into_iter()
        .filter(|e| e.account == account)
        .map(|e| e.detail_type)
        .collect()
}
