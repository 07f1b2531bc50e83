//! `offer clone` and `offer replace`: the commands that create a new offer from an existing
//! one (or from an agreement), show the change set, ask, start it and report the new offer
//! (or, with `--dry-run`, only the change set).

use std::path::Path;

use chrono::{Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::common::{check_account, session, today, validate};
use crate::aws;
use crate::cli::{OfferCloneArgs, OfferReplaceArgs};
use crate::offer::{changes, read, submit};
use crate::output::{Printer, Report};
use crate::project::buyers;
use crate::project::state::State;
use crate::settings::Settings;
use crate::workflow::{inputs, Ctx};
use mpctl_changeset as changeset;

/// The clone's buyers: `--buyer ACCOUNT…`, else the global `--buyers` value — a buyer file, or
/// one 12-digit account (so `--buyers FILE|ACCOUNT` both work).
fn clone_buyers(settings: &Settings, accounts: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    if accounts.is_empty() {
        let given = settings.buyers_path.to_string_lossy().to_string();
        if given.bytes().all(|b| b.is_ascii_digit()) {
            check_account(&given, "--buyers")?;
            return Ok(vec![given]);
        }
        return buyers::load(Path::new(&settings.buyers_path));
    }
    for a in accounts {
        check_account(a, "--buyer")?;
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    Ok(out)
}

/// `--dry-run`: the change set that would be started.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeSetPreview {
    /// Pass-through: the StartChangeSet request (AWS's PascalCase keys).
    pub changeset: Value,
}

/// A new offer, created by a change set.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferCreated {
    pub offer_id: String,
    pub offer_arn: String,
    pub changeset_id: Option<String>,
    pub buyer_accounts: Vec<String>,
    /// `offer clone`: the offer copied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_offer_id: Option<String>,
    /// `offer replace`: the agreement replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement_id: Option<String>,
    #[serde(skip)]
    name: String,
}

/// `offer clone` and `offer replace`: the change set (`--dry-run`) or the offer created.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NewOffer {
    DryRun(ChangeSetPreview),
    Created(OfferCreated),
}

impl Report for NewOffer {
    fn text(&self) -> String {
        match self {
            NewOffer::DryRun(p) => serde_json::to_string_pretty(&p.changeset).unwrap_or_default(),
            NewOffer::Created(o) => format!("created offer {} ({})", o.offer_id, o.name),
        }
    }
}

/// Where a new offer comes from, for its result.
enum Origin<'a> {
    Clone(&'a str),
    Replace(&'a str),
}

/// What to do with a validated change set.
enum Go {
    Start,
    /// `--dry-run`: the change set is the result.
    DryRun,
    /// `--plan`: the plan was printed; nothing more.
    Planned,
}

/// Validates the change set, then (unless `--dry-run`) plans it or confirms starting it.
/// `reads` names the read calls made to render it, for the plan.
fn preview(
    settings: &Settings,
    printer: &Printer,
    (what, reads): (&str, &[String]),
    request: &Value,
    dry_run: bool,
) -> anyhow::Result<Go> {
    validate(printer, what, request, false)?;
    if dry_run {
        return Ok(Go::DryRun);
    }
    if crate::confirm::plan_or_confirm_after_reads(settings, printer, &[request], reads)? {
        return Ok(Go::Planned);
    }
    Ok(Go::Start)
}

/// The result of a previewed change set that is not started: the dry run's, or none.
fn not_started(go: Go, request: Value) -> Option<Option<NewOffer>> {
    match go {
        Go::Start => None,
        Go::DryRun => Some(Some(NewOffer::DryRun(ChangeSetPreview {
            changeset: request,
        }))),
        Go::Planned => Some(None),
    }
}

/// `--until` of a new offer must lie ahead: no buyer could accept an offer that is already over.
fn future_date(until: Option<NaiveDate>) -> anyhow::Result<()> {
    match until {
        Some(d) if d <= today() => Err(crate::exit::bad_input(format!(
            "--until {d} is not in the future: the new offer would be over before a buyer could accept it\n  hint: pass a later date (today is {})",
            today()
        ))),
        _ => Ok(()),
    }
}

fn default_until(source_end: Option<&str>) -> NaiveDate {
    source_end
        .and_then(|d| changeset::parse_date(d).ok())
        .filter(|d| *d > today())
        .unwrap_or_else(|| today() + Days::new(30))
}

pub(super) async fn clone(
    settings: &Settings,
    printer: &Printer,
    a: &OfferCloneArgs,
) -> anyhow::Result<Option<NewOffer>> {
    let buyers = clone_buyers(settings, &a.buyer)?;
    future_date(a.until)?;
    let clients = aws::connect(settings).await?;
    let source = read::describe(&clients.catalog, &a.id).await?;
    let until = a
        .until
        .unwrap_or_else(|| default_until(source.availability_end().as_deref()))
        .to_string();
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| changes::default_name(&source, &buyers));
    let text = (name.as_str(), a.description.as_deref());
    let request = changes::clone_request(&source, &buyers, text, &until)?;
    let what = format!("clone of {}", a.id);
    let reads = [format!("DescribeEntity {}", a.id)];
    let go = preview(settings, printer, (&what, &reads), &request, a.dry_run)?;
    if let Some(result) = not_started(go, request.clone()) {
        return Ok(result);
    }
    drop(clients);
    let ctx = session(settings, printer).await?;
    let out = submit::run(
        settings,
        printer,
        &ctx.clients.catalog,
        "offer clone",
        &request,
    )
    .await?;
    finish_new_offer(&ctx, &out, Origin::Clone(&a.id)).await
}

/// The offer a change set created.
async fn finish_new_offer(
    ctx: &Ctx<'_>,
    out: &crate::aws::report::Outcome,
    origin: Origin<'_>,
) -> anyhow::Result<Option<NewOffer>> {
    let change_type = match origin {
        Origin::Clone(_) => "CreateOffer",
        Origin::Replace(_) => "CreateReplacementOffer",
    };
    let id = out.created_id(change_type).ok_or_else(|| {
        anyhow::anyhow!("change set succeeded but reports no {change_type} entity")
    })?;
    let offer = read::describe(&ctx.clients.catalog, &id).await?;
    let (source_offer_id, agreement_id) = match origin {
        Origin::Clone(s) => (Some(s.to_string()), None),
        Origin::Replace(a) => (None, Some(a.to_string())),
    };
    Ok(Some(NewOffer::Created(OfferCreated {
        offer_arn: offer.arn.clone(),
        changeset_id: Some(out.id.clone()),
        buyer_accounts: offer.buyers(),
        source_offer_id,
        agreement_id,
        name: offer.name().unwrap_or_default(),
        offer_id: id,
    })))
}

pub(super) async fn replace(
    settings: &Settings,
    printer: &Printer,
    a: &OfferReplaceArgs,
) -> anyhow::Result<Option<NewOffer>> {
    future_date(a.until)?;
    let until = a
        .until
        .unwrap_or_else(|| today() + Days::new(30))
        .to_string();
    let mut reads = Vec::new();
    let request = match &a.template {
        Some(path) => {
            let state = State::load(&settings.state_path)?;
            let overrides = vec![("AGREEMENT_ID".to_string(), a.agreement_id.clone())];
            let vars = inputs::vars(settings, &state, None, &overrides);
            inputs::render(path, &inputs::read_json(path)?, &vars)?
        }
        None => {
            let clients = aws::connect(settings).await?;
            let agreement = clients
                .agreement
                .describe_agreement()
                .agreement_id(&a.agreement_id)
                .send()
                .await
                .map_err(|e| aws::describe_error("DescribeAgreement", e))?;
            let offer_id = agreement
                .proposal_summary()
                .and_then(|p| p.offer_id())
                .ok_or_else(|| anyhow::anyhow!("agreement {} has no offer", a.agreement_id))?;
            let source = read::describe(&clients.catalog, offer_id).await?;
            reads.push(format!("DescribeAgreement {}", a.agreement_id));
            reads.push(format!("DescribeEntity {offer_id}"));
            let name = a
                .name
                .clone()
                .unwrap_or_else(|| format!("Replacement for {}", a.agreement_id));
            changes::replacement_request(
                &a.agreement_id,
                &name,
                &until,
                &source.terms(),
                &source.pricing_model(),
            )?
        }
    };
    let what = match &a.template {
        Some(p) => p.display().to_string(),
        None => format!("replacement for {}", a.agreement_id),
    };
    let go = preview(settings, printer, (&what, &reads), &request, a.dry_run)?;
    if let Some(result) = not_started(go, request.clone()) {
        return Ok(result);
    }
    let ctx = session(settings, printer).await?;
    let step = "offer replace";
    let out = submit::run(settings, printer, &ctx.clients.catalog, step, &request).await?;
    finish_new_offer(&ctx, &out, Origin::Replace(&a.agreement_id)).await
}
