//! `mpctl invitation list|accept|reject`: answering AWS referrals (engagement invitations).

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::json;

use crate::aws;
use crate::cli::InvitationCommand;
use crate::confirm::{self, Planned};
use crate::cosell::{invitations, views};
use crate::output::{List, Printer, Report};
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
            printer.print(&InvitationList(List::new(found)));
        }
        InvitationCommand::Accept { id } => {
            if let Some(done) = accept(settings, printer, id).await? {
                printer.print(&done);
            }
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
            printer.print(&Rejected {
                invitation_id: id.clone(),
                status: "REJECTED".into(),
                reason: reason.into(),
            });
        }
    }
    Ok(())
}

/// `invitation list`: one item per invitation (`invitation_id`, `status`, `title`, …).
#[derive(Debug, Serialize, JsonSchema)]
pub struct InvitationList(pub List<views::InvitationRow>);

impl Report for InvitationList {
    fn text(&self) -> String {
        views::invitations_table(&self.0.items)
    }
}

/// `invitation accept`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Accepted {
    /// `done`, or `skipped` when the state already records this acceptance.
    pub status: String,
    pub invitation_id: String,
    /// The referral opportunity, saved as REFERRAL_OPPORTUNITY_ID.
    pub opportunity_id: String,
    /// The accept task as it ended; `null` when skipped.
    pub task: Option<views::AcceptTask>,
}

impl Report for Accepted {
    fn text(&self) -> String {
        let (id, opp) = (&self.invitation_id, &self.opportunity_id);
        match self.status.as_str() {
            "skipped" => format!(
                "invitation {id} was already accepted: opportunity {opp} (REFERRAL_OPPORTUNITY_ID)"
            ),
            _ => format!(
                "invitation {id} accepted: opportunity {opp} saved as REFERRAL_OPPORTUNITY_ID"
            ),
        }
    }
}

/// `None` under `--plan` (the request was printed, nothing sent).
async fn accept(
    settings: &Settings,
    printer: &Printer,
    id: &str,
) -> anyhow::Result<Option<Accepted>> {
    // The token is the one a resume sends (saved before the first send), else made then.
    let saved = State::load(&settings.state_path)?;
    let token = saved
        .internal
        .pending
        .get(&format!("invitation-accept/{id}"))
        .and_then(|p| p["token"].as_str());
    let body = json!({"Catalog": settings.catalog.as_str(), "Identifier": id});
    let body = crate::workflow::plan::with_token(body, "ClientToken", token);
    let op = "StartEngagementByAcceptingInvitationTask";
    if confirm::single(settings, printer, Planned::new(op, "", body))? {
        return Ok(None);
    }
    let lock = StateLock::acquire(&settings.state_path)?;
    let state = State::load(&settings.state_path)?;
    settings.check_target(&state, &settings.state_path)?;
    let clients = aws::connect(settings).await?;
    let mut ctx = Ctx::new(settings, printer, clients, state, lock);
    let done = invitations::accept(&mut ctx, id).await?;
    Ok(Some(Accepted {
        status: done.status.to_string(),
        invitation_id: id.to_string(),
        opportunity_id: done.opportunity_id,
        task: done.task,
    }))
}

/// `invitation reject`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Rejected {
    pub invitation_id: String,
    /// Always `REJECTED`.
    pub status: String,
    pub reason: String,
}

impl Report for Rejected {
    fn text(&self) -> String {
        format!(
            "invitation {} rejected: {}",
            self.invitation_id, self.reason
        )
    }
}
