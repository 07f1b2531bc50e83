//! Which Offer change type carries each difference, and the changes that make a live offer
//! match its listing file: information, targeting, terms (pricing terms together, each other
//! kind of term by its own `Update…Terms`), markup, availability, and release last.

use serde_json::{json, Map, Value};

use super::diff::Difference;
use super::file::member;
use crate::offer::terms::{infer_pricing_model, term_type};

/// The order changes go in: a release comes after everything it releases.
pub const ORDER: &[&str] = &[
    "UpdateInformation",
    "UpdateTargeting",
    "UpdatePricingTerms",
    "UpdateLegalTerms",
    "UpdateSupportTerms",
    "UpdateValidityTerms",
    "UpdatePaymentScheduleTerms",
    "UpdateRenewalTerms",
    "UpdateCustomerVerificationTerms",
    "UpdateMarkup",
    "UpdateAvailability",
    "ReleaseOffer",
];

/// The change type that sets a term of this type.
fn term_change(term: &str) -> Option<&'static str> {
    if term.ends_with("PricingTerm") {
        return Some("UpdatePricingTerms");
    }
    let ct = format!("Update{}Terms", term.strip_suffix("Term")?);
    ORDER.iter().copied().find(|c| *c == ct)
}

/// The change type that carries `d`, `None` when no change type can.
pub fn classify(d: &Difference) -> Option<&'static str> {
    match d.key(0)? {
        "Name" | "Description" if d.segments.len() == 1 => Some("UpdateInformation"),
        // Set as a whole (both its members) by UpdateInformation.
        "PreExistingAgreement" => Some("UpdateInformation"),
        "MarkupPercentage" => Some("UpdateMarkup"),
        "State" => (d.live.as_ref()?.as_str()? == "Draft"
            && d.local.as_ref()?.as_str()? == "Released")
            .then_some("ReleaseOffer"),
        "Terms" => {
            let ct = term_change(d.item(1)?)?;
            // A term other than pricing cannot be taken away, only replaced.
            (d.local.is_some() || d.segments.len() > 2 || ct == "UpdatePricingTerms").then_some(ct)
        }
        "Rules" => match d.item(1)? {
            "TargetingRule" if d.segments.len() > 2 || d.local.is_some() => Some("UpdateTargeting"),
            "AvailabilityRule" => {
                let end = d.key(2) == Some("AvailabilityEndDate");
                let added = d.segments.len() == 2 && d.local.is_some();
                (end || added).then_some("UpdateAvailability")
            }
            _ => None,
        },
        _ => None,
    }
}

/// The local offer's rule of `rule_type`.
fn rule<'a>(local: &'a Value, rule_type: &str) -> &'a Value {
    member(local, "Rules")
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["Type"] == rule_type))
        .unwrap_or(&Value::Null)
}

/// The DetailsDocument of change type `ct`, from the file's document.
pub fn details(ct: &str, local: &Value, diffs: &[&Difference]) -> Value {
    match ct {
        "UpdateInformation" => {
            let mut m = Map::new();
            for d in diffs {
                if let Some(k) = d.key(0) {
                    m.insert(k.to_string(), member(local, k).clone());
                }
            }
            Value::Object(m)
        }
        "UpdateTargeting" => {
            let r = rule(local, "TargetingRule");
            let mut m = Map::new();
            for k in ["PositiveTargeting", "NegativeTargeting"] {
                if !member(r, k).is_null() {
                    m.insert(k.into(), r[k].clone());
                }
            }
            Value::Object(m)
        }
        "UpdateAvailability" => json!({
            "AvailabilityEndDate": member(rule(local, "AvailabilityRule"), "AvailabilityEndDate")
        }),
        "UpdateMarkup" => json!({"Percentage": member(local, "MarkupPercentage")}),
        "ReleaseOffer" => json!({}),
        terms => {
            let all = member(local, "Terms")
                .as_array()
                .cloned()
                .unwrap_or_default();
            let chosen: Vec<Value> = all
                .iter()
                .filter(|t| term_change(&term_type(t)) == Some(terms))
                .map(without_id)
                .collect();
            let mut out = json!({"Terms": chosen});
            if terms == "UpdatePricingTerms" {
                out["PricingModel"] = json!(infer_pricing_model(&all));
            }
            out
        }
    }
}

/// A term without the `Id` AWS gave it (change sets do not take it).
fn without_id(term: &Value) -> Value {
    let mut t = term.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("Id");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::diff::diff;

    #[test]
    fn a_price_and_a_name_become_two_changes_of_their_types() {
        let live = json!({"Name": "A", "State": "Released", "Terms": [
            {"Id": "term-1", "Type": "FixedUpfrontPricingTerm", "Price": "1.00"},
            {"Id": "term-2", "Type": "LegalTerm", "Documents": []}]});
        let local = json!({"Name": "B", "State": "Released", "Terms": [
            {"Type": "FixedUpfrontPricingTerm", "Price": "2.00"},
            {"Type": "LegalTerm", "Documents": []}]});
        let d = diff(&live, &local);
        let types: Vec<_> = d.iter().map(classify).collect();
        assert_eq!(
            types,
            [Some("UpdateInformation"), Some("UpdatePricingTerms")]
        );
        let pricing = details("UpdatePricingTerms", &local, &[&d[1]]);
        assert_eq!(pricing["PricingModel"], "Contract");
        assert_eq!(
            pricing["Terms"],
            json!([{"Type": "FixedUpfrontPricingTerm", "Price": "2.00"}])
        );
        assert_eq!(
            details("UpdateInformation", &local, &[&d[0]]),
            json!({"Name": "B"})
        );
    }

    #[test]
    fn a_pre_existing_agreement_is_sent_whole_by_update_information() {
        let live = json!({"PreExistingAgreement": {"AcquisitionChannel": "External", "PricingModel": "Contract"}});
        let local = json!({"PreExistingAgreement": {"AcquisitionChannel": "External", "PricingModel": "Usage"}});
        let d = diff(&live, &local);
        assert_eq!(classify(&d[0]), Some("UpdateInformation"));
        assert_eq!(details("UpdateInformation", &local, &[&d[0]]), local);
    }

    #[test]
    fn read_only_members_have_no_change_type() {
        let live = json!({"Id": "offer-1", "ProductId": "prod-1", "State": "Released"});
        let local = json!({"Id": "offer-2", "ProductId": "prod-2", "State": "Draft"});
        assert!(diff(&live, &local).iter().all(|d| classify(d).is_none()));
    }
}
