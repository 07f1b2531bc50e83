//! What the offer write commands share: today's date, account-id checks, the locked session
//! and static validation of the change set before anything is sent.

use chrono::NaiveDate;
use serde_json::Value;

use crate::aws;
use crate::exit::bad_input;
use crate::output::Printer;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::Ctx;
use mpctl_changeset::{self as changeset, ValidateOptions};

/// Today at the target (an emulator's clock once connected; see `service_time::target_today`).
pub fn today() -> NaiveDate {
    crate::aws::service_time::target_today()
}

pub fn check_account(s: &str, flag: &str) -> anyhow::Result<()> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(bad_input(format!(
            "{flag} {s:?} is not a 12-digit AWS account id"
        )))
    }
}

/// A locked session for the write commands (the lock keeps two mpctl writers apart).
pub async fn session<'a>(settings: &'a Settings, printer: &'a Printer) -> anyhow::Result<Ctx<'a>> {
    let lock = StateLock::acquire(&settings.state_path)?;
    let state = State::load(&settings.state_path)?;
    settings.check_target(&state, &settings.state_path)?;
    let clients = aws::connect(settings).await?;
    Ok(Ctx::new(settings, printer, clients, state, lock))
}

/// Static validation; `allow_past` drops the PAST_DATE warning (expiring means a past date).
pub fn validate(
    printer: &Printer,
    what: &str,
    request: &Value,
    allow_past: bool,
) -> anyhow::Result<()> {
    let mut diagnostics = changeset::validate(request, &ValidateOptions::sending());
    diagnostics.retain(|d| !(allow_past && d.code == "PAST_DATE"));
    let errors = crate::workflow::inputs::warn_and_collect_errors(printer, what, &diagnostics);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(bad_input(errors.join("\n")))
    }
}
