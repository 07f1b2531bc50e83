//! Which ResaleAuthorization change type carries each difference, and the changes that make a
//! live resale authorization match its listing file: information, pricing terms (with the
//! `PricingModel` the document states), legal, payment schedule, buyer validity and buyer
//! targeting terms, availability (end date, at most one offer), and release or restriction
//! last. The manufacturer's facts AWS copies in (product, dimensions, reseller, created date)
//! are not the seller's to edit here.

use serde_json::{json, Map, Value};

use super::diff::Difference;
use super::file::member;
use crate::offer::terms::{infer_pricing_model, term_type};

/// The order changes go in: a release or restriction comes after everything else.
pub const ORDER: &[&str] = &[
    "UpdateInformation",
    "UpdatePricingTerms",
    "UpdateLegalTerms",
    "UpdatePaymentScheduleTerms",
    "UpdateBuyerValidityTerms",
    "UpdateBuyerTargetingTerms",
    "UpdateAvailability",
    "ReleaseResaleAuthorization",
    "RestrictResaleAuthorization",
];

/// The change type that sets a term of this type (`ResaleLegalTerm` and `BuyerLegalTerm` alike).
fn term_change(term: &str) -> Option<&'static str> {
    [
        ("PricingTerm", "UpdatePricingTerms"),
        ("LegalTerm", "UpdateLegalTerms"),
        ("PaymentScheduleTerm", "UpdatePaymentScheduleTerms"),
        ("ValidityTerm", "UpdateBuyerValidityTerms"),
        ("TargetingTerm", "UpdateBuyerTargetingTerms"),
    ]
    .iter()
    .find(|(suffix, _)| term.ends_with(suffix))
    .map(|(_, ct)| *ct)
}

/// The change type that carries `d`, `None` when no change type can.
pub fn classify(d: &Difference) -> Option<&'static str> {
    let local = d.local.as_ref().and_then(Value::as_str);
    match d.key(0)? {
        "Name" | "Description" if d.segments.len() == 1 => Some("UpdateInformation"),
        "PreExistingBuyerAgreement" => Some("UpdateInformation"),
        "PricingModel" => Some("UpdatePricingTerms"),
        "Status" => match (d.live.as_ref()?.as_str()?, local?) {
            ("Draft", "Active") => Some("ReleaseResaleAuthorization"),
            ("Active", "Restricted") => Some("RestrictResaleAuthorization"),
            _ => None,
        },
        "Terms" => {
            let ct = term_change(d.item(1)?)?;
            (d.local.is_some() || d.segments.len() > 2 || ct == "UpdatePricingTerms").then_some(ct)
        }
        "Rules" if d.item(1)? == "AvailabilityRule" => {
            let member = matches!(d.key(2), Some("AvailabilityEndDate" | "OffersMaxQuantity"));
            let added = d.segments.len() == 2 && d.local.is_some();
            (member || added).then_some("UpdateAvailability")
        }
        _ => None,
    }
}

/// The DetailsDocument of change type `ct`, from the file's document.
pub fn details(ct: &str, local: &Value, diffs: &[&Difference]) -> Value {
    match ct {
        "UpdateInformation" => {
            let mut m = Map::new();
            for k in diffs.iter().filter_map(|d| d.key(0)) {
                m.insert(k.to_string(), member(local, k).clone());
            }
            Value::Object(m)
        }
        "UpdateAvailability" => {
            let rule = member(local, "Rules")
                .as_array()
                .and_then(|rs| rs.iter().find(|r| r["Type"] == "AvailabilityRule"))
                .cloned()
                .unwrap_or(Value::Null);
            let mut m = Map::new();
            for k in ["AvailabilityEndDate", "OffersMaxQuantity"] {
                if !member(&rule, k).is_null() {
                    m.insert(k.into(), rule[k].clone());
                }
            }
            Value::Object(m)
        }
        "ReleaseResaleAuthorization" | "RestrictResaleAuthorization" => json!({}),
        terms => {
            let all = member(local, "Terms")
                .as_array()
                .cloned()
                .unwrap_or_default();
            let chosen: Vec<Value> = all
                .iter()
                .filter(|t| term_change(&term_type(t)) == Some(terms))
                .map(sendable)
                .collect();
            let mut out = json!({"Terms": chosen});
            if terms == "UpdatePricingTerms" {
                out["PricingModel"] = match member(local, "PricingModel") {
                    Value::String(m) => json!(m),
                    _ => json!(infer_pricing_model(&all)),
                };
            }
            out
        }
    }
}

/// A term as a change sends it: without its `Id`, and buyer accounts as plain ids (the entity
/// lists them as `{"AwsAccountId": …}`).
fn sendable(term: &Value) -> Value {
    let mut t = term.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("Id");
    }
    if let Some(accounts) = t
        .pointer_mut("/PositiveTargeting/BuyerAccounts")
        .and_then(Value::as_array_mut)
    {
        for a in accounts.iter_mut() {
            if let Some(id) = a.get("AwsAccountId").cloned() {
                *a = id;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::diff::diff;

    #[test]
    fn buyer_targeting_goes_back_as_account_ids_and_release_is_last() {
        let live = json!({"Status": "Draft", "Terms": [
            {"Type": "BuyerTargetingTerm", "PositiveTargeting": {"BuyerAccounts": [{"AwsAccountId": "111122223333"}]}}]});
        let local = json!({"Status": "Active", "Terms": [
            {"Type": "BuyerTargetingTerm", "PositiveTargeting": {"BuyerAccounts": [{"AwsAccountId": "444455556666"}]}}]});
        let d = diff(&live, &local);
        let types: Vec<_> = d.iter().map(classify).collect();
        assert_eq!(
            types,
            [
                Some("ReleaseResaleAuthorization"),
                Some("UpdateBuyerTargetingTerms")
            ]
        );
        assert_eq!(
            details("UpdateBuyerTargetingTerms", &local, &[&d[1]]),
            json!({"Terms": [{"Type": "BuyerTargetingTerm", "PositiveTargeting": {"BuyerAccounts": ["444455556666"]}}]})
        );
        let at = |ct: &str| ORDER.iter().position(|c| *c == ct);
        assert!(at("UpdateBuyerTargetingTerms") < at("ReleaseResaleAuthorization"));
    }
}
