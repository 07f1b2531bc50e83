//! Payment requests against an agreement's VariablePaymentTerm (aws-postsale.md §3.3, §4.3, §5):
//! the seller sends (SendAgreementPaymentRequest) or withdraws (CancelAgreementPaymentRequest),
//! the buyer approves (AcceptAgreementPaymentRequest: a `ch-…` charge, invoiced at once) or
//! rejects; under the buyer's AUTO_APPROVE_ON_EXPIRATION strategy the clock approves a request
//! left pending for its `expirationDuration`. The reads are in `payment_read`.
//!
//! [I] Where the reference is silent:
//! - The balance is `maxTotalChargeAmount` less the PENDING_APPROVAL and APPROVED requests on
//!   the term (§10 Q13); a request above it, or with more decimals than the currency has, is
//!   `INVALID_CHARGE_AMOUNT`; a `termId` that is not the agreement's VariablePaymentTerm is
//!   `INVALID_TERM_ID`; an agreement that is not ACTIVE is `INACTIVE_AGREEMENT` (also when the
//!   buyer approves a request left pending on it).
//! - No strategy chosen (the stand-in buyer accepts without one) is WAIT_FOR_APPROVAL: the
//!   request stays pending until someone acts.
//! - Requests are PENDING_APPROVAL at once (no VALIDATING phase, §10 Q2).
//! - `clientToken`s as for cancellation requests: the same token and values return the first
//!   output, other values are a `ConflictException` (resourceType `PaymentRequest`).
//! - Wrong side (the buyer sending, the seller approving) is `UNSUPPORTED_ACTION`.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::cancel_data::Token;
use super::cancellation::{party, require, Side};
use super::input::{invalid, opt_str};
use super::money::Money;
use super::payment_data::{PaymentRequest, PrStatus};
use super::payment_read::{find, output};
use super::requests::Requests;
use super::store::{Agreement, AgreementState, Status};
use super::{invoices, Ctx};
use crate::ids;
use crate::wire::{required_str, ApiError, OpResult};

/// SendAgreementPaymentRequest.
pub(super) fn send(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (caller, now) = (ctx.caller, ctx.now);
    let agreement_id = required_str(input, "agreementId")?;
    let term_id = required_str(input, "termId")?;
    let name = required_str(input, "name")?;
    let amount = required_str(input, "chargeAmount")?;
    let description = opt_str(input, "description", "INVALID_DESCRIPTION")?;
    let fingerprint = json!({"agreementId": agreement_id, "termId": term_id, "name": name,
        "chargeAmount": amount, "description": description});
    let key = opt_str(input, "clientToken", "INVALID_CLIENT_TOKEN")?
        .map(|t| Requests::token_key(caller, t));
    if let Some(seen) = key
        .as_deref()
        .and_then(|k| ctx.state.payments.token(k, now))
    {
        if seen.request == fingerprint {
            return Ok(seen.output.clone());
        }
        return Err(ApiError::conflict(
            "The clientToken was already used with different parameters.",
        )
        .with("resourceId", seen.output["paymentRequestId"].clone())
        .with("resourceType", "PaymentRequest"));
    }
    let (a, side) = party(ctx.state, agreement_id, caller)?;
    require(side, Side::Proposer, "SendAgreementPaymentRequest")?;
    active(a)?;
    let term = variable_term(a, term_id)?;
    let currency = term["currencyCode"]
        .as_str()
        .unwrap_or(&a.currency_code)
        .to_string();
    let m = check_amount(ctx.state, (a, term), amount, &currency)?;
    let auto_approve_at = term
        .pointer("/configuration/paymentRequestApprovalStrategy")
        .filter(|s| *s == "AUTO_APPROVE_ON_EXPIRATION")
        .and_then(|_| term.pointer("/configuration/expirationDuration"))
        .and_then(Value::as_str)
        .and_then(expiration)
        .map(|d| now + d);
    let request = PaymentRequest {
        id: format!("pr-{}", ids::alnum(25)),
        agreement_id: agreement_id.to_string(),
        term_id: term_id.to_string(),
        name: name.to_string(),
        description: description.map(str::to_string),
        amount: m,
        currency,
        status: PrStatus::PendingApproval,
        status_message: None,
        charge_id: None,
        created_at: now,
        updated_at: now,
        auto_approve_at,
    };
    let mut out = output(&request);
    if let Some(o) = out.as_object_mut() {
        o.remove("updatedAt");
    }
    ctx.state.payments.list.push(request);
    if let Some(key) = key {
        let token = Token {
            at: now,
            request: fingerprint,
            output: out.clone(),
        };
        ctx.state.payments.tokens.insert(key, token);
    }
    Ok(out)
}

fn active(a: &Agreement) -> Result<(), ApiError> {
    if a.status == Status::Active {
        return Ok(());
    }
    let message = format!("Agreement {} is {}.", a.id, a.status.as_str());
    Err(invalid("INACTIVE_AGREEMENT", "agreementId", message))
}

/// The agreement's VariablePaymentTerm `term_id` (its union body).
fn variable_term<'a>(a: &'a Agreement, term_id: &str) -> Result<&'a Value, ApiError> {
    (a.terms.iter())
        .filter_map(|t| t.get("variablePaymentTerm"))
        .find(|t| t["id"].as_str() == Some(term_id))
        .ok_or_else(|| {
            let message = format!(
                "{term_id} is not a VariablePaymentTerm of agreement {}.",
                a.id
            );
            invalid("INVALID_TERM_ID", "termId", message)
        })
}

/// The amount, if it is positive, in the currency's precision and within the balance.
fn check_amount(
    state: &AgreementState,
    (a, term): (&Agreement, &Value),
    amount: &str,
    currency: &str,
) -> Result<String, ApiError> {
    let bad = |message: String| invalid("INVALID_CHARGE_AMOUNT", "chargeAmount", message);
    let m = Money::parse(amount)
        .filter(|m| m.is_positive())
        .ok_or_else(|| bad(format!("chargeAmount {amount:?} is not a positive amount.")))?;
    if !m.fits(currency) {
        return Err(bad(format!(
            "chargeAmount {amount} has more decimals than {currency} allows."
        )));
    }
    let max = term["maxTotalChargeAmount"]
        .as_str()
        .and_then(Money::parse)
        .unwrap_or_default();
    let used = (state.payments.list.iter())
        .filter(|r| r.agreement_id == a.id && r.term_id == term["id"].as_str().unwrap_or_default())
        .filter(|r| matches!(r.status, PrStatus::PendingApproval | PrStatus::Approved))
        .filter_map(|r| Money::parse(&r.amount))
        .fold(Money::default(), Money::plus);
    let left = max.minus(used);
    if m > left {
        return Err(bad(format!(
            "chargeAmount {m} {currency} exceeds the remaining balance {left} {currency} of maxTotalChargeAmount {max}."
        )));
    }
    Ok(amount.to_string())
}

/// An `ISO8601Duration` (`P10D`, `PT12H`, `P1DT30M`, `PT90S`): days and time designators only.
pub(super) fn expiration(s: &str) -> Option<chrono::Duration> {
    let rest = s.trim().strip_prefix('P')?;
    let (days, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total = chrono::Duration::zero();
    let mut add = |part: &str, units: &[(char, i64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let seconds = units.iter().find(|(u, _)| *u == c)?.1;
            total += chrono::Duration::seconds(
                std::mem::take(&mut number).parse::<i64>().ok()? * seconds,
            );
        }
        number.is_empty().then_some(())
    };
    add(days, &[('D', 86_400)])?;
    add(time, &[('H', 3_600), ('M', 60), ('S', 1)])?;
    (total > chrono::Duration::zero()).then_some(total)
}

/// CancelAgreementPaymentRequest: the seller withdraws a pending request.
pub(super) fn cancel(ctx: &mut Ctx, input: &Value) -> OpResult {
    let index = pending(ctx, input, Side::Proposer, "CancelAgreementPaymentRequest")?;
    let r = &mut ctx.state.payments.list[index];
    r.status = PrStatus::Cancelled;
    r.updated_at = ctx.now;
    Ok(output(r))
}

/// RejectAgreementPaymentRequest: `statusMessage` keeps the buyer's reason, if given.
pub(super) fn reject(ctx: &mut Ctx, input: &Value) -> OpResult {
    let reason = opt_str(input, "rejectionReason", "INVALID_REJECTION_REASON")?.map(str::to_string);
    let index = pending(ctx, input, Side::Acceptor, "RejectAgreementPaymentRequest")?;
    let r = &mut ctx.state.payments.list[index];
    r.status = PrStatus::Rejected;
    r.status_message = reason;
    r.updated_at = ctx.now;
    let mut out = output(r);
    if let Some(m) = &r.status_message {
        out["statusMessage"] = json!(m);
    }
    Ok(out)
}

/// AcceptAgreementPaymentRequest: approved now, with a charge (and the buyer's PO, if given).
pub(super) fn accept(ctx: &mut Ctx, input: &Value) -> OpResult {
    let po = opt_str(
        input,
        "purchaseOrderReference",
        "INVALID_PURCHASE_ORDER_REFERENCE",
    )?;
    let index = pending(ctx, input, Side::Acceptor, "AcceptAgreementPaymentRequest")?;
    let agreement_id = ctx.state.payments.list[index].agreement_id.clone();
    if let Some(a) = ctx.state.get(&agreement_id) {
        active(a)?;
    }
    approve(ctx.state, index, ctx.now, po.map(str::to_string));
    Ok(output(&ctx.state.payments.list[index]))
}

/// The index of the pending request the input names, answerable by `wanted`.
fn pending(ctx: &Ctx, input: &Value, wanted: Side, op: &str) -> Result<usize, ApiError> {
    let agreement_id = required_str(input, "agreementId")?;
    let id = required_str(input, "paymentRequestId")?;
    let (index, side) = find(ctx.state, agreement_id, id, ctx.caller)?;
    require(side, wanted, op)?;
    let current = ctx.state.payments.list[index].status;
    if current != PrStatus::PendingApproval {
        return Err(ApiError::conflict(format!(
            "Payment request {id} is {}, not PENDING_APPROVAL.",
            current.as_str()
        ))
        .with("resourceId", id)
        .with("resourceType", "PaymentRequest"));
    }
    Ok(index)
}

/// Approves request `index` at `at`: a charge for its amount, invoiced at once.
fn approve(state: &mut AgreementState, index: usize, at: DateTime<Utc>, po: Option<String>) {
    let r = state.payments.list[index].clone();
    let Some(a) = state.get(&r.agreement_id) else {
        return;
    };
    let mut charge = invoices::charge(a, Money::parse(&r.amount).unwrap_or_default(), at);
    charge.currency = r.currency.clone();
    charge.purchase_order = po;
    let r = &mut state.payments.list[index];
    r.status = PrStatus::Approved;
    r.charge_id = Some(charge.id.clone());
    r.updated_at = at;
    invoices::add_charge(state, charge);
}

/// The clock's part: pending requests whose buyer chose AUTO_APPROVE_ON_EXPIRATION are approved
/// when their expiration duration is over, if their agreement is still ACTIVE.
pub(super) fn advance(state: &mut AgreementState, now: DateTime<Utc>) -> bool {
    let due: Vec<(usize, DateTime<Utc>)> = (state.payments.list.iter().enumerate())
        .filter(|(_, r)| r.status == PrStatus::PendingApproval)
        .filter_map(|(i, r)| r.auto_approve_at.filter(|at| *at <= now).map(|at| (i, at)))
        .filter(|(i, _)| {
            let id = &state.payments.list[*i].agreement_id;
            state.get(id).is_some_and(|a| a.status == Status::Active)
        })
        .collect();
    let changed = !due.is_empty();
    for (index, at) in due {
        approve(state, index, at, None);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::expiration;

    #[test]
    fn expiration_durations_take_days_and_time() {
        let secs = |s: &str| expiration(s).map(|d| d.num_seconds());
        assert_eq!(secs("P10D"), Some(864_000));
        assert_eq!(secs("PT12H"), Some(43_200));
        assert_eq!(secs("P1DT30M"), Some(88_200));
        for bad in ["", "P", "10D", "P1M", "PT", "P0D"] {
            assert_eq!(secs(bad), None, "{bad}");
        }
    }
}
