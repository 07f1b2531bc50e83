//! `offer clone` and `offer replace`: the commands that create a new offer from an existing
//! one (or from an agreement), show the change set, ask, start it and report the new offer.

use std::path::Path;

use chrono::Days;
use serde_json::{json, Value};

use super::offer_input::{check_account, date_arg, session, today, validate};
use crate::aws;
use crate::cli::{OfferCloneArgs, OfferReplaceArgs};
use crate::offers::{changes, read, submit};
use crate::output::Printer;
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

/// Shows the change set and asks before starting it: `--yes`, or `y` on a terminal.
/// Validates the change set, then prints it (`--dry-run`: as the result, and stops) or asks
/// for confirmation. `Ok(true)` means: start it.
fn preview(
    settings: &Settings,
    printer: &Printer,
    what: &str,
    request: &Value,
    dry_run: bool,
) -> anyhow::Result<bool> {
    validate(printer, what, request, false)?;
    if dry_run {
        printer.result(
            &serde_json::to_string_pretty(request).unwrap_or_default(),
            &json!({"ok": true, "changeset": request}),
        );
        return Ok(false);
    }
    Ok(!crate::confirm::plan_or_confirm(
        settings,
        printer,
        &[request],
    )?)
}

fn default_until(source_end: Option<&str>) -> String {
    source_end
        .and_then(|d| changeset::parse_date(d).ok())
        .filter(|d| *d > today())
        .unwrap_or_else(|| today() + Days::new(30))
        .to_string()
}

pub(super) async fn clone(
    settings: &Settings,
    printer: &Printer,
    a: &OfferCloneArgs,
) -> anyhow::Result<()> {
    let buyers = clone_buyers(settings, &a.buyer)?;
    if let Some(u) = &a.until {
        date_arg(u, "--until")?;
    }
    let clients = aws::connect(settings).await?;
    let source = read::describe(&clients.catalog, &a.id).await?;
    let until = a
        .until
        .clone()
        .unwrap_or_else(|| default_until(source.availability_end().as_deref()));
    let name = a.name.clone().unwrap_or_else(|| {
        format!(
            "{} (copy)",
            source.name().unwrap_or_else(|| source.id.clone())
        )
    });
    let request = changes::clone_request(&source, &buyers, &name, &until)?;
    if !preview(
        settings,
        printer,
        &format!("clone of {}", a.id),
        &request,
        a.dry_run,
    )? {
        return Ok(());
    }
    drop(clients);
    let mut ctx = session(settings, printer).await?;
    let out = submit::run(
        ctx.settings,
        ctx.printer,
        &ctx.clients.catalog,
        "offer clone",
        &request,
    )
    .await?;
    finish_new_offer(
        &mut ctx,
        &out,
        "CreateOffer",
        json!({"source_offer_id": a.id}),
    )
    .await
}

/// Reports the offer a change set created.
async fn finish_new_offer(
    ctx: &mut Ctx<'_>,
    out: &crate::aws::report::Outcome,
    change_type: &str,
    extra: Value,
) -> anyhow::Result<()> {
    let id = out.created_id(change_type).ok_or_else(|| {
        anyhow::anyhow!("change set succeeded but reports no {change_type} entity")
    })?;
    let offer = read::describe(&ctx.clients.catalog, &id).await?;
    let mut doc = json!({
        "ok": true,
        "offer_id": id,
        "offer_arn": offer.arn,
        "changeset_id": out.id,
        "buyer_accounts": offer.buyers(),
    });
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    ctx.printer.result(
        &format!("created offer {id} ({})", offer.name().unwrap_or_default()),
        &doc,
    );
    Ok(())
}

pub(super) async fn replace(
    settings: &Settings,
    printer: &Printer,
    a: &OfferReplaceArgs,
) -> anyhow::Result<()> {
    let until = match &a.until {
        Some(u) => {
            date_arg(u, "--until")?;
            u.clone()
        }
        None => (today() + Days::new(30)).to_string(),
    };
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
    if !preview(settings, printer, &what, &request, a.dry_run)? {
        return Ok(());
    }
    let mut ctx = session(settings, printer).await?;
    let out = submit::run(
        ctx.settings,
        ctx.printer,
        &ctx.clients.catalog,
        "offer replace",
        &request,
    )
    .await?;
    finish_new_offer(
        &mut ctx,
        &out,
        "CreateReplacementOffer",
        json!({"agreement_id": a.agreement_id}),
    )
    .await
}
