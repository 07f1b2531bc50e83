//! `mpctl events setup|tail|forward|teardown`: AWS's EventBridge notifications through an SQS
//! queue (the domain: `crate::event`). Setup and teardown are writes (planned, confirmed);
//! tail and forward read the queue until `--limit`, `--idle` or Ctrl-C.

use std::io::Write;
use std::time::{Duration, Instant};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::aws::{self, Clients};
use crate::cli::{EventsCommand, QueueArgs};
use crate::confirm::{self, Planned};
use crate::event::{self, forward, queue, setup};
use crate::exit::bad_input;
use crate::output::{Format, Printer, Report};
use crate::settings::Settings;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &EventsCommand,
) -> anyhow::Result<()> {
    match command {
        EventsCommand::Setup { name, pattern } => {
            let pattern = parse_pattern(pattern.as_deref())?;
            check_name(name)?;
            if let Some(done) = set_up(settings, printer, name, pattern).await? {
                printer.print(&done);
            }
        }
        EventsCommand::Teardown { name } => {
            check_name(name)?;
            if let Some(done) = tear_down(settings, printer, name).await? {
                printer.print(&done);
            }
        }
        EventsCommand::Tail { queue, keep } => {
            let clients = aws::connect(settings).await?;
            let url = queue_url(settings, &clients, queue).await?;
            let done = tail(&clients, printer, &url, queue, *keep).await?;
            printer.info(format!("{done} event(s) from {url}"));
        }
        EventsCommand::Forward {
            queue,
            exec,
            webhook,
            journal,
        } => {
            let sink = match (exec, webhook) {
                (Some(c), _) => forward::Sink::Command(c.clone()),
                (None, Some(w)) => forward::Sink::Webhook(check_webhook(w)?),
                (None, None) => return Err(bad_input("--exec or --webhook is required")),
            };
            let clients = aws::connect(settings).await?;
            let url = queue_url(settings, &clients, queue).await?;
            let journal = journal
                .clone()
                .unwrap_or_else(|| settings.state_path.with_file_name("events.forwarded"));
            let opts = forward::Options {
                url,
                sink,
                journal,
                limit: queue.limit,
                idle: queue.idle.map(Duration::from_secs_f64),
            };
            let outcome = forward::run(&clients.sqs, &opts, printer).await?;
            printer.print(&Forwarded(outcome));
        }
    }
    Ok(())
}

/// Queue and rule share the name: SQS allows `[A-Za-z0-9_-]{1,80}`, EventBridge
/// `[.\-_A-Za-z0-9]{1,64}`.
fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    match ok {
        true => Ok(()),
        false => Err(bad_input(format!(
            "--name {name:?}: 1 to 64 letters, digits, '-' or '_' (it names both the SQS queue and the EventBridge rule)"
        ))),
    }
}

fn check_webhook(url: &str) -> anyhow::Result<String> {
    match url.starts_with("https://") || url.starts_with("http://") {
        true => Ok(url.to_string()),
        false => Err(bad_input(format!(
            "--webhook {url:?}: an http:// or https:// URL"
        ))),
    }
}

/// `--pattern` as JSON text or `@FILE`; errors name the file, line and column.
fn parse_pattern(arg: Option<&str>) -> anyhow::Result<Value> {
    let Some(arg) = arg else {
        return Ok(event::default_pattern());
    };
    let (origin, text) = match arg.strip_prefix('@') {
        Some(path) => (
            path.to_string(),
            std::fs::read_to_string(path)
                .map_err(|e| bad_input(format!("--pattern {path}: {e}")))?,
        ),
        None => ("--pattern".to_string(), arg.to_string()),
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        bad_input(format!(
            "{origin}:{}:{}: not JSON: {e}",
            e.line(),
            e.column()
        ))
    })?;
    if !value.is_object() {
        return Err(bad_input(format!(
            "{origin}: an event pattern is a JSON object"
        )));
    }
    Ok(value)
}

/// The queue to read: `--queue` (URL or name), else config `events.queue_url`, else the queue
/// named `mpctl-events`.
async fn queue_url(
    settings: &Settings,
    clients: &Clients,
    args: &QueueArgs,
) -> anyhow::Result<String> {
    let configured = settings.config.events.queue_url.clone();
    let named = args
        .queue
        .clone()
        .or(configured)
        .unwrap_or_else(|| event::DEFAULT_NAME.into());
    queue::resolve(&clients.sqs, &named).await
}

/// `events setup`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SetUp {
    #[serde(flatten)]
    pub created: setup::Created,
    /// What to put in config.json for waits to listen to the queue.
    pub config_hint: String,
}

impl Report for SetUp {
    fn text(&self) -> String {
        format!(
            "rule {} sends to queue {}\n{}",
            self.created.rule_arn, self.created.queue_url, self.config_hint
        )
    }
}

async fn names(settings: &Settings, name: &str) -> anyhow::Result<(setup::Names, Option<Clients>)> {
    let (clients, known) = match settings.plan && !settings.is_loopback() && !settings.local {
        true => (None, None),
        false => {
            let (c, a) = aws::connect_checked(settings).await?;
            (Some(c), a)
        }
    };
    let account = aws::connect::acting_account(settings, known).await?;
    let names = setup::Names {
        account,
        region: settings.region.clone(),
        name: name.to_string(),
    };
    Ok((names, clients))
}

async fn set_up(
    settings: &Settings,
    printer: &Printer,
    name: &str,
    pattern: Value,
) -> anyhow::Result<Option<SetUp>> {
    confirm::gate(settings)?;
    let (names, clients) = names(settings, name).await?;
    let planned = setup::requests(&names, &pattern);
    let lines = vec![
        format!("create SQS queue {} (if absent)", names.name),
        format!(
            "put EventBridge rule {} on the default bus: {pattern}",
            names.name
        ),
        format!(
            "let the rule send to the queue (queue policy for {})",
            names.rule_arn()
        ),
        format!(
            "target the queue from the rule (target {})",
            setup::TARGET_ID
        ),
    ];
    let reads = vec!["GetCallerIdentity".to_string()];
    if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
        return Ok(None);
    }
    let clients = match clients {
        Some(c) => c,
        None => aws::connect(settings).await?,
    };
    let created = setup::send(&clients, &planned, &pattern).await?;
    let config_hint = format!(
        "to let waits listen to it, set \"events\": {{\"queue_url\": \"{}\"}} in config.json",
        created.queue_url
    );
    Ok(Some(SetUp {
        created,
        config_hint,
    }))
}

/// `events teardown`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TornDown {
    pub name: String,
    /// `removed` or `absent` (already gone), for the target, the rule and the queue.
    pub target: String,
    pub rule: String,
    pub queue: String,
}

impl Report for TornDown {
    fn text(&self) -> String {
        format!(
            "{}: target {}, rule {}, queue {}",
            self.name, self.target, self.rule, self.queue
        )
    }
}

async fn tear_down(
    settings: &Settings,
    printer: &Printer,
    name: &str,
) -> anyhow::Result<Option<TornDown>> {
    confirm::gate(settings)?;
    let (names, clients) = names(settings, name).await?;
    let planned: Vec<Planned> = setup::teardown_requests(&names);
    let lines = vec![format!(
        "remove the rule {0}'s queue target, the rule {0} and the SQS queue {0} with its messages",
        names.name
    )];
    let reads = vec!["GetCallerIdentity".to_string()];
    if confirm::after_reads(settings, printer, &reads, &planned, &lines)? {
        return Ok(None);
    }
    let clients = match clients {
        Some(c) => c,
        None => aws::connect(settings).await?,
    };
    let outcome = setup::teardown(&clients, &planned).await?;
    Ok(Some(TornDown {
        name: names.name,
        target: outcome[0].clone(),
        rule: outcome[1].clone(),
        queue: outcome[2].clone(),
    }))
}

/// Prints events as they arrive; returns how many.
async fn tail(
    clients: &Clients,
    printer: &Printer,
    url: &str,
    args: &QueueArgs,
    keep: bool,
) -> anyhow::Result<u64> {
    let idle = args.idle.map(Duration::from_secs_f64);
    let (mut count, mut last) = (0u64, Instant::now());
    let mut shown = std::collections::HashSet::new();
    while args.limit.is_none_or(|l| count < l) && idle.is_none_or(|i| last.elapsed() < i) {
        let wait = idle.map_or(event::LONG_POLL_SECONDS, |i| {
            (i.saturating_sub(last.elapsed()).as_secs_f64().ceil() as i32).max(1)
        });
        let batch = tokio::select! {
            r = queue::receive(&clients.sqs, url, wait) => r?,
            _ = crate::interrupt::interrupted() => break,
        };
        for m in batch {
            last = Instant::now();
            // A duplicate delivery prints once per run.
            if shown.insert(m.id()) && args.limit.is_none_or(|l| count < l) {
                let line = match printer.format {
                    Format::Json => m.event.to_string(),
                    Format::Text => event::summary(&m.event),
                };
                let _ = writeln!(std::io::stdout().lock(), "{line}");
                count += 1;
            }
            if !keep {
                queue::delete(&clients.sqs, url, &m.receipt).await?;
            }
        }
    }
    Ok(count)
}

/// `events forward`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Forwarded(pub forward::Outcome);

impl Report for Forwarded {
    fn text(&self) -> String {
        let o = &self.0;
        format!(
            "{} forwarded, {} duplicate(s) skipped, {} failed (they stay in the queue); {} in the journal",
            o.delivered, o.duplicates, o.failed, o.journal_total
        )
    }
}
