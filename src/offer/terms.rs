//! Terms summarized for people: one line per term, for Catalog offer terms (`{"Type":
//! "UsageBasedPricingTerm", "RateCards": …}`) and Agreement accepted terms (`{"type":
//! "usageBasedPricingTerm" …}`) alike — members are looked up case-insensitively, so one
//! summarizer serves both spellings.

use serde_json::Value;

/// Member `key` of `v`, matching the first letter case-insensitively (`RateCards`/`rateCards`).
pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn text(v: &Value, key: &str) -> String {
    match get(v, key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    get(v, key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A date member: Catalog strings as they are, Agreement epoch seconds as `YYYY-MM-DD`.
fn date(v: &Value, key: &str) -> String {
    match get(v, key) {
        Some(Value::Number(n)) => n
            .as_f64()
            .and_then(|s| chrono::DateTime::from_timestamp(s as i64, 0))
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        _ => text(v, key),
    }
}

fn rate_card(card: &Value, currency: &str) -> String {
    items(card, "RateCard")
        .iter()
        .map(|i| {
            format!(
                "{} {currency} {}",
                text(i, "DimensionKey"),
                text(i, "Price")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn grants(term: &Value) -> String {
    items(term, "Grants")
        .iter()
        .map(|g| {
            let q = text(g, "MaxQuantity");
            if q.is_empty() {
                text(g, "DimensionKey")
            } else {
                format!("{} x{q}", text(g, "DimensionKey"))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The term's type in Catalog spelling (`UsageBasedPricingTerm`).
pub fn term_type(term: &Value) -> String {
    let t = text(term, "Type");
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => t,
    }
}

/// One line describing a term.
pub fn summary(term: &Value) -> String {
    let currency = text(term, "CurrencyCode");
    match term_type(term).as_str() {
        "LegalTerm" => items(term, "Documents")
            .iter()
            .map(|d| {
                format!("{} {}", text(d, "Type"), text(d, "Url"))
                    .trim()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(", "),
        "SupportTerm" => format!("refund policy: {}", text(term, "RefundPolicy")),
        "RenewalTerm" => match get(term, "Configuration") {
            Some(c) => format!("auto-renew: {}", text(c, "EnableAutoRenew")),
            None => "renewal allowed".into(),
        },
        "UsageBasedPricingTerm" => items(term, "RateCards")
            .iter()
            .map(|c| rate_card(c, &currency))
            .collect::<Vec<_>>()
            .join("; "),
        "ConfigurableUpfrontPricingTerm" => items(term, "RateCards")
            .iter()
            .map(|c| {
                let sel = get(c, "Selector")
                    .map(|s| text(s, "Value"))
                    .unwrap_or_default();
                format!("{sel}: {}", rate_card(c, &currency))
            })
            .collect::<Vec<_>>()
            .join("; "),
        "FixedUpfrontPricingTerm" => fixed_upfront(term, &currency),
        "FreeTrialPricingTerm" => format!("{} free: {}", text(term, "Duration"), grants(term)),
        "PaymentScheduleTerm" => items(term, "Schedule")
            .iter()
            .map(|s| {
                format!(
                    "{} {currency} {}",
                    date(s, "ChargeDate"),
                    text(s, "ChargeAmount")
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        "ValidityTerm" => validity(term),
        "RecurringPaymentTerm" => format!(
            "{currency} {} {}",
            text(term, "Price"),
            text(term, "BillingPeriod")
        ),
        "VariablePaymentTerm" => format!("up to {currency} {}", text(term, "MaxTotalChargeAmount")),
        "ByolPricingTerm" => "bring your own license".into(),
        _ => String::new(),
    }
}

fn fixed_upfront(term: &Value, currency: &str) -> String {
    let duration = text(term, "Duration");
    format!(
        "{currency} {}{} for {}",
        text(term, "Price"),
        if duration.is_empty() {
            String::new()
        } else {
            format!(" per {duration}")
        },
        grants(term)
    )
}

fn validity(term: &Value) -> String {
    let parts: Vec<String> = [
        ("AgreementDuration", "duration"),
        ("AgreementStartDate", "starts"),
        ("AgreementEndDate", "ends"),
    ]
    .iter()
    .filter_map(|(k, label)| {
        let v = date(term, k);
        (!v.is_empty()).then(|| format!("{label} {v}"))
    })
    .collect();
    parts.join(", ")
}

/// Table rows `[type, summary]`.
pub fn rows(terms: &[Value]) -> Vec<Vec<String>> {
    terms
        .iter()
        .map(|t| vec![term_type(t), summary(t)])
        .collect()
}

/// The pricing model the terms imply: `Contract`, `Usage`, `FreeTrial`, `Byol` (the Catalog's
/// `PricingModel` values), or `None`.
pub fn infer_pricing_model(terms: &[Value]) -> String {
    let has = |t: &str| terms.iter().any(|x| term_type(x) == t);
    if has("ConfigurableUpfrontPricingTerm") || has("FixedUpfrontPricingTerm") {
        "Contract"
    } else if has("UsageBasedPricingTerm") {
        "Usage"
    } else if has("FreeTrialPricingTerm") {
        "FreeTrial"
    } else if has("ByolPricingTerm") {
        "Byol"
    } else {
        "None"
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summarizes_both_spellings_alike() {
        let catalog = json!({"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD",
            "RateCards": [{"RateCard": [{"DimensionKey": "Small", "Price": "0.12"}]}]});
        let agreement = json!({"type": "UsageBasedPricingTerm", "currencyCode": "USD",
            "rateCards": [{"rateCard": [{"dimensionKey": "Small", "price": "0.12"}]}]});
        assert_eq!(summary(&catalog), "Small USD 0.12");
        assert_eq!(summary(&agreement), summary(&catalog));
        let schedule = json!({"type": "PaymentScheduleTerm", "currencyCode": "USD",
            "schedule": [{"chargeDate": 1767225600.0, "chargeAmount": "10"}]});
        assert_eq!(summary(&schedule), "2026-01-01 USD 10");
    }

    #[test]
    fn infers_the_pricing_model() {
        let t = |k: &str| json!({"Type": k});
        assert_eq!(infer_pricing_model(&[t("UsageBasedPricingTerm")]), "Usage");
        assert_eq!(
            infer_pricing_model(&[t("UsageBasedPricingTerm"), t("FixedUpfrontPricingTerm")]),
            "Contract"
        );
        assert_eq!(
            infer_pricing_model(&[t("FreeTrialPricingTerm")]),
            "FreeTrial"
        );
    }
}
