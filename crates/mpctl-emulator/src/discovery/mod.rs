//! Emulated AWS Marketplace Discovery (rest-json, `POST /2026-02-05/<operation>`): the buyer's
//! view of the Catalog's released products, listings, offers and offer sets. GetOffer gives the
//! offer's current agreement proposal id; GetOfferTerms its terms with the ids
//! CreateAgreementRequest asks for.
//!
//! Submodules: `visibility` (the caller's account), `access` (which products, listings and
//! offer sets the caller sees), `describe` (answer pieces from Catalog documents), `paging`;
//! handlers: `offer` (GetOffer), `terms` (GetOfferTerms), `product` (GetProduct), `listing`
//! (GetListing), `offer_set` (GetOfferSet), `fulfillment` (ListFulfillmentOptions),
//! `purchase_options` (ListPurchaseOptions), `search` (SearchListings), `facets`
//! (SearchFacets). Who may see an offer and its proposal ids are `offering`'s rules, shared with
//! the Agreement service. Handlers read the Catalog's offers and products and the agreements
//! through read-only views.
//!
//! [I] Offers past their availability end date are still returned (with `expirationTime`):
//! accepting them fails with `EXPIRED_AGREEMENT_PROPOSAL`.

pub mod access;
pub mod describe;
pub mod facets;
pub mod fulfillment;
pub mod listing;
pub mod offer;
pub mod offer_set;
pub mod paging;
pub mod product;
pub mod purchase_options;
pub mod search;
pub mod terms;
pub mod visibility;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::service::model::Model;
use super::service::{first_violation, not_served, Operation as Op, Table};
use super::views::{Agreements, Offers};
use super::wire::{ApiError, OpResult};

/// The URI prefix of every Discovery operation.
pub const PATH_PREFIX: &str = "/2026-02-05/";

/// `getOffer` (URI segment) → `GetOffer` (operation name).
pub fn operation_name(segment: &str) -> String {
    let mut c = segment.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// What a Discovery operation may read: the Catalog's offers and the agreements (read-only), the
/// request's instant and the calling account.
pub(crate) struct Ctx<'a> {
    pub offers: &'a dyn Offers,
    pub agreements: &'a dyn Agreements,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// A Discovery handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Discovery,
    model: &MODEL,
    operations: &[
        Op::read("GetOffer", offer::get_offer),
        Op::read("GetOfferTerms", terms::get_offer_terms),
        Op::read("GetListing", listing::get_listing),
        Op::read("GetOfferSet", offer_set::get_offer_set),
        Op::read("GetProduct", product::get_product),
        Op::read(
            "ListFulfillmentOptions",
            fulfillment::list_fulfillment_options,
        ),
        Op::read(
            "ListPurchaseOptions",
            purchase_options::list_purchase_options,
        ),
        Op::read("SearchFacets", facets::search_facets),
        Op::read("SearchListings", search::search_listings),
    ],
    timestamps: &[],
    unknown: |request| ApiError::new(404, "UnknownOperationException", not_served(request)),
    invalid: |violations| {
        let message = first_violation(violations);
        invalid("MALFORMED_REQUEST_PARAMETERS", message)
    },
};

/// The embedded botocore model (`marketplace-discovery` 2026-02-05).
static MODEL: Model = Model::new(include_str!("service-2.json"), &[]);

/// A `ValidationException` with its `reason`.
pub(crate) fn invalid(reason: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(message).with("reason", reason)
}

/// The required `offerId`.
pub(crate) fn offer_id(input: &Value) -> Result<&str, ApiError> {
    input
        .get("offerId")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid("MALFORMED_REQUEST_PARAMETERS", "offerId is required."))
}
