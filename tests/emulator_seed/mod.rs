//! `emulator seed catalog`: a seller's real size on demand. Through the Rust SDK (`apis`): the
//! counts the summary states are what SearchAgreements, ListEntities and ListOpportunities
//! return, end dates spread, private offers seen in Discovery by their buyer only, the same seed
//! makes the same ids, no events. Through the built binary (`cli`): the summary, JSON, bad flags
//! (exit 2, nothing sent) and remote callers refused.

mod apis;
mod cli;

use mpctl_emulator::CatalogSeed;

/// A small world every test here seeds (big enough for every stage and both visibilities).
pub fn small(seed: u64) -> CatalogSeed {
    CatalogSeed {
        products: 6,
        offers: 40,
        agreements: 120,
        opportunities: 30,
        seed,
        account: None,
    }
}
