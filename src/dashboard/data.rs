//! One snapshot of everything the list pages show, read with the CLI's own list code (offers,
//! agreements, opportunities, change sets in flight) in parallel, every call within AWS's
//! quotas (the clients are paced, see `commands::dashboard`). Agreements are paged here rather
//! than by `agreement::search::run`, so a long listing shows how far it got
//! ([`super::progress`]). Keeping the snapshot between page views and restarts is
//! [`super::cache`]'s.

use std::collections::HashMap;
use std::time::Instant;

use super::Shared;
use crate::agreement::{search, view::Summary};
use crate::aws::{describe_error, service_time};
use crate::cosell::opportunities;
use crate::cosell::views::OpportunityRow;
use crate::offer::list;
use aws_sdk_marketplaceagreement::types::Filter as AgreementFilter;
use aws_sdk_marketplacecatalog::types::Filter;
use chrono::Utc;

/// An offer row with what the agreements say about it.
#[derive(Debug, Clone)]
pub struct OfferRow {
    pub row: list::Row,
    /// Every agreement that accepted the offer (one per buyer who did).
    pub agreements: Vec<String>,
    pub days_left: Option<i64>,
}

impl OfferRow {
    /// `accepted`, `expired unaccepted`, `open` (released, still available) or the Catalog state.
    pub fn status(&self) -> String {
        if !self.agreements.is_empty() {
            "accepted".into()
        } else if self.days_left.is_some_and(|d| d < 0) {
            "expired unaccepted".into()
        } else if self.row.state == "Released" {
            "open".into()
        } else {
            self.row.state.to_lowercase()
        }
    }
}

/// A change set that is not finished yet.
#[derive(Debug, Clone)]
pub struct ChangeSetRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub started: String,
    pub entities: Vec<String>,
}

/// What waits on someone after the signature, over every agreement (`None`: not readable,
/// e.g. a role without the post-sale permissions).
#[derive(Debug, Clone, Default)]
pub struct Waiting {
    /// Cancellation requests the buyer has not answered.
    pub cancellations: Option<usize>,
    /// Refunds AWS has not completed.
    pub refunds: Option<usize>,
    /// Payment requests the buyer has not answered.
    pub payments: Option<usize>,
}

/// Three list reads: pending cancellation requests, refunds and payment requests.
async fn waiting(c: &aws_sdk_marketplaceagreement::Client) -> Waiting {
    use crate::agreement::{cancellation, payment, refund};
    let (cancels, refunds, payments) = tokio::join!(
        cancellation::list(c, "Proposer", None, Some("PENDING_APPROVAL")),
        refund::list(c, None, Some("PENDING")),
        payment::list(c, "Proposer", None, Some("PENDING_APPROVAL")),
    );
    Waiting {
        cancellations: cancels.ok().map(|v| v.len()),
        refunds: refunds.ok().map(|v| v.len()),
        payments: payments.ok().map(|v| v.len()),
    }
}

/// Everything the list pages show, as read at `taken`.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub offers: Vec<OfferRow>,
    pub agreements: Vec<Summary>,
    pub opportunities: Vec<OpportunityRow>,
    pub changesets: Vec<ChangeSetRow>,
    pub waiting: Waiting,
    pub taken: chrono::DateTime<Utc>,
    /// The service's time at the read (its responses' `Date`): days left are counted from it.
    pub now: chrono::DateTime<Utc>,
    /// How long reading took.
    pub millis: u128,
    /// Loaded from the cache on disk, not read since this process started.
    pub from_cache: bool,
}

impl Snapshot {
    /// Whole days from the service's today to a `YYYY-MM-DD…` date; negative when past.
    pub fn days_until(&self, date: &str) -> Option<i64> {
        service_time::days_until(self.now, date)
    }
}

/// Whole days from the client's today to a `YYYY-MM-DD…` date; negative when past.
pub fn days_until(date: &str) -> Option<i64> {
    service_time::days_until(Utc::now(), date)
}

pub(super) async fn load(app: &Shared) -> anyhow::Result<Snapshot> {
    let started = Instant::now();
    let c = &app.clients;
    let all_offers = list::Query::default();
    let progress = &app.cache.progress;
    let (offers, agreements, opportunities, changesets, waiting) = tokio::join!(
        list::run(&c.catalog, &all_offers),
        agreements(&c.agreement, |n| progress.listed(n)),
        opportunities::list(&c.partner, app.settings.catalog.as_str(), None, None),
        in_flight(&c.catalog),
        waiting(&c.agreement),
    );
    let agreements = agreements?;
    let offers = offers?;
    let now = offers.now;
    Ok(Snapshot {
        offers: offer_rows(offers.rows, &agreements, now),
        agreements,
        opportunities: opportunities?,
        changesets: changesets?,
        waiting,
        taken: Utc::now(),
        now,
        millis: started.elapsed().as_millis(),
        from_cache: false,
    })
}

/// Each offer with the agreements that accepted it and its days left at `now`.
pub fn offer_rows(
    rows: Vec<list::Row>,
    agreements: &[Summary],
    now: chrono::DateTime<Utc>,
) -> Vec<OfferRow> {
    let mut by_offer: HashMap<&str, Vec<String>> = HashMap::new();
    for a in agreements {
        by_offer.entry(&a.offer_id).or_default().push(a.id.clone());
    }
    rows.into_iter()
        .map(|row| OfferRow {
            agreements: by_offer.get(row.id.as_str()).cloned().unwrap_or_default(),
            days_left: service_time::days_until(now, &row.availability_end),
            row,
        })
        .collect()
}

/// The seller's agreements (SearchAgreements as the proposer, every page), telling `seen` the
/// count after each page.
async fn agreements(
    client: &aws_sdk_marketplaceagreement::Client,
    seen: impl Fn(usize),
) -> anyhow::Result<Vec<Summary>> {
    let filters = search::filters(&search::Query::default())?;
    let mut call = client.search_agreements().catalog("AWSMarketplace");
    for (name, value) in &filters {
        call = call.filters(AgreementFilter::builder().name(name).values(value).build());
    }
    let mut pages = call.into_paginator().send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("SearchAgreements", e))?;
        out.extend(
            page.agreement_view_summaries()
                .iter()
                .map(Summary::from_search),
        );
        seen(out.len());
    }
    Ok(out)
}

/// ListChangeSets filtered to PREPARING and APPLYING, every page.
async fn in_flight(
    catalog: &aws_sdk_marketplacecatalog::Client,
) -> anyhow::Result<Vec<ChangeSetRow>> {
    let status = Filter::builder()
        .name("Status")
        .value_list("PREPARING")
        .value_list("APPLYING")
        .build();
    let mut pages = catalog
        .list_change_sets()
        .catalog("AWSMarketplace")
        .filter_list(status)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListChangeSets", e))?;
        for s in page.change_set_summary_list() {
            out.push(ChangeSetRow {
                id: s.change_set_id().unwrap_or_default().into(),
                name: s.change_set_name().unwrap_or_default().into(),
                status: s
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                started: s.start_time().unwrap_or_default().into(),
                entities: s.entity_id_list().to_vec(),
            });
        }
    }
    Ok(out)
}
