//! The change sets that act on existing offers: a clone (a new private offer with another
//! offer's terms), a replacement offer for an agreement, and an availability change (extend or
//! expire). Terms read from DescribeEntity are sent back by their `Update…Terms` change type,
//! without the `Id`s AWS assigned them.

use serde_json::{json, Value};

use super::read::Offer;
use super::terms::term_type;
use crate::exit::bad_input;

const OFFER: &str = "Offer@1.0";

fn change(change_type: &str, identifier: &str, details: Value) -> Value {
    json!({
        "ChangeType": change_type,
        "Entity": {"Type": OFFER, "Identifier": identifier},
        "DetailsDocument": details,
    })
}

/// The change type that sets a term of this type.
fn change_type_for(term_type: &str) -> Option<String> {
    if term_type.ends_with("PricingTerm") {
        return Some("UpdatePricingTerms".into());
    }
    let base = term_type.strip_suffix("Term")?;
    let ct = format!("Update{base}Terms");
    mpctl_changeset::change_types_for(OFFER)
        .is_some_and(|cts| cts.contains(&ct.as_str()))
        .then_some(ct)
}

/// A term without the `Id` the Catalog assigned (change sets do not accept it).
fn without_id(term: &Value) -> Value {
    let mut t = term.clone();
    if let Some(o) = t.as_object_mut() {
        o.remove("Id");
    }
    t
}

/// One `Update…Terms` change per term kind, pricing terms together under `pricing_model`.
pub fn term_changes(
    identifier: &str,
    terms: &[Value],
    pricing_model: &str,
) -> anyhow::Result<Vec<Value>> {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for term in terms {
        let kind = term_type(term);
        let ct = change_type_for(&kind).ok_or_else(|| {
            bad_input(format!(
                "the offer has a {kind}, which no Offer change type sets\n  hint: create this offer from a change set template instead"
            ))
        })?;
        match groups.iter_mut().find(|(c, _)| *c == ct) {
            Some((_, list)) => list.push(without_id(term)),
            None => groups.push((ct, vec![without_id(term)])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(ct, list)| {
            let mut details = json!({ "Terms": list });
            if ct == "UpdatePricingTerms" {
                details["PricingModel"] = json!(pricing_model);
            }
            change(&ct, identifier, details)
        })
        .collect())
}

/// A new private offer for `buyers` with the source offer's product and terms, released.
/// A clone's description unless the seller gives one. Not the source's: it is another
/// customer's offer, and its description often names that customer.
pub fn default_description(source: &Offer, buyers: &[String]) -> String {
    format!(
        "Private offer for {}, on the terms of {}",
        buyers_text(buyers),
        source.id
    )
}

/// A clone's name unless the seller gives one (not the source's, for the same reason).
pub fn default_name(source: &Offer, buyers: &[String]) -> String {
    format!(
        "Private offer for {} (terms of {})",
        buyers_text(buyers),
        source.id
    )
}

/// Up to three accounts, then how many more (names stay within AWS's 150 characters).
fn buyers_text(buyers: &[String]) -> String {
    match buyers.len() {
        0..=3 => buyers.join(", "),
        n => format!("{} and {} more", buyers[..3].join(", "), n - 3),
    }
}

pub fn clone_request(
    source: &Offer,
    buyers: &[String],
    (name, description): (&str, Option<&str>),
    until: &str,
) -> anyhow::Result<Value> {
    let product = source
        .product_id()
        .ok_or_else(|| bad_input(format!("offer {} has no ProductId to clone", source.id)))?;
    let new = "$CreateOfferChange.Entity.Identifier";
    let mut changes = vec![
        json!({
            "ChangeType": "CreateOffer",
            "Entity": {"Type": OFFER},
            "ChangeName": "CreateOfferChange",
            "DetailsDocument": {"ProductId": product},
        }),
        change(
            "UpdateInformation",
            new,
            json!({
                "Name": name,
                "Description": description.map_or_else(|| default_description(source, buyers), str::to_string),
            }),
        ),
        change(
            "UpdateTargeting",
            new,
            json!({"PositiveTargeting": {"BuyerAccounts": buyers}}),
        ),
        change(
            "UpdateAvailability",
            new,
            json!({"AvailabilityEndDate": until}),
        ),
    ];
    changes.extend(term_changes(new, &source.terms(), &source.pricing_model())?);
    changes.push(change("ReleaseOffer", new, json!({})));
    Ok(json!({
        "Catalog": "AWSMarketplace",
        "ChangeSetName": format!("mpctl clone {}", source.id),
        "ChangeSet": changes,
    }))
}

/// A replacement private offer for `agreement_id` with `terms` (e.g. the original offer's),
/// released.
pub fn replacement_request(
    agreement_id: &str,
    name: &str,
    until: &str,
    terms: &[Value],
    pricing_model: &str,
) -> anyhow::Result<Value> {
    let new = "$CreateReplacementOfferChange.Entity.Identifier";
    let mut changes = vec![
        json!({
            "ChangeType": "CreateReplacementOffer",
            "Entity": {"Type": OFFER},
            "ChangeName": "CreateReplacementOfferChange",
            "DetailsDocument": {"AgreementId": agreement_id},
        }),
        change(
            "UpdateInformation",
            new,
            json!({"Name": name, "Description": format!("Replacement offer for agreement {agreement_id}")}),
        ),
        change(
            "UpdateAvailability",
            new,
            json!({"AvailabilityEndDate": until}),
        ),
    ];
    changes.extend(term_changes(new, terms, pricing_model)?);
    changes.push(change("ReleaseOffer", new, json!({})));
    Ok(json!({
        "Catalog": "AWSMarketplace",
        "ChangeSetName": format!("mpctl replace {agreement_id}"),
        "ChangeSet": changes,
    }))
}

/// UpdateAvailability of an existing offer (extend with a future date, expire with a past one).
pub fn availability_request(offer_id: &str, date: &str, verb: &str) -> Value {
    json!({
        "Catalog": "AWSMarketplace",
        "ChangeSetName": format!("mpctl {verb} {offer_id}"),
        "ChangeSet": [change("UpdateAvailability", offer_id, json!({"AvailabilityEndDate": date}))],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_pricing_terms_and_drops_ids() {
        let terms = [
            json!({"Id": "term-1", "Type": "FixedUpfrontPricingTerm", "Price": "0.0"}),
            json!({"Id": "term-2", "Type": "UsageBasedPricingTerm"}),
            json!({"Id": "term-3", "Type": "LegalTerm"}),
            json!({"Type": "ValidityTerm"}),
        ];
        let changes = term_changes("offer-x", &terms, "Contract").expect("changes");
        let types: Vec<&str> = changes
            .iter()
            .map(|c| c["ChangeType"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                "UpdatePricingTerms",
                "UpdateLegalTerms",
                "UpdateValidityTerms"
            ]
        );
        assert_eq!(changes[0]["DetailsDocument"]["PricingModel"], "Contract");
        assert_eq!(
            changes[0]["DetailsDocument"]["Terms"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert!(changes[0]["DetailsDocument"]["Terms"][0]
            .get("Id")
            .is_none());
    }

    #[test]
    fn an_unknown_term_type_is_bad_input() {
        let terms = [json!({"Type": "MysteryTerm"})];
        assert!(term_changes("offer-x", &terms, "Contract").is_err());
    }
}
