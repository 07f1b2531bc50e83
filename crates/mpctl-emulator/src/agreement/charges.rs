//! `estimatedCharges` of an agreement, computed from the offer's Catalog terms.
//!
//! [I] AWS does not document the formula. The emulator sums what the buyer commits to pay:
//! every payment-schedule installment, the fixed upfront price, the buyer's configurable-upfront
//! selection (first rate card, quantity 1 of each dimension, see `terms::buyer_selection`), and a
//! recurring payment once per billing period of the agreement. Usage-based, free-trial and BYOL
//! terms add nothing (their charges are unknown at acceptance).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::money::Money;
use super::time::Duration;

/// `(currencyCode, agreementValue)`; the currency is the first one any term names, else USD.
pub(super) fn estimate(
    terms: &[Value],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> (String, String) {
    let currency = terms
        .iter()
        .find_map(|t| t.get("CurrencyCode").and_then(Value::as_str))
        .unwrap_or("USD")
        .to_string();
    let total = terms
        .iter()
        .map(|t| term_value(t, start, end))
        .fold(Money::default(), Money::plus);
    (currency, total.to_string())
}

fn amount(v: &Value, key: &str) -> Money {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(Money::parse)
        .unwrap_or_default()
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn term_value(term: &Value, start: DateTime<Utc>, end: DateTime<Utc>) -> Money {
    match term.get("Type").and_then(Value::as_str).unwrap_or("") {
        "PaymentScheduleTerm" => sum(items(term, "Schedule"), "ChargeAmount"),
        "FixedUpfrontPricingTerm" => amount(term, "Price"),
        "ConfigurableUpfrontPricingTerm" => items(term, "RateCards")
            .first()
            .map_or_else(Money::default, |card| sum(items(card, "RateCard"), "Price")),
        "RecurringPaymentTerm" => amount(term, "Price").times(periods(term, start, end)),
        _ => Money::default(),
    }
}

fn sum(list: &[Value], key: &str) -> Money {
    list.iter()
        .map(|v| amount(v, key))
        .fold(Money::default(), Money::plus)
}

/// Billing periods between start and end: `Monthly` counts months, `Annual` years (at least 1).
fn periods(term: &Value, start: DateTime<Utc>, end: DateTime<Utc>) -> u32 {
    let months_per_period = match term.get("BillingPeriod").and_then(Value::as_str) {
        Some("Monthly") => 1,
        Some("Annual") | Some("Yearly") => 12,
        _ => return 1,
    };
    let mut n = 0u32;
    while n < 1200 && Duration::months((n + 1) * months_per_period).after(start) <= end {
        n += 1;
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::agreement::time::parse_instant;

    fn year() -> (DateTime<Utc>, DateTime<Utc>) {
        let start = parse_instant("2025-01-01").expect("start");
        (start, Duration::months(12).after(start))
    }

    #[test]
    fn sums_schedule_and_fixed_price() {
        let (s, e) = year();
        let terms = [
            json!({"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "EUR", "Price": "0.0"}),
            json!({"Type": "PaymentScheduleTerm", "CurrencyCode": "EUR",
                   "Schedule": [{"ChargeAmount": "200.00"}, {"ChargeAmount": "170.00"}]}),
            json!({"Type": "UsageBasedPricingTerm", "RateCards": [{"RateCard": [{"Price": "9"}]}]}),
        ];
        assert_eq!(estimate(&terms, s, e), ("EUR".into(), "370.00".into()));
    }

    #[test]
    fn configurable_upfront_uses_first_rate_card() {
        let (s, e) = year();
        let terms = [
            json!({"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD", "RateCards": [
            {"RateCard": [{"DimensionKey": "a", "Price": "300.0"}, {"DimensionKey": "b", "Price": "0.5"}]},
            {"RateCard": [{"DimensionKey": "a", "Price": "9999"}]}]}),
        ];
        assert_eq!(estimate(&terms, s, e).1, "300.50");
    }

    #[test]
    fn recurring_counts_billing_periods() {
        let (s, e) = year();
        let monthly =
            [json!({"Type": "RecurringPaymentTerm", "BillingPeriod": "Monthly", "Price": "10"})];
        assert_eq!(estimate(&monthly, s, e).1, "120.00");
        let annual =
            [json!({"Type": "RecurringPaymentTerm", "BillingPeriod": "Annual", "Price": "10"})];
        assert_eq!(estimate(&annual, s, e).1, "10.00");
    }

    #[test]
    fn no_priced_terms_is_zero_usd() {
        let (s, e) = year();
        assert_eq!(estimate(&[], s, e), ("USD".into(), "0.00".into()));
    }
}
