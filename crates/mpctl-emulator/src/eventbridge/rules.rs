//! PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule on the default bus.

use serde_json::{json, Value};

use super::{default_bus, no_rule, pattern, Ctx, Rule};
use crate::wire::{optional_str, required_str, ApiError, OpResult};

/// [I] A page of ListRules when `Limit` is absent (AWS does not say; the model's maximum).
const PAGE: usize = 100;

/// Creates or replaces a rule: members left out become empty, except its targets and tags.
pub fn put(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Name")?;
    let pattern = optional_str(input, "EventPattern").map(str::to_string);
    let schedule = optional_str(input, "ScheduleExpression").map(str::to_string);
    if pattern.is_none() && schedule.is_none() {
        return Err(ApiError::validation(
            "Parameter(s) EventPattern or ScheduleExpression must be specified.",
        ));
    }
    if let Some(p) = &pattern {
        pattern::parse(p).map_err(|reason| {
            ApiError::new(
                400,
                "InvalidEventPatternException",
                format!("Event pattern is not valid. Reason: {reason}"),
            )
        })?;
    }
    let state = optional_str(input, "State")
        .unwrap_or("ENABLED")
        .to_string();
    let previous = ctx.state.rule(ctx.caller, name).cloned();
    let rule = Rule {
        name: name.to_string(),
        account: ctx.caller.to_string(),
        pattern,
        schedule,
        state,
        description: optional_str(input, "Description").map(str::to_string),
        role_arn: optional_str(input, "RoleArn").map(str::to_string),
        created: previous.as_ref().map_or(ctx.now, |p| p.created),
        targets: previous.map(|p| p.targets).unwrap_or_default(),
    };
    let arn = rule.arn();
    ctx.state
        .rules
        .entry(ctx.caller.to_string())
        .or_default()
        .insert(name.to_string(), rule);
    Ok(json!({ "RuleArn": arn }))
}

fn view(rule: &Rule) -> Value {
    let mut out = json!({
        "Name": rule.name,
        "Arn": rule.arn(),
        "State": rule.state,
        "EventBusName": "default",
    });
    let optional = [
        ("EventPattern", &rule.pattern),
        ("ScheduleExpression", &rule.schedule),
        ("Description", &rule.description),
        ("RoleArn", &rule.role_arn),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            out[key] = json!(v);
        }
    }
    out
}

pub fn describe(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Name")?;
    let rule = ctx
        .state
        .rule(ctx.caller, name)
        .ok_or_else(|| no_rule(name))?;
    let mut out = view(rule);
    out["CreatedBy"] = json!(rule.account);
    Ok(out)
}

pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let prefix = optional_str(input, "NamePrefix").unwrap_or("");
    let limit = input
        .get("Limit")
        .and_then(Value::as_u64)
        .map_or(PAGE, |l| l as usize);
    let start: usize = match optional_str(input, "NextToken") {
        Some(t) => t
            .parse()
            .map_err(|_| ApiError::validation("The NextToken is not valid."))?,
        None => 0,
    };
    let matching: Vec<&Rule> = ctx
        .state
        .rules(ctx.caller)
        .filter(|r| r.name.starts_with(prefix))
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(limit)
        .map(|r| view(r))
        .collect();
    let mut out = json!({ "Rules": page });
    if start + limit < matching.len() {
        out["NextToken"] = json!((start + limit).to_string());
    }
    Ok(out)
}

fn set_state(ctx: &mut Ctx, input: &Value, state: &str) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Name")?;
    let rule = ctx
        .state
        .rule_mut(ctx.caller, name)
        .ok_or_else(|| no_rule(name))?;
    rule.state = state.to_string();
    Ok(json!({}))
}

pub fn enable(ctx: &mut Ctx, input: &Value) -> OpResult {
    set_state(ctx, input, "ENABLED")
}

pub fn disable(ctx: &mut Ctx, input: &Value) -> OpResult {
    set_state(ctx, input, "DISABLED")
}

/// Deletes a rule without targets; deleting a rule that does not exist succeeds.
pub fn delete(ctx: &mut Ctx, input: &Value) -> OpResult {
    default_bus(input, ctx.caller)?;
    let name = required_str(input, "Name")?;
    if let Some(rule) = ctx.state.rule(ctx.caller, name) {
        if !rule.targets.is_empty() {
            return Err(ApiError::validation(
                "Rule can't be deleted since it has targets.",
            ));
        }
    }
    if let Some(rules) = ctx.state.rules.get_mut(ctx.caller) {
        rules.remove(name);
    }
    Ok(json!({}))
}
