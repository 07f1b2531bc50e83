//! Shared change set polling for many change sets in flight (a campaign's rows): each round is
//! one ListChangeSets call, filtered to the change sets still in progress (`Status` PREPARING
//! or APPLYING; one call per 20 in progress, the page size), that answers for all of them,
//! instead of one DescribeChangeSet per set per poll. A set the round does not list as in
//! progress has ended (or is not listed yet); only then is it described, once, for what the
//! caller needs (status, failure code, ErrorDetailList, entity ids). Rounds are at most one
//! `period` apart per call (the caller's choice: a campaign uses `wait.initial_interval_seconds`,
//! but no more than 4/5 of ListChangeSets' quota; a round of three pages waits three periods), so
//! the rounds stay within their share of the quota however many sets are in flight.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use aws_sdk_marketplacecatalog::types::Filter;

use super::changeset::CATALOG;
use super::describe_error;

/// Statuses of change sets that have not ended.
const IN_PROGRESS: [&str; 2] = ["PREPARING", "APPLYING"];

/// The latest round: when its ListChangeSets was sent, and the sets it listed (id → status).
#[derive(Default)]
struct Rounds {
    last: Option<(Instant, HashMap<String, String>)>,
    /// A round is being listed by one waiter; the others wait for its result.
    running: bool,
    /// The next round is due then: a period after the last one sent, answered or not (so a
    /// failing call is not repeated at once).
    due: Option<Instant>,
}

pub struct Watch {
    client: aws_sdk_marketplacecatalog::Client,
    period: Duration,
    rounds: Mutex<Rounds>,
    done: tokio::sync::Notify,
}

/// What a waiter does next: take a round's answer, wait for the round in flight, or make the
/// next round itself (no earlier than the instant given).
enum Step<'a> {
    Answer(Option<String>),
    Follow(tokio::sync::futures::Notified<'a>),
    Lead(Option<Instant>),
}

/// Clears `running` and wakes the waiters however a round ends (answer, error, cancel).
struct Leading<'a>(&'a Watch);

impl Drop for Leading<'_> {
    fn drop(&mut self) {
        self.0.lock().running = false;
        self.0.done.notify_waiters();
    }
}

impl Watch {
    pub fn new(client: aws_sdk_marketplacecatalog::Client, period: Duration) -> Self {
        Watch {
            client,
            period,
            rounds: Mutex::default(),
            done: tokio::sync::Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Rounds> {
        self.rounds.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `id`'s status in the first round sent after this call: `Some(status)` while in
    /// progress, `None` once it is not listed as in progress. The first caller a round finds
    /// makes its ListChangeSets call; every other caller shares the answer.
    pub async fn next(&self, id: &str) -> anyhow::Result<Option<String>> {
        let asked = Instant::now();
        loop {
            let step = {
                let mut rounds = self.lock();
                match &rounds.last {
                    Some((sent, listed)) if *sent >= asked => Step::Answer(listed.get(id).cloned()),
                    // Registered under the lock, so the round's end cannot be missed.
                    _ if rounds.running => Step::Follow(self.done.notified()),
                    _ => {
                        rounds.running = true;
                        Step::Lead(rounds.due)
                    }
                }
            };
            match step {
                Step::Answer(status) => return Ok(status),
                Step::Follow(done) => done.await,
                Step::Lead(pace) => {
                    let leading = Leading(self);
                    if let Some(at) = pace {
                        tokio::time::sleep_until(at.into()).await;
                    }
                    let sent = Instant::now();
                    self.lock().due = Some(sent + self.period);
                    let (listed, pages) = self.list().await?;
                    let mut rounds = self.lock();
                    // A round of several pages spent several calls of the quota the period
                    // shares out: the next one waits a period per call.
                    rounds.due = Some(sent + self.period * pages);
                    rounds.last = Some((sent, listed));
                    drop(rounds);
                    drop(leading);
                }
            }
        }
    }

    /// One round: every change set in progress (all pages), id → status, and the calls made.
    async fn list(&self) -> anyhow::Result<(HashMap<String, String>, u32)> {
        let status = Filter::builder()
            .name("Status")
            .set_value_list(Some(IN_PROGRESS.map(String::from).to_vec()))
            .build();
        let mut pages = self
            .client
            .list_change_sets()
            .catalog(CATALOG)
            .filter_list(status)
            .max_results(20)
            .into_paginator()
            .send();
        let mut listed = HashMap::new();
        let mut calls = 0;
        while let Some(page) = pages.next().await {
            calls += 1;
            let page = page.map_err(|e| describe_error("ListChangeSets", e))?;
            for s in page.change_set_summary_list() {
                if let (Some(id), Some(status)) = (s.change_set_id(), s.status()) {
                    listed.insert(id.to_string(), status.as_str().to_string());
                }
            }
        }
        Ok((listed, calls.max(1)))
    }
}
