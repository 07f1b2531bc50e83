//! Seeded agreements: one by each private offer's buyer, the rest on public offers by buyers of
//! the pool; most ACTIVE with end dates spread over the next two years (some within 30 days,
//! more within 90), a share EXPIRED, CANCELLED, or renewed in place.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::offers::Offer;
use super::rng::SeedRng;
use crate::agreement::{AgreementState, Fate};
use crate::catalog::CatalogState;

/// What the agreements came to.
#[derive(Debug, Default)]
pub(super) struct Made {
    pub count: usize,
    pub active: usize,
    pub expired: usize,
    pub cancelled: usize,
    pub renewed: usize,
    pub ending_within_30_days: usize,
    pub ending_within_90_days: usize,
    pub sample: Vec<String>,
}

impl Made {
    pub fn to_json(&self) -> Value {
        json!({"count": self.count, "active": self.active, "expired": self.expired,
            "cancelled": self.cancelled, "renewed": self.renewed,
            "endingWithin30Days": self.ending_within_30_days,
            "endingWithin90Days": self.ending_within_90_days, "sample": self.sample})
    }
}

/// Makes `n` agreements on `offers`; public ones are bought by `buyers`.
pub(super) fn seed(
    (state, catalog): (&mut AgreementState, &CatalogState),
    rng: &mut SeedRng,
    (offers, buyers): (&[Offer], &[String]),
    n: usize,
    now: DateTime<Utc>,
) -> Result<Made, String> {
    let private: Vec<&Offer> = offers.iter().filter(|o| o.buyer.is_some()).collect();
    let public: Vec<&Offer> = offers.iter().filter(|o| o.buyer.is_none()).collect();
    let mut made = Made::default();
    for j in 0..n {
        let (offer, buyer) = match private.get(j) {
            Some(o) => (*o, o.buyer.clone().unwrap_or_default()),
            None if !public.is_empty() => (public[j % public.len()], rng.pick(buyers).clone()),
            None => return Err("no offer left to accept".into()),
        };
        let view = catalog
            .seeded_offer(&offer.id)
            .ok_or_else(|| format!("seeded offer {} is missing", offer.id))?;
        let id = format!("agmt-{}", rng.alnum(25));
        let fate = fate(j, rng);
        if made.sample.len() < 5 {
            made.sample.push(id.clone());
        }
        let (status, end, renewed) = state.seed_agreement(&view, (&buyer, id), fate, now);
        count(&mut made, status, end, now, renewed);
    }
    Ok(made)
}

/// The `j`-th agreement's fate: every twentieth ends within 30 days and the next within 90, so a
/// small world has some too; the rest are drawn.
fn fate(j: usize, rng: &mut SeedRng) -> Fate {
    let ends_in_days = match j % 20 {
        0 => rng.between(1, 29),
        1 => rng.between(30, 89),
        _ => rng.between(1, 730),
    };
    match rng.below(100) {
        0..=9 if j % 20 > 1 => Fate::Expired {
            ended_days_ago: rng.between(1, 400),
        },
        10..=14 if j % 20 > 1 => Fate::Cancelled {
            ends_in_days,
            cancelled_days_ago: rng.between(1, 120),
        },
        15..=22 => Fate::Renewed {
            ends_in_days: ends_in_days.min(365),
        },
        _ => Fate::Active { ends_in_days },
    }
}

fn count(made: &mut Made, status: &str, end: DateTime<Utc>, now: DateTime<Utc>, renewed: bool) {
    made.count += 1;
    match status {
        "ACTIVE" => {
            made.active += 1;
            if end <= now + Duration::days(30) {
                made.ending_within_30_days += 1;
            }
            if end <= now + Duration::days(90) {
                made.ending_within_90_days += 1;
            }
        }
        "EXPIRED" => made.expired += 1,
        _ => made.cancelled += 1,
    }
    made.renewed += usize::from(renewed && status == "ACTIVE");
}
