//! Plan, then confirm, every real write. The Marketplace Catalog has no sandbox: a change set
//! sent to AWS creates a real product or a real private offer that real buyers receive. So a
//! command that would write to AWS (no endpoint override, or one that is not loopback) first
//! prints one line per write and proceeds only with `--yes` or "yes" typed on a terminal;
//! without either it exits 2 before its first request. `--plan` prints the requests, rendered
//! exactly, and sends nothing. Against the emulator (loopback) nothing is asked.

use std::io::IsTerminal;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::exit::bad_input;
use crate::output::{List, Printer, Report};
use crate::settings::Settings;

/// Where the writes would go, for messages.
fn target(settings: &Settings) -> String {
    match &settings.endpoint_url {
        Some(url) => format!("{url} (region {})", settings.region),
        None => format!("AWS (region {})", settings.region),
    }
}

/// The first check of a write command, before any request (reads included) and before any
/// credential lookup: without `--yes` and without a terminal to ask on, a write to AWS is
/// refused with exit 2.
pub fn gate(settings: &Settings) -> anyhow::Result<()> {
    if settings.plan || settings.yes || settings.is_loopback() || std::io::stdin().is_terminal() {
        return Ok(());
    }
    Err(refusal(settings))
}

fn refusal(settings: &Settings) -> anyhow::Error {
    bad_input(format!(
        "this command writes to {} and there is no terminal to confirm on; nothing was sent\n  hint: pass --yes to confirm (CI does), --plan to see every request first, or --local to rehearse against the emulator",
        target(settings)
    ))
}

/// Prints what will be written (one line each) and asks, unless the target is the emulator
/// or `--yes` was given. Refusing, or no terminal, is exit 2 with nothing sent.
pub fn confirm(settings: &Settings, printer: &Printer, writes: &[String]) -> anyhow::Result<()> {
    if settings.is_loopback() || writes.is_empty() {
        return Ok(());
    }
    printer.info(format!(
        "mpctl will write to {}, Partner Central catalog {}:",
        target(settings),
        settings.catalog
    ));
    for w in writes {
        printer.info(format!("  - {w}"));
    }
    if settings.yes {
        return Ok(());
    }
    match crate::output::ask("Type \"yes\" to continue:", &["yes"]) {
        Some(true) => Ok(()),
        Some(false) => Err(bad_input("cancelled: nothing was sent")),
        None => Err(refusal(settings)),
    }
}

/// For commands that start change sets: with `--plan`, prints each StartChangeSet body and
/// returns `true` (the caller stops, nothing sent); otherwise confirms and returns `false`.
pub fn plan_or_confirm(
    settings: &Settings,
    printer: &Printer,
    requests: &[&Value],
) -> anyhow::Result<bool> {
    plan_or_confirm_after_reads(settings, printer, requests, &[])
}

/// [`plan_or_confirm`] for a command that read AWS to render its requests (`offer clone`
/// reads the source offer, like `terraform plan` reads the world): `reads` names each read
/// call (`DescribeEntity offer-…`), and the plan says so.
pub fn plan_or_confirm_after_reads(
    settings: &Settings,
    printer: &Printer,
    requests: &[&Value],
    reads: &[String],
) -> anyhow::Result<bool> {
    gate(settings)?;
    crate::project::samples::refuse(settings, requests)?;
    if settings.plan {
        let planned: Vec<Planned> = requests
            .iter()
            .map(|r| {
                let mut body = (*r).clone();
                if body.get("ClientRequestToken").is_none() {
                    // What the runner will send: the token derived from the request.
                    body["ClientRequestToken"] = crate::aws::runner::token_for(r).into();
                }
                Planned::new("StartChangeSet", "", body)
            })
            .collect();
        print_plan_after_reads(printer, reads, &planned);
        return Ok(true);
    }
    let lines: Vec<String> = requests.iter().map(|r| describe(r)).collect();
    confirm(settings, printer, &lines)?;
    Ok(false)
}

/// For a command that sends one write: `--plan` prints it and returns `true` (send nothing);
/// otherwise confirms it (one line: operation and body) and returns `false`.
pub fn single(settings: &Settings, printer: &Printer, write: Planned) -> anyhow::Result<bool> {
    if settings.plan {
        print_plan(printer, &[write]);
        return Ok(true);
    }
    gate(settings)?;
    confirm(
        settings,
        printer,
        &[format!("{} {}", write.operation, write.body)],
    )?;
    Ok(false)
}

/// For a write that read AWS to render its requests (a refund reads its invoice), after
/// [`gate`] and the reads: `--plan` prints the requests after naming the reads and returns
/// `true` (send nothing); otherwise confirms `lines` (what the writes do, for people) and
/// returns `false`.
pub fn after_reads(
    settings: &Settings,
    printer: &Printer,
    reads: &[String],
    planned: &[Planned],
    lines: &[String],
) -> anyhow::Result<bool> {
    if settings.plan {
        print_plan_after_reads(printer, reads, planned);
        return Ok(true);
    }
    confirm(settings, printer, lines)?;
    Ok(false)
}

/// One request a plan would send.
#[derive(Debug, Clone)]
pub struct Planned {
    pub operation: &'static str,
    /// Which step sends it (empty for single-request commands).
    pub step: String,
    pub body: Value,
}

impl Planned {
    pub fn new(operation: &'static str, step: &str, body: Value) -> Self {
        Planned {
            operation,
            step: step.to_string(),
            body,
        }
    }
}

/// One planned request in the `--plan` result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PlannedItem {
    /// Which workflow step sends it (empty for single-request commands).
    pub step: String,
    /// The API operation, e.g. `StartChangeSet`.
    pub operation: String,
    /// Pass-through: the request body exactly as it would be sent (AWS's PascalCase keys).
    pub body: Value,
}

/// `--plan`: every request the command would send; nothing was sent.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Plan {
    /// The read calls made to render the requests, e.g. `DescribeEntity offer-…` (`offer
    /// clone|replace` read their source); reads only, nothing was written.
    pub reads: Vec<String>,
    #[serde(flatten)]
    pub requests: List<PlannedItem>,
}

impl Report for Plan {
    fn text(&self) -> String {
        let mut text: Vec<String> = self
            .reads
            .iter()
            .map(|r| format!("read: {r} (nothing is written)"))
            .collect();
        text.extend(self.requests.items.iter().map(|p| {
            let step = if p.step.is_empty() {
                String::new()
            } else {
                format!("[{}] ", p.step)
            };
            let body = serde_json::to_string_pretty(&p.body).unwrap_or_default();
            format!("{step}{}\n{body}", p.operation)
        }));
        let sent = if self.reads.is_empty() {
            "nothing was sent"
        } else {
            "only the reads above were sent, nothing was written"
        };
        text.push(format!(
            "{} request(s) planned; {sent}",
            self.requests.count
        ));
        text.join("\n\n")
    }
}

/// Prints a plan as the command's result: each request's operation and exact body.
pub fn print_plan(printer: &Printer, planned: &[Planned]) {
    print_plan_after_reads(printer, &[], planned)
}

/// [`print_plan`], first naming the read calls made to render the requests.
pub fn print_plan_after_reads(printer: &Printer, reads: &[String], planned: &[Planned]) {
    let items = planned.iter().map(|p| PlannedItem {
        step: p.step.clone(),
        operation: p.operation.to_string(),
        body: p.body.clone(),
    });
    printer.print(&Plan {
        reads: reads.to_vec(),
        requests: items.collect(),
    });
}

/// One line for a StartChangeSet request: name, change types, entities, buyers, expiry.
pub fn describe(request: &Value) -> String {
    let changes: Vec<&Value> = request
        .get("ChangeSet")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut types: Vec<&str> = changes
        .iter()
        .filter_map(|c| c.get("ChangeType").and_then(Value::as_str))
        .collect();
    types.dedup();
    let mut entities: Vec<String> = changes
        .iter()
        .filter_map(|c| {
            let t = c.pointer("/Entity/Type")?.as_str()?;
            let id = c.pointer("/Entity/Identifier").and_then(Value::as_str);
            Some(match id {
                Some(id) if !id.starts_with('$') => format!("{t} {id}"),
                _ => format!("new {t}"),
            })
        })
        .collect();
    entities.sort();
    entities.dedup();
    let find = |key: &str| -> Vec<String> {
        let mut out = Vec::new();
        for c in &changes {
            collect(
                c.get("DetailsDocument").unwrap_or(&Value::Null),
                key,
                &mut out,
            );
        }
        out
    };
    let mut line = format!(
        "StartChangeSet '{}': {} on {}",
        request
            .get("ChangeSetName")
            .and_then(Value::as_str)
            .unwrap_or("-"),
        types.join(", "),
        entities.join(", ")
    );
    if let Some(title) = find("ProductTitle").first() {
        line.push_str(&format!("; product title '{title}'"));
    }
    let buyers = find("BuyerAccounts");
    if !buyers.is_empty() {
        line.push_str(&format!("; buyers {}", buyers.join(" ")));
    }
    if let Some(end) = find("AvailabilityEndDate").first() {
        line.push_str(&format!("; available until {end}"));
    }
    line
}

/// Every string (or string in an array) under `key`, anywhere in `v`.
fn collect(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k == key, x) {
                    (true, Value::String(s)) => out.push(s.clone()),
                    (true, Value::Array(a)) => {
                        out.extend(a.iter().filter_map(Value::as_str).map(str::to_string))
                    }
                    _ => collect(x, key, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, key, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_set_is_one_line_with_its_buyers_and_expiry() {
        let r = serde_json::json!({
            "ChangeSetName": "offer",
            "ChangeSet": [
                {"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"},
                 "DetailsDocument": {"ProductId": "prod-1"}},
                {"ChangeType": "UpdateTargeting", "Entity": {"Type": "Offer@1.0", "Identifier": "$c.Entity.Identifier"},
                 "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": ["111122223333"]}}},
                {"ChangeType": "UpdateAvailability", "Entity": {"Type": "Offer@1.0", "Identifier": "offer-1"},
                 "DetailsDocument": {"AvailabilityEndDate": "2030-01-01"}}
            ]
        });
        assert_eq!(
            describe(&r),
            "StartChangeSet 'offer': CreateOffer, UpdateTargeting, UpdateAvailability on Offer@1.0 offer-1, new Offer@1.0; buyers 111122223333; available until 2030-01-01"
        );
    }
}
