//! PutTargets, ListTargetsByRule, RemoveTargets.
//!
//! [I] Every target ARN is accepted, as AWS does; only SQS queues receive deliveries here.
//! `Input` (a constant JSON text) and `InputPath` (`$.a.b`) are honoured by `deliver`;
//! `InputTransformer` is refused (ValidationException) rather than delivered untransformed.

use serde_json::{json, Value};

use super::{default_bus, no_rule, Ctx};
use crate::wire::{required_str, ApiError, OpResult};

/// Targets per rule (EventBridge's documented limit).
const PER_RULE: usize = 5;

pub fn put(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Rule")?;
    let targets = input["Targets"].as_array().cloned().unwrap_or_default();
    if targets.len() > 10 {
        return Err(ApiError::validation(
            "A maximum of 10 targets may be put per request.",
        ));
    }
    if targets.iter().any(|t| t.get("InputTransformer").is_some()) {
        return Err(ApiError::validation(
            "InputTransformer is not supported by the emulator.",
        ));
    }
    let rule = ctx
        .state
        .rule_mut(ctx.caller, name)
        .ok_or_else(|| no_rule(name))?;
    let mut failed = Vec::new();
    for target in targets {
        let id = target["Id"].as_str().unwrap_or_default().to_string();
        let both = target.get("Input").is_some() && target.get("InputPath").is_some();
        let full = !rule.targets.contains_key(&id) && rule.targets.len() >= PER_RULE;
        match (both, full) {
            (true, _) => failed.push(json!({
                "TargetId": id, "ErrorCode": "ValidationException",
                "ErrorMessage": "Only one of Input, InputPath, InputTransformer may be set.",
            })),
            (_, true) => failed.push(json!({
                "TargetId": id, "ErrorCode": "LimitExceededException",
                "ErrorMessage": format!("The requested resource exceeds the maximum number allowed ({PER_RULE} targets per rule)."),
            })),
            _ => {
                rule.targets.insert(id, target);
            }
        }
    }
    Ok(json!({"FailedEntryCount": failed.len(), "FailedEntries": failed}))
}

pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Rule")?;
    let rule = ctx
        .state
        .rule(ctx.caller, name)
        .ok_or_else(|| no_rule(name))?;
    let targets: Vec<&Value> = rule.targets.values().collect();
    Ok(json!({ "Targets": targets }))
}

pub fn remove(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Rule")?;
    let rule = ctx
        .state
        .rule_mut(ctx.caller, name)
        .ok_or_else(|| no_rule(name))?;
    for id in input["Ids"].as_array().into_iter().flatten() {
        if let Some(id) = id.as_str() {
            rule.targets.remove(id);
        }
    }
    Ok(json!({"FailedEntryCount": 0, "FailedEntries": []}))
}
