//! The buyer's Agreement operations: CreateAgreementRequest (intent `NEW` or `REPLACE`),
//! AcceptAgreementRequest and GetAgreementEntitlements, with the model's ValidationException
//! reasons (`MISSING_INTENT`, `EXPIRED_AGREEMENT_PROPOSAL`, `SUPERSEDED_AGREEMENT_PROPOSAL`,
//! `INVALID_REQUESTED_TERM_ID`, `MISSING_MANDATORY_TERMS`, `INACTIVE_AGREEMENT`, …).
//!
//! [I] choices where the sources are silent:
//! - `AMEND` is not emulated (`UNSUPPORTED_ACTION`).
//! - Every offer term but the RenewalTerm must be requested (`MISSING_MANDATORY_TERMS`).
//! - A buyer with an ACTIVE agreement on the offer cannot create a NEW one (`ConflictException`).
//! - A replacement offer (one with `AgreementId`) only takes `REPLACE` of that agreement; REPLACE
//!   may also move a buyer from one ordinary offer to another of the same seller (the free trial
//!   → contract-with-consumption case).
//! - Accepting an already accepted request returns its agreement again (idempotent retry).
//! - Entitlements are `PENDING`/`PROVISIONING_IN_PROGRESS` for `Timings::task_seconds` after
//!   acceptance, then `PROVISIONED`; an agreement that is no longer ACTIVE is `DEPROVISIONED`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::accept;
use super::input::{invalid, member, opt_str};
use super::requests::{AgreementRequest, Requests};
use super::store::Status;
use crate::emulator::clock;
use crate::emulator::discovery::offer::{self as discovery_offer, Proposal};
use crate::emulator::discovery::visibility;
use crate::emulator::ids;
use crate::emulator::wire::{ApiError, OpResult};
use crate::emulator::world::World;

fn request_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Agreement request {id} not found."))
        .with("resourceId", id)
        .with("resourceType", "AgreementRequest")
}

/// Requested term ids and the renewal choice.
fn requested_terms(input: &Value) -> Result<(Vec<String>, Option<bool>), ApiError> {
    let list = match member(input, "requestedTerms") {
        None => {
            return Err(invalid(
                "MISSING_REQUESTED_TERMS",
                "requestedTerms",
                "requestedTerms is required.",
            ))
        }
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(_) => {
            return Err(invalid(
                "INVALID_REQUESTED_TERMS",
                "requestedTerms",
                "requestedTerms must list 1 to 30 terms.",
            ))
        }
    };
    let mut ids = Vec::new();
    let mut auto_renew = None;
    for t in list {
        match opt_str(t, "id", "INVALID_REQUESTED_TERM_ID")? {
            Some(id) if !id.is_empty() => ids.push(id.to_string()),
            _ => {
                return Err(invalid(
                    "MISSING_REQUESTED_TERM_ID",
                    "requestedTerms.id",
                    "Every requested term needs an id.",
                ))
            }
        }
        if let Some(b) = t
            .pointer("/configuration/renewalTermConfiguration/enableAutoRenew")
            .and_then(Value::as_bool)
        {
            auto_renew = Some(b);
        }
    }
    Ok((ids, auto_renew))
}

/// The offer behind a proposal id, checked for the caller: known, current, visible, not expired.
fn proposal_offer(
    world: &World,
    input: &Value,
    caller: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let proposal = match opt_str(
        input,
        "agreementProposalIdentifier",
        "INVALID_AGREEMENT_PROPOSAL_IDENTIFIER",
    )? {
        Some(p) if !p.is_empty() => p,
        _ => {
            return Err(invalid(
                "MISSING_AGREEMENT_PROPOSAL_IDENTIFIER",
                "agreementProposalIdentifier",
                "agreementProposalIdentifier is required.",
            ))
        }
    };
    let field = "agreementProposalIdentifier";
    let offer_id = match discovery_offer::resolve(world, proposal) {
        Proposal::Current(id) => id,
        Proposal::Superseded(id) => {
            return Err(invalid(
                "SUPERSEDED_AGREEMENT_PROPOSAL",
                field,
                format!("Agreement proposal {proposal} was superseded by a newer revision of offer {id}; call GetOffer for the current proposal."),
            ))
        }
        Proposal::Unknown => {
            return Err(invalid("INVALID_AGREEMENT_PROPOSAL_IDENTIFIER", field, format!("Agreement proposal {proposal} does not exist.")))
        }
    };
    let offer = visibility::find(world, &offer_id, caller).ok_or_else(|| {
        invalid(
            "INVALID_AGREEMENT_PROPOSAL_IDENTIFIER",
            field,
            format!("Agreement proposal {proposal} is not available to account {caller}."),
        )
    })?;
    if discovery_offer::expiration(&offer).is_some_and(|end| now >= end) {
        return Err(expired(proposal, &offer_id));
    }
    Ok(offer_id)
}

fn expired(proposal: &str, offer_id: &str) -> ApiError {
    invalid(
        "EXPIRED_AGREEMENT_PROPOSAL",
        "agreementProposalIdentifier",
        format!("Agreement proposal {proposal} has expired: offer {offer_id} is past its availability end date."),
    )
}

/// CreateAgreementRequest.
pub(super) fn create(
    world: &mut World,
    input: &Value,
    caller: &str,
    now: DateTime<Utc>,
) -> OpResult {
    let token = opt_str(input, "clientToken", "INVALID_CLIENT_TOKEN")?
        .map(|t| Requests::token_key(caller, t));
    if let Some(id) = token
        .as_ref()
        .and_then(|k| world.agreement.requests.tokens.get(k))
    {
        if let Some(r) = world.agreement.requests.get(id) {
            return Ok(r.output.clone());
        }
    }
    let intent = match opt_str(input, "intent", "INVALID_INTENT")? {
        None => return Err(invalid("MISSING_INTENT", "intent", "intent is required.")),
        Some(i @ ("NEW" | "REPLACE")) => i.to_string(),
        Some("AMEND") => {
            return Err(invalid(
                "UNSUPPORTED_ACTION",
                "intent",
                "The emulator does not support intent AMEND.",
            ))
        }
        Some(other) => {
            return Err(invalid(
                "INVALID_INTENT",
                "intent",
                format!("intent {other} is not one of NEW, AMEND, REPLACE."),
            ))
        }
    };
    let (term_ids, auto_renew) = requested_terms(input)?;
    let offer_id = proposal_offer(world, input, caller, now)?;
    let offer = world
        .catalog
        .offer(&offer_id)
        .ok_or_else(|| discovery_offer::not_found(&offer_id))?;
    let offered = crate::emulator::discovery::terms::offer_terms(&offer);
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
    let replaces = visibility::replaced_agreement(&offer);
    let source = opt_str(
        input,
        "sourceAgreementIdentifier",
        "INVALID_SOURCE_AGREEMENT_IDENTIFIER",
    )?
    .map(str::to_string);
    match intent.as_str() {
        "REPLACE" => {
            let Some(src) = &source else {
                return Err(invalid(
                    "MISSING_SOURCE_AGREEMENT_IDENTIFIER",
                    "sourceAgreementIdentifier",
                    "intent REPLACE needs sourceAgreementIdentifier.",
                ));
            };
            let agreement = world
                .agreement
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
            if replaces.as_ref().is_some_and(|r| r != src) {
                return Err(invalid(
                    "INVALID_SOURCE_AGREEMENT_IDENTIFIER",
                    "sourceAgreementIdentifier",
                    format!(
                        "Offer {offer_id} replaces agreement {}, not {src}.",
                        replaces.clone().unwrap_or_default()
                    ),
                ));
            }
        }
        _ => {
            if let Some(r) = &replaces {
                return Err(invalid("INVALID_INTENT", "intent", format!("Offer {offer_id} is a replacement offer for agreement {r}; use intent REPLACE.")));
            }
            if let Some(a) = world.agreement.all().iter().find(|a| {
                a.offer_id == offer_id && a.acceptor == caller && a.status == Status::Active
            }) {
                return Err(ApiError::conflict(format!(
                    "Account {caller} already has agreement {} on offer {offer_id}.",
                    a.id
                ))
                .with("resourceId", a.id.clone())
                .with("resourceType", "Agreement"));
            }
        }
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
        created_at: now,
        agreement_id: None,
        output: output.clone(),
    };
    world.agreement.requests.list.push(request);
    if let Some(k) = token {
        world.agreement.requests.tokens.insert(k, id);
    }
    Ok(output)
}

fn term_id_and_type(term: &Value) -> Option<(String, String)> {
    let body = term.as_object()?.values().next()?;
    Some((
        body.get("id")?.as_str()?.to_string(),
        body.get("type")?.as_str()?.to_string(),
    ))
}

/// AcceptAgreementRequest.
pub(super) fn accept_request(
    world: &mut World,
    input: &Value,
    caller: &str,
    now: DateTime<Utc>,
) -> OpResult {
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
    let request = world
        .agreement
        .requests
        .get(&id)
        .filter(|r| r.acceptor == caller)
        .cloned()
        .ok_or_else(|| request_not_found(&id))?;
    if let Some(done) = &request.agreement_id {
        return Ok(json!({ "agreementId": done }));
    }
    let offer = world
        .catalog
        .offer(&request.offer_id)
        .ok_or_else(|| discovery_offer::not_found(&request.offer_id))?;
    if discovery_offer::expiration(&offer).is_some_and(|end| now >= end) {
        let proposal =
            discovery_offer::current_proposal(world, &request.offer_id).unwrap_or_default();
        return Err(expired(&proposal, &request.offer_id));
    }
    if let Some(src) = &request.source_agreement {
        if world
            .agreement
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
    agreement
        .terms
        .retain(|t| term_id_and_type(t).is_some_and(|(tid, _)| request.term_ids.contains(&tid)));
    if let Some(renew) = request.auto_renew {
        for t in &mut agreement.terms {
            if let Some(r) = t.get_mut("renewalTerm") {
                r["configuration"] = json!({ "enableAutoRenew": renew });
            }
        }
    }
    if let Some(src) = request
        .source_agreement
        .as_deref()
        .and_then(|s| world.agreement.get(s))
    {
        // A replacement offer sells what the replaced agreement sold.
        if agreement.resources.is_empty() {
            agreement.resources = src.resources.clone();
        }
    }
    let new_id = agreement.id.clone();
    world.agreement.insert(agreement);
    if let Some(src) = &request.source_agreement {
        if let Some(a) = world.agreement.get_mut(src) {
            a.status = Status::Replaced;
            a.last_update_time = now;
        }
    }
    if let Some(r) = world.agreement.requests.get_mut(&id) {
        r.agreement_id = Some(new_id.clone());
    }
    Ok(json!({ "agreementId": new_id }))
}

/// GetAgreementEntitlements.
pub(super) fn entitlements(
    world: &World,
    input: &Value,
    caller: &str,
    now: DateTime<Utc>,
) -> OpResult {
    let id = super::input::agreement_id(input)?;
    let a = world
        .agreement
        .get(id)
        .filter(|a| a.acceptor == caller || a.proposer == caller)
        .ok_or_else(|| super::input::agreement_not_found(id))?;
    let ready = clock::after(a.acceptance_time, world.timings.task_seconds);
    let (status, reason) = match a.status {
        Status::Active if now < ready => ("PENDING", "PROVISIONING_IN_PROGRESS"),
        Status::Active => ("PROVISIONED", "AGREEMENT_ACTIVE"),
        _ => ("DEPROVISIONED", "AGREEMENT_INACTIVE"),
    };
    let list: Vec<Value> = a
        .resources
        .iter()
        .map(|r| {
            json!({
                "resource": {"id": r.id, "type": r.kind},
                "type": "SaaS",
                "status": status,
                "statusReasonCode": reason,
            })
        })
        .collect();
    Ok(json!({ "agreementEntitlements": list }))
}
