//! `mpctl opportunity get|list|set-stage`: Partner Central opportunities after the workflow.

use serde_json::json;

use crate::confirm::{self, Planned};

use crate::aws;
use crate::cli::OpportunityCommand;
use crate::cosell::{opportunities, views};
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::missing;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &OpportunityCommand,
) -> anyhow::Result<()> {
    let catalog = settings.catalog.as_str();
    match command {
        OpportunityCommand::Get { id } => {
            let id = match id {
                Some(id) => id.clone(),
                None => State::load(&settings.state_path)?
                    .opportunity_id
                    .ok_or_else(|| missing("OPPORTUNITY_ID", "create-opportunity"))?,
            };
            let clients = aws::connect(settings).await?;
            let o = opportunities::get(&clients.partner, catalog, &id).await?;
            printer.result(
                &views::opportunity_table(&o),
                &json!({"ok": true, "opportunity": o}),
            );
        }
        OpportunityCommand::List(args) => {
            let clients = aws::connect(settings).await?;
            let found = opportunities::list(
                &clients.partner,
                catalog,
                args.stage.as_deref(),
                args.review_status.as_deref(),
            )
            .await?;
            printer.result(
                &views::rows_table(&found, opportunities::LIST_COLUMNS),
                &json!({"ok": true, "count": found.len(), "opportunities": found}),
            );
        }
        OpportunityCommand::SetStage { id, stage } => {
            let body = json!({"Catalog": catalog, "Identifier": id, "LifeCycle": {"Stage": stage}});
            if confirm::single(
                settings,
                printer,
                Planned::new("UpdateOpportunity", "", body),
            )? {
                return Ok(());
            }
            let _lock = StateLock::acquire(&settings.state_path)?;
            let mut state = State::load(&settings.state_path)?;
            let clients = aws::connect(settings).await?;
            let changed =
                opportunities::set_stage(&clients.partner, printer, catalog, id, stage).await?;
            // Keep the workflow's record of its own opportunity true, so `commit` decides right.
            if state.opportunity_id.as_deref() == Some(id.as_str()) {
                state.opportunity_stage = Some(stage.clone());
                state.save(&settings.state_path)?;
            }
            let text = if changed {
                format!("opportunity {id} is now {stage}")
            } else {
                format!("opportunity {id} is already {stage}")
            };
            printer.result(
                &text,
                &json!({"ok": true, "opportunity_id": id, "stage": stage, "changed": changed}),
            );
        }
    }
    Ok(())
}
