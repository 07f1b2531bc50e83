//! Running a one-off change set (clone, extend, expire, replace) through the change set runner.
//!
//! These commands keep nothing in the state file; idempotency comes from the
//! ClientRequestToken, which the runner derives from the request itself (a UUIDv5 of its JSON):
//! re-running the same command sends the same token, and the Catalog answers with the original
//! change set instead of starting a second one. A different request (another buyer, another
//! date) gets a different token.

use serde_json::Value;

use crate::aws::report::Outcome;
use crate::aws::runner::{NoJournal, Options, Runner};
use crate::output::Printer;
use crate::settings::Settings;

/// Starts `request` (already validated) and waits; FAILED/CANCELLED is exit 3 with the
/// runner's failure report. `step` names the command in progress lines.
pub async fn run(
    settings: &Settings,
    printer: &Printer,
    client: &aws_sdk_marketplacecatalog::Client,
    step: &str,
    request: &Value,
) -> anyhow::Result<Outcome> {
    let info = |m: &str| printer.info(m);
    let runner = Runner {
        client,
        watch: None,
        progress: printer,
        info: &info,
    };
    let opts = Options::from_settings(settings, step, None);
    runner
        .run(&mut NoJournal, &opts, Ok(request.clone()))
        .await?
        .into_result()
}
