//! `agreement cancel|cancellations|cancellation|withdraw-cancellation`: the seller's side of a
//! cancellation request. The writes are planned and confirmed like every other write.

use schemars::JsonSchema;
use serde::Serialize;

use crate::agreement::cancellation::{self as requests, Cancellation};
use crate::aws;
use crate::cli::{CancelArgs, CancellationIdArgs, CancellationsArgs, WithdrawArgs};
use crate::confirm::{self, Planned};
use crate::output::{table, List, Printer, Report};
use crate::settings::Settings;

/// One cancellation request: `agreement cancel|cancellation|withdraw-cancellation` and
/// `buyer accept-cancellation|reject-cancellation`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CancellationView {
    #[serde(flatten)]
    pub request: Cancellation,
}

impl Report for CancellationView {
    fn text(&self) -> String {
        let r = &self.request;
        let rows = [
            ("Request", r.cancellation_request_id.clone()),
            ("Agreement", r.agreement_id.clone()),
            ("Status", r.status.clone()),
            ("Reason", r.reason_code.clone()),
            ("Description", r.description.clone().unwrap_or_default()),
            ("Message", r.status_message.clone().unwrap_or_default()),
            ("Created", r.created_at.clone()),
            ("Updated", r.updated_at.clone()),
        ]
        .map(|(k, v)| vec![k.to_string(), v]);
        table(&["FIELD", "VALUE"], &rows)
    }
}

/// `agreement cancellations`: one item per request (list results carry no description).
#[derive(Debug, Serialize, JsonSchema)]
pub struct CancellationList(pub List<Cancellation>);

impl Report for CancellationList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no cancellation requests match".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|r| {
                vec![
                    r.cancellation_request_id.clone(),
                    r.agreement_id.clone(),
                    r.status.clone(),
                    r.reason_code.clone(),
                    r.updated_at.clone(),
                ]
            })
            .collect();
        table(
            &["REQUEST", "AGREEMENT", "STATUS", "REASON", "UPDATED"],
            &rows,
        )
    }
}

fn view(request: Cancellation) -> CancellationView {
    CancellationView { request }
}

/// `agreement cancel`; `None` under `--plan`.
pub async fn cancel(
    settings: &Settings,
    printer: &Printer,
    a: &CancelArgs,
) -> anyhow::Result<Option<CancellationView>> {
    let body = requests::send_body(&a.agreement_id, &a.reason, a.description.as_deref());
    let op = "SendAgreementCancellationRequest";
    if confirm::single(settings, printer, Planned::new(op, "", body.clone()))? {
        return Ok(None);
    }
    let clients = aws::connect(settings).await?;
    let sent = requests::send(&clients.agreement, &body).await?;
    // A re-run (the same token, within AWS's 8-hour window) is answered with the request as it
    // was first created: read what became of it.
    let id = &sent.cancellation_request_id;
    let sent = requests::get(&clients.agreement, &a.agreement_id, id).await?;
    if sent.status != "PENDING_APPROVAL" {
        printer.warn(format!(
            "{} is the request already sent with this reason and description, now {}; nothing new was sent\n  hint: to ask again, change --description",
            sent.cancellation_request_id, sent.status
        ));
    }
    Ok(Some(view(sent)))
}

/// `agreement cancellations`: as the proposer, every page.
pub async fn list(settings: &Settings, a: &CancellationsArgs) -> anyhow::Result<CancellationList> {
    let clients = aws::connect(settings).await?;
    let found = requests::list(
        &clients.agreement,
        "Proposer",
        a.agreement_id.as_deref(),
        a.status.as_deref(),
    )
    .await?;
    Ok(CancellationList(List::new(found)))
}

/// `agreement cancellation`.
pub async fn get(settings: &Settings, a: &CancellationIdArgs) -> anyhow::Result<CancellationView> {
    let clients = aws::connect(settings).await?;
    let found = requests::get(&clients.agreement, &a.agreement, &a.request_id).await?;
    Ok(view(found))
}

/// `agreement withdraw-cancellation`; `None` under `--plan`.
pub async fn withdraw(
    settings: &Settings,
    printer: &Printer,
    a: &WithdrawArgs,
) -> anyhow::Result<Option<CancellationView>> {
    let (agreement, id) = (&a.request.agreement, &a.request.request_id);
    let reason = Some(("cancellationReason", a.reason.as_str()));
    let body = requests::answer_body(agreement, id, reason);
    let op = "CancelAgreementCancellationRequest";
    if confirm::single(settings, printer, Planned::new(op, "", body))? {
        return Ok(None);
    }
    let clients = aws::connect(settings).await?;
    let done = requests::withdraw(&clients.agreement, agreement, id, &a.reason).await?;
    Ok(Some(view(done)))
}
