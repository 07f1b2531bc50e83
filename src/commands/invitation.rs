//! `mpctl invitation list|accept|reject`: answering AWS referrals (engagement invitations).

use serde_json::json;

use crate::confirm::{self, Planned};

use crate::aws;
use crate::cli::InvitationCommand;
use crate::cosell::{invitations, views};
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::Ctx;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &InvitationCommand,
) -> anyhow::Result<()> {
    let catalog = settings.catalog.as_str();
    match command {
        InvitationCommand::List { status } => {
            let clients = aws::connect(settings).await?;
            let found = invitations::list(&clients.partner, catalog, status.as_deref()).await?;
            printer.result(
                &views::rows_table(&found, invitations::LIST_COLUMNS),
                &json!({"ok": true, "count": found.len(), "invitations": found}),
            );
        }
        InvitationCommand::Accept { id } => {
            let body = json!({"Catalog": catalog, "Identifier": id});
            let op = "StartEngagementByAcceptingInvitationTask";
            if confirm::single(settings, printer, Planned::new(op, "", body))? {
                return Ok(());
            }
            let lock = StateLock::acquire(&settings.state_path)?;
            let state = State::load(&settings.state_path)?;
            let clients = aws::connect(settings).await?;
            let mut ctx = Ctx::new(settings, printer, clients, state, lock);
            let done = invitations::accept(&mut ctx, id).await?;
            let text = match done.status {
                "skipped" => format!(
                    "invitation {id} was already accepted: opportunity {} (REFERRAL_OPPORTUNITY_ID)",
                    done.opportunity_id
                ),
                _ => format!(
                    "invitation {id} accepted: opportunity {} saved as REFERRAL_OPPORTUNITY_ID",
                    done.opportunity_id
                ),
            };
            printer.result(
                &text,
                &json!({"ok": true, "status": done.status, "invitation_id": id,
                        "opportunity_id": done.opportunity_id, "task": done.task}),
            );
        }
        InvitationCommand::Reject { id, reason } => {
            let reason = invitations::rejection_reason(reason)?;
            let body = json!({"Catalog": catalog, "Identifier": id, "RejectionReason": reason});
            let op = "RejectEngagementInvitation";
            if confirm::single(settings, printer, Planned::new(op, "", body))? {
                return Ok(());
            }
            let clients = aws::connect(settings).await?;
            invitations::reject(&clients.partner, catalog, id, reason).await?;
            printer.result(
                &format!("invitation {id} rejected: {reason}"),
                &json!({"ok": true, "invitation_id": id, "status": "REJECTED", "reason": reason}),
            );
        }
    }
    Ok(())
}
