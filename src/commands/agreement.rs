//! `agreement search|describe|terms`: the seller's view of agreements.

use serde_json::json;

use crate::agreements::{accepted, search, view};
use crate::aws;
use crate::cli::AgreementCommand;
use crate::offers::terms;
use crate::output::{table, Printer};
use crate::settings::Settings;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    cmd: &AgreementCommand,
) -> anyhow::Result<()> {
    match cmd {
        AgreementCommand::Search(a) => {
            let q = search::Query {
                offer: a.offer.clone(),
                product: a.product.clone(),
                buyer: a.buyer.clone(),
                status: a.status.clone(),
                ends_before: a.ends_before.clone(),
                ends_after: a.ends_after.clone(),
            };
            let filters = search::filters(&q)?;
            let clients = aws::connect(settings).await?;
            let found: Vec<view::Summary> = search::run(&clients.agreement, &filters)
                .await?
                .iter()
                .map(view::Summary::from_search)
                .collect();
            let text = if found.is_empty() {
                "no agreements match".to_string()
            } else {
                let rows: Vec<Vec<String>> = found.iter().map(view::Summary::cells).collect();
                table(&["AGREEMENT", "STATUS", "OFFER", "BUYER", "ENDS"], &rows)
            };
            printer.result(
                &text,
                &json!({"ok": true, "agreements": found.iter().map(view::Summary::to_json).collect::<Vec<_>>()}),
            );
            Ok(())
        }
        AgreementCommand::Describe(a) => {
            let clients = aws::connect(settings).await?;
            let out = clients
                .agreement
                .describe_agreement()
                .agreement_id(&a.id)
                .send()
                .await
                .map_err(|e| aws::describe_error("DescribeAgreement", e))?;
            let s = view::Summary::from_describe(&out);
            let mut doc = s.to_json();
            let charges = out.estimated_charges();
            doc["estimated_charges"] = json!({
                "currency_code": charges.and_then(|c| c.currency_code()),
                "agreement_value": charges.and_then(|c| c.agreement_value()),
            });
            let rows = vec![
                vec!["Agreement".to_string(), s.id.clone()],
                vec!["Status".into(), s.status.clone()],
                vec!["Offer".into(), s.offer_id.clone()],
                vec!["Products".into(), s.product_ids.join(", ")],
                vec!["Buyer".into(), s.acceptor.clone()],
                vec!["Seller".into(), s.proposer.clone()],
                vec!["Starts".into(), s.start.clone()],
                vec!["Ends".into(), s.end.clone()],
                vec![
                    "Estimated value".into(),
                    format!(
                        "{} {}",
                        charges.and_then(|c| c.currency_code()).unwrap_or_default(),
                        charges
                            .and_then(|c| c.agreement_value())
                            .unwrap_or_default()
                    ),
                ],
            ];
            printer.result(
                &table(&["FIELD", "VALUE"], &rows),
                &json!({"ok": true, "agreement": doc}),
            );
            Ok(())
        }
        AgreementCommand::Terms(a) => {
            let clients = aws::connect(settings).await?;
            let mut all = Vec::new();
            let mut pages = clients
                .agreement
                .get_agreement_terms()
                .agreement_id(&a.id)
                .into_paginator()
                .send();
            while let Some(out) = pages.next().await {
                let out = out.map_err(|e| aws::describe_error("GetAgreementTerms", e))?;
                all.extend(out.accepted_terms().iter().map(accepted::to_json));
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|t| {
                    vec![
                        terms::term_type(t),
                        t.get("id")
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string(),
                        terms::summary(t),
                    ]
                })
                .collect();
            let summaries: Vec<serde_json::Value> = all
                .iter()
                .map(|t| {
                    let mut t = t.clone();
                    t["summary"] = json!(terms::summary(&t));
                    t
                })
                .collect();
            printer.result(
                &table(&["TERM", "ID", "SUMMARY"], &rows),
                &json!({"ok": true, "agreement_id": a.id, "terms": summaries}),
            );
            Ok(())
        }
    }
}
