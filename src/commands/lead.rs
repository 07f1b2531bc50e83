//! `mpctl lead list|accept`: AWS leads, accepted and turned into opportunities.

use schemars::JsonSchema;
use serde::Serialize;

use crate::aws;
use crate::cli::LeadCommand;
use crate::confirm;
use crate::cosell::leads::{self, LeadAccepted, LeadRow};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &LeadCommand,
) -> anyhow::Result<()> {
    let catalog = settings.catalog.as_str();
    match command {
        LeadCommand::List { status } => {
            let clients = aws::connect(settings).await?;
            let found = leads::list(&clients.partner, catalog, status.as_deref()).await?;
            printer.print(&LeadList(List::new(found)));
        }
        LeadCommand::Accept { id } => {
            confirm::gate(settings)?;
            let clients = aws::connect(settings).await?;
            let client = &clients.partner;
            let prepared = leads::prepare(client, catalog, id).await?;
            let reads = vec![format!("GetEngagementInvitation {id}")];
            let planned = leads::planned(catalog, id, &prepared);
            let line = format!(
                "accept lead {id} (engagement {}) and create a draft opportunity from it",
                prepared.engagement
            );
            if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
                return Ok(());
            }
            let done = leads::accept(settings, printer, client, id, prepared).await?;
            printer.print(&LeadAcceptReport(done));
        }
    }
    Ok(())
}

/// `lead list`: one item per lead.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LeadList(pub List<LeadRow>);

impl Report for LeadList {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|l| {
                let o = |v: &Option<String>| v.clone().unwrap_or_default();
                vec![
                    l.invitation_id.clone(),
                    o(&l.status),
                    o(&l.title),
                    o(&l.engagement_id),
                    o(&l.expires),
                ]
            })
            .collect();
        table(&["ID", "STATUS", "TITLE", "ENGAGEMENT", "EXPIRES"], &rows)
    }
}

/// `lead accept`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LeadAcceptReport(pub LeadAccepted);

impl Report for LeadAcceptReport {
    fn text(&self) -> String {
        let d = &self.0;
        format!(
            "lead {} accepted: opportunity {} created from engagement {} (context {}), task {}",
            d.invitation_id, d.opportunity_id, d.engagement_id, d.lead_context_id, d.task_id
        )
    }
}
