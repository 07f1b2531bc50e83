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
mod events;
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
use super::outbox::Outbox;
use super::service::{Operation as Op, Request, Table};
use super::wire::{ApiError, OpResult};
use super::world::World;

/// [I] Page size of GetAgreementTerms when `maxResults` is absent (the model's maximum).
const DEFAULT_TERMS_PAGE: usize = 50;

impl AgreementState {
    /// Accepts private offers whose acceptance is due and expires agreements past their end.
    pub fn advance(
        &mut self,
        now: DateTime<Utc>,
        timings: &Timings,
        catalog: &CatalogState,
        outbox: &mut Outbox,
    ) {
        accept::accept_due(self, &catalog.offers(), now, timings, outbox);
        self.expire(now, outbox);
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

/// What an Agreement operation may touch (the request's instant and account with the world).
pub(crate) struct Ctx<'a> {
    pub world: &'a mut World,
    pub now: DateTime<Utc>,
    pub caller: &'a str,
}

/// An Agreement handler.
pub(crate) type Handler = fn(&mut Ctx, &Value) -> OpResult;

/// The operations the emulator serves.
pub(crate) static TABLE: Table<Handler> = Table {
    api: mpctl_facts::Api::Agreement,
    model: &input::MODEL,
    operations: &[
        Op::write("CreateAgreementRequest", |c, i| {
            buyer::create(c.world, i, c.caller, c.now)
        }),
        Op::write("AcceptAgreementRequest", |c, i| {
            buyer::accept_request(c.world, i, c.caller, c.now)
        }),
        Op::read("GetAgreementEntitlements", |c, i| {
            entitlements::get(c.world, i, c.caller, c.now)
        }),
        Op::read("SearchAgreements", |c, i| {
            search::search_agreements(&c.world.agreement, i, c.caller)
        }),
        Op::read("DescribeAgreement", describe_agreement),
        Op::read("GetAgreementTerms", get_agreement_terms),
    ],
    timestamps: TIMESTAMP_MEMBERS,
    unknown: |request| {
        ApiError::new(
            400,
            "UnknownOperationException",
            format!(
                "The operation {} is not supported by the emulator.",
                request.op
            ),
        )
    },
    invalid: input::model_invalid,
};

/// Agreement members whose shape is `Timestamp` (outputs and inputs): the CBOR encoder tags
/// them (see `cbor`). Naming by member is sound for this service: every one of these names is a
/// `Timestamp` wherever it occurs, both in the botocore model (2020-03-01) and in the
/// aws-sdk-marketplaceagreement 1.124 decoders, and the model has no map shapes (whose
/// user-chosen keys could collide). A test checks the list against the model.
const TIMESTAMP_MEMBERS: &[&str] = &[
    "acceptanceTime",
    "afterIssuedTime",
    "agreementEndDate",
    "agreementStartDate",
    "beforeIssuedTime",
    "chargeDate",
    "createdAfter",
    "createdAt",
    "createdBefore",
    "endTime",
    "issuedTime",
    "lastUpdateTime",
    "startTime",
    "time",
    "updatedAt",
];

/// Runs one Agreement operation as the request's caller (an account id).
pub fn handle(world: &mut World, request: &Request) -> OpResult {
    let run = TABLE.prepare(request)?;
    let mut ctx = Ctx {
        world,
        now: request.now,
        caller: request.caller,
    };
    run(&mut ctx, request.input)
}

impl AgreementState {
    /// DescribeAgreement's output for `caller`, for other services that read an agreement.
    pub fn describe(&self, id: &str, caller: &str) -> OpResult {
        Ok(view::describe(self.party_view(id, caller)?))
    }
}

fn describe_agreement(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = input::agreement_id(input)?;
    ctx.world.agreement.describe(id, ctx.caller)
}

fn get_agreement_terms(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&ctx.world.agreement, ctx.caller);
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
