//! `mpctl engagement list|show|create|invite|snapshots`: Partner Central engagements.

use schemars::JsonSchema;
use serde::Serialize;

use super::ids::check_engagement;
use crate::aws;
use crate::cli::EngagementCommand as C;
use crate::confirm::{self, Planned};
use crate::cosell::engagements::{self as eng, EngagementDetail, EngagementRow, SnapshotRow};
use crate::exit::bad_input;
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

fn check_account(account: &str) -> anyhow::Result<()> {
    match account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        true => Ok(()),
        false => Err(bad_input(format!(
            "--account '{account}' is not an AWS account id (12 digits); nothing was sent"
        ))),
    }
}

pub async fn run(settings: &Settings, printer: &Printer, command: &C) -> anyhow::Result<()> {
    let catalog = settings.catalog.as_str();
    match command {
        C::List { leads } => {
            let clients = aws::connect(settings).await?;
            printer.print(&EngagementList(List::new(
                eng::list(&clients.partner, catalog, *leads).await?,
            )));
        }
        C::Show { id } => {
            check_engagement(id, "ID")?;
            let clients = aws::connect(settings).await?;
            printer.print(&EngagementView(
                eng::show(&clients.partner, catalog, id).await?,
            ));
        }
        C::Snapshots { id } => {
            check_engagement(id, "ID")?;
            let clients = aws::connect(settings).await?;
            printer.print(&SnapshotList(List::new(
                eng::snapshots(&clients.partner, catalog, id).await?,
            )));
        }
        C::UpdateContext { .. } | C::Settings { .. } => {
            super::engagement_edits::run(settings, printer, command).await?
        }
        C::Snapshot(_) | C::SnapshotShow { .. } | C::SnapshotJobs { .. } | C::SnapshotJob(_) => {
            super::engagement_snapshot::run(settings, printer, command).await?
        }
        C::Create {
            opportunity,
            title,
            description,
        } => create(settings, printer, opportunity, title, description).await?,
        C::Invite {
            id,
            account,
            opportunity,
            message,
            responsibility,
        } => {
            check_engagement(id, "ID")?;
            check_account(account)?;
            confirm::gate(settings)?;
            let clients = aws::connect(settings).await?;
            let o = crate::aws::opportunity_update::read(&clients.partner, catalog, opportunity)
                .await?;
            let body = eng::invite_body(catalog, id, account, message, responsibility, &o);
            let reads = [format!("GetOpportunity {opportunity}")];
            let planned = [Planned::new("CreateEngagementInvitation", "", body.clone())];
            let line = format!("invite account {account} into engagement {id} with opportunity {opportunity}'s customer and project");
            if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
                return Ok(());
            }
            let invitation_id = eng::invite(&clients.partner, &body).await?;
            printer.print(&Written {
                engagement_id: id.clone(),
                action: "invited".into(),
                id: invitation_id,
            });
        }
    }
    Ok(())
}

async fn create(
    settings: &Settings,
    printer: &Printer,
    opportunity: &str,
    title: &str,
    description: &str,
) -> anyhow::Result<()> {
    if title.is_empty() || title.chars().count() > 40 {
        return Err(bad_input(
            "--title must have 1 to 40 characters; nothing was sent",
        ));
    }
    let catalog = settings.catalog.as_str();
    confirm::gate(settings)?;
    let clients = aws::connect(settings).await?;
    let o = crate::aws::opportunity_update::read(&clients.partner, catalog, opportunity).await?;
    let body = eng::create_body(catalog, title, description, &o);
    let reads = [format!("GetOpportunity {opportunity}")];
    let planned = [Planned::new("CreateEngagement", "", body.clone())];
    let line = format!(
        "create engagement \"{title}\" with opportunity {opportunity}'s customer and project"
    );
    if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
        return Ok(());
    }
    let id = eng::create(&clients.partner, &body).await?;
    printer.print(&Written {
        engagement_id: id.clone(),
        action: "created".into(),
        id,
    });
    Ok(())
}

/// `engagement list`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EngagementList(pub List<EngagementRow>);

impl Report for EngagementList {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|e| {
                let o = |v: &Option<String>| v.clone().unwrap_or_default();
                let members = e.member_count.map(|n| n.to_string()).unwrap_or_default();
                vec![
                    e.engagement_id.clone(),
                    o(&e.title),
                    o(&e.created_by),
                    members,
                    e.context_types.join(","),
                ]
            })
            .collect();
        table(&["ID", "TITLE", "CREATED BY", "MEMBERS", "CONTEXTS"], &rows)
    }
}

/// `engagement show`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EngagementView(pub EngagementDetail);

impl Report for EngagementView {
    fn text(&self) -> String {
        let e = &self.0;
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let members: Vec<Vec<String>> = e
            .members
            .iter()
            .map(|m| vec![o(&m.account_id), o(&m.company)])
            .collect();
        let contexts: Vec<Vec<String>> = e
            .contexts
            .iter()
            .map(|c| {
                vec![
                    o(&c.context_id),
                    c.context_type.clone(),
                    c.payload.to_string(),
                ]
            })
            .collect();
        format!(
            "{} {}\n\n{}\n{}",
            e.engagement_id,
            o(&e.title),
            table(&["MEMBER", "COMPANY"], &members),
            table(&["CONTEXT", "TYPE", "PAYLOAD"], &contexts)
        )
    }
}

/// `engagement snapshots`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SnapshotList(pub List<SnapshotRow>);

impl Report for SnapshotList {
    fn text(&self) -> String {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|s| {
                vec![
                    o(&s.resource_id),
                    o(&s.template),
                    s.revision.map(|r| r.to_string()).unwrap_or_default(),
                    o(&s.created_by),
                ]
            })
            .collect();
        table(&["RESOURCE", "TEMPLATE", "REVISION", "CREATED BY"], &rows)
    }
}

/// `engagement create` and `engagement invite`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Written {
    pub engagement_id: String,
    /// `created` or `invited`.
    pub action: String,
    /// The engagement (`eng-…`) or the invitation (`engi-…`).
    pub id: String,
}

impl Report for Written {
    fn text(&self) -> String {
        match self.action.as_str() {
            "invited" => format!(
                "invitation {} sent into engagement {}",
                self.id, self.engagement_id
            ),
            _ => format!("engagement {} created", self.engagement_id),
        }
    }
}
