//! Catalog offer terms (PascalCase, `{"Type":"UsageBasedPricingTerm","RateCards":[…]}`) mapped to
//! Agreement accepted terms (`A:AcceptedTerm`: a union object with exactly one camelCase key).
//!
//! Only members present in the offer are copied, so no null is ever emitted. Dates become epoch
//! seconds. Term types the Agreement model does not know are left out.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::time;

/// Maps every term of an offer document's `Terms` to an accepted term.
pub(super) fn accepted_terms(offer_id: &str, catalog_terms: &[Value]) -> Vec<Value> {
    catalog_terms
        .iter()
        .enumerate()
        .filter_map(|(i, term)| accepted_term(&term_id(offer_id, i, term), term))
        .collect()
}

/// The term's Catalog `Id` if it has one, else a stable id derived from offer, position and type
/// (`term-` + 25 lowercase alphanumerics), so every agreement from one offer shares term ids.
pub(super) fn term_id(offer_id: &str, index: usize, term: &Value) -> String {
    if let Some(id) = term.get("Id").and_then(Value::as_str) {
        return id.to_string();
    }
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let kind = term.get("Type").and_then(Value::as_str).unwrap_or("");
    let digest = Sha256::digest(format!("{offer_id}/{index}/{kind}"));
    let suffix: String = digest
        .iter()
        .take(25)
        .map(|b| ALNUM[usize::from(*b) % ALNUM.len()] as char)
        .collect();
    format!("term-{suffix}")
}

fn accepted_term(id: &str, term: &Value) -> Option<Value> {
    let kind = term.get("Type").and_then(Value::as_str)?;
    let mut body = Map::new();
    body.insert("type".into(), json!(kind));
    body.insert("id".into(), json!(id));
    let key = match kind {
        "LegalTerm" => legal(term, &mut body),
        "SupportTerm" => support(term, &mut body),
        "RenewalTerm" => renewal(&mut body),
        "UsageBasedPricingTerm" => usage_based(term, &mut body),
        "ConfigurableUpfrontPricingTerm" => configurable_upfront(term, &mut body),
        "FixedUpfrontPricingTerm" => fixed_upfront(term, &mut body),
        "FreeTrialPricingTerm" => free_trial(term, &mut body),
        "PaymentScheduleTerm" => payment_schedule(term, &mut body),
        "ValidityTerm" => validity(term, &mut body),
        "RecurringPaymentTerm" => recurring(term, &mut body),
        "VariablePaymentTerm" => variable_payment(term, &mut body),
        "ByolPricingTerm" => "byolPricingTerm",
        _ => return None,
    };
    Some(json!({ key: body }))
}

/// Copies the string members `(from, to)` that are present in `src`.
fn copy_strs(src: &Value, dst: &mut Map<String, Value>, names: &[(&str, &str)]) {
    for (from, to) in names {
        if let Some(s) = src.get(*from).and_then(Value::as_str) {
            dst.insert((*to).into(), json!(s));
        }
    }
}

fn object(src: &Value, names: &[(&str, &str)]) -> Value {
    let mut out = Map::new();
    copy_strs(src, &mut out, names);
    Value::Object(out)
}

fn list<'a>(src: &'a Value, key: &str) -> &'a [Value] {
    src.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Maps the list `key` of `src` (when present) into `dst[to]`.
fn map_list(
    src: &Value,
    key: &str,
    dst: &mut Map<String, Value>,
    to: &str,
    f: fn(&Value) -> Value,
) {
    if src.get(key).and_then(Value::as_array).is_some() {
        dst.insert(to.into(), list(src, key).iter().map(f).collect());
    }
}

fn date(src: &Value, from: &str, dst: &mut Map<String, Value>, to: &str) {
    if let Some(t) = src
        .get(from)
        .and_then(Value::as_str)
        .and_then(time::parse_instant)
    {
        dst.insert(to.into(), time::epoch(t));
    }
}

fn legal(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    map_list(term, "Documents", body, "documents", |d| {
        object(
            d,
            &[("Type", "type"), ("Url", "url"), ("Version", "version")],
        )
    });
    "legalTerm"
}

fn support(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("RefundPolicy", "refundPolicy")]);
    "supportTerm"
}

/// [I] The Catalog renewal term carries no buyer choice; the emulated buyer does not opt in.
fn renewal(body: &mut Map<String, Value>) -> &'static str {
    body.insert("configuration".into(), json!({ "enableAutoRenew": false }));
    "renewalTerm"
}

fn rate_card_item(item: &Value) -> Value {
    object(
        item,
        &[("DimensionKey", "dimensionKey"), ("Price", "price")],
    )
}

fn usage_based(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("CurrencyCode", "currencyCode")]);
    map_list(term, "RateCards", body, "rateCards", |card| {
        let mut out = Map::new();
        map_list(card, "RateCard", &mut out, "rateCard", rate_card_item);
        Value::Object(out)
    });
    "usageBasedPricingTerm"
}

fn configurable_rate_card(card: &Value) -> Value {
    let mut out = Map::new();
    if let Some(selector) = card.get("Selector").filter(|s| s.is_object()) {
        out.insert(
            "selector".into(),
            object(selector, &[("Type", "type"), ("Value", "value")]),
        );
    }
    if let Some(c) = card.get("Constraints").filter(|c| c.is_object()) {
        let names = [
            ("MultipleDimensionSelection", "multipleDimensionSelection"),
            ("QuantityConfiguration", "quantityConfiguration"),
        ];
        out.insert("constraints".into(), object(c, &names));
    }
    map_list(card, "RateCard", &mut out, "rateCard", rate_card_item);
    Value::Object(out)
}

fn configurable_upfront(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("CurrencyCode", "currencyCode")]);
    map_list(term, "RateCards", body, "rateCards", configurable_rate_card);
    if let Some(configuration) = buyer_selection(term) {
        body.insert("configuration".into(), configuration);
    }
    "configurableUpfrontPricingTerm"
}

/// [I] The emulated buyer picks the first rate card's selector and quantity 1 of each of its
/// dimensions. `None` when there is nothing to select (the member's fields are required).
pub(super) fn buyer_selection(term: &Value) -> Option<Value> {
    let card = list(term, "RateCards").first()?;
    let selector = card.get("Selector")?.get("Value")?.as_str()?;
    let dimensions: Vec<Value> = list(card, "RateCard")
        .iter()
        .filter_map(|item| item.get("DimensionKey").and_then(Value::as_str))
        .map(|key| json!({ "dimensionKey": key, "dimensionValue": 1 }))
        .collect();
    Some(json!({ "selectorValue": selector, "dimensions": dimensions }))
}

/// `A:GrantItem.maxQuantity` defaults to 1 (`PositiveIntegerWithDefaultValueOne`).
fn grant(item: &Value) -> Value {
    let mut out = Map::new();
    copy_strs(item, &mut out, &[("DimensionKey", "dimensionKey")]);
    let quantity = item.get("MaxQuantity").and_then(Value::as_i64).unwrap_or(1);
    out.insert("maxQuantity".into(), json!(quantity));
    Value::Object(out)
}

fn fixed_upfront(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    let names = [
        ("CurrencyCode", "currencyCode"),
        ("Duration", "duration"),
        ("Price", "price"),
    ];
    copy_strs(term, body, &names);
    map_list(term, "Grants", body, "grants", grant);
    "fixedUpfrontPricingTerm"
}

fn free_trial(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("Duration", "duration")]);
    map_list(term, "Grants", body, "grants", grant);
    "freeTrialPricingTerm"
}

fn payment_schedule(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("CurrencyCode", "currencyCode")]);
    map_list(term, "Schedule", body, "schedule", |item| {
        let mut out = Map::new();
        date(item, "ChargeDate", &mut out, "chargeDate");
        copy_strs(item, &mut out, &[("ChargeAmount", "chargeAmount")]);
        Value::Object(out)
    });
    "paymentScheduleTerm"
}

fn validity(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    copy_strs(term, body, &[("AgreementDuration", "agreementDuration")]);
    date(term, "AgreementStartDate", body, "agreementStartDate");
    date(term, "AgreementEndDate", body, "agreementEndDate");
    "validityTerm"
}

fn recurring(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    let names = [
        ("CurrencyCode", "currencyCode"),
        ("BillingPeriod", "billingPeriod"),
        ("Price", "price"),
    ];
    copy_strs(term, body, &names);
    "recurringPaymentTerm"
}

fn variable_payment(term: &Value, body: &mut Map<String, Value>) -> &'static str {
    let names = [
        ("CurrencyCode", "currencyCode"),
        ("MaxTotalChargeAmount", "maxTotalChargeAmount"),
    ];
    copy_strs(term, body, &names);
    // `paymentRequestApprovalStrategy` is required in the configuration.
    if let Some(strategy) = term.get("ApprovalStrategy").and_then(Value::as_str) {
        let mut configuration = Map::new();
        configuration.insert("paymentRequestApprovalStrategy".into(), json!(strategy));
        copy_strs(
            term,
            &mut configuration,
            &[("ExpirationDuration", "expirationDuration")],
        );
        body.insert("configuration".into(), Value::Object(configuration));
    }
    "variablePaymentTerm"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_key(v: &Value) -> &str {
        let map = v.as_object().expect("union object");
        assert_eq!(map.len(), 1, "a union has exactly one key: {v}");
        map.keys().next().expect("key")
    }

    #[test]
    fn maps_usage_based_term() {
        let terms = [
            json!({"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD",
            "RateCards": [{"RateCard": [{"DimensionKey": "x", "Price": "0.15"}]}]}),
        ];
        let out = accepted_terms("offer-1", &terms);
        assert_eq!(only_key(&out[0]), "usageBasedPricingTerm");
        let t = &out[0]["usageBasedPricingTerm"];
        assert_eq!(t["type"], "UsageBasedPricingTerm");
        assert!(t["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("term-") && id.len() == 30));
        assert_eq!(t["currencyCode"], "USD");
        assert_eq!(
            t["rateCards"],
            json!([{"rateCard": [{"dimensionKey": "x", "price": "0.15"}]}])
        );
    }

    #[test]
    fn maps_configurable_upfront_term_with_buyer_selection() {
        let terms = [
            json!({"Type": "ConfigurableUpfrontPricingTerm", "CurrencyCode": "USD",
            "RateCards": [{"Selector": {"Type": "Duration", "Value": "P36M"},
                "Constraints": {"MultipleDimensionSelection": "Allowed", "QuantityConfiguration": "Allowed"},
                "RateCard": [{"DimensionKey": "a", "Price": "300.0"}, {"DimensionKey": "b", "Price": "5"}]}]}),
        ];
        let t = &accepted_terms("offer-1", &terms)[0]["configurableUpfrontPricingTerm"];
        assert_eq!(
            t["rateCards"][0]["selector"],
            json!({"type": "Duration", "value": "P36M"})
        );
        assert_eq!(
            t["rateCards"][0]["constraints"]["quantityConfiguration"],
            "Allowed"
        );
        assert_eq!(
            t["configuration"],
            json!({"selectorValue": "P36M", "dimensions": [
                {"dimensionKey": "a", "dimensionValue": 1}, {"dimensionKey": "b", "dimensionValue": 1}]})
        );
    }

    #[test]
    fn maps_dates_legal_validity_and_schedule_terms() {
        let terms = [
            json!({"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}),
            json!({"Type": "ValidityTerm", "AgreementDuration": "P12M"}),
            json!({"Type": "PaymentScheduleTerm", "CurrencyCode": "USD",
                   "Schedule": [{"ChargeDate": "2024-01-01", "ChargeAmount": "200.00"}]}),
            json!({"Type": "FixedUpfrontPricingTerm", "CurrencyCode": "USD", "Price": "0.0",
                   "Grants": [{"DimensionKey": "BasicService"}]}),
        ];
        let out = accepted_terms("offer-1", &terms);
        let keys: Vec<&str> = out.iter().map(only_key).collect();
        assert_eq!(
            keys,
            [
                "legalTerm",
                "validityTerm",
                "paymentScheduleTerm",
                "fixedUpfrontPricingTerm"
            ]
        );
        assert_eq!(
            out[0]["legalTerm"]["documents"],
            json!([{"type": "StandardEula", "version": "2022-07-14"}])
        );
        assert_eq!(out[1]["validityTerm"]["agreementDuration"], "P12M");
        assert_eq!(
            out[2]["paymentScheduleTerm"]["schedule"][0]["chargeDate"],
            json!(1_704_067_200.0)
        );
        assert_eq!(
            out[3]["fixedUpfrontPricingTerm"]["grants"][0]["maxQuantity"],
            1
        );
    }

    #[test]
    fn term_ids_are_stable_distinct_and_prefer_catalog_ids() {
        let t = json!({"Type": "LegalTerm"});
        assert_eq!(term_id("offer-1", 0, &t), term_id("offer-1", 0, &t));
        assert_ne!(term_id("offer-1", 0, &t), term_id("offer-1", 1, &t));
        assert_ne!(term_id("offer-1", 0, &t), term_id("offer-2", 0, &t));
        assert_eq!(
            term_id("offer-1", 0, &json!({"Id": "term-abc"})),
            "term-abc"
        );
    }

    #[test]
    fn skips_unknown_term_types_and_never_emits_null() {
        let terms = [
            json!({"Type": "MadeUpTerm"}),
            json!({"Type": "SupportTerm", "RefundPolicy": null}),
        ];
        let out = accepted_terms("offer-1", &terms);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0]["supportTerm"].as_object().map(Map::len),
            Some(2),
            "type + id only"
        );
    }
}
