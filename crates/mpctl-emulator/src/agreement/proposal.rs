//! Checks shared by CreateAgreementRequest and AcceptAgreementRequest: requested terms, the
//! agreement proposal (known, current, visible to the caller, not expired) and the errors they
//! raise.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::input::{invalid, member, opt_str};
use crate::offering::{self, Proposal};
use crate::views::{Agreements, Offers};
use crate::wire::ApiError;

pub(super) fn request_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("Agreement request {id} not found."))
        .with("resourceId", id)
        .with("resourceType", "AgreementRequest")
}

/// The buyer's `variablePaymentTermConfiguration`, if a requested term carries one: how it
/// approves the seller's payment requests (aws-postsale.md §4.3). AUTO_APPROVE_ON_EXPIRATION
/// needs an `expirationDuration` ([BUYAPI]); [I] without one, or with one the emulator cannot
/// read, it is `INVALID_REQUESTED_TERM_CONFIGURATION`.
pub(super) fn variable_payment_configuration(input: &Value) -> Result<Option<Value>, ApiError> {
    let list = member(input, "requestedTerms").and_then(Value::as_array);
    let Some(config) = list
        .into_iter()
        .flatten()
        .find_map(|t| t.pointer("/configuration/variablePaymentTermConfiguration"))
    else {
        return Ok(None);
    };
    let strategy = config
        .get("paymentRequestApprovalStrategy")
        .and_then(Value::as_str);
    let duration = config.get("expirationDuration").and_then(Value::as_str);
    let readable = duration.is_some_and(|d| super::payment_requests::expiration(d).is_some());
    if strategy == Some("AUTO_APPROVE_ON_EXPIRATION") && !readable {
        return Err(invalid(
            "INVALID_REQUESTED_TERM_CONFIGURATION",
            "requestedTerms.configuration.variablePaymentTermConfiguration",
            "AUTO_APPROVE_ON_EXPIRATION needs an expirationDuration such as P10D.",
        ));
    }
    Ok(Some(config.clone()))
}

/// Requested term ids and the renewal choice.
pub(super) fn requested_terms(input: &Value) -> Result<(Vec<String>, Option<bool>), ApiError> {
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
pub(super) fn proposal_offer(
    views: (&dyn Offers, &dyn Agreements),
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
    let offer_id = match offering::resolve(views.0, proposal) {
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
    let offer = offering::find(views, &offer_id, caller).ok_or_else(|| {
        invalid(
            "INVALID_AGREEMENT_PROPOSAL_IDENTIFIER",
            field,
            format!("Agreement proposal {proposal} is not available to account {caller}."),
        )
    })?;
    if offering::expiration(&offer).is_some_and(|end| now >= end) {
        return Err(expired(proposal, &offer_id));
    }
    Ok(offer_id)
}

pub(super) fn expired(proposal: &str, offer_id: &str) -> ApiError {
    invalid(
        "EXPIRED_AGREEMENT_PROPOSAL",
        "agreementProposalIdentifier",
        format!("Agreement proposal {proposal} has expired: offer {offer_id} is past its availability end date."),
    )
}

pub(super) fn term_id_and_type(term: &Value) -> Option<(String, String)> {
    let body = term.as_object()?.values().next()?;
    Some((
        body.get("id")?.as_str()?.to_string(),
        body.get("type")?.as_str()?.to_string(),
    ))
}
