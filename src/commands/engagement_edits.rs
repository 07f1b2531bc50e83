//! `mpctl engagement update-context|settings`: refreshing an engagement's CustomerProject
//! context from an opportunity, and the selling system settings (the role snapshot jobs run
//! under). Both writes plan (`--plan` prints the body the SDK would send, rendered by the code
//! that sends it) and confirm like every write; neither API takes a ClientToken (both are
//! idempotent: a re-run writes the same values).

use schemars::JsonSchema;
use serde::Serialize;

use super::ids::check_engagement;
use crate::aws;
use crate::aws::render::Renderer;
use crate::cli::EngagementCommand as C;
use crate::confirm::{self, Planned};
use crate::cosell::engagement_edits::{self as edits, ContextUpdated, Settings as Selling};
use crate::exit::bad_input;
use crate::output::{Printer, Report};
use crate::settings::Settings;

pub async fn run(settings: &Settings, printer: &Printer, command: &C) -> anyhow::Result<()> {
    match command {
        C::UpdateContext {
            id,
            context,
            opportunity,
        } => update_context(settings, printer, id, context, opportunity).await,
        C::Settings {
            snapshot_job_role: None,
        } => {
            let clients = aws::connect(settings).await?;
            let found = edits::settings(&clients.partner, settings.catalog.as_str()).await?;
            printer.print(&SettingsView(found));
            Ok(())
        }
        C::Settings {
            snapshot_job_role: Some(role),
        } => put_settings(settings, printer, role).await,
        _ => unreachable!("engagement::run handles the other engagement commands"),
    }
}

async fn update_context(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    context: &str,
    opportunity: &str,
) -> anyhow::Result<()> {
    check_engagement(id, "ID")?;
    confirm::gate(settings)?;
    let catalog = settings.catalog.as_str();
    let clients = aws::connect(settings).await?;
    let e = edits::read_engagement(&clients.partner, catalog, id, context).await?;
    let o = aws::opportunity_update::read(&clients.partner, catalog, opportunity).await?;
    let r = Renderer::new();
    let planned = edits::update_context(
        r.partner.update_engagement_context(),
        catalog,
        &e,
        context,
        &o,
    )?;
    let body = r.body(planned.send()).await?;
    let reads = [
        format!("GetEngagement {id}"),
        format!("GetOpportunity {opportunity}"),
    ];
    let planned = [Planned::new("UpdateEngagementContext", "", body)];
    let line = format!("replace context {context} of engagement {id} with opportunity {opportunity}'s customer and project");
    if confirm::after_reads(settings, printer, &reads, &planned, &[line])? {
        return Ok(());
    }
    let call = edits::update_context(
        clients.partner.update_engagement_context(),
        catalog,
        &e,
        context,
        &o,
    )?;
    printer.print(&ContextView(edits::send_update(call).await?));
    Ok(())
}

/// A role name (`[-+=,.@_a-zA-Z0-9]{1,64}`) or a role ARN (the model's pattern).
fn check_role(role: &str) -> anyhow::Result<()> {
    let name = |n: &str| {
        (1..=64).contains(&n.len())
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-+=,.@_".contains(&b))
    };
    let ok = match role.strip_prefix("arn:aws:iam::") {
        Some(rest) => rest.split_once(":role/").is_some_and(|(account, path)| {
            account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && path.split('/').all(name)
        }),
        None => name(role),
    };
    match ok {
        true => Ok(()),
        false => Err(bad_input(format!("--snapshot-job-role '{role}' is not an IAM role name or role ARN (arn:aws:iam::123456789012:role/NAME); nothing was sent"))),
    }
}

async fn put_settings(settings: &Settings, printer: &Printer, role: &str) -> anyhow::Result<()> {
    check_role(role)?;
    let catalog = settings.catalog.as_str();
    let r = Renderer::new();
    let body = r
        .body(edits::put_settings(r.partner.put_selling_system_settings(), catalog, role).send())
        .await?;
    if confirm::single(
        settings,
        printer,
        Planned::new("PutSellingSystemSettings", "", body),
    )? {
        return Ok(());
    }
    let clients = aws::connect(settings).await?;
    let call = edits::put_settings(clients.partner.put_selling_system_settings(), catalog, role);
    printer.print(&SettingsView(edits::send_put(call).await?));
    Ok(())
}

/// `engagement update-context`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ContextView(pub ContextUpdated);

impl Report for ContextView {
    fn text(&self) -> String {
        format!(
            "context {} of engagement {} updated",
            self.0.context_id, self.0.engagement_id
        )
    }
}

/// `engagement settings`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SettingsView(pub Selling);

impl Report for SettingsView {
    fn text(&self) -> String {
        match &self.0.snapshot_job_role_arn {
            Some(role) => format!("snapshot jobs run as {role} (catalog {})", self.0.catalog),
            None => format!(
                "no snapshot job role set in catalog {} (set one with --snapshot-job-role)",
                self.0.catalog
            ),
        }
    }
}
