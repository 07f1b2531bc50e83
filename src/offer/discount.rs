//! A campaign row's `discount_percent`: every price of the rendered private offer request
//! (after its rate card, if any) multiplied by (1 − d/100). "Every price" is each `Price` in
//! the UpdatePricingTerms change — the FixedUpfrontPricingTerm's price and each rate card entry
//! of the usage and configurable-upfront terms — and each `ChargeAmount` of an
//! UpdatePaymentScheduleTerms change. Prices are rounded half away from zero to 4 decimals
//! (trailing zeros dropped, like a rate card's DiscountPercent), charge amounts to cents.

use serde_json::Value;

use crate::exit::bad_input;

/// Applies `percent` (0 < percent < 100) to the request's prices. Errors (bad input) if the
/// request has no UpdatePricingTerms change or a price is not a decimal amount.
pub fn apply(request: &mut Value, percent: f64) -> anyhow::Result<()> {
    let factor = 1.0 - percent / 100.0;
    let changes = request
        .get_mut("ChangeSet")
        .and_then(Value::as_array_mut)
        .map(|c| c.as_mut_slice())
        .unwrap_or_default();
    let mut priced = false;
    for change in changes {
        let kind = change.get("ChangeType").and_then(Value::as_str);
        let (key, decimals) = match kind {
            Some("UpdatePricingTerms") => ("Price", 4),
            Some("UpdatePaymentScheduleTerms") => ("ChargeAmount", 2),
            _ => continue,
        };
        priced |= key == "Price";
        if let Some(details) = change.get_mut("DetailsDocument") {
            scale(details, key, factor, decimals)?;
        }
    }
    if !priced {
        return Err(bad_input(
            "discount_percent: the offer template has no UpdatePricingTerms change to discount",
        ));
    }
    Ok(())
}

/// Scales every `key` string under `v`.
fn scale(v: &mut Value, key: &str, factor: f64, decimals: i32) -> anyhow::Result<()> {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if k == key => *s = scaled(s, factor, decimals)?,
                    _ => scale(x, key, factor, decimals)?,
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                scale(x, key, factor, decimals)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn scaled(price: &str, factor: f64, decimals: i32) -> anyhow::Result<String> {
    let p: f64 = price
        .trim()
        .parse()
        .ok()
        .filter(|p: &f64| p.is_finite() && *p >= 0.0)
        .ok_or_else(|| {
            bad_input(format!(
                "discount_percent: the offer's price {price:?} is not a decimal amount"
            ))
        })?;
    let unit = 10f64.powi(decimals);
    let rounded = (p * factor * unit).round() / unit;
    let text = format!("{rounded:.*}", decimals as usize);
    if decimals == 2 {
        return Ok(text);
    }
    let text = text.trim_end_matches('0');
    Ok(match text.strip_suffix('.') {
        Some(whole) => format!("{whole}.0"),
        None => text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prices_and_charges_are_discounted_and_rounded() {
        let mut r = json!({"ChangeSet": [
            {"ChangeType": "UpdatePricingTerms", "DetailsDocument": {"Terms": [
                {"Type": "FixedUpfrontPricingTerm", "Price": "0.0"},
                {"Type": "UsageBasedPricingTerm", "RateCards": [{"RateCard": [
                    {"DimensionKey": "S", "Price": "0.12"},
                    {"DimensionKey": "L", "Price": "0.33333"}]}]}]}},
            {"ChangeType": "UpdatePaymentScheduleTerms", "DetailsDocument": {"Terms": [
                {"Schedule": [{"ChargeDate": "2030-01-01", "ChargeAmount": "2000.00"}]}]}}
        ]});
        apply(&mut r, 15.0).expect("discounted");
        let terms = &r["ChangeSet"][0]["DetailsDocument"]["Terms"];
        assert_eq!(terms[0]["Price"], "0.0");
        assert_eq!(terms[1]["RateCards"][0]["RateCard"][0]["Price"], "0.102");
        assert_eq!(terms[1]["RateCards"][0]["RateCard"][1]["Price"], "0.2833");
        let charge = &r["ChangeSet"][1]["DetailsDocument"]["Terms"][0]["Schedule"][0];
        assert_eq!(charge["ChargeAmount"], "1700.00");
        assert_eq!(charge["ChargeDate"], "2030-01-01");
        let mut none = json!({"ChangeSet": [{"ChangeType": "CreateOffer"}]});
        assert!(apply(&mut none, 10.0).is_err());
    }
}
