//! The buyer's Agreement operations: CreateAgreementRequest (intent `NEW` or `REPLACE`),
//! AcceptAgreementRequest, with the model's ValidationException reasons (`MISSING_INTENT`,
//! `EXPIRED_AGREEMENT_PROPOSAL`, `SUPERSEDED_AGREEMENT_PROPOSAL`, `INVALID_REQUESTED_TERM_ID`,
//! `MISSING_MANDATORY_TERMS`, `INACTIVE_AGREEMENT`, …). The shared checks are in `proposal`,
//! GetAgreementEntitlements in `entitlements`.
//!
//! [I] choices where the sources are silent:
//! - `AMEND` is not emulated (`UNSUPPORTED_ACTION`).
//! - Every offer term but the RenewalTerm must be requested (`MISSING_MANDATORY_TERMS`).
//! - A buyer with an ACTIVE agreement on the offer cannot create a NEW one (`ConflictException`).
//! - A replacement offer (one with `AgreementId`) only takes `REPLACE` of that agreement; REPLACE
//!   may also move a buyer from one ordinary offer to another of the same seller (the free trial
//!   → contract-with-consumption case).
//! - Accepting an already accepted request returns its agreement again (idempotent retry).

use serde_json::{json, Value};

use super::accept;
use super::input::{invalid, opt_str};
use super::proposal::{
    expired, proposal_offer, request_not_found, requested_terms, term_id_and_type,
    variable_payment_configuration,
};
use super::requests::{AgreementRequest, Requests};
use super::store::AgreementState;
use super::store::Status;
use super::Ctx;
use crate::ids;
use crate::offering;
use crate::views::OfferView;
use crate::wire::{ApiError, OpResult};

/// CreateAgreementRequest.
pub(super) fn create(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (offers, caller, now) = (ctx.offers, ctx.caller, ctx.now);
    let token = opt_str(input, "clientToken", "INVALID_CLIENT_TOKEN")?
        .map(|t| Requests::token_key(caller, t));
    if let Some(id) = token
        .as_ref()
        .and_then(|k| ctx.state.requests.tokens.get(k))
    {
        if let Some(r) = ctx.state.requests.get(id) {
            return Ok(r.output.clone());
        }
    }
    let intent = intent(input)?;
    let (term_ids, auto_renew) = requested_terms(input)?;
    let variable_payment = variable_payment_configuration(input)?;
    let offer_id = proposal_offer((offers, &*ctx.state), input, caller, now)?;
    let offer = offers
        .offer(&offer_id)
        .ok_or_else(|| offering::not_found(&offer_id))?;
    check_terms(&offer, &offer_id, &term_ids)?;
    let replaces = offering::replaced_agreement(&offer);
    let source = opt_str(
        input,
        "sourceAgreementIdentifier",
        "INVALID_SOURCE_AGREEMENT_IDENTIFIER",
    )?
    .map(str::to_string);
    let target = Target {
        offer_id: &offer_id,
        caller,
        replaces: replaces.as_deref(),
    };
    match intent.as_str() {
        "REPLACE" => check_replace(ctx.state, &target, source.as_deref())?,
        _ => check_new(ctx.state, &target)?,
    }
    let probe = accept::agreement(&offer, caller, now);
    let id = format!("ar-{}", ids::alnum(25));
    let output = json!({
        "agreementRequestId": id,
        "chargeSummary": {"currencyCode": probe.currency_code, "newAgreementValue": probe.agreement_value},
    });
    let request = AgreementRequest {
        id: id.clone(),
        acceptor: caller.to_string(),
        offer_id,
        intent,
        source_agreement: source,
        term_ids,
        auto_renew,
        variable_payment,
        created_at: now,
        agreement_id: None,
        output: output.clone(),
    };
    ctx.state.requests.list.push(request);
    if let Some(k) = token {
        ctx.state.requests.tokens.insert(k, id);
    }
    Ok(output)
}

/// The request's `intent`: NEW or REPLACE (AMEND is not emulated).
fn intent(input: &Value) -> Result<String, ApiError> {
    match opt_str(input, "intent", "INVALID_INTENT")? {
        None => Err(invalid("MISSING_INTENT", "intent", "intent is required.")),
        Some(i @ ("NEW" | "REPLACE")) => Ok(i.to_string()),
        Some("AMEND") => Err(invalid(
            "UNSUPPORTED_ACTION",
            "intent",
            "The emulator does not support intent AMEND.",
        )),
        Some(other) => Err(invalid(
            "INVALID_INTENT",
            "intent",
            format!("intent {other} is not one of NEW, AMEND, REPLACE."),
        )),
    }
}

/// Every requested term is one of the offer's, and every offer term but the renewal term is
/// requested.
fn check_terms(offer: &OfferView<'_>, offer_id: &str, term_ids: &[String]) -> Result<(), ApiError> {
    let offered = super::terms_of(offer);
    let offered_ids: Vec<(String, String)> = offered.iter().filter_map(term_id_and_type).collect();
    if let Some(bad) = term_ids
        .iter()
        .find(|id| !offered_ids.iter().any(|(o, _)| o == *id))
    {
        return Err(invalid(
            "INVALID_REQUESTED_TERM_ID",
            "requestedTerms",
            format!("Term {bad} is not a term of offer {offer_id}."),
        ));
    }
    let missing: Vec<&str> = offered_ids
        .iter()
        .filter(|(id, kind)| kind != "RenewalTerm" && !term_ids.contains(id))
        .map(|(id, _)| id.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(invalid(
            "MISSING_MANDATORY_TERMS",
            "requestedTerms",
            format!("Mandatory terms not requested: {}.", missing.join(", ")),
        ));
    }
    Ok(())
}

/// The offer a request is for, who asks, and the agreement the offer replaces (if any).
struct Target<'a> {
    offer_id: &'a str,
    caller: &'a str,
    replaces: Option<&'a str>,
}

/// REPLACE: the source agreement is the caller's, ACTIVE, and the one the offer replaces.
fn check_replace(
    state: &AgreementState,
    t: &Target<'_>,
    source: Option<&str>,
) -> Result<(), ApiError> {
    let Some(src) = source else {
        return Err(invalid(
            "MISSING_SOURCE_AGREEMENT_IDENTIFIER",
            "sourceAgreementIdentifier",
            "intent REPLACE needs sourceAgreementIdentifier.",
        ));
    };
    let caller = t.caller;
    let agreement = state
        .get(src)
        .filter(|a| a.acceptor == caller)
        .ok_or_else(|| {
            invalid(
                "INVALID_SOURCE_AGREEMENT_IDENTIFIER",
                "sourceAgreementIdentifier",
                format!("Agreement {src} is not an agreement of account {caller}."),
            )
        })?;
    if agreement.status != Status::Active {
        return Err(invalid(
            "INACTIVE_AGREEMENT",
            "sourceAgreementIdentifier",
            format!(
                "Agreement {src} is {}, not ACTIVE.",
                agreement.status.as_str()
            ),
        ));
    }
    match t.replaces {
        Some(r) if r != src => Err(invalid(
            "INVALID_SOURCE_AGREEMENT_IDENTIFIER",
            "sourceAgreementIdentifier",
            format!("Offer {} replaces agreement {r}, not {src}.", t.offer_id),
        )),
        _ => Ok(()),
    }
}

/// NEW: not a replacement offer, and the caller has no ACTIVE agreement on the offer yet.
fn check_new(state: &AgreementState, t: &Target<'_>) -> Result<(), ApiError> {
    let (offer_id, caller) = (t.offer_id, t.caller);
    if let Some(r) = t.replaces {
        return Err(invalid(
            "INVALID_INTENT",
            "intent",
            format!(
                "Offer {offer_id} is a replacement offer for agreement {r}; use intent REPLACE."
            ),
        ));
    }
    if let Some(a) = state
        .all()
        .iter()
        .find(|a| a.offer_id == offer_id && a.acceptor == caller && a.status == Status::Active)
    {
        return Err(ApiError::conflict(format!(
            "Account {caller} already has agreement {} on offer {offer_id}.",
            a.id
        ))
        .with("resourceId", a.id.clone())
        .with("resourceType", "Agreement"));
    }
    Ok(())
}

/// AcceptAgreementRequest.
pub(super) fn accept_request(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (offers, caller, now) = (ctx.offers, ctx.caller, ctx.now);
    let id = match opt_str(input, "agreementRequestId", "INVALID_AGREEMENT_REQUEST_ID")? {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => {
            return Err(invalid(
                "MISSING_AGREEMENT_REQUEST_ID",
                "agreementRequestId",
                "agreementRequestId is required.",
            ))
        }
    };
    let request = ctx
        .state
        .requests
        .get(&id)
        .filter(|r| r.acceptor == caller)
        .cloned()
        .ok_or_else(|| request_not_found(&id))?;
    if let Some(done) = &request.agreement_id {
        return Ok(json!({ "agreementId": done }));
    }
    let offer = offers
        .offer(&request.offer_id)
        .ok_or_else(|| offering::not_found(&request.offer_id))?;
    if offering::expiration(&offer).is_some_and(|end| now >= end) {
        let proposal = offering::current_proposal(offers, &request.offer_id).unwrap_or_default();
        return Err(expired(&proposal, &request.offer_id));
    }
    if let Some(src) = &request.source_agreement {
        if ctx
            .state
            .get(src)
            .is_none_or(|a| a.status != Status::Active)
        {
            return Err(invalid(
                "INACTIVE_AGREEMENT",
                "sourceAgreementIdentifier",
                format!("Agreement {src} is no longer ACTIVE."),
            ));
        }
    }
    let mut agreement = accept::agreement(&offer, caller, now);
    keep_requested_terms(&mut agreement.terms, &request);
    if let Some(src) = request
        .source_agreement
        .as_deref()
        .and_then(|s| ctx.state.get(s))
    {
        // A replacement offer sells what the replaced agreement sold.
        if agreement.resources.is_empty() {
            agreement.resources = src.resources.clone();
        }
    }
    let new_id = agreement.id.clone();
    super::events::created(ctx.outbox, &agreement);
    ctx.state.insert(agreement);
    if let Some(src) = &request.source_agreement {
        if let Some(a) = ctx.state.get_mut(src) {
            a.status = Status::Replaced;
            a.last_update_time = now;
            super::events::ended(ctx.outbox, a, now);
        }
    }
    if let Some(r) = ctx.state.requests.get_mut(&id) {
        r.agreement_id = Some(new_id.clone());
    }
    Ok(json!({ "agreementId": new_id }))
}

/// The agreement holds the terms the buyer requested, with the renewal and payment-request
/// approval choices it made.
fn keep_requested_terms(terms: &mut Vec<Value>, request: &AgreementRequest) {
    terms.retain(|t| term_id_and_type(t).is_some_and(|(tid, _)| request.term_ids.contains(&tid)));
    if let Some(config) = &request.variable_payment {
        for t in terms.iter_mut() {
            if let Some(v) = t.get_mut("variablePaymentTerm") {
                v["configuration"] = config.clone();
            }
        }
    }
    if let Some(renew) = request.auto_renew {
        for t in terms.iter_mut() {
            if let Some(r) = t.get_mut("renewalTerm") {
                r["configuration"] = json!({ "enableAutoRenew": renew });
            }
        }
    }
}
