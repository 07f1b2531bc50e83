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
//! (stored requests) and `entitlements`; the seller's cancellation requests and the buyer's
//! answers in `cancellation` (data, clock), `cancel_ops` (writes) and `cancel_read` (Get, List).
//!
//! Post-sale money (aws-postsale.md): `ledger` (charges, invoices, credit memos, usage: data)
//! and `invoices` (charges come due and are invoiced on the clock; the metered-usage hook);
//! refunds in `billing_data`, `billing` (BatchCreate, the clock) and `billing_read` (Get, List),
//! with ListAgreementInvoiceLineItems in `invoice_read`; payment requests in `payment_data`,
//! `payment_requests` (writes, auto-approval) and `payment_read` (Get, List); the buyer's
//! ListAgreementCharges and UpdatePurchaseOrders in `purchase_orders`, CancelAgreement in
//! `buyer_cancel`.

mod accept;
mod billing;
mod billing_data;
mod billing_read;
mod buyer;
mod buyer_cancel;
mod cancel_data;
mod cancel_ops;
mod cancel_read;
mod cancellation;
mod charges;
mod entitlements;
mod events;
mod input;
mod invoice_read;
mod invoices;
mod ledger;
mod money;
mod paging;
mod payment_data;
mod payment_read;
mod payment_requests;
mod proposal;
mod purchase_orders;
pub mod requests;
mod search;
mod seed;
mod store;
mod terms;
mod time;
mod view;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

pub(crate) use seed::Fate;
pub use store::AgreementState;

use super::clock::Timings;
use super::outbox::Outbox;
use super::service::{not_served, Operation as Op, Table};
use super::views::{AgreementRef, Agreements, OfferView, Offers, PurchaseView};
use super::wire::{ApiError, OpResult};

/// [I] Page size of GetAgreementTerms when `maxResults` is absent (the model's maximum).
const DEFAULT_TERMS_PAGE: usize = 50;

impl AgreementState {
    /// Accepts private offers whose acceptance is due, approves cancellation requests the buyer
    /// left unanswered for 7 days, expires agreements past their end, and fails the pending
    /// cancellation requests of agreements no longer ACTIVE; then auto-approves payment
    /// requests whose expiration passed, invoices the charges that came due, and processes
    /// pending billing adjustments. Whether anything changed.
    pub fn advance(
        &mut self,
        now: DateTime<Utc>,
        timings: &Timings,
        offers: &dyn Offers,
        outbox: &mut Outbox,
    ) -> bool {
        let mut changed = accept::advance(self, offers, now, timings, outbox);
        changed |= cancellation::approve_due(self, now, outbox);
        for ended in self.expire(now, &mut changed) {
            events::ended(outbox, ended, ended.end_time);
        }
        changed |= cancellation::fail_inactive(self, outbox);
        changed |= payment_requests::advance(self, now);
        changed |= invoices::advance(self, now);
        changed |= billing::advance(self, now, timings.task_seconds, outbox);
        changed
    }
}

/// What the other services read of the agreements.
impl Agreements for AgreementState {
    fn agreement_ref(&self, id: &str, caller: &str) -> Option<AgreementRef> {
        let a = self.party_view(id, caller).ok()?;
        Some(AgreementRef {
            id: a.id.clone(),
            status: a.status.as_str().to_string(),
            acceptor: a.acceptor.clone(),
            product_id: a.resources.first().map(|r| r.id.clone()),
        })
    }

    fn acceptor_of(&self, agreement_id: &str) -> Option<String> {
        self.get(agreement_id).map(|a| a.acceptor.clone())
    }

    fn products_of(&self, agreement_id: &str) -> Vec<String> {
        self.get(agreement_id)
            .map(|a| a.resources.iter().map(|r| r.id.clone()).collect())
            .unwrap_or_default()
    }

    fn purchases_of(&self, product_id: &str) -> Vec<PurchaseView<'_>> {
        (self.all().iter())
            .filter(|a| a.resources.iter().any(|r| r.id == product_id))
            .map(|a| PurchaseView {
                id: &a.id,
                acceptor: &a.acceptor,
                active: a.status == store::Status::Active,
                ended_at: (a.status != store::Status::Active).then_some(a.last_update_time),
                start_time: a.start_time,
                end_time: a.end_time,
                terms: &a.terms,
            })
            .collect()
    }
}

/// An offer's Catalog terms as Discovery/Agreement term unions (one camelCase key each), with
/// the stable ids agreements made from the offer carry.
pub fn terms_of(offer: &OfferView<'_>) -> Vec<Value> {
    let terms = offer
        .document
        .get("Terms")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    terms::accepted_terms(offer.id, terms)
}

/// What an Agreement operation may touch: this service's state, the Catalog's offers
/// (read-only), the outbox, the timings, and the request's instant and account.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut AgreementState,
    pub offers: &'a dyn Offers,
    pub outbox: &'a mut Outbox,
    pub timings: Timings,
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
        Op::write("CreateAgreementRequest", buyer::create),
        Op::write("AcceptAgreementRequest", buyer::accept_request),
        Op::read("GetAgreementEntitlements", entitlements::get),
        Op::read("SearchAgreements", |c, i| {
            search::search_agreements(c.state, i, c.caller)
        }),
        Op::read("DescribeAgreement", describe_agreement),
        Op::read("GetAgreementTerms", get_agreement_terms),
        Op::write("SendAgreementCancellationRequest", cancel_ops::send),
        Op::read("GetAgreementCancellationRequest", cancel_read::get),
        Op::read("ListAgreementCancellationRequests", cancel_read::list),
        Op::write("CancelAgreementCancellationRequest", cancel_ops::withdraw),
        Op::write("AcceptAgreementCancellationRequest", cancel_ops::accept),
        Op::write("RejectAgreementCancellationRequest", cancel_ops::reject),
        Op::write("BatchCreateBillingAdjustmentRequest", billing::batch_create),
        Op::read("GetBillingAdjustmentRequest", billing_read::get),
        Op::read("ListBillingAdjustmentRequests", billing_read::list),
        Op::read("ListAgreementInvoiceLineItems", invoice_read::list),
        Op::write("SendAgreementPaymentRequest", payment_requests::send),
        Op::read("GetAgreementPaymentRequest", payment_read::get),
        Op::read("ListAgreementPaymentRequests", payment_read::list),
        Op::write("CancelAgreementPaymentRequest", payment_requests::cancel),
        Op::write("AcceptAgreementPaymentRequest", payment_requests::accept),
        Op::write("RejectAgreementPaymentRequest", payment_requests::reject),
        Op::read("ListAgreementCharges", purchase_orders::list),
        Op::write("UpdatePurchaseOrders", purchase_orders::update),
        Op::write("CancelAgreement", buyer_cancel::cancel),
    ],
    timestamps: TIMESTAMP_MEMBERS,
    unknown: |request| ApiError::new(400, "UnknownOperationException", not_served(request)),
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

impl AgreementState {
    /// DescribeAgreement's output for `caller`, for other services that read an agreement.
    pub fn describe(&self, id: &str, caller: &str) -> OpResult {
        Ok(view::describe(self.party_view(id, caller)?))
    }
}

fn describe_agreement(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = input::agreement_id(input)?;
    ctx.state.describe(id, ctx.caller)
}

fn get_agreement_terms(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&*ctx.state, ctx.caller);
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
mod postsale_tests;
#[cfg(test)]
mod tests;
