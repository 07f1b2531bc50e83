//! Delivery: each outbox event not yet delivered goes, in AWS's envelope, to the enabled rules
//! on its receiving account's default bus whose pattern it matches, and from each to the rule's
//! SQS targets, at the event's emulated instant. The seller's account therefore receives the
//! Proposer events and the buyer's the Acceptor events, never each other's.
//!
//! A queue receives only when its `Policy` lets `events.amazonaws.com` `sqs:SendMessage` (with
//! an `aws:SourceArn` condition, the rule's ARN), as AWS requires. Best effort: with
//! `--fault-rate`, a delivery is dropped or duplicated at that rate (half each), drawn from the
//! seed, the event and the rule so a run repeats.
//!
//! [I] A rule receives only events that happened at or after its creation; a target added later
//! receives events delivered from then on (delivery is immediate, so nothing is pending).

use serde_json::{json, Value};

use super::{pattern, EventsState, Rule};
use crate::outbox::Event;
use crate::sqs::SqsState;

/// Best-effort delivery faults (`--fault-rate`, `--fault-seed`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeliveryFaults {
    pub rate: f64,
    pub seed: u64,
}

/// The event as EventBridge delivers it: the envelope around its detail. `id` is derived from
/// the account and outbox position, so it is stable across `--data` restarts.
pub fn envelope(e: &Event) -> Value {
    let id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("mpctl-event/{}/{}", e.account, e.seq).as_bytes(),
    );
    json!({
        "version": "0",
        "id": id.to_string(),
        "detail-type": e.detail_type,
        "source": e.source,
        "account": e.account,
        "time": crate::clock::catalog_time(e.time),
        "region": crate::ids::REGION,
        "resources": e.resources,
        "detail": e.detail,
    })
}

/// Delivers every outbox event after `state.delivered`.
pub fn deliver(
    state: &mut EventsState,
    sqs: &mut SqsState,
    events: &[Event],
    faults: Option<DeliveryFaults>,
) {
    for event in events.iter().skip(state.delivered) {
        let body = envelope(event);
        for rule in state.rules(&event.account) {
            if !receives(rule, event, &body) {
                continue;
            }
            let copies = match faults {
                Some(f) => copies(f, event.seq, &rule.arn()),
                None => 1,
            };
            for target in rule.targets.values() {
                let Some(arn) = target["Arn"].as_str() else {
                    continue;
                };
                if !allowed(sqs, arn, &rule.arn()) {
                    continue;
                }
                let Some(text) = input(target, &body) else {
                    continue;
                };
                for _ in 0..copies {
                    sqs.deliver(arn, text.clone(), event.time);
                }
            }
        }
    }
    state.delivered = events.len();
}

fn receives(rule: &Rule, event: &Event, body: &Value) -> bool {
    let pattern = rule.pattern.as_deref().and_then(|p| pattern::parse(p).ok());
    rule.state.starts_with("ENABLED")
        && event.time >= rule.created
        && pattern.is_some_and(|p| pattern::matches(&p, body))
}

/// What the target receives: the whole event, its `Input`, or the part `InputPath` selects.
fn input(target: &Value, body: &Value) -> Option<String> {
    if let Some(constant) = target["Input"].as_str() {
        return Some(constant.to_string());
    }
    let Some(path) = target["InputPath"].as_str() else {
        return Some(body.to_string());
    };
    let mut at = body;
    for key in path
        .trim_start_matches('$')
        .split('.')
        .filter(|k| !k.is_empty())
    {
        at = at.get(key)?;
    }
    Some(match at {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// 0 (dropped), 1 or 2 (duplicated) copies of this event for this rule.
fn copies(f: DeliveryFaults, seq: u64, rule: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ f.seed;
    for b in seq.to_le_bytes().iter().chain(rule.as_bytes()) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let u = (h >> 11) as f64 / (1u64 << 53) as f64;
    match u {
        u if u < f.rate / 2.0 => 0,
        u if u < f.rate => 2,
        _ => 1,
    }
}

/// Whether the queue's policy lets EventBridge send to it for this rule.
fn allowed(sqs: &SqsState, queue_arn: &str, rule_arn: &str) -> bool {
    let parts: Vec<&str> = queue_arn.split(':').collect();
    let [_, _, _, _, account, name] = parts.as_slice() else {
        return false;
    };
    let Some(queue) = sqs.queue(account, name) else {
        return false;
    };
    let Ok(policy) = serde_json::from_str::<Value>(&queue.attribute("Policy")) else {
        return false;
    };
    let statements = match &policy["Statement"] {
        Value::Array(s) => s.clone(),
        s @ Value::Object(_) => vec![s.clone()],
        _ => return false,
    };
    statements.iter().any(|s| statement_allows(s, rule_arn))
}

fn statement_allows(s: &Value, rule_arn: &str) -> bool {
    let listed = |v: &Value, want: &dyn Fn(&str) -> bool| match v {
        Value::String(x) => want(x),
        Value::Array(xs) => xs.iter().filter_map(Value::as_str).any(want),
        _ => false,
    };
    let principal = s["Principal"] == json!("*")
        || listed(&s["Principal"]["Service"], &|p| p == "events.amazonaws.com");
    let action = listed(&s["Action"], &|a| {
        matches!(a, "sqs:SendMessage" | "sqs:*" | "*")
    });
    let condition = s["Condition"]
        .as_object()
        .map(|c| {
            c.iter().all(|(op, kv)| {
                let source = &kv["aws:SourceArn"];
                match op.as_str() {
                    "ArnEquals" | "StringEquals" => listed(source, &|a| a == rule_arn),
                    "ArnLike" | "StringLike" => listed(source, &|a| glob(a, rule_arn)),
                    _ => true,
                }
            })
        })
        .unwrap_or(true);
    s["Effect"] == "Allow" && principal && action && condition
}

fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            text.starts_with(head) && text.ends_with(tail.trim_start_matches('*'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_drop_and_duplicate_at_their_rate_and_repeat_with_the_seed() {
        let f = DeliveryFaults { rate: 0.4, seed: 9 };
        let draws: Vec<usize> = (1..=2000).map(|seq| copies(f, seq, "arn:rule")).collect();
        let dropped = draws.iter().filter(|c| **c == 0).count();
        let doubled = draws.iter().filter(|c| **c == 2).count();
        assert!((300..500).contains(&dropped), "{dropped}");
        assert!((300..500).contains(&doubled), "{doubled}");
        let again: Vec<usize> = (1..=2000).map(|seq| copies(f, seq, "arn:rule")).collect();
        assert_eq!(draws, again);
        let none = DeliveryFaults { rate: 0.0, seed: 9 };
        assert!((1..=500).all(|seq| copies(none, seq, "arn:rule") == 1));
    }
}
