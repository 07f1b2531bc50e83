//! `agreement search`: flags → SearchAgreements filters (always `PartyType=Proposer` and
//! `AgreementType=PurchaseAgreement`).
//!
//! Decision: only what is certainly wrong is rejected before sending (a status outside the API's
//! enum, a malformed date or account id). Filter *combinations* are left to AWS: the botocore
//! model documents a fixed list (aws-behavior.md §D), but the newer SDK documentation says a
//! proposer may combine filters freely, so a static rule could block searches AWS accepts. An
//! unsupported combination comes back as AWS's ValidationException, printed as one line.

use aws_sdk_marketplaceagreement::types::{AgreementViewSummary, Filter};

use crate::aws::describe_error;
use crate::exit::bad_input;

/// `A:AgreementStatus` (the table the emulator answers from too).
pub use mpctl_facts::agreement::AGREEMENT_STATUSES as STATUSES;

/// The search flags.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub offer: Option<String>,
    pub product: Option<String>,
    pub buyer: Option<String>,
    pub status: Option<String>,
    pub ends_before: Option<String>,
    pub ends_after: Option<String>,
}

/// A date flag as the RFC 3339 instant SearchAgreements' EndTime filters take.
fn instant(flag: &str, s: &str) -> anyhow::Result<String> {
    if chrono::DateTime::parse_from_rfc3339(s).is_ok() {
        return Ok(s.to_string());
    }
    mpctl_changeset::parse_date(s)
        .map(|d| format!("{d}T00:00:00Z"))
        .map_err(|why| {
            bad_input(format!(
                "{flag} {s:?} is not a date: {why}\n  hint: write YYYY-MM-DD or an RFC 3339 time"
            ))
        })
}

/// The filters for a query, or bad input.
pub fn filters(q: &Query) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = vec![
        ("PartyType".to_string(), "Proposer".to_string()),
        ("AgreementType".to_string(), "PurchaseAgreement".to_string()),
    ];
    if let Some(b) = &q.buyer {
        if b.len() != 12 || !b.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad_input(format!(
                "--buyer {b:?} is not a 12-digit AWS account id"
            )));
        }
        out.push(("AcceptorAccountId".into(), b.clone()));
    }
    if let Some(o) = &q.offer {
        out.push(("OfferId".into(), o.clone()));
    }
    if let Some(p) = &q.product {
        out.push(("ResourceIdentifier".into(), p.clone()));
    }
    if let Some(s) = &q.status {
        let upper = s.to_ascii_uppercase();
        if !STATUSES.contains(&upper.as_str()) {
            return Err(bad_input(format!(
                "--status {s:?} is not an agreement status\n  hint: one of {}",
                STATUSES.join(", ")
            )));
        }
        out.push(("Status".into(), upper));
    }
    if let Some(d) = &q.ends_before {
        out.push(("BeforeEndTime".into(), instant("--ends-before", d)?));
    }
    if let Some(d) = &q.ends_after {
        out.push(("AfterEndTime".into(), instant("--ends-after", d)?));
    }
    Ok(out)
}

/// Every agreement matching the filters, over all pages.
pub async fn run(
    client: &aws_sdk_marketplaceagreement::Client,
    filters: &[(String, String)],
) -> anyhow::Result<Vec<AgreementViewSummary>> {
    let mut call = client.search_agreements().catalog("AWSMarketplace");
    for (name, value) in filters {
        call = call.filters(Filter::builder().name(name).values(value).build());
    }
    let mut pages = call.into_paginator().send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("SearchAgreements", e))?;
        out.extend(page.agreement_view_summaries().iter().cloned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_flags_to_filters() {
        let q = Query {
            offer: Some("offer-x".into()),
            status: Some("active".into()),
            ends_before: Some("2030-01-01".into()),
            ..Query::default()
        };
        let f = filters(&q).expect("ok");
        assert!(f.contains(&("Status".into(), "ACTIVE".into())));
        assert!(f.contains(&("BeforeEndTime".into(), "2030-01-01T00:00:00Z".into())));
        assert!(f.contains(&("OfferId".into(), "offer-x".into())));
    }

    #[test]
    fn rejects_certainly_wrong_values() {
        let bad = |q: Query| filters(&q).expect_err("bad").to_string();
        assert!(bad(Query {
            status: Some("LIVE".into()),
            ..Query::default()
        })
        .contains("LIVE"));
        assert!(bad(Query {
            buyer: Some("12".into()),
            ..Query::default()
        })
        .contains("12-digit"));
        assert!(bad(Query {
            ends_after: Some("soon".into()),
            ..Query::default()
        })
        .contains("--ends-after"));
    }
}
