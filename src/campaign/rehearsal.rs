//! `campaign run --local`: a rehearsal on the in-process emulator that leaves nothing behind.
//! That emulator starts empty and ends with the process, so no product a row could name exists
//! in it: the rehearsal first publishes the project's product there (config
//! `product_changeset`) and makes every row's offer for that product. The rows' state files
//! and the results file go to a temporary directory, removed at the end, so a rehearsal never
//! counts as done for the real run and never touches the project's state file.

use std::path::Path;

use super::Campaign;
use crate::aws::Clients;
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::{publish_product, Ctx};

/// The product id the rows are checked with before the rehearsal's product exists.
pub const PLACEHOLDER: &str = "prod-rehearsal0000";

pub struct Rehearsal {
    dir: tempfile::TempDir,
}

impl Rehearsal {
    /// `Some` under `--local`.
    pub fn new(settings: &Settings) -> anyhow::Result<Option<Rehearsal>> {
        if !settings.local {
            return Ok(None);
        }
        let dir = tempfile::Builder::new()
            .prefix("mpctl-rehearsal-")
            .tempdir()
            .map_err(|e| anyhow::anyhow!("cannot create a temporary directory: {e}"))?;
        Ok(Some(Rehearsal { dir }))
    }

    /// The campaign's files, in the temporary directory.
    pub fn campaign(&self, csv: &Path) -> Campaign {
        Campaign {
            csv: csv.to_path_buf(),
            dir: self.dir.path().join("campaign"),
            results: self.dir.path().join("results.csv"),
        }
    }

    /// Publishes the project's product in the in-process emulator (its own state file in the
    /// temporary directory) and returns its id.
    pub async fn publish(
        &self,
        settings: &Settings,
        printer: &Printer,
        clients: &Clients,
    ) -> anyhow::Result<String> {
        let mut settings = settings.clone();
        settings.state_path = self.dir.path().join("shared_env.json");
        let lock = StateLock::acquire(&settings.state_path)?;
        let clients = clients.borrowed();
        let quiet = Printer::new(settings.output, -1, false);
        let mut ctx = Ctx::new(&settings, &quiet, clients, State::default(), lock);
        publish_product::run(&mut ctx, &[]).await?;
        let id = ctx.state.product_id.clone();
        let id = id.ok_or_else(|| anyhow::anyhow!("the rehearsal's product was not published"))?;
        printer.info(format!(
            "rehearsal on the in-process emulator: every row's offer is for product {id}, published there from {}; nothing is kept",
            settings.config.product_changeset
        ));
        Ok(id)
    }
}
