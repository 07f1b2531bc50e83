//! `config.json`: settings and template values. Unknown keys are errors naming the key, so a
//! typo never silently falls back to a default.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::exit::bad_input;

/// The Partner Central catalogs.
pub const CATALOGS: &[&str] = &["Sandbox", "AWS"];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Partner Central catalog: `Sandbox` (rehearsal) or `AWS` (production).
    pub catalog: String,
    /// AWS region for every client.
    pub region: Option<String>,
    /// Template for the product + public offer change set.
    pub product_changeset: String,
    /// Template for the private offer change set.
    pub offer_changeset: String,
    /// Template for the CreateOpportunity request.
    pub opportunity_template: String,
    pub product_title: String,
    pub offer_name: String,
    pub offer_description: String,
    pub custom_eula_url: String,
    pub contract_duration_months: u32,
    pub contract_duration_days: u32,
    /// Solution to associate; default: the first Active one.
    pub solution_id: Option<String>,
    /// Extra template variables.
    pub variables: BTreeMap<String, Value>,
    /// AWS profile with the buyer's credentials: `buyer` commands use it, and `run-all` then
    /// accepts the offer as the buyer instead of waiting for one.
    pub buyer_profile: Option<String>,
    pub wait: WaitConfig,
    pub retry: RetrySettings,
    pub campaign: CampaignConfig,
    pub events: EventsConfig,
}

/// EventBridge notifications (`mpctl events setup` creates the rule and queue): with
/// `queue_url` set, waits for change sets, engagement tasks and the buyer's agreement listen to
/// that queue and confirm with one read, polling only every `fallback_seconds` in case an event
/// never comes (AWS delivers them best effort).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EventsConfig {
    /// The SQS queue the waits listen to (its own queue: a wait consumes what it receives).
    pub queue_url: Option<String>,
    /// With a queue, the first fallback check comes after this long, then at doubling intervals.
    pub fallback_seconds: f64,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            queue_url: None,
            fallback_seconds: 300.0,
        }
    }
}

/// `campaign run` settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CampaignConfig {
    /// Requests per second per operation, replacing AWS's default quota where a seller had it
    /// raised through Service Quotas: `{"AWSPartnerCentralSelling.CreateOpportunity": 5}`
    /// (JSON APIs by their `X-Amz-Target`, the Catalog by its operation name).
    pub quotas: BTreeMap<String, f64>,
}

/// Polling: each check is due `max(initial_interval_seconds, 50 % of the time waited so far)`
/// after the previous one, never past the next multiple of `max_interval_seconds` since the
/// start, until the deadline; see `aws::wait`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WaitConfig {
    pub initial_interval_seconds: f64,
    pub max_interval_seconds: f64,
    /// Deadline for change sets and engagement tasks.
    pub timeout_seconds: f64,
    /// Deadline for the buyer's agreement in run-all / search-agreement --wait.
    pub agreement_timeout_seconds: f64,
    /// How long run-all / commit wait for AWS's co-sell review (catalog AWS); 0 = don't wait.
    pub review_timeout_seconds: f64,
}

/// Retries of individual AWS requests (the SDK's standard strategy: exponential backoff with
/// full jitter, for throttling, 5xx, timeouts and dropped connections), and of change sets that
/// AWS failed with SERVER_FAULT.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RetrySettings {
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// Backoff before the first retry; it doubles (with jitter) up to 20 s.
    pub initial_backoff_seconds: f64,
    /// One attempt is abandoned (and retried) after this long.
    pub attempt_timeout_seconds: f64,
    /// New change sets started after one ends FAILED with SERVER_FAULT.
    pub server_fault_retries: u32,
}

impl Default for RetrySettings {
    fn default() -> Self {
        RetrySettings {
            max_attempts: 8,
            initial_backoff_seconds: 0.5,
            attempt_timeout_seconds: 30.0,
            server_fault_retries: 2,
        }
    }
}

impl Default for WaitConfig {
    fn default() -> Self {
        WaitConfig {
            initial_interval_seconds: 0.1,
            max_interval_seconds: 10.0,
            timeout_seconds: 3600.0,
            agreement_timeout_seconds: 3600.0,
            review_timeout_seconds: 0.0,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            catalog: "Sandbox".into(),
            region: None,
            product_changeset: "changesets/saas-product.json".into(),
            offer_changeset: "changesets/private-offer.json".into(),
            opportunity_template: "changesets/opportunity.json".into(),
            product_title: "mpctl sample SaaS product".into(),
            offer_name: "mpctl private offer".into(),
            offer_description: "Private offer created by mpctl".into(),
            custom_eula_url: "https://s3.amazonaws.com/sample-bucket/custom-eula.pdf".into(),
            contract_duration_months: 12,
            contract_duration_days: 365,
            solution_id: None,
            variables: BTreeMap::new(),
            buyer_profile: None,
            wait: WaitConfig::default(),
            retry: RetrySettings::default(),
            campaign: CampaignConfig::default(),
            events: EventsConfig::default(),
        }
    }
}

const FIX: &str = "see the README's config.json reference for every key and its type";

impl Config {
    /// Loads `path`; a missing file means defaults. Problems are exit 2 naming the line, the
    /// key and what it must hold.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(bad_input(format!(
                    "{}: cannot read config: {e}",
                    path.display()
                )))
            }
        };
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| super::json_error(path, &e, FIX))?;
        if let Err(problem) = super::config_shape::check(&doc) {
            // serde finds the same mistake with its line; the shape check has the words.
            let line = serde_json::from_str::<Config>(&text)
                .err()
                .map(|e| format!("line {}: ", e.line()))
                .unwrap_or_default();
            return Err(bad_input(format!(
                "{}: {line}{}{}",
                path.display(),
                if problem.path.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", problem.path)
                },
                problem.message
            )));
        }
        let config: Config = serde_json::from_value(doc)
            .map_err(|e| bad_input(format!("{}: {e}\n  hint: {FIX}", path.display())))?;
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> anyhow::Result<()> {
        let fail =
            |key: &str, msg: String| Err(bad_input(format!("{}: /{key}: {msg}", path.display())));
        if !CATALOGS.contains(&self.catalog.as_str()) {
            return fail(
                "catalog",
                format!(
                    "'{}' is not a Partner Central catalog\n  hint: use \"Sandbox\" or \"AWS\"",
                    self.catalog
                ),
            );
        }
        if self.contract_duration_months == 0 || self.contract_duration_days == 0 {
            return fail(
                "contract_duration_months",
                "durations must be at least 1".into(),
            );
        }
        let w = &self.wait;
        let positive = [
            ("wait/initial_interval_seconds", w.initial_interval_seconds),
            ("wait/max_interval_seconds", w.max_interval_seconds),
            ("wait/timeout_seconds", w.timeout_seconds),
            (
                "wait/agreement_timeout_seconds",
                w.agreement_timeout_seconds,
            ),
            (
                "retry/initial_backoff_seconds",
                self.retry.initial_backoff_seconds,
            ),
            (
                "retry/attempt_timeout_seconds",
                self.retry.attempt_timeout_seconds,
            ),
        ];
        for (key, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return fail(key, format!("{v} must be a positive number of seconds"));
            }
        }
        let review = w.review_timeout_seconds;
        if !(review.is_finite() && review >= 0.0) {
            return fail(
                "wait/review_timeout_seconds",
                format!("{review} must be 0 (don't wait) or a positive number of seconds"),
            );
        }
        if !(1..=20).contains(&self.retry.max_attempts) {
            return fail(
                "retry/max_attempts",
                format!(
                    "{} must be between 1 (no retries) and 20",
                    self.retry.max_attempts
                ),
            );
        }
        if !self.custom_eula_url.starts_with("https://") {
            return fail(
                "custom_eula_url",
                format!("'{}' must be an https:// URL", self.custom_eula_url),
            );
        }
        self.campaign.check(path)?;
        for name in self.variables.keys() {
            if !mpctl_changeset::is_variable_name(name) {
                return fail(
                    &format!("variables/{name}"),
                    "variable names are UPPER_SNAKE_CASE (A-Z, 0-9, _)".into(),
                );
            }
        }
        Ok(())
    }
}

impl CampaignConfig {
    /// Every quota names an operation and is a positive rate.
    fn check(&self, path: &Path) -> anyhow::Result<()> {
        for (op, rate) in &self.quotas {
            let key = format!("{}: /campaign/quotas/{op}", path.display());
            let name = op.rsplit('.').next().unwrap_or(op);
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(bad_input(format!(
                    "{key}: keys are operations, like \"StartChangeSet\" or \"AWSPartnerCentralSelling.CreateOpportunity\""
                )));
            }
            if !(rate.is_finite() && *rate > 0.0) {
                return Err(bad_input(format!(
                    "{key}: {rate} must be a positive number of requests per second"
                )));
            }
        }
        Ok(())
    }
}
