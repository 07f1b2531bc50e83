//! `offer extend ID --until DATE` and `offer expire ID`: one UpdateAvailability change set.

use chrono::{Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use super::common::{session, today, validate};
use crate::exit::bad_input;
use crate::offer::{changes, read, submit};
use crate::output::{Printer, Report};
use crate::settings::Settings;

/// `offer extend` and `offer expire`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AvailabilityChanged {
    pub offer_id: String,
    /// YYYY-MM-DD; yesterday for `expire` (or the earlier day an already ended offer ended).
    pub availability_end_date: String,
    /// The change set started; `null` when nothing was sent (`expire` of an offer that had
    /// already ended).
    pub changeset_id: Option<String>,
    #[serde(skip)]
    expired: bool,
}

impl Report for AvailabilityChanged {
    fn text(&self) -> String {
        let (id, date) = (&self.offer_id, &self.availability_end_date);
        let Some(cs) = &self.changeset_id else {
            return format!("offer {id} had already ended on {date}; nothing was sent");
        };
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
) -> anyhow::Result<Option<AvailabilityChanged>> {
    if until <= today() {
        return Err(bad_input(format!(
            "--until {until} is not in the future\n  hint: to end the offer now use `mpctl offer expire {id}`"
        )));
    }
    change(settings, printer, id, until, "extend").await
}

pub async fn expire(
    settings: &Settings,
    printer: &Printer,
    id: &str,
) -> anyhow::Result<Option<AvailabilityChanged>> {
    let yesterday = today() - Days::new(1);
    change(settings, printer, id, yesterday, "expire").await
}

async fn change(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    date: NaiveDate,
    verb: &str,
) -> anyhow::Result<Option<AvailabilityChanged>> {
    let date = date.to_string();
    let request = changes::availability_request(id, &date, verb);
    let expired = verb == "expire";
    validate(printer, &format!("offer {verb} {id}"), &request, expired)?;
    crate::confirm::gate(settings)?;
    // Read first, --plan included (it says so): the offer must exist, and one that already
    // ended needs no change set to end it again.
    let ctx = session(settings, printer).await?;
    let offer = read::describe(&ctx.clients.catalog, id).await?;
    let ended = offer
        .availability_end()
        .filter(|end| expired && end.get(..10).unwrap_or(end) < today().to_string().as_str());
    let reads = [format!("DescribeEntity {id}")];
    if let Some(end) = ended {
        let end = end.get(..10).unwrap_or(&end).to_string();
        if settings.plan {
            printer.info(format!(
                "offer {id} had already ended on {end}: nothing to send"
            ));
            crate::confirm::print_plan_after_reads(printer, &reads, &[]);
            return Ok(None);
        }
        return Ok(Some(AvailabilityChanged {
            offer_id: id.to_string(),
            availability_end_date: end,
            changeset_id: None,
            expired,
        }));
    }
    if crate::confirm::plan_or_confirm_after_reads(settings, printer, &[&request], &reads)? {
        return Ok(None);
    }
    let step = format!("offer {verb}");
    let out = submit::run(settings, printer, &ctx.clients.catalog, &step, &request).await?;
    Ok(Some(AvailabilityChanged {
        offer_id: id.to_string(),
        availability_end_date: date,
        changeset_id: Some(out.id),
        expired,
    }))
}
