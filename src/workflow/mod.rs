//! The six seller steps and `run_all`. Each step reads the state, skips what is already done,
//! calls AWS through the SDK, and saves every id the moment it is known, so an interruption
//! anywhere resumes without creating anything twice.

pub mod associate_offer;
pub mod changeset_step;
pub mod commit;
pub mod create_offer;
pub mod create_opportunity;
pub mod inputs;
pub mod plan;
pub mod plan_reads;
pub mod publish_product;
pub mod review;
pub mod run_all;
pub mod search_agreement;
pub mod tokens;

use serde_json::{Map, Value};

use crate::aws::Clients;
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;

/// Everything a step needs: settings, printer, clients, and the locked state.
pub struct Ctx<'a> {
    pub settings: &'a Settings,
    pub printer: &'a Printer,
    pub clients: Clients,
    pub state: State,
    /// The state as loaded: what this run set since is recorded as created on its endpoint.
    loaded: State,
    /// A campaign row's token seed; `None` outside campaigns (tokens are then random and saved
    /// before the request is sent).
    pub seed: Option<tokens::Seed>,
    /// Shared change set polling for the rows of a campaign; `None`: each wait polls its own.
    pub watch: Option<std::sync::Arc<crate::aws::watch::Watch>>,
    /// `None` only for a plan's context, which never saves.
    _lock: Option<StateLock>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        settings: &'a Settings,
        printer: &'a Printer,
        clients: Clients,
        state: State,
        lock: StateLock,
    ) -> Self {
        Ctx {
            _lock: Some(lock),
            ..Self::for_plan(settings, printer, clients, state)
        }
    }

    /// A context for rendering a plan (`--plan` of a campaign row): it holds no lock, so it
    /// must never save; [`Ctx::save`] refuses.
    pub fn for_plan(
        settings: &'a Settings,
        printer: &'a Printer,
        clients: Clients,
        state: State,
    ) -> Self {
        Ctx {
            settings,
            printer,
            clients,
            loaded: state.clone(),
            state,
            seed: None,
            watch: None,
            _lock: None,
        }
    }

    /// The idempotency token of the write `key` (its current attempt): derived from the campaign
    /// row when there is one, so a re-run sends it again even if it was never saved; else random.
    pub fn token(&self, key: &str) -> String {
        match &self.seed {
            Some(seed) => seed.token(key, self.state.internal.attempt(key)),
            None => uuid::Uuid::new_v4().to_string(),
        }
    }

    /// The write `key` ended for good (a FAILED change set or task): its next try is a new
    /// attempt with a new token. Saved with the state's next save.
    pub fn next_attempt(&mut self, key: &str) {
        if self.seed.is_some() {
            *self
                .state
                .internal
                .attempts
                .entry(key.to_string())
                .or_insert(0) += 1;
        }
    }

    /// Saves the state atomically, with where each id this run set was created.
    pub fn save(&mut self) -> anyhow::Result<()> {
        anyhow::ensure!(self._lock.is_some(), "a plan's context saves nothing");
        let origin = self.settings.origin();
        crate::project::origin::record(&mut self.state, &self.loaded, &origin);
        self.state.save(&self.settings.state_path)
    }
}

/// What a step did, for the text and JSON output.
#[derive(Debug, Clone)]
pub struct StepReport {
    pub step: &'static str,
    /// `done` (work happened), `skipped` (already done), `pending` (nothing to do yet).
    pub status: &'static str,
    pub summary: String,
    pub fields: Map<String, Value>,
}

impl StepReport {
    pub fn new(step: &'static str, status: &'static str, summary: impl Into<String>) -> Self {
        StepReport {
            step,
            status,
            summary: summary.into(),
            fields: Map::new(),
        }
    }

    pub fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_string(), value.into());
        self
    }
}

/// The error for a step run before its prerequisite.
pub fn missing(key: &str, step: &str) -> anyhow::Error {
    crate::exit::bad_input(format!(
        "{key} is not in the state file\n  hint: run `mpctl {step}` first (or `mpctl run-all`)"
    ))
}
