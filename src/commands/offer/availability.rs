//! `offer extend ID --until DATE` and `offer expire ID`: one UpdateAvailability change set.

use chrono::{Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use super::common::{session, today, validate};
use crate::exit::bad_input;
use crate::offers::{changes, read, submit};
use crate::output::{Printer, Report};
use crate::settings::Settings;

/// `offer extend` and `offer expire`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AvailabilityChanged {
    pub offer_id: String,
    /// YYYY-MM-DD; yesterday for `expire`.
    pub availability_end_date: String,
    pub changeset_id: String,
    #[serde(skip)]
    expired: bool,
}

impl Report for AvailabilityChanged {
    fn text(&self) -> String {
        let (id, date, cs) = (
            &self.offer_id,
            &self.availability_end_date,
            &self.changeset_id,
        );
        if self.expired {
            format!("offer {id} expired: availability ended {date} (change set {cs})")
        } else {
            format!("offer {id} is available until {date} (change set {cs})")
        }
    }
}

pub async fn extend(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    until: NaiveDate,
) -> anyhow::Result<AvailabilityChanged> {
    if until <= today() {
        return Err(bad_input(format!(
            "--until {until} is not in the future\n  hint: to end the offer now use `mpctl offer expire {id}`"
        )));
    }
    let resume = format!("offer extend {id} --until {until}");
    change(settings, printer, id, until, "extend", &resume).await
}

pub async fn expire(
    settings: &Settings,
    printer: &Printer,
    id: &str,
) -> anyhow::Result<AvailabilityChanged> {
    let yesterday = today() - Days::new(1);
    let resume = format!("offer expire {id}");
    change(settings, printer, id, yesterday, "expire", &resume).await
}

async fn change(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    date: NaiveDate,
    verb: &str,
    resume: &str,
) -> anyhow::Result<AvailabilityChanged> {
    let date = date.to_string();
    let request = changes::availability_request(id, &date, verb);
    let expired = verb == "expire";
    validate(printer, &format!("offer {verb} {id}"), &request, expired)?;
    let ctx = session(settings, printer).await?;
    read::describe(&ctx.clients.catalog, id).await?;
    let out = submit::run(&ctx, resume, &request).await?;
    Ok(AvailabilityChanged {
        offer_id: id.to_string(),
        availability_end_date: date,
        changeset_id: out.change_set_id().unwrap_or_default().to_string(),
        expired,
    })
}
