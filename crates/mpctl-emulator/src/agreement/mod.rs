//! Emulated AWS Marketplace Agreement API, served over awsJson1_0 (boto3, AWS CLI) and Smithy
//! RPCv2 CBOR (the Rust SDK); the router and `cbor` module handle the wire, this module the data.
//!
//! Agreements come from emulated buyers accepting released private offers (`accept`, the
//! stand-in for a human buyer) or from buyers using the buyer operations (`buyer`:
//! CreateAgreementRequest, AcceptAgreementRequest, GetAgreementEntitlements; requests kept in
//! `requests`). The seller side reads them: SearchAgreements (`search`), DescribeAgreement and
//! GetAgreementTerms. The caller's account comes from its access key (see
//! `discovery::visibility`).
//!
//! Submodules: `store` (agreements), `accept` (offer → agreement), `terms` (Catalog terms →
//! accepted terms), `charges` + `money` (estimated charges), `time` (instants and durations),
//! `search`, `paging`, `view` (output shapes), `input` (request members and errors); for buyers
//! `buyer` (create and accept agreement requests), `proposal` (their shared checks), `requests`
//! (stored requests) and `entitlements`.

mod accept;
mod buyer;
mod charges;
mod entitlements;
mod input;
mod money;
mod paging;
mod proposal;
pub mod requests;
mod search;
mod store;
mod terms;
mod time;
mod view;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

pub use store::AgreementState;

use super::catalog::CatalogState;
use super::clock::Timings;
use super::wire::{ApiError, OpResult};
use super::world::World;

/// [I] Page size of GetAgreementTerms when `maxResults` is absent (the model's maximum).
const DEFAULT_TERMS_PAGE: usize = 50;

impl AgreementState {
    /// Accepts private offers whose acceptance is due and expires agreements past their end.
    pub fn advance(&mut self, now: DateTime<Utc>, timings: &Timings, catalog: &CatalogState) {
        accept::accept_due(self, &catalog.offers(), now, timings);
        self.expire(now);
    }
}

impl AgreementState {
    /// The buyer account of an agreement.
    pub fn acceptor_of(&self, agreement_id: &str) -> Option<String> {
        self.get(agreement_id).map(|a| a.acceptor.clone())
    }

    /// The product ids an agreement covers.
    pub fn products_of(&self, agreement_id: &str) -> Vec<String> {
        self.get(agreement_id)
            .map(|a| a.resources.iter().map(|r| r.id.clone()).collect())
            .unwrap_or_default()
    }
}

/// An offer's Catalog terms as `A:AcceptedTerm`-style unions with stable ids (Discovery's
/// GetOfferTerms hands out the same ids).
pub fn offer_terms(offer_id: &str, catalog_terms: &[Value]) -> Vec<Value> {
    terms::accepted_terms(offer_id, catalog_terms)
}

/// Runs one Agreement operation as `caller` (an account id).
pub fn handle(
    world: &mut World,
    op: &str,
    input: &Value,
    now: DateTime<Utc>,
    caller: &str,
) -> OpResult {
    match op {
        "CreateAgreementRequest" => return buyer::create(world, input, caller, now),
        "AcceptAgreementRequest" => return buyer::accept_request(world, input, caller, now),
        "GetAgreementEntitlements" => return entitlements::get(world, input, caller, now),
        _ => {}
    }
    let state = &world.agreement;
    match op {
        "SearchAgreements" => search::search_agreements(state, input, caller),
        "DescribeAgreement" => describe_agreement(state, input, caller),
        "GetAgreementTerms" => get_agreement_terms(state, input, caller),
        _ => Err(ApiError::new(
            400,
            "UnknownOperationException",
            format!("The operation {op} is not supported by the emulator."),
        )),
    }
}

fn describe_agreement(state: &AgreementState, input: &Value, caller: &str) -> OpResult {
    let id = input::agreement_id(input)?;
    Ok(view::describe(state.party_view(id, caller)?))
}

fn get_agreement_terms(state: &AgreementState, input: &Value, caller: &str) -> OpResult {
    let id = input::agreement_id(input)?;
    let max = input::max_results(input, DEFAULT_TERMS_PAGE)?;
    let agreement = state.party_view(id, caller)?;
    let (page, next) = paging::page(&agreement.terms, input, max)?;
    let mut out = json!({ "acceptedTerms": page });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
