//! `opportunity export FILE`: every opportunity of the catalog as one CSV row (`rows::COLUMNS`),
//! with AWS's stage (GetAwsOpportunitySummary) where AWS has the opportunity — not while it
//! waits for submission, and [I] left empty when AWS answers with an error, as AWS's own sample
//! app does. Reads go through the rate limiter (10/s); the file is written atomically.
//! An opportunity without a PartnerOpportunityIdentifier is keyed by its own id, so importing
//! the file into another account reproduces every opportunity once.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;

use super::rows::COLUMNS;
use crate::aws::describe_error;
use crate::campaign::limiter::Limiter;
use crate::output::Printer;
use crate::settings::Settings;

/// `opportunity export`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Exported {
    pub file: String,
    /// Rows written.
    pub count: usize,
    /// Rows with AWS's stage.
    pub with_aws_stage: usize,
}

pub async fn export(
    settings: &Settings,
    printer: &Printer,
    file: &Path,
) -> anyhow::Result<Exported> {
    let limiter = Arc::new(Limiter::new(
        Duration::from_secs_f64(settings.config.retry.attempt_timeout_seconds),
        settings.config.campaign.quotas.clone(),
    ));
    let wrap = |http| limiter.wrap(http);
    let (clients, _) = crate::aws::connect_with(settings, Some(&wrap)).await?;
    let client = &clients.partner;
    let catalog = settings.catalog.as_str();
    let ids = list_ids(client, catalog).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    let mut with_aws_stage = 0;
    for (n, id) in ids.iter().enumerate() {
        let o = crate::aws::opportunity_update::read(client, catalog, id).await?;
        let aws_stage = aws_stage(client, catalog, &o).await;
        with_aws_stage += usize::from(aws_stage.is_some());
        w.write_record(row(&o, aws_stage.unwrap_or_default()))?;
        if (n + 1) % 25 == 0 {
            printer.info(format!(
                "export: {} of {} opportunities read",
                n + 1,
                ids.len()
            ));
        }
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    mpctl_atomic::write(file, &bytes, |_| {})?;
    Ok(Exported {
        file: file.display().to_string(),
        count: ids.len(),
        with_aws_stage,
    })
}

async fn list_ids(client: &Client, catalog: &str) -> anyhow::Result<Vec<String>> {
    let mut pages = client
        .list_opportunities()
        .catalog(catalog)
        .into_paginator()
        .send();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListOpportunities", e))?;
        ids.extend(
            page.opportunity_summaries()
                .iter()
                .filter_map(|o| o.id().map(str::to_string)),
        );
    }
    ids.sort();
    Ok(ids)
}

/// AWS's stage, when AWS has the opportunity.
async fn aws_stage(client: &Client, catalog: &str, o: &GetOpportunityOutput) -> Option<String> {
    let review = o
        .life_cycle()
        .and_then(|l| l.review_status())
        .map(|r| r.as_str());
    if review.is_none_or(|r| r == "Pending Submission") {
        return None;
    }
    let summary = client
        .get_aws_opportunity_summary()
        .catalog(catalog)
        .related_opportunity_identifier(o.id());
    let summary = summary.send().await.ok()?;
    summary
        .life_cycle()
        .and_then(|l| l.stage())
        .map(|s| s.as_str().to_string())
}

/// The CSV row of `o`, in `COLUMNS` order.
fn row(o: &GetOpportunityOutput, aws_stage: String) -> Vec<String> {
    let account = o.customer().and_then(|c| c.account());
    let project = o.project();
    let lc = o.life_cycle();
    let spend = project.and_then(|p| p.expected_customer_spend().first());
    let s = |v: Option<&str>| v.unwrap_or_default().to_string();
    vec![
        o.partner_opportunity_identifier()
            .unwrap_or(o.id())
            .to_string(),
        o.id().to_string(),
        s(project.and_then(|p| p.title())),
        s(account.map(|a| a.company_name())),
        s(account.and_then(|a| a.industry()).map(|i| i.as_str())),
        s(account.and_then(|a| a.website_url())),
        s(account
            .and_then(|a| a.address())
            .and_then(|a| a.country_code())
            .map(|c| c.as_str())),
        s(project.and_then(|p| p.customer_business_problem())),
        s(o.opportunity_type().map(|t| t.as_str())),
        s(lc.and_then(|l| l.stage()).map(|t| t.as_str())),
        s(lc.and_then(|l| l.target_close_date())),
        s(spend.map(|x| x.amount())),
        s(spend.map(|x| x.currency_code().as_str())),
        s(lc.and_then(|l| l.review_status()).map(|t| t.as_str())),
        aws_stage,
    ]
}
