//! `--plan` of the workflow steps (and their confirmation against AWS), made exact where a run
//! reads before it writes: the rate card's offer (DescribeEntity of the product, for its
//! metered dimensions) and the full UpdateOpportunity of the Sandbox approval and of `commit`
//! (GetOpportunity, whose members and LastModifiedDate lock the update carries). The reads are
//! named in the plan. An UpdateOpportunity stays a `<…>` placeholder when the opportunity does
//! not exist yet, or when an earlier write of the same plan changes it first (its lock would
//! then differ), or, for `commit` in catalog AWS, while AWS's review is still to come.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{create_offer, plan, Ctx};
use crate::aws::{opportunity_update, Clients};
use crate::confirm::Planned;

/// Connects on first use: a plan that needs no read opens no connection.
struct Reader<'c> {
    ctx: &'c Ctx<'c>,
    clients: Option<Clients>,
    reads: Vec<String>,
}

impl Reader<'_> {
    async fn clients(&mut self) -> anyhow::Result<&Clients> {
        if self.clients.is_none() {
            self.clients = Some(crate::aws::connect(self.ctx.settings).await?);
        }
        Ok(self.clients.as_ref().expect("connected"))
    }
}

/// `--plan`: prints the requests and returns `true` (send nothing). Otherwise, for real AWS,
/// lists them and asks (see [`crate::confirm::confirm`]) and returns `false`.
pub async fn plan_or_confirm(
    ctx: &Ctx<'_>,
    scope: plan::Scope,
    overrides: &[(String, String)],
    (stage, rate_card): (&str, Option<&std::path::Path>),
) -> anyhow::Result<bool> {
    let settings = ctx.settings;
    if !settings.plan && settings.is_loopback() {
        return Ok(false);
    }
    // Inputs and sample values were checked before connecting (`plan::check_offline`).
    let planned = plan::requests(ctx, scope, overrides, stage)?;
    if settings.plan {
        let (reads, planned) = exact(ctx, planned, overrides, rate_card).await?;
        crate::confirm::print_plan_after_reads(ctx.printer, &reads, &planned);
        return Ok(true);
    }
    let lines: Vec<String> = planned.iter().map(plan::summary).collect();
    crate::confirm::confirm(settings, ctx.printer, &lines)?;
    Ok(false)
}

/// `planned` with every body a read can make exact rendered from that read, and the reads.
pub async fn exact(
    ctx: &Ctx<'_>,
    planned: Vec<Planned>,
    overrides: &[(String, String)],
    rate_card: Option<&std::path::Path>,
) -> anyhow::Result<(Vec<String>, Vec<Planned>)> {
    let mut reader = Reader {
        ctx,
        clients: None,
        reads: Vec::new(),
    };
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for mut p in planned {
        let target = target_of(&p.body);
        if p.operation == "StartChangeSet" && p.step == "create-offer" {
            if let Some(path) = rate_card.filter(|_| !saved(ctx, "create-offer")) {
                p.body = rate_card_offer(&mut reader, overrides, path).await?;
            }
        }
        if p.operation == "UpdateOpportunity" {
            let exact = match &target {
                Some(id) if !touched.contains(id) && readable(ctx, &p) => {
                    Some(update(&mut reader, &p, id).await?)
                }
                _ => None,
            };
            match exact {
                Some(None) => continue, // already as wanted: the run writes nothing
                Some(Some(body)) => p.body = body,
                None => {}
            }
        }
        touched.extend(target);
        out.push(p);
    }
    Ok((reader.reads, out))
}

fn saved(ctx: &Ctx<'_>, step: &str) -> bool {
    ctx.state.internal.pending.contains_key(step)
}

/// The opportunity a Partner Central write changes, when it is a real id (not a placeholder).
fn target_of(body: &Value) -> Option<String> {
    ["Identifier", "OpportunityIdentifier"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_str))
        .filter(|id| !id.starts_with('<'))
        .map(str::to_string)
}

/// `commit` in catalog AWS waits for AWS's review first, which changes the opportunity.
fn readable(ctx: &Ctx<'_>, p: &Planned) -> bool {
    p.step != "commit"
        || ctx.settings.catalog == crate::settings::Catalog::Sandbox
        || ctx.state.review_status.as_deref() == Some("Approved")
}

async fn update(reader: &mut Reader<'_>, p: &Planned, id: &str) -> anyhow::Result<Option<Value>> {
    let catalog = reader.ctx.settings.catalog.as_str();
    reader.reads.push(format!("GetOpportunity {id}"));
    let client = reader.clients().await?.partner.clone();
    match p.step.as_str() {
        "commit" => {
            let stage = stage_of(&p.body);
            let edit = opportunity_update::to_stage(&stage);
            opportunity_update::plan_life_cycle(&client, catalog, id, edit).await
        }
        _ => {
            opportunity_update::plan_life_cycle(
                &client,
                catalog,
                id,
                opportunity_update::to_approved,
            )
            .await
        }
    }
}

/// The stage named in an unread commit placeholder (`… with LifeCycle.Stage X>`).
fn stage_of(body: &Value) -> String {
    let text = body
        .get("<other members>")
        .and_then(Value::as_str)
        .unwrap_or_default();
    text.rsplit("LifeCycle.Stage ")
        .next()
        .unwrap_or_default()
        .trim_end_matches('>')
        .to_string()
}

async fn rate_card_offer(
    reader: &mut Reader<'_>,
    overrides: &[(String, String)],
    path: &std::path::Path,
) -> anyhow::Result<Value> {
    let ctx = reader.ctx;
    let product = ctx
        .state
        .product_id
        .clone()
        .ok_or_else(|| super::missing("PRODUCT_ID", "publish-product"))?;
    reader.reads.push(format!("DescribeEntity {product}"));
    let catalog = reader.clients().await?.catalog.clone();
    let request = create_offer::with_rate_card(ctx, &catalog, overrides, path).await?;
    Ok(plan::with_token(request, "ClientRequestToken", None))
}
