//! Running a one-off change set (clone, extend, expire, replace) to a terminal state.
//!
//! These commands keep nothing in the state file; idempotency comes from the
//! ClientRequestToken, which is derived from the request itself (a UUIDv5 of its JSON): re-running
//! the same command sends the same token, and the Catalog answers with the original change set
//! instead of starting a second one. A different request (another buyer, another date) gets a
//! different token.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::ChangeStatus;
use serde_json::Value;

use crate::aws::describe_error;
use crate::exit::Failure;
use crate::workflow::{changeset_step, Ctx};

/// The ClientRequestToken for a request (without a token of its own). Object keys are sorted
/// first: documents read back from AWS come with keys in no particular order.
pub fn token_for(request: &Value) -> String {
    let mut text = String::new();
    canonical(request, &mut text);
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, text.as_bytes()).to_string()
}

fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&m[k], out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Starts `request` (already validated) and waits; FAILED/CANCELLED is exit 3 with every
/// change's errors. `resume` is the command line (without `mpctl`) that picks it up again.
pub async fn run(
    ctx: &Ctx<'_>,
    resume: &str,
    request: &Value,
) -> anyhow::Result<DescribeChangeSetOutput> {
    let mut request = request.clone();
    request["ClientRequestToken"] = Value::String(token_for(&request));
    let out = changeset_step::build_start(ctx, &request)?
        .send()
        .await
        .map_err(|e| describe_error("StartChangeSet", e))?;
    let id = out
        .change_set_id()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| anyhow::anyhow!("StartChangeSet returned no ChangeSetId"))?
        .to_string();
    ctx.printer.info(format!("started change set {id}"));
    let done = changeset_step::wait_terminal(ctx, resume, &id).await?;
    match done.status() {
        Some(ChangeStatus::Succeeded) => Ok(done),
        _ => Err(Failure::ResourceFailed(changeset_step::failure_report(&done)).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_ignores_key_order_but_not_values() {
        let a: Value = serde_json::from_str(r#"{"a": 1, "b": {"c": [1, 2], "d": "x"}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"b": {"d": "x", "c": [1, 2]}, "a": 1}"#).unwrap();
        let c: Value = serde_json::from_str(r#"{"b": {"d": "y", "c": [1, 2]}, "a": 1}"#).unwrap();
        assert_eq!(token_for(&a), token_for(&b));
        assert_ne!(token_for(&a), token_for(&c));
    }
}
