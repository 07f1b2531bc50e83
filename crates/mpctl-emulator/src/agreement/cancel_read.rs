//! The cancellation-request reads (aws-postsale.md §3.1): GetAgreementCancellationRequest for
//! either party, and ListAgreementCancellationRequests for the side `partyType` names (its
//! order, page size and filters are among the [I] choices listed in `cancellation`).

use serde_json::{json, Value};

use super::cancellation::{find, output, CancellationRequest};
use super::input::{invalid, max_results, opt_str};
use super::time::epoch;
use super::{paging, Ctx};
use crate::wire::{required_str, OpResult};

/// The page size when `maxResults` is absent.
const DEFAULT_PAGE: usize = 50;

/// GetAgreementCancellationRequest.
pub(super) fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let agreement_id = required_str(input, "agreementId")?;
    let id = required_str(input, "agreementCancellationRequestId")?;
    let (index, _) = find(ctx.state, agreement_id, id, ctx.caller)?;
    Ok(output(&ctx.state.cancellations.list[index]))
}

/// ListAgreementCancellationRequests.
pub(super) fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (state, caller) = (&*ctx.state, ctx.caller);
    let party_type = required_str(input, "partyType")?;
    if !matches!(party_type, "Proposer" | "Acceptor") {
        let message = format!("partyType must be Proposer or Acceptor, got {party_type}.");
        return Err(invalid("INVALID_PARTY_TYPE", "partyType", message));
    }
    let agreement_id = opt_str(input, "agreementId", "INVALID_AGREEMENT_ID")?;
    let status = opt_str(input, "status", "INVALID_STATUS")?;
    let agreement_type = opt_str(input, "agreementType", "INVALID_AGREEMENT_TYPE")?;
    let catalog = opt_str(input, "catalog", "INVALID_CATALOG")?;
    let max = max_results(input, DEFAULT_PAGE)?;
    let mut items: Vec<(&CancellationRequest, &str)> = state
        .cancellations
        .list
        .iter()
        .filter(|r| agreement_id.is_none_or(|id| r.agreement_id == id))
        .filter(|r| status.is_none_or(|s| r.status.as_str() == s))
        .filter(|_| catalog.is_none_or(|c| c == "AWSMarketplace"))
        .filter_map(|r| {
            let a = state.get(&r.agreement_id)?;
            let on_side = match party_type {
                "Proposer" => a.proposer == caller,
                _ => a.acceptor == caller,
            };
            let typed = agreement_type.is_none_or(|t| t == a.agreement_type);
            (on_side && typed).then_some((r, a.agreement_type.as_str()))
        })
        .collect();
    items.sort_by(|(a, _), (b, _)| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let (page, next) = paging::page(&items, input, max)?;
    let summaries: Vec<Value> = page
        .iter()
        .map(|(r, agreement_type)| {
            json!({
                "agreementCancellationRequestId": r.id,
                "agreementId": r.agreement_id,
                "status": r.status.as_str(),
                "reasonCode": r.reason_code,
                "agreementType": agreement_type,
                "catalog": "AWSMarketplace",
                "createdAt": epoch(r.created_at),
                "updatedAt": epoch(r.updated_at),
            })
        })
        .collect();
    let mut out = json!({ "items": summaries });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}
