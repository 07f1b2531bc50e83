//! `offer list|describe|extend|expire|clone|replace`: what a seller does with offers that exist.
//! Reads connect and call; writes validate the change set first (exit 2, nothing sent), show it,
//! ask for confirmation (`--yes`, or a `y` on a terminal), then start it and wait. The commands
//! that create offers (clone, replace) are in `offer_new`.

use chrono::Days;
use serde_json::json;

use super::offer_input::{check_account, date_arg, session, today, validate};
use crate::aws;
use crate::cli::OfferCommand;
use crate::exit::bad_input;
use crate::offers::{changes, list, read, submit, terms};
use crate::output::{table, Printer};
use crate::settings::Settings;

pub async fn run(settings: &Settings, printer: &Printer, cmd: &OfferCommand) -> anyhow::Result<()> {
    if !matches!(cmd, OfferCommand::List(_) | OfferCommand::Describe(_)) {
        settings.check_write_allowed()?;
    }
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
        OfferCommand::Clone(a) => super::offer_new::clone(settings, printer, a).await,
        OfferCommand::Replace(a) => super::offer_new::replace(settings, printer, a).await,
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
    if crate::confirm::plan_or_confirm(settings, printer, &[&request])? {
        return Ok(());
    }
    let ctx = session(settings, printer).await?;
    read::describe(&ctx.clients.catalog, id).await?;
    let step = format!("offer {verb}");
    let out = submit::run(
        ctx.settings,
        ctx.printer,
        &ctx.clients.catalog,
        &step,
        &request,
    )
    .await?;
    let cs = out.id.clone();
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
