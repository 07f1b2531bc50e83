//! GetAgreementTerms' `acceptedTerms` (an SDK union per term) as plain camelCase JSON with a
//! `type`, so every term type — payment schedules and rate cards included — can be printed as a
//! table row (via `offer::terms::summary`) and emitted with `--output json`.

use aws_sdk_marketplaceagreement::types::{AcceptedTerm, GrantItem, RateCardItem};
use serde_json::{json, Map, Value};

fn epoch(t: Option<&aws_smithy_types::DateTime>) -> Value {
    t.map(|t| json!(t.secs())).unwrap_or(Value::Null)
}

fn rate_card(items: &[RateCardItem]) -> Value {
    items
        .iter()
        .map(|i| json!({"dimensionKey": i.dimension_key(), "price": i.price()}))
        .collect()
}

fn grants(items: &[GrantItem]) -> Value {
    items
        .iter()
        .map(|g| json!({"dimensionKey": g.dimension_key(), "maxQuantity": g.max_quantity()}))
        .collect()
}

/// Drops null members so the JSON shows only what AWS sent.
fn clean(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, clean(v)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(clean).collect()),
        other => other,
    }
}

/// One accepted term as JSON.
pub fn to_json(term: &AcceptedTerm) -> Value {
    let v = match term {
        AcceptedTerm::LegalTerm(t) => json!({"type": "LegalTerm", "id": t.id(),
            "documents": t.documents().iter().map(|d| json!({"type": d.r#type(), "url": d.url(), "version": d.version()})).collect::<Vec<_>>()}),
        AcceptedTerm::SupportTerm(t) => {
            json!({"type": "SupportTerm", "id": t.id(), "refundPolicy": t.refund_policy()})
        }
        AcceptedTerm::RenewalTerm(t) => json!({"type": "RenewalTerm", "id": t.id(),
            "configuration": t.configuration().map(|c| json!({"enableAutoRenew": c.enable_auto_renew()}))}),
        AcceptedTerm::UsageBasedPricingTerm(t) => {
            json!({"type": "UsageBasedPricingTerm", "id": t.id(),
            "currencyCode": t.currency_code(),
            "rateCards": t.rate_cards().iter().map(|c| json!({"rateCard": rate_card(c.rate_card())})).collect::<Vec<_>>()})
        }
        AcceptedTerm::ConfigurableUpfrontPricingTerm(t) => {
            json!({"type": "ConfigurableUpfrontPricingTerm", "id": t.id(),
            "currencyCode": t.currency_code(),
            "rateCards": t.rate_cards().iter().map(|c| json!({
                "selector": c.selector().map(|s| json!({"type": s.r#type(), "value": s.value()})),
                "rateCard": rate_card(c.rate_card())})).collect::<Vec<_>>()})
        }
        AcceptedTerm::FixedUpfrontPricingTerm(t) => {
            json!({"type": "FixedUpfrontPricingTerm", "id": t.id(),
            "currencyCode": t.currency_code(), "duration": t.duration(), "price": t.price(), "grants": grants(t.grants())})
        }
        AcceptedTerm::FreeTrialPricingTerm(t) => {
            json!({"type": "FreeTrialPricingTerm", "id": t.id(),
            "duration": t.duration(), "grants": grants(t.grants())})
        }
        AcceptedTerm::PaymentScheduleTerm(t) => json!({"type": "PaymentScheduleTerm", "id": t.id(),
            "currencyCode": t.currency_code(),
            "schedule": t.schedule().iter().map(|s| json!({"chargeDate": epoch(s.charge_date()), "chargeAmount": s.charge_amount()})).collect::<Vec<_>>()}),
        AcceptedTerm::ValidityTerm(t) => json!({"type": "ValidityTerm", "id": t.id(),
            "agreementDuration": t.agreement_duration(),
            "agreementStartDate": epoch(t.agreement_start_date()),
            "agreementEndDate": epoch(t.agreement_end_date())}),
        AcceptedTerm::RecurringPaymentTerm(t) => {
            json!({"type": "RecurringPaymentTerm", "id": t.id(),
            "currencyCode": t.currency_code(), "billingPeriod": t.billing_period(), "price": t.price()})
        }
        AcceptedTerm::VariablePaymentTerm(t) => json!({"type": "VariablePaymentTerm", "id": t.id(),
            "currencyCode": t.currency_code(), "maxTotalChargeAmount": t.max_total_charge_amount()}),
        AcceptedTerm::ByolPricingTerm(t) => json!({"type": "ByolPricingTerm", "id": t.id()}),
        AcceptedTerm::NetPaymentTerm(t) => json!({"type": "NetPaymentTerm", "id": t.id()}),
        _ => json!({"type": "Unknown"}),
    };
    clean(v)
}
