//! `offer list|describe|extend|expire|clone|replace`: what a seller does with offers that exist.
//! Reads connect and call; writes validate the change set first (exit 2, nothing sent), show it,
//! ask for confirmation (`--yes`, or a `y` on a terminal), then start it and wait.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::{Days, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::aws;
use crate::changeset::{self, Severity, ValidateOptions};
use crate::cli::{OfferCloneArgs, OfferCommand, OfferReplaceArgs};
use crate::exit::bad_input;
use crate::offers::{changes, list, read, submit, terms};
use crate::output::{table, Printer};
use crate::project::buyers;
use crate::project::state::{State, StateLock};
use crate::settings::Settings;
use crate::workflow::{changeset_step, inputs, Ctx};

pub async fn run(settings: &Settings, printer: &Printer, cmd: &OfferCommand) -> anyhow::Result<()> {
    match cmd {
        OfferCommand::List(a) => {
            let clients = aws::connect(settings).await?;
            let q = list::Query {
                private_only: a.private,
                product: a.product.clone(),
                buyer: a.buyer.clone(),
            };
            if let Some(b) = &q.buyer {
                check_account(b, "--buyer")?;
            }
            let rows = list::run(&clients.catalog, &q).await?;
            let cells: Vec<Vec<String>> = rows.iter().map(list::Row::cells).collect();
            let text = if rows.is_empty() {
                "no offers match".to_string()
            } else {
                table(
                    &[
                        "OFFER",
                        "NAME",
                        "PRODUCT",
                        "STATE",
                        "BUYERS",
                        "AVAILABLE UNTIL",
                    ],
                    &cells,
                )
            };
            let doc = json!({"ok": true, "offers": rows.iter().map(list::Row::to_json).collect::<Vec<_>>()});
            printer.result(&text, &doc);
            Ok(())
        }
        OfferCommand::Describe(a) => {
            let clients = aws::connect(settings).await?;
            let offer = read::describe(&clients.catalog, &a.id).await?;
            printer.result(
                &describe_text(&offer),
                &json!({"ok": true, "offer": offer.to_json()}),
            );
            Ok(())
        }
        OfferCommand::Extend(a) => {
            let day = date_arg(&a.until, "--until")?;
            if day <= today() {
                return Err(bad_input(format!(
                    "--until {} is not in the future\n  hint: to end the offer now use `mpctl offer expire {}`",
                    a.until, a.id
                )));
            }
            availability(settings, printer, &a.id, &a.until, "extend").await
        }
        OfferCommand::Expire(a) => {
            let yesterday = today() - Days::new(1);
            availability(settings, printer, &a.id, &yesterday.to_string(), "expire").await
        }
        OfferCommand::Clone(a) => clone(settings, printer, a).await,
        OfferCommand::Replace(a) => replace(settings, printer, a).await,
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn date_arg(s: &str, flag: &str) -> anyhow::Result<NaiveDate> {
    changeset::parse_date(s).map_err(|why| {
        bad_input(format!(
            "{flag} {s:?} is not a date: {why}\n  hint: write YYYY-MM-DD, e.g. 2030-12-31"
        ))
    })
}

fn check_account(s: &str, flag: &str) -> anyhow::Result<()> {
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(bad_input(format!(
            "{flag} {s:?} is not a 12-digit AWS account id"
        )))
    }
}

fn describe_text(offer: &read::Offer) -> String {
    let buyers = offer.buyers();
    let rows = vec![
        vec!["Offer".to_string(), offer.id.clone()],
        vec!["Name".into(), offer.name().unwrap_or_default()],
        vec!["Product".into(), offer.product_id().unwrap_or_default()],
        vec!["State".into(), offer.state()],
        vec![
            "Targeting".into(),
            if buyers.is_empty() {
                "public".into()
            } else {
                buyers.join(", ")
            },
        ],
        vec![
            "Available until".into(),
            offer.availability_end().unwrap_or_else(|| "-".into()),
        ],
        vec!["Pricing model".into(), offer.pricing_model()],
    ];
    format!(
        "{}\n\n{}",
        table(&["FIELD", "VALUE"], &rows),
        table(&["TERM", "SUMMARY"], &terms::rows(&offer.terms()))
    )
}

/// A locked session for the write commands (the lock keeps two mpctl writers apart).
async fn session<'a>(settings: &'a Settings, printer: &'a Printer) -> anyhow::Result<Ctx<'a>> {
    let lock = StateLock::acquire(&settings.state_path)?;
    let state = State::load(&settings.state_path)?;
    let clients = aws::connect(settings).await?;
    Ok(Ctx::new(settings, printer, clients, state, lock))
}

/// Static validation; `allow_past` drops the PAST_DATE warning (expiring means a past date).
fn validate(
    printer: &Printer,
    what: &str,
    request: &Value,
    allow_past: bool,
) -> anyhow::Result<()> {
    let mut errors = Vec::new();
    for d in changeset::validate(request, &ValidateOptions::default()) {
        if allow_past && d.code == "PAST_DATE" {
            continue;
        }
        match d.severity {
            Severity::Error => errors.push(format!("{what}: {d}")),
            Severity::Warning => printer.warn(format!("{what}: {d}")),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(bad_input(errors.join("\n")))
    }
}

async fn availability(
    settings: &Settings,
    printer: &Printer,
    id: &str,
    date: &str,
    verb: &str,
) -> anyhow::Result<()> {
    let request = changes::availability_request(id, date, verb);
    validate(
        printer,
        &format!("offer {verb} {id}"),
        &request,
        verb == "expire",
    )?;
    let ctx = session(settings, printer).await?;
    read::describe(&ctx.clients.catalog, id).await?;
    let resume = match verb {
        "extend" => format!("offer extend {id} --until {date}"),
        _ => format!("offer expire {id}"),
    };
    let out = submit::run(&ctx, &resume, &request).await?;
    let cs = out.change_set_id().unwrap_or_default().to_string();
    let text = match verb {
        "extend" => format!("offer {id} is available until {date} (change set {cs})"),
        _ => format!("offer {id} expired: availability ended {date} (change set {cs})"),
    };
    printer.result(
        &text,
        &json!({"ok": true, "offer_id": id, "availability_end_date": date, "changeset_id": cs}),
    );
    Ok(())
}

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
fn confirm(settings: &Settings, printer: &Printer, request: &Value) -> anyhow::Result<()> {
    printer.info(format!(
        "change set to start:\n{}",
        serde_json::to_string_pretty(request).unwrap_or_default()
    ));
    if settings.yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(bad_input(
            "not starting the change set without confirmation\n  hint: pass --yes to start it, or --dry-run to only print it",
        ));
    }
    eprint!("start this change set? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(bad_input("cancelled: nothing was sent"))
    }
}

fn default_until(source_end: Option<&str>) -> String {
    source_end
        .and_then(|d| changeset::parse_date(d).ok())
        .filter(|d| *d > today())
        .unwrap_or_else(|| today() + Days::new(30))
        .to_string()
}

async fn clone(settings: &Settings, printer: &Printer, a: &OfferCloneArgs) -> anyhow::Result<()> {
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
    validate(printer, &format!("clone of {}", a.id), &request, false)?;
    if a.dry_run {
        printer.result(
            &serde_json::to_string_pretty(&request).unwrap_or_default(),
            &json!({"ok": true, "changeset": request}),
        );
        return Ok(());
    }
    confirm(settings, printer, &request)?;
    drop(clients);
    let mut ctx = session(settings, printer).await?;
    let resume = format!("offer clone {} --buyers {}", a.id, buyers.join(" "));
    let out = submit::run(&ctx, &resume, &request).await?;
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
    out: &aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput,
    change_type: &str,
    extra: Value,
) -> anyhow::Result<()> {
    let id = changeset_step::created_id(out, change_type).ok_or_else(|| {
        anyhow::anyhow!("change set succeeded but reports no {change_type} entity")
    })?;
    let offer = read::describe(&ctx.clients.catalog, &id).await?;
    let mut doc = json!({
        "ok": true,
        "offer_id": id,
        "offer_arn": offer.arn,
        "changeset_id": out.change_set_id(),
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

async fn replace(
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
    validate(printer, &what, &request, false)?;
    if a.dry_run {
        printer.result(
            &serde_json::to_string_pretty(&request).unwrap_or_default(),
            &json!({"ok": true, "changeset": request}),
        );
        return Ok(());
    }
    confirm(settings, printer, &request)?;
    let mut ctx = session(settings, printer).await?;
    let resume = format!("offer replace {}", a.agreement_id);
    let out = submit::run(&ctx, &resume, &request).await?;
    finish_new_offer(
        &mut ctx,
        &out,
        "CreateReplacementOffer",
        json!({"agreement_id": a.agreement_id}),
    )
    .await
}
