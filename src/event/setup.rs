//! `events setup` and `events teardown`: the SQS queue, the rule on the default bus and the
//! queue policy that lets the rule send to it (aws-events-cosell.md §A2.4–A2.5), as requests
//! rendered once (`--plan` prints them, the confirmation names them) and then sent from those
//! same bodies, so the plan is what is sent. Setup is idempotent: CreateQueue returns the
//! existing queue, PutRule replaces the rule, SetQueueAttributes the policy, PutTargets the
//! target of the same id. Teardown removes the target, the rule and the queue, and counts what
//! was already gone as removed.
//!
//! [I] The queue keeps SQS's defaults (visibility 30 s, retention 4 days); the policy holds one
//! statement for this rule's ARN, replacing any policy the queue had (the queue is mpctl's).

use aws_sdk_eventbridge::types::{RuleState, Target};
use aws_sdk_sqs::types::QueueAttributeName;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use crate::aws::{describe_error, Clients};
use crate::confirm::Planned;

/// The target id mpctl gives its queue on the rule.
pub const TARGET_ID: &str = "mpctl-queue";

/// Where the resources live: account, region, and the name of both queue and rule.
#[derive(Debug, Clone)]
pub struct Names {
    pub account: String,
    pub region: String,
    pub name: String,
}

impl Names {
    pub fn queue_arn(&self) -> String {
        format!("arn:aws:sqs:{}:{}:{}", self.region, self.account, self.name)
    }

    pub fn queue_url(&self) -> String {
        format!(
            "https://sqs.{}.amazonaws.com/{}/{}",
            self.region, self.account, self.name
        )
    }

    pub fn rule_arn(&self) -> String {
        format!(
            "arn:aws:events:{}:{}:rule/{}",
            self.region, self.account, self.name
        )
    }
}

/// What setup made.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Created {
    pub queue_url: String,
    pub queue_arn: String,
    pub rule_arn: String,
    /// The rule's event pattern.
    pub pattern: Value,
}

/// The four writes of setup, in order.
pub fn requests(names: &Names, pattern: &Value) -> Vec<Planned> {
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "AllowMpctlRuleToSend", "Effect": "Allow",
        "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
        "Resource": names.queue_arn(),
        "Condition": {"ArnEquals": {"aws:SourceArn": names.rule_arn()}}}]});
    vec![
        Planned::new("CreateQueue", "", json!({"QueueName": names.name})),
        Planned::new(
            "PutRule",
            "",
            json!({"Name": names.name, "EventPattern": pattern.to_string(), "State": "ENABLED",
                   "Description": "AWS Marketplace and Partner Central events for mpctl"}),
        ),
        Planned::new(
            "SetQueueAttributes",
            "",
            json!({"QueueUrl": names.queue_url(), "Attributes": {"Policy": policy.to_string()}}),
        ),
        Planned::new(
            "PutTargets",
            "",
            json!({"Rule": names.name, "Targets": [{"Id": TARGET_ID, "Arn": names.queue_arn()}]}),
        ),
    ]
}

fn text<'a>(p: &'a Planned, pointer: &str) -> &'a str {
    p.body
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Sends [`requests`]' bodies as they are.
pub async fn send(
    clients: &Clients,
    planned: &[Planned],
    pattern: &Value,
) -> anyhow::Result<Created> {
    let [queue, rule, policy, target] = planned else {
        anyhow::bail!("setup renders four requests");
    };
    let url = clients
        .sqs
        .create_queue()
        .queue_name(text(queue, "/QueueName"))
        .send()
        .await
        .map_err(|e| describe_error("CreateQueue", e))?
        .queue_url
        .unwrap_or_default();
    let rule_arn = clients
        .events
        .put_rule()
        .name(text(rule, "/Name"))
        .event_pattern(text(rule, "/EventPattern"))
        .state(RuleState::from(text(rule, "/State")))
        .description(text(rule, "/Description"))
        .send()
        .await
        .map_err(|e| describe_error("PutRule", e))?
        .rule_arn
        .unwrap_or_default();
    clients
        .sqs
        .set_queue_attributes()
        .queue_url(&url)
        .attributes(
            QueueAttributeName::Policy,
            text(policy, "/Attributes/Policy"),
        )
        .send()
        .await
        .map_err(|e| describe_error("SetQueueAttributes", e))?;
    let queue_arn = text(target, "/Targets/0/Arn").to_string();
    let t = Target::builder()
        .id(text(target, "/Targets/0/Id"))
        .arn(&queue_arn)
        .build()?;
    let put = clients
        .events
        .put_targets()
        .rule(text(target, "/Rule"))
        .targets(t)
        .send()
        .await
        .map_err(|e| describe_error("PutTargets", e))?;
    if put.failed_entry_count > 0 {
        let why: Vec<String> = put
            .failed_entries()
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    f.error_code().unwrap_or(""),
                    f.error_message().unwrap_or("")
                )
            })
            .collect();
        anyhow::bail!("PutTargets refused the queue target: {}", why.join("; "));
    }
    Ok(Created {
        queue_url: url,
        queue_arn,
        rule_arn,
        pattern: pattern.clone(),
    })
}

/// The three writes of teardown, in the order EventBridge requires (targets before the rule).
pub fn teardown_requests(names: &Names) -> Vec<Planned> {
    vec![
        Planned::new(
            "RemoveTargets",
            "",
            json!({"Rule": names.name, "Ids": [TARGET_ID]}),
        ),
        Planned::new("DeleteRule", "", json!({"Name": names.name})),
        Planned::new("DeleteQueue", "", json!({"QueueUrl": names.queue_url()})),
    ]
}

/// Sends [`teardown_requests`]; returns what each found (`removed` or `absent`).
pub async fn teardown(clients: &Clients, planned: &[Planned]) -> anyhow::Result<Vec<String>> {
    let [targets, rule, queue] = planned else {
        anyhow::bail!("teardown renders three requests");
    };
    let mut outcome = Vec::new();
    let removed = clients
        .events
        .remove_targets()
        .rule(text(targets, "/Rule"))
        .ids(text(targets, "/Ids/0"))
        .send()
        .await;
    outcome.push(match removed {
        Ok(_) => "removed".to_string(),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception()) =>
        {
            "absent".to_string()
        }
        Err(e) => return Err(describe_error("RemoveTargets", e)),
    });
    clients
        .events
        .delete_rule()
        .name(text(rule, "/Name"))
        .send()
        .await
        .map_err(|e| describe_error("DeleteRule", e))?;
    outcome.push("removed".to_string());
    let deleted = clients
        .sqs
        .delete_queue()
        .queue_url(text(queue, "/QueueUrl"))
        .send()
        .await;
    outcome.push(match deleted {
        Ok(_) => "removed".to_string(),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_queue_does_not_exist()) =>
        {
            "absent".to_string()
        }
        Err(e) => return Err(describe_error("DeleteQueue", e)),
    });
    Ok(outcome)
}
