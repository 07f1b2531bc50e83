//! AWS-format identifiers and ARNs for emulated resources, and the one source of randomness
//! the world may use.
//!
//! The determinism rule: a handler or a lifecycle never draws its own random numbers and never
//! reads the wall clock. Every random choice goes through this module, which draws from the
//! request's RNG — seeded from the seed the store logs with the request (see [`with_seed`]) —
//! so replaying the log rebuilds the same world, ids included. `tests/store/` enforces it.

use std::cell::RefCell;

use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};

thread_local! {
    /// The RNG of the request this thread is running (the world lock is held meanwhile).
    static REQUEST_RNG: RefCell<Option<StdRng>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's random choices drawn from `seed` (one request, live or replayed);
/// the previous RNG is restored after.
pub fn with_seed<R>(seed: u64, f: impl FnOnce() -> R) -> R {
    let previous = REQUEST_RNG.with(|r| r.replace(Some(StdRng::seed_from_u64(seed))));
    let out = f();
    REQUEST_RNG.with(|r| *r.borrow_mut() = previous);
    out
}

/// A fresh seed for a new request (the only draw not taken from a request's RNG).
pub fn new_seed() -> u64 {
    rand::rng().next_u64()
}

/// Fills `buf` from the request's RNG; outside a request (unit tests), from the thread's RNG.
fn fill(buf: &mut [u8]) {
    REQUEST_RNG.with(|r| match r.borrow_mut().as_mut() {
        Some(rng) => rng.fill_bytes(buf),
        None => rand::rng().fill_bytes(buf),
    })
}

/// A uniformly drawn index below `n`, from the request's RNG.
fn below(n: usize) -> usize {
    REQUEST_RNG.with(|r| match r.borrow_mut().as_mut() {
        Some(rng) => rng.random_range(0..n),
        None => rand::rng().random_range(0..n),
    })
}

/// A random (version 4) UUID, e.g. an event's or an error's `requestId`.
pub fn uuid() -> String {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The seller account the emulator acts as (AWS's documentation example account).
pub const SELLER_ACCOUNT: &str = "123456789012";

/// [`SELLER_ACCOUNT`] as an owned default (for data saved before ownership was recorded).
pub fn seller_account() -> String {
    SELLER_ACCOUNT.to_string()
}

/// The region in emulated ARNs.
pub const REGION: &str = "us-east-1";

const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `n` random lowercase alphanumerics, the alphabet of Catalog and Agreement ids.
pub fn alnum(n: usize) -> String {
    (0..n).map(|_| ALNUM[below(ALNUM.len())] as char).collect()
}

/// `n` random decimal digits (Partner Central ids such as `O1234567`).
pub fn digits(n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + below(10) as u8)).collect()
}

/// A Catalog ARN: `arn:aws:aws-marketplace:us-east-1:<acct>:AWSMarketplace/<kind>/<id>`.
pub fn catalog_arn(account: &str, kind: &str, id: &str) -> String {
    format!("arn:aws:aws-marketplace:{REGION}:{account}:AWSMarketplace/{kind}/{id}")
}

/// The account an ARN belongs to (its fifth field); Catalog resources are owned by the
/// account in their ARN, so the emulator stores ownership nowhere else.
pub fn arn_account(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or_default()
}

/// A Partner Central ARN for a resource in a catalog, owned by `account` (the partner account
/// that created or received it, as on AWS).
pub fn partner_arn(account: &str, catalog: &str, kind: &str, id: &str) -> String {
    format!("arn:aws:partnercentral:{REGION}:{account}:catalog/{catalog}/{kind}/{id}")
}
