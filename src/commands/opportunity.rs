//! `mpctl opportunity get|list|set-stage`: Partner Central opportunities after the workflow.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

use crate::aws;
use crate::cli::OpportunityCommand;
use crate::confirm::{self, Planned};
use crate::cosell::{opportunities, views};
use crate::output::{List, Printer, Report};
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::missing;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &OpportunityCommand,
) -> anyhow::Result<()> {
    match command {
        OpportunityCommand::Get { id } => printer.print(&get(settings, id.as_deref()).await?),
        OpportunityCommand::List(args) => {
            let clients = aws::connect(settings).await?;
            let found = opportunities::list(
                &clients.partner,
                settings.catalog.as_str(),
                args.stage.as_deref(),
                args.review_status.as_deref(),
            )
            .await?;
            printer.print(&OpportunityList(List::new(found)));
        }
        OpportunityCommand::SetStage { id, stage } => {
            if let Some(done) = set_stage(settings, printer, id, stage).await? {
                printer.print(&done);
            }
        }
        OpportunityCommand::Export { file } => {
            super::opportunity_bulk::export(settings, printer, file).await?
        }
        OpportunityCommand::Import { file } => {
            super::opportunity_bulk::import(settings, printer, file).await?
        }
        OpportunityCommand::AwsSummary { id } => {
            super::opportunity_more::aws_summary(settings, printer, id.as_deref()).await?
        }
        OpportunityCommand::Assign(a) => {
            super::opportunity_more::assign(settings, printer, a).await?
        }
        OpportunityCommand::Tags { id, set, remove } => {
            super::opportunity_more::tags(settings, printer, id, set, remove).await?
        }
        OpportunityCommand::Detach(a) => {
            super::opportunity_more::detach(settings, printer, a).await?
        }
    }
    Ok(())
}

/// `opportunity get`: one opportunity (`opportunity_id`, `title`, `company`, `stage`, …).
#[derive(Debug, Serialize, JsonSchema)]
pub struct OpportunityView {
    pub opportunity: views::Opportunity,
}

impl Report for OpportunityView {
    fn text(&self) -> String {
        views::opportunity_table(&self.opportunity)
    }
}

async fn get(settings: &Settings, id: Option<&str>) -> anyhow::Result<OpportunityView> {
    let id = match id {
        Some(id) => id.to_string(),
        None => State::load(&settings.state_path)?
            .opportunity_id
            .ok_or_else(|| missing("OPPORTUNITY_ID", "create-opportunity"))?,
    };
    let clients = aws::connect(settings).await?;
    let opportunity = opportunities::get(&clients.partner, settings.catalog.as_str(), &id).await?;
    Ok(OpportunityView { opportunity })
}

/// `opportunity list`: one item per opportunity (`opportunity_id`, `company`, `stage`, …).
#[derive(Debug, Serialize, JsonSchema)]
pub struct OpportunityList(pub List<views::OpportunityRow>);

impl Report for OpportunityList {
    fn text(&self) -> String {
        views::opportunities_table(&self.0.items)
    }
}

/// `opportunity set-stage`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StageSet {
    pub opportunity_id: String,
    pub stage: String,
    /// False when the opportunity already was at that stage.
    pub changed: bool,
}

impl Report for StageSet {
    fn text(&self) -> String {
        let verb = if self.changed { "now" } else { "already" };
        format!(
            "opportunity {} is {verb} {}",
            self.opportunity_id, self.stage
        )
    }
}

/// `None` under `--plan` (the request was printed, nothing sent).
async fn set_stage(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    stage: &str,
) -> anyhow::Result<Option<StageSet>> {
    let catalog = settings.catalog.as_str();
    if settings.plan {
        // The body is the full replacement built from what GetOpportunity returns: read it.
        let clients = aws::connect(settings).await?;
        let edit = crate::aws::opportunity_update::to_stage(stage);
        let body =
            crate::aws::opportunity_update::plan_life_cycle(&clients.partner, catalog, id, edit)
                .await?;
        let planned: Vec<Planned> = body
            .into_iter()
            .map(|b| Planned::new("UpdateOpportunity", "", b))
            .collect();
        confirm::print_plan_after_reads(printer, &[format!("GetOpportunity {id}")], &planned);
        return Ok(None);
    }
    let body = json!({"Catalog": catalog, "Identifier": id, "LifeCycle": {"Stage": stage}});
    let write = Planned::new("UpdateOpportunity", "", body);
    if confirm::single(settings, printer, write)? {
        return Ok(None);
    }
    let _lock = StateLock::acquire(&settings.state_path)?;
    let mut state = State::load(&settings.state_path)?;
    let clients = aws::connect(settings).await?;
    let changed = opportunities::set_stage(&clients.partner, printer, catalog, id, stage).await?;
    // Keep the workflow's record of its own opportunity true, so `commit` decides right.
    if state.opportunity_id.as_deref() == Some(id) {
        state.opportunity_stage = Some(stage.to_string());
        state.save(&settings.state_path)?;
    }
    Ok(Some(StageSet {
        opportunity_id: id.to_string(),
        stage: stage.to_string(),
        changed,
    }))
}
