//! `emulator serve`: run the emulator until SIGINT/SIGTERM; `emulator advance` and `emulator
//! time`: move and read a running emulator's clock through its loopback-only admin path (an
//! emulator control request, not an AWS call, so it goes over plain HTTP, not an SDK).

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, ServeArgs};
use crate::exit::bad_input;
use crate::output::{Printer, Report};
use mpctl_emulator::{self as emulator, Options, Timings};
use mpctl_emulator::{FaultKind, FaultOptions};

pub async fn serve(args: &ServeArgs, printer: &Printer) -> anyhow::Result<()> {
    // Ctrl-C stops a server: it says "shutting down", not a run's "stopping at the next safe point".
    crate::interrupt::serving();
    if !args.bind.ip().is_loopback() && !args.allow_remote {
        return Err(bad_input(format!(
            "--bind {} is not a loopback address\n  hint: the emulator has no authentication; pass --allow-remote to expose it anyway",
            args.bind
        )));
    }
    if !(0.0..=1.0).contains(&args.fault_rate) {
        return Err(bad_input(format!(
            "--fault-rate {} must be a fraction between 0 and 1 (e.g. 0.2)",
            args.fault_rate
        )));
    }
    for (name, v) in [
        ("--changeset-seconds", args.changeset_seconds),
        ("--task-seconds", args.task_seconds),
        ("--accept-seconds", args.accept_seconds),
        ("--review-seconds", args.review_seconds),
        ("--fault-delay-seconds", args.fault_delay_seconds),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(bad_input(format!(
                "{name} {v} must be a non-negative number of seconds"
            )));
        }
    }
    if !(args.quota_scale.is_finite() && args.quota_scale > 0.0) {
        return Err(bad_input(format!(
            "--quota-scale {} must be a positive factor (e.g. 10 for ten times AWS's quotas)",
            args.quota_scale
        )));
    }
    check_data_file(args.data.as_deref())?;
    let handle = emulator::serve(Options {
        bind: args.bind,
        timings: Timings {
            changeset_seconds: args.changeset_seconds,
            task_seconds: args.task_seconds,
            accept_seconds: args.accept_seconds,
            review_seconds: args.review_seconds,
        },
        log_requests: true,
        faults: (args.fault_rate > 0.0).then(|| FaultOptions {
            rate: args.fault_rate,
            seed: args.fault_seed,
            kinds: args
                .fault_kinds
                .clone()
                .map(|k| k.0)
                .unwrap_or_else(|| FaultKind::ALL.to_vec()),
            slow_delay: std::time::Duration::from_secs_f64(args.fault_delay_seconds),
        }),
        enforce_quotas: args.enforce_quotas,
        quota_scale: args.quota_scale,
        data: args.data.clone(),
        start_time: args.start_time,
        seller_account: args.seller_account.clone(),
    })
    .await
    .map_err(|e| match e.downcast::<emulator::DataError>() {
        Ok(data) => bad_input(data.0),
        Err(other) => other,
    })?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {}", handle.base_url)?;
        out.flush()?;
    }
    shutdown_signal().await;
    printer.info("emulator: shutting down");
    handle.stop().await;
    Ok(())
}

/// `--data FILE` must exist: a mistyped name would otherwise start an empty world (an empty file
/// is a new one).
fn check_data_file(data: Option<&std::path::Path>) -> anyhow::Result<()> {
    match data.filter(|d| !d.exists()) {
        Some(d) => Err(bad_input(format!(
            "--data {}: no such file (a data file named on the command line is never replaced by an empty world)\n  hint: check the name; to start a new world there, create the file empty first: `touch {}`",
            d.display(),
            d.display()
        ))),
        None => Ok(()),
    }
}

/// Resolves on Ctrl-C or SIGTERM: a server's way to stop (it says "shutting down" itself).
pub(super) async fn shutdown_signal() {
    let ctrl_c = crate::interrupt::interrupted();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        ctrl_c.await;
    }
}

/// Where the emulator to control listens: `--endpoint-url`, else `emulator serve`'s default.
fn emulator_url(global: &GlobalArgs) -> String {
    let url = global
        .endpoint_url
        .clone()
        .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok())
        .unwrap_or_else(|| "http://127.0.0.1:4566".to_string());
    url.trim_end_matches('/').to_string()
}

/// One admin request to the emulator the global options name.
async fn admin(global: &GlobalArgs, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
    crate::aws::emulator_admin::request(&emulator_url(global), path, body).await
}

/// `emulator advance` and `emulator time`: the emulator's clock.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ClockReport {
    /// The emulated time now (RFC 3339).
    pub now: String,
    /// `advance` only: how far the clock moved, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_seconds: Option<f64>,
    #[serde(skip)]
    text: String,
}

impl Report for ClockReport {
    fn text(&self) -> String {
        self.text.clone()
    }
}

/// `emulator advance DURATION`.
pub async fn advance(
    global: &GlobalArgs,
    by: std::time::Duration,
    printer: &Printer,
) -> anyhow::Result<()> {
    let body = json!({"seconds": by.as_secs_f64()});
    let reply = admin(global, "/advance", Some(body)).await?;
    let now = reply["now"].as_str().unwrap_or_default().to_string();
    printer.print(&ClockReport {
        text: format!(
            "emulator clock advanced by {}; it is now {now}",
            days_and_time(by)
        ),
        now,
        advanced_seconds: Some(by.as_secs_f64()),
    });
    Ok(())
}

/// `400d` as "400d", `36h` as "1d 12h": days are the unit sellers move the clock by, and
/// humantime's own format would turn 400 days into "1year 1month 4days 7h 26m 24s".
fn days_and_time(by: std::time::Duration) -> String {
    let secs = by.as_secs();
    let parts = [
        (secs / 86_400, "d"),
        (secs / 3_600 % 24, "h"),
        (secs / 60 % 60, "m"),
        (secs % 60, "s"),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    match (shown.is_empty(), by.subsec_millis()) {
        (true, 0) => "0s".into(),
        (true, ms) => format!("{ms}ms"),
        _ => shown.join(" "),
    }
}

/// `emulator seed registration-token`: the token a buyer's registration would carry.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TokenReport {
    /// The buyer account it registers.
    pub account: String,
    /// The product (prod-…).
    pub product: String,
    /// The registration token ResolveCustomer accepts.
    pub token: String,
}

impl Report for TokenReport {
    fn text(&self) -> String {
        format!(
            "registration token for account {} and product {}: {}",
            self.account, self.product, self.token
        )
    }
}

/// `emulator seed registration-token --account ACCOUNT --product PRODUCT_ID`.
pub async fn seed_token(
    global: &GlobalArgs,
    (account, product): (&str, &str),
    printer: &Printer,
) -> anyhow::Result<()> {
    let body = json!({"account": account, "product": product});
    let reply = admin(global, "/registration-token", Some(body)).await?;
    printer.print(&TokenReport {
        account: account.to_string(),
        product: product.to_string(),
        token: reply["token"].as_str().unwrap_or_default().to_string(),
    });
    Ok(())
}

/// `emulator time`.
pub async fn time(global: &GlobalArgs, printer: &Printer) -> anyhow::Result<()> {
    let reply = admin(global, "/time", None).await?;
    let now = reply["now"].as_str().unwrap_or_default().to_string();
    printer.print(&ClockReport {
        text: now.clone(),
        now,
        advanced_seconds: None,
    });
    Ok(())
}

/// `emulator seed lead`: the lead AWS put in the seller's inbox.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SeededLead {
    /// The LeadInvitation's id (`engi-…`), for `mpctl lead accept`.
    pub invitation_id: String,
    /// The engagement AWS created for it (`eng-…`).
    pub engagement_id: String,
    pub company: String,
    pub catalog: String,
}

impl Report for SeededLead {
    fn text(&self) -> String {
        self.invitation_id.clone()
    }
}

/// `emulator seed lead --company NAME`.
pub async fn seed(
    global: &GlobalArgs,
    seed: &crate::cli::SeedCommand,
    printer: &Printer,
) -> anyhow::Result<()> {
    let crate::cli::SeedCommand::Lead { company } = seed else {
        unreachable!("registration tokens are seeded by seed_token");
    };
    let company = company.trim();
    if company.is_empty() || company.chars().count() > 120 {
        return Err(bad_input("--company must have 1 to 120 characters"));
    }
    let catalog = global.catalog.map_or("Sandbox", |c| c.as_str());
    let body = json!({"company": company, "catalog": catalog});
    let reply = admin(global, "/seed/lead", Some(body)).await?;
    let text = |k: &str| reply[k].as_str().unwrap_or_default().to_string();
    printer.print(&SeededLead {
        invitation_id: text("invitationId"),
        engagement_id: text("engagementId"),
        company: company.to_string(),
        catalog: catalog.to_string(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::days_and_time;
    use std::time::Duration;

    #[test]
    fn durations_read_in_days_hours_minutes_seconds() {
        assert_eq!(days_and_time(Duration::from_secs(400 * 86_400)), "400d");
        assert_eq!(
            days_and_time(Duration::from_secs(36 * 3_600 + 5)),
            "1d 12h 5s"
        );
        assert_eq!(days_and_time(Duration::from_millis(250)), "250ms");
    }
}
