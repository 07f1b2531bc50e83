//! The JSON an agreement is rendered as: `A:AgreementViewSummary` (SearchAgreements) and
//! `DescribeAgreementOutput`. Timestamps are epoch-second numbers; the CBOR encoder tags them.
//!
//! Besides the botocore 2020-03-01 members, the aws-sdk-marketplaceagreement 1.124 members
//! `lastUpdateTime`, `initialAgreementId` and `endTimeBehavior*` are emitted (older clients ignore
//! unknown keys). An agreement whose buyer accepted auto-renewal ends with `RENEW` (see
//! `store::expire`); the others with `EXPIRE` and the reason `NO_RENEWAL_TERM`, or
//! `ACCEPTOR_RENEW_OPTED_OUT` when a renewal term was accepted with auto-renew off (see
//! `terms::renewal`). Each agreement starts its own chain.

use serde_json::{json, Map, Value};

use super::store::Agreement;
use super::time::epoch;

fn end_behavior(a: &Agreement) -> &'static str {
    if a.auto_renews() {
        "RENEW"
    } else {
        "EXPIRE"
    }
}

/// Why the agreement expires; none when it renews.
fn end_reason(a: &Agreement) -> Option<&'static str> {
    if a.auto_renews() {
        None
    } else if a.has_renewal_term() {
        Some("ACCEPTOR_RENEW_OPTED_OUT")
    } else {
        Some("NO_RENEWAL_TERM")
    }
}

fn proposal_summary(a: &Agreement) -> Value {
    let resources: Vec<Value> = a
        .resources
        .iter()
        .map(|r| json!({ "id": r.id, "type": r.kind }))
        .collect();
    let mut out = json!({ "offerId": a.offer_id, "resources": resources });
    if let Some(set) = &a.offer_set_id {
        out["offerSetId"] = json!(set);
    }
    out
}

/// Members shared by the summary and DescribeAgreement.
fn common(a: &Agreement) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("agreementId".into(), json!(a.id));
    m.insert("acceptanceTime".into(), epoch(a.acceptance_time));
    m.insert("startTime".into(), epoch(a.start_time));
    m.insert("endTime".into(), epoch(a.end_time));
    m.insert("agreementType".into(), json!(a.agreement_type));
    m.insert("acceptor".into(), json!({ "accountId": a.acceptor }));
    m.insert("proposer".into(), json!({ "accountId": a.proposer }));
    m.insert("proposalSummary".into(), proposal_summary(a));
    m.insert("status".into(), json!(a.status.as_str()));
    m.insert("initialAgreementId".into(), json!(a.id));
    m
}

/// One `AgreementViewSummary`.
pub(super) fn summary(a: &Agreement) -> Value {
    let mut m = common(a);
    m.insert("lastUpdateTime".into(), epoch(a.last_update_time));
    m.insert("endTimeBehaviorType".into(), json!(end_behavior(a)));
    if let Some(reason) = end_reason(a) {
        m.insert("endTimeBehaviorReasonCode".into(), json!(reason));
    }
    Value::Object(m)
}

/// The DescribeAgreement output.
pub(super) fn describe(a: &Agreement) -> Value {
    let mut m = common(a);
    m.insert(
        "estimatedCharges".into(),
        json!({ "currencyCode": a.currency_code, "agreementValue": a.agreement_value }),
    );
    let mut behavior = json!({ "type": end_behavior(a) });
    if let Some(reason) = end_reason(a) {
        behavior["reasonCode"] = json!(reason);
    }
    m.insert("endTimeBehavior".into(), behavior);
    Value::Object(m)
}
