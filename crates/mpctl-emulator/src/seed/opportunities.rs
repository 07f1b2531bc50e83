//! Seeded opportunities in the seller's AWS catalog: every stage from Prospect to Launched and
//! Closed Lost, approved by AWS past Prospect, the committed and launched ones often associated
//! with one of the seeded private offers, shaped like the corpus's `opportunity.json`.
//!
//! [I] The AWS catalog, not Sandbox: a seller's real pipeline is the production catalog's
//! (Sandbox holds test data), and `--catalog AWS` reads it; `emulator seed lead` keeps Sandbox.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::offers::Offer;
use super::rng::SeedRng;
use super::words;
use crate::partner::{PartnerState, SeedOpportunity};

/// Partner Central's stages, in order.
pub(super) const STAGES: &[&str] = &[
    "Prospect",
    "Qualified",
    "Technical Validation",
    "Business Validation",
    "Committed",
    "Launched",
    "Closed Lost",
];

const LOST_REASONS: &[&str] = &[
    "Customer Deficiency",
    "Delay / Cancellation of Project",
    "Lost to Competitor - Other",
    "Price",
];

/// What the opportunities came to.
#[derive(Debug, Default)]
pub(super) struct Made {
    pub by_stage: BTreeMap<&'static str, usize>,
    pub with_offer: usize,
    pub sample: Vec<String>,
}

/// Makes `n` opportunities owned by `account`, created over the last year.
pub(super) fn seed(
    state: &mut PartnerState,
    rng: &mut SeedRng,
    (account, now): (&str, DateTime<Utc>),
    offers: &[Offer],
    n: usize,
) -> Made {
    let private: Vec<&Offer> = offers.iter().filter(|o| o.buyer.is_some()).collect();
    let mut made = Made::default();
    for i in 0..n {
        // The first seven take one stage each, so even a small world has them all.
        let stage = match STAGES.get(i) {
            Some(stage) => *stage,
            None => *rng.pick(STAGES),
        };
        let created = now - Duration::days(rng.between(1, 365)) - Duration::minutes(i as i64);
        let modified = (created + Duration::days(rng.between(0, 30))).min(now);
        let input = body(i, stage, rng, now);
        let review_status = match stage {
            "Prospect" if rng.chance(0.5) => "Pending Submission",
            _ => "Approved",
        };
        let offer =
            (matches!(stage, "Committed" | "Launched") && !private.is_empty() && rng.chance(0.7))
                .then(|| rng.pick(&private).id.clone());
        made.with_offer += usize::from(offer.is_some());
        let seed = SeedOpportunity {
            input,
            review_status,
            offer,
            created,
            modified,
        };
        let id = state.seed_opportunity(account, seed, &mut || format!("O{}", rng.digits(7)));
        *made.by_stage.entry(stage).or_default() += 1;
        if made.sample.len() < 5 {
            made.sample.push(id);
        }
    }
    made
}

/// The CreateOpportunity body the opportunity came from, at `stage`.
fn body(i: usize, stage: &str, rng: &mut SeedRng, now: DateTime<Utc>) -> Value {
    let company = words::company(i);
    let (city, region, postal) = *rng.pick(words::PLACES);
    let close = now + Duration::days(rng.between(-60, 270));
    let mut life_cycle = json!({"Stage": stage,
        "TargetCloseDate": close.format("%Y-%m-%d").to_string(),
        "NextSteps": "Send the private offer"});
    if stage == "Closed Lost" {
        life_cycle["ClosedLostReason"] = json!(rng.pick(LOST_REASONS));
    }
    let spend = format!("{}", rng.between(5, 200) * 100);
    json!({"Origin": "Partner Referral", "OpportunityType": "Net New Business",
        "PrimaryNeedsFromAws": ["Co-Sell - Architectural Validation"], "NationalSecurity": "No",
        "PartnerOpportunityIdentifier": format!("seed-{i}"),
        "Customer": {"Account": {"CompanyName": company, "Industry": rng.pick(words::INDUSTRIES),
            "WebsiteUrl": words::website(&company),
            "Address": {"CountryCode": "US", "PostalCode": postal, "StateOrRegion": region, "City": city}}},
        "Project": {"Title": format!("{company} rollout"),
            "CustomerBusinessProblem": format!("{company} needs a managed service across its accounts without running servers."),
            "CustomerUseCase": "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI",
            "DeliveryModels": ["SaaS or PaaS"],
            "ExpectedCustomerSpend": [{"Amount": spend, "CurrencyCode": "USD", "Frequency": "Monthly", "TargetCompany": "AWS"}],
            "SalesActivities": ["Initialized discussions with customer"]},
        "LifeCycle": life_cycle, "Marketing": {"Source": "None"}})
}
