//! Partner Central's part of `emulator seed catalog`: an opportunity made by the constructor
//! CreateOpportunity uses (`Opportunity::new`), at a stage and review status it would have
//! reached through updates and AWS's review, optionally associated with a Marketplace offer. No
//! event and no idempotency token: seeded opportunities are history.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::catalog_name::CatalogName;
use super::opportunity::Opportunity;
use super::PartnerState;

/// One opportunity to seed.
pub(crate) struct SeedOpportunity<'a> {
    /// The CreateOpportunity body it was created from (`LifeCycle.Stage` included).
    pub input: Value,
    pub review_status: &'a str,
    /// An offer it is associated with (`AwsMarketplaceOffers`).
    pub offer: Option<String>,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
}

impl PartnerState {
    /// Adds the opportunity to `account`'s AWS catalog under an id `fresh_id` draws (`O` + 7
    /// digits, drawn again if taken); returns the id.
    pub(crate) fn seed_opportunity(
        &mut self,
        account: &str,
        seed: SeedOpportunity<'_>,
        fresh_id: &mut dyn FnMut() -> String,
    ) -> String {
        let data = self.data(account, CatalogName::Aws);
        let id = loop {
            let id = fresh_id();
            if !data.opportunities.contains_key(&id) {
                break id;
            }
        };
        let mut o = Opportunity::new(
            account,
            id.clone(),
            CatalogName::Aws,
            &seed.input,
            seed.created,
        );
        o.review.status = seed.review_status.to_string();
        if let Some(offer) = seed.offer {
            o.related
                .insert("AwsMarketplaceOffers".to_string(), vec![offer]);
        }
        o.modified = seed.modified;
        data.opportunities.insert(id.clone(), o);
        id
    }
}
