//! `events forward`: each event of the queue to a command (the event's JSON on its stdin,
//! `MPCTL_EVENT_ID`, `MPCTL_EVENT_TYPE` and `MPCTL_EVENT_SOURCE` in its environment) or POSTed
//! to a webhook, at least once. A message is deleted only after its command exited 0 or its
//! POST was answered 2xx and the event's id was recorded in the journal (`seen`); a failed one
//! stays in the queue and comes back after its visibility timeout. An event whose id the
//! journal holds (a duplicate delivery, or one whose deletion a kill interrupted) is deleted
//! without running anything.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use schemars::JsonSchema;
use serde::Serialize;

use super::queue::{self, Received};
use super::seen::Seen;
use super::webhook;
use crate::output::Printer;

/// Where each event goes.
#[derive(Debug, Clone)]
pub enum Sink {
    /// A shell command (`sh -c`).
    Command(String),
    Webhook(String),
}

/// What to forward, to where, and when to stop.
#[derive(Debug, Clone)]
pub struct Options {
    pub url: String,
    pub sink: Sink,
    pub journal: PathBuf,
    /// Stop after this many events were handled (delivered or recognised as duplicates).
    pub limit: Option<u64>,
    /// Stop after this long without a message.
    pub idle: Option<Duration>,
}

/// What a forwarding run did.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Outcome {
    /// Events delivered (command exited 0, or the webhook answered 2xx).
    pub delivered: u64,
    /// Messages whose event was delivered before, deleted without running anything.
    pub duplicates: u64,
    /// Deliveries that failed; their messages stay in the queue to come back.
    pub failed: u64,
    /// Every event the journal holds, this run's and earlier runs'.
    pub journal_total: u64,
}

/// Forwards until the limit, the idle time or Ctrl-C.
pub async fn run(
    sqs: &aws_sdk_sqs::Client,
    opts: &Options,
    printer: &Printer,
) -> anyhow::Result<Outcome> {
    let seen = Seen::open(&opts.journal)?;
    let mut outcome = Outcome::default();
    let mut last_message = Instant::now();
    loop {
        let handled = outcome.delivered + outcome.duplicates;
        if opts.limit.is_some_and(|l| handled >= l) || crate::interrupt::is_interrupted() {
            break;
        }
        if opts.idle.is_some_and(|idle| last_message.elapsed() >= idle) {
            break;
        }
        let wait = opts.idle.map_or(super::LONG_POLL_SECONDS, |i| {
            (i.saturating_sub(last_message.elapsed())
                .as_secs_f64()
                .ceil() as i32)
                .max(1)
        });
        let batch = tokio::select! {
            r = queue::receive(sqs, &opts.url, wait) => r?,
            _ = crate::interrupt::interrupted() => break,
        };
        if !batch.is_empty() {
            last_message = Instant::now();
        }
        for message in batch {
            handle(sqs, opts, &seen, &message, &mut outcome, printer).await?;
        }
    }
    outcome.journal_total = seen.count()?;
    Ok(outcome)
}

async fn handle(
    sqs: &aws_sdk_sqs::Client,
    opts: &Options,
    seen: &Seen,
    message: &Received,
    outcome: &mut Outcome,
    printer: &Printer,
) -> anyhow::Result<()> {
    let id = message.id();
    if seen.contains(&id)? {
        queue::delete(sqs, &opts.url, &message.receipt).await?;
        outcome.duplicates += 1;
        return Ok(());
    }
    let detail_type = message.event["detail-type"].as_str().unwrap_or_default();
    match deliver(&opts.sink, message).await {
        Ok(()) => {
            seen.record(&id, detail_type)?;
            crate::crash::point("events-forward:after-record");
            queue::delete(sqs, &opts.url, &message.receipt).await?;
            outcome.delivered += 1;
            printer.info(format!("forwarded {}", super::summary(&message.event)));
        }
        Err(e) => {
            outcome.failed += 1;
            printer.warn(format!(
                "event {id} ({detail_type}) not forwarded: {e:#}; it stays in the queue and comes back after its visibility timeout"
            ));
        }
    }
    Ok(())
}

async fn deliver(sink: &Sink, message: &Received) -> anyhow::Result<()> {
    match sink {
        Sink::Webhook(url) => webhook::post(url, webhook::body_for(url, &message.event)).await,
        Sink::Command(command) => run_command(command, message).await,
    }
}

async fn run_command(command: &str, message: &Received) -> anyhow::Result<()> {
    use tokio::io::AsyncWriteExt;
    let event = &message.event;
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("MPCTL_EVENT_ID", message.id())
        .env(
            "MPCTL_EVENT_TYPE",
            event["detail-type"].as_str().unwrap_or_default(),
        )
        .env(
            "MPCTL_EVENT_SOURCE",
            event["source"].as_str().unwrap_or_default(),
        )
        .stdin(std::process::Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read its stdin closes it early: not a failure.
        let _ = stdin.write_all(message.body.as_bytes()).await;
    }
    let status = child.wait().await?;
    match status.success() {
        true => Ok(()),
        false => anyhow::bail!("`{command}` exited with {status}"),
    }
}
