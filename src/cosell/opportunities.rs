//! `opportunity get|list|set-stage`: GetOpportunity, ListOpportunities (every page, with the
//! API's stage and review-status filters) and the stage change, which is a full-replacement
//! UpdateOpportunity locked by LastModifiedDate (`aws::opportunity_update::update_life_cycle`).

use aws_sdk_partnercentralselling::types::{ReviewStatus, Stage};
use aws_sdk_partnercentralselling::Client;

use super::views;
use crate::aws::{describe_error, opportunity_update};
use crate::output::Printer;

/// GetOpportunity as a [`views::Opportunity`].
pub async fn get(client: &Client, catalog: &str, id: &str) -> anyhow::Result<views::Opportunity> {
    let out = opportunity_update::read(client, catalog, id).await?;
    Ok(views::opportunity(&out))
}

/// Every opportunity matching the filters (an absent filter matches all), following NextToken.
pub async fn list(
    client: &Client,
    catalog: &str,
    stage: Option<&str>,
    review_status: Option<&str>,
) -> anyhow::Result<Vec<views::OpportunityRow>> {
    let mut call = client.list_opportunities().catalog(catalog);
    if let Some(s) = stage {
        call = call.life_cycle_stage(Stage::from(s));
    }
    if let Some(r) = review_status {
        call = call.life_cycle_review_status(ReviewStatus::from(r));
    }
    let mut pages = call.into_paginator().send();
    let mut found = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListOpportunities", e))?;
        found.extend(
            page.opportunity_summaries()
                .iter()
                .map(views::opportunity_summary),
        );
    }
    Ok(found)
}

/// Moves the opportunity to `stage`; returns whether a write happened (false: already there).
pub async fn set_stage(
    client: &Client,
    printer: &Printer,
    catalog: &str,
    id: &str,
    stage: &str,
) -> anyhow::Result<bool> {
    let edit = opportunity_update::to_stage(stage);
    opportunity_update::update_life_cycle(client, printer, catalog, id, edit).await
}
