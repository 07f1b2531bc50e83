//! The one change set runner: a rendered, validated request in; StartChangeSet (idempotent,
//! optionally journaled), the wait, SERVER_FAULT restarts, and a typed [`Outcome`] out. The
//! workflow steps, `changeset start|wait`, the offer commands and anything later (campaigns, a
//! dashboard) run change sets through here, so there is one place that decides how a change set
//! is started, polled and reported.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::{ChangeStatus, FailureCode};
use serde_json::Value;

use super::changeset::{start_call, CATALOG};
use super::describe_error;
use super::report::Outcome;
use super::wait::{self, Policy, Poll, Progress, Subject};
use super::watch::Watch;
use crate::settings::Settings;

/// Where a run keeps the request it is about to send and the id AWS gave it, so an
/// interrupted run resumes the same change set. One-off commands keep nothing ([`NoJournal`]):
/// their token is derived from the request, so a re-run names the same change set anyway.
pub trait Journal {
    /// The request saved by an earlier run (already carrying its token).
    fn saved_request(&self) -> Option<Value>;
    fn saved_id(&self) -> Option<String>;
    /// Called before StartChangeSet with the exact request (token included).
    fn save_request(&mut self, request: &Value) -> anyhow::Result<()>;
    /// Called right after StartChangeSet answers (or with `None` to drop a dead id).
    fn save_id(&mut self, id: Option<&str>) -> anyhow::Result<()>;
    /// Called when the change set is over and nothing of it needs resuming.
    fn forget(&mut self) -> anyhow::Result<()>;
    /// Records the last status seen for change set `id` (`None`: its wait is over).
    fn save_status(&mut self, _id: &str, _status: Option<&str>) -> anyhow::Result<()> {
        Ok(())
    }
    /// The ClientRequestToken for a request about to be saved.
    fn token(&self, request: &Value) -> String {
        token_for(request)
    }
    /// The token of a new attempt at the same content (after SERVER_FAULT).
    fn next_token(&mut self, _request: &Value) -> String {
        uuid::Uuid::new_v4().to_string()
    }
}

/// The journal of a command that keeps no state.
pub struct NoJournal;

impl Journal for NoJournal {
    fn saved_request(&self) -> Option<Value> {
        None
    }
    fn saved_id(&self) -> Option<String> {
        None
    }
    fn save_request(&mut self, _: &Value) -> anyhow::Result<()> {
        Ok(())
    }
    fn save_id(&mut self, _: Option<&str>) -> anyhow::Result<()> {
        Ok(())
    }
    fn forget(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// How a run behaves.
pub struct Options<'a> {
    /// Step name for progress and crash points (`publish-product`, `offer expire`, …).
    pub step: &'a str,
    pub policy: Policy,
    /// New change sets started after one ends FAILED with SERVER_FAULT.
    pub server_fault_retries: u32,
}

impl<'a> Options<'a> {
    /// config.json's wait schedule and retries, and `timeout` seconds (default
    /// `wait.timeout_seconds`).
    pub fn from_settings(settings: &Settings, step: &'a str, timeout: Option<f64>) -> Self {
        let w = &settings.config.wait;
        Options {
            step,
            policy: Policy::from_config(w, timeout.unwrap_or(w.timeout_seconds)),
            server_fault_retries: settings.config.retry.server_fault_retries,
        }
    }
}

/// What a runner needs from the outside: the Catalog client and a progress sink.
pub struct Runner<'a> {
    pub client: &'a aws_sdk_marketplacecatalog::Client,
    /// Shared rounds of ListChangeSets for many sets in flight (a campaign); `None`: this
    /// wait polls DescribeChangeSet itself.
    pub watch: Option<&'a Watch>,
    pub progress: &'a dyn Progress,
    pub info: &'a dyn Fn(&str),
}

impl Runner<'_> {
    /// Runs a change set to its end. `fresh` (rendered and validated) is used only when the
    /// journal holds no earlier request or id. FAILED and CANCELLED come back as an Outcome:
    /// the caller decides (see [`Outcome::into_result`]).
    pub async fn run(
        &self,
        journal: &mut dyn Journal,
        opts: &Options<'_>,
        fresh: anyhow::Result<Value>,
    ) -> anyhow::Result<Outcome> {
        let mut fresh = Some(fresh);
        let mut server_faults = 0;
        loop {
            let (id, fresh) = match journal.saved_id() {
                Some(id) => {
                    (self.info)(&format!("{}: resuming change set {id}", opts.step));
                    (id, false)
                }
                None => {
                    let request = match journal.saved_request() {
                        Some(saved) => saved,
                        None => {
                            let request = fresh.take().unwrap_or_else(|| {
                                Err(anyhow::anyhow!("no change set request to start"))
                            })?;
                            with_token(journal, request)?
                        }
                    };
                    (self.start(journal, opts.step, &request).await?.id, true)
                }
            };
            let out = self
                .wait_observed(opts, (&id, fresh), &mut |status| {
                    journal.save_status(&id, Some(status))
                })
                .await?;
            journal.save_status(&id, None)?;
            let server_fault = out.status() == Some(&ChangeStatus::Failed)
                && out.failure_code() == Some(&FailureCode::ServerFault);
            if server_fault && server_faults < opts.server_fault_retries {
                // AWS failed the set on its side and applied nothing: the same content in a new
                // change set (new token — the old one names the failed set) is safe to start.
                server_faults += 1;
                (self.info)(&format!(
                    "warning: {}: change set {id} failed with SERVER_FAULT (nothing was applied); starting it again ({server_faults}/{})",
                    opts.step, opts.server_fault_retries
                ));
                let mut request = journal.saved_request().unwrap_or_default();
                if request.is_null() {
                    return Ok(Outcome::from(out));
                }
                request["ClientRequestToken"] = Value::String(journal.next_token(&request));
                journal.save_id(None)?;
                journal.save_request(&request)?;
                continue;
            }
            if out.status() != Some(&ChangeStatus::Succeeded) {
                // A failed set is over: the next run renders and starts a new one.
                journal.forget()?;
            }
            return Ok(Outcome::from(out));
        }
    }

    /// Sends StartChangeSet for `request` (token included) and journals the id.
    pub async fn start(
        &self,
        journal: &mut dyn Journal,
        step: &str,
        request: &Value,
    ) -> anyhow::Result<Started> {
        let call = start_call(self.client, request)?;
        crate::crash::point(&format!("{step}:before-start"));
        let out = call
            .send()
            .await
            .map_err(|e| describe_error("StartChangeSet", e))?;
        crate::crash::point(&format!("{step}:after-start"));
        let id = out
            .change_set_id()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| anyhow::anyhow!("StartChangeSet returned no ChangeSetId"))?
            .to_string();
        journal.save_id(Some(&id))?;
        (self.info)(&format!("{step}: started change set {id}"));
        Ok(Started {
            id,
            arn: out.change_set_arn().map(str::to_string),
        })
    }

    /// Polls DescribeChangeSet until SUCCEEDED, FAILED or CANCELLED (exit 4 past the deadline);
    /// `fresh`: this process has just started it (see [`Subject::fresh`]).
    pub async fn wait(
        &self,
        opts: &Options<'_>,
        id: &str,
        fresh: bool,
    ) -> anyhow::Result<DescribeChangeSetOutput> {
        self.wait_observed(opts, (id, fresh), &mut |_| Ok(())).await
    }

    /// [`Runner::wait`], telling `on_change` each new status (for the journal).
    async fn wait_observed(
        &self,
        opts: &Options<'_>,
        (id, fresh): (&str, bool),
        on_change: &mut dyn FnMut(&str) -> anyhow::Result<()>,
    ) -> anyhow::Result<DescribeChangeSetOutput> {
        let client = self.client;
        let what = format!("change set {id}");
        let subject = Subject {
            step: opts.step,
            what: &what,
            key: None,
            fresh,
        };
        let Some(watch) = self.watch else {
            let subject = Subject {
                key: Some(id),
                ..subject
            };
            let check = || async { Ok(ended(describe(client, id).await?)) };
            return wait::until_observed(self.progress, subject, opts.policy, check, on_change)
                .await;
        };
        // The watch's rounds are the schedule: each check waits for the next one.
        let zero = std::time::Duration::ZERO;
        let policy = Policy {
            floor: zero,
            max: zero,
            first: zero,
            ..opts.policy
        };
        let check = || async {
            match watch.next(id).await? {
                Some(status) => Ok(Poll::Pending(status)),
                None => Ok(ended(describe(client, id).await?)),
            }
        };
        wait::until_observed(self.progress, subject, policy, check, on_change).await
    }
}

/// A change set AWS accepted.
#[derive(Debug, Clone)]
pub struct Started {
    pub id: String,
    pub arn: Option<String>,
}

/// The request with a ClientRequestToken (its own, or the journal's), saved before it is sent.
pub fn with_token(journal: &mut dyn Journal, mut request: Value) -> anyhow::Result<Value> {
    if request
        .get("ClientRequestToken")
        .and_then(Value::as_str)
        .is_none()
    {
        request["ClientRequestToken"] = Value::String(journal.token(&request));
    }
    journal.save_request(&request)?;
    Ok(request)
}

/// Done once the described set has ended.
fn ended(out: DescribeChangeSetOutput) -> Poll<DescribeChangeSetOutput> {
    match out.status() {
        Some(ChangeStatus::Succeeded | ChangeStatus::Failed | ChangeStatus::Cancelled) => {
            Poll::Done(out)
        }
        other => Poll::Pending(other.map(|s| s.as_str().to_string()).unwrap_or_default()),
    }
}

/// One DescribeChangeSet call.
pub async fn describe(
    client: &aws_sdk_marketplacecatalog::Client,
    id: &str,
) -> anyhow::Result<DescribeChangeSetOutput> {
    client
        .describe_change_set()
        .catalog(CATALOG)
        .change_set_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeChangeSet", e))
}

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
