//! `emulator seed catalog` on the emulator's side (`POST /__mpctl/seed/catalog`,
//! `Handle::seed_catalog`): a seller's real size on demand — released SaaS products, public and
//! private offers with varied terms, agreements on them by many buyers with end dates spread
//! over the next two years, and opportunities in every stage — in one admin request under the
//! world lock.
//!
//! Each record is made by the constructor its operation uses (the change-type effects, the
//! buyer's acceptance, CreateOpportunity's `Opportunity::new`), through the small seeding entry
//! points each service keeps in its own `seed.rs`, so every API reads it as if it had been made
//! through change sets and acceptances. Deterministic: every choice comes from one generator
//! seeded by the request's `seed`, and every instant from the request's `now`. No events: AWS
//! announces changes, not history.
//!
//! Submodules: `request` (the counts and their checks), `rng`, `words` (names), and one per
//! record kind: `products`, `offers`, `agreements`, `opportunities`.

mod agreements;
mod offers;
mod opportunities;
mod products;
mod request;
mod rng;
mod words;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

pub use request::CatalogSeed;

use crate::world::World;
use rng::SeedRng;

/// Why a seeding was refused (nothing was made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedError {
    /// The request is malformed (HTTP 400).
    Invalid(String),
    /// The same seed already seeded this world (HTTP 409).
    Conflict(String),
}

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeedError::Invalid(m) | SeedError::Conflict(m) => f.write_str(m),
        }
    }
}

/// How long ago the seeded catalog was first published: long enough that agreements accepted
/// up to three terms ago (renewed, expired) were accepted after their offer was released.
const CATALOG_AGE_DAYS: i64 = 6 * 365;

/// Why `request` would make nothing in `world` (a bad request, or its seed already ran here),
/// checked before anything changes or is logged.
pub(crate) fn preflight(world: &World, request: &CatalogSeed) -> Result<(), SeedError> {
    request.check().map_err(SeedError::Invalid)?;
    if request.products > 0 {
        // The first draw is the first product's id: taken means this seed already ran here.
        let first = format!("prod-{}", SeedRng::new(request.seed).alnum(13));
        if world.catalog.has_entity(&first) {
            return Err(SeedError::Conflict(format!(
                "seed {} already seeded this emulator (product {first} exists); pass another seed",
                request.seed
            )));
        }
    }
    Ok(())
}

/// Seeds `world` as `request` says, at `now`; `seller` owns it unless the request names an
/// account. Returns the counts and a few sample ids.
pub(crate) fn run(
    world: &mut World,
    request: &CatalogSeed,
    seller: &str,
    now: DateTime<Utc>,
) -> Result<Value, SeedError> {
    preflight(world, request)?;
    let account = request.account.as_deref().unwrap_or(seller);
    let mut rng = SeedRng::new(request.seed);
    let start = now - Duration::days(CATALOG_AGE_DAYS);
    let products = products::seed(
        &mut world.catalog,
        &mut rng,
        account,
        request.products,
        start,
    )
    .map_err(SeedError::Invalid)?;
    let buyers = buyer_pool(&mut rng, account, request.agreements);
    let private: Vec<String> = (0..private_offers(request))
        .map(|_| rng.pick(&buyers).clone())
        .collect();
    let offers = offers::seed(
        &mut world.catalog,
        &mut rng,
        (account, now),
        &products,
        (request.offers, &private),
    )
    .map_err(SeedError::Invalid)?;
    let agreements = agreements::seed(
        (&mut world.agreement, &world.catalog),
        &mut rng,
        (&offers, &buyers),
        request.agreements,
        now,
    )
    .map_err(SeedError::Invalid)?;
    let opportunities = opportunities::seed(
        &mut world.partner,
        &mut rng,
        (account, now),
        &offers,
        request.opportunities,
    );
    let sample = |ids: Vec<&String>| ids.into_iter().take(5).cloned().collect::<Vec<_>>();
    let private_sample: Vec<Value> = (offers.iter())
        .filter_map(|o| Some(json!({"offerId": o.id, "buyerAccount": o.buyer.as_ref()?})))
        .take(5)
        .collect();
    Ok(json!({
        "account": account,
        "seed": request.seed,
        "now": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "buyerAccounts": buyers.len(),
        "products": {"count": products.len(), "sample": sample(products.iter().map(|p| &p.id).collect())},
        "offers": {"count": offers.len(), "public": offers.len() - private.len(), "private": private.len(),
            "sample": sample(offers.iter().filter(|o| o.buyer.is_none()).map(|o| &o.id).collect()),
            "privateSample": private_sample},
        "agreements": agreements.to_json(),
        "opportunities": {"count": request.opportunities, "catalog": "AWS",
            "byStage": opportunities.by_stage, "withOffer": opportunities.with_offer,
            "sample": opportunities.sample},
    }))
}

/// How many offers are private: about half, each bought by its buyer (so at most one per
/// agreement), and at least one offer stays public.
fn private_offers(request: &CatalogSeed) -> usize {
    if request.agreements == 0 || request.offers < 2 {
        return 0;
    }
    (request.offers * 11 / 20)
        .max(1)
        .min(request.agreements)
        .min(request.offers - 1)
}

/// The buyers' accounts: about one per three agreements (buyers come back), 12 digits, never
/// the seller's.
fn buyer_pool(rng: &mut SeedRng, seller: &str, agreements: usize) -> Vec<String> {
    let n = (agreements / 3).clamp(20, 20_000);
    let mut pool = Vec::with_capacity(n);
    while pool.len() < n {
        let account = format!("{}{}", 1 + rng.below(9), rng.digits(11));
        if account != seller {
            pool.push(account);
        }
    }
    pool
}
