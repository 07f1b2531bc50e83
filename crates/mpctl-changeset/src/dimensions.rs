//! Pricing dimensions across the changes of one set: the dimensions `AddDimensions` defines on a
//! product, the `DimensionKey`s offers and resale authorizations price or grant, and the two
//! rules that follow from the request alone.
//!
//! A product's full dimension list is known only when the set creates the product; for an
//! existing product the set may price dimensions added long ago, so `UNKNOWN_DIMENSION` is
//! checked only for products created in the set (AWS's own reference set
//! `add_dimension_to_ami_product_and_set_price_in_public_offer` adds one dimension to an existing
//! product and prices four). The emulator checks the rest against the stored product.

use std::collections::HashMap;

use serde_json::Value;

use super::change;
use super::diagnostic::{join, Diagnostic};
use super::references::{change_names, target_of, Target};
use super::shapes::closest;

/// Every `DimensionKey` string in the change's details (rate cards, grants, free-trial grants),
/// with its pointer relative to the change.
pub fn dimension_keys_used(change: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    if let Some((base, details)) = change::details_with_pointer(change) {
        collect_keys(&details, base, &mut found);
    }
    found
}

fn collect_keys(value: &Value, path: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(members) => {
            for (key, item) in members {
                let here = join(path, key);
                match (key.as_str(), item) {
                    ("DimensionKey", Value::String(k)) => found.push((here, k.clone())),
                    _ => collect_keys(item, &here, found),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_keys(item, &join(path, i), found);
            }
        }
        _ => {}
    }
}

/// The dimensions an `AddDimensions` change defines: `(Key, Types)`. Empty for other changes.
pub fn dimensions_defined(change: &Value) -> Vec<(String, Vec<String>)> {
    if change::change_type(change) != Some("AddDimensions") {
        return Vec::new();
    }
    match change::details_of(change) {
        Some(Value::Array(items)) => dimension_list(&items),
        _ => Vec::new(),
    }
}

/// `(Key, Types)` of each dimension object in a list (an AddDimensions document or a product's
/// `Dimensions`); entries without a `Key` are skipped.
pub fn dimension_list(items: &[Value]) -> Vec<(String, Vec<String>)> {
    items
        .iter()
        .filter_map(|item| {
            let key = item.get("Key")?.as_str()?.to_string();
            let types = item
                .get("Types")
                .and_then(Value::as_array)
                .map(|ts| {
                    ts.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            Some((key, types))
        })
        .collect()
}

/// Metered dimensions are billed by usage (`Metered` for AMI/container hours, `ExternallyMetered`
/// for SaaS/container usage the seller reports) and need a usage-based price.
pub fn is_metered(types: &[String]) -> bool {
    types
        .iter()
        .any(|t| t == "Metered" || t == "ExternallyMetered")
}

/// `UNKNOWN_DIMENSION` and `MISSING_USAGE_PRICING`.
pub fn check(changes: &[Value], out: &mut Vec<Diagnostic>) {
    let names = change_names(changes);
    let mut defined: HashMap<Target, Vec<(String, Vec<String>)>> = HashMap::new();
    for c in changes {
        let dims = dimensions_defined(c);
        if dims.is_empty() {
            continue;
        }
        if let Some(product) = change::identifier(c).and_then(|id| target_of(id, &names)) {
            defined.entry(product).or_default().extend(dims);
        }
    }
    if defined.is_empty() {
        return;
    }
    for (i, c) in changes.iter().enumerate() {
        let Some(product) = product_of(changes, &names, i, 0) else {
            continue;
        };
        let Some(dims) = defined.get(&product) else {
            continue;
        };
        let keys: Vec<&str> = dims.iter().map(|(k, _)| k.as_str()).collect();
        if is_created_product(changes, &product) {
            for (pointer, key) in dimension_keys_used(c) {
                if keys.contains(&key.as_str()) {
                    continue;
                }
                let near = closest(&key, &keys)
                    .map(|k| format!("did you mean {k}? "))
                    .unwrap_or_default();
                out.push(
                    Diagnostic::error(
                        "UNKNOWN_DIMENSION",
                        format!("/ChangeSet/{i}{pointer}"),
                        format!("dimension {key:?} is not defined on the product; this set defines {}", keys.join(", ")),
                    )
                    .with_hint(format!("{near}price one of the product's dimensions, or add {key:?} with AddDimensions")),
                );
            }
        }
        let metered: Vec<&str> = dims
            .iter()
            .filter(|(_, t)| is_metered(t))
            .map(|(k, _)| k.as_str())
            .collect();
        if !metered.is_empty() && change::change_type(c) == Some("UpdatePricingTerms") {
            missing_usage_pricing(c, i, &metered, out);
        }
    }
}

/// A paid pricing change for a product with metered dimensions must include a usage-based term
/// (`UsageBasedPricingTerm`, or `ResaleUsageBasedPricingTerm` for a resale authorization).
/// Free trials and free/BYOL pricing do not bill usage.
fn missing_usage_pricing(c: &Value, i: usize, metered: &[&str], out: &mut Vec<Diagnostic>) {
    let Some((base, details)) = change::details_with_pointer(c) else {
        return;
    };
    let Some(terms) = details.get("Terms").and_then(Value::as_array) else {
        return;
    };
    if matches!(
        details.get("PricingModel").and_then(Value::as_str),
        Some("Free" | "Byol")
    ) {
        return;
    }
    let types: Vec<&str> = terms
        .iter()
        .filter_map(|t| t.get("Type")?.as_str())
        .collect();
    if types
        .iter()
        .any(|t| t.ends_with("UsageBasedPricingTerm") || *t == "FreeTrialPricingTerm")
    {
        return;
    }
    out.push(
        Diagnostic::error(
            "MISSING_USAGE_PRICING",
            format!("/ChangeSet/{i}{base}/Terms"),
            format!(
                "the set adds metered dimensions {} to the product, but these terms have no usage-based pricing term",
                metered.join(", ")
            ),
        )
        .with_hint(format!(
            "add a term {{\"Type\": \"UsageBasedPricingTerm\", \"CurrencyCode\": \"USD\", \"RateCards\": [{{\"RateCard\": [...]}}]}} pricing {}",
            metered.join(", ")
        )),
    );
}

fn is_created_product(changes: &[Value], product: &Target) -> bool {
    matches!(product, Target::Change(j) if change::change_type(&changes[*j]) == Some("CreateProduct"))
}

/// The product a change concerns: the product itself for product changes, the product an
/// offer or resale authorization sells when the set creates that offer or authorization (an
/// existing offer's product is not in the request).
fn product_of(
    changes: &[Value],
    names: &HashMap<&str, usize>,
    i: usize,
    depth: usize,
) -> Option<Target> {
    let c = &changes[i];
    let entity = match change::identifier(c) {
        Some(id) => target_of(id, names)?,
        None => Target::Change(i),
    };
    let entity_type = change::entity_type(c)?;
    if entity_type.ends_with("Product@1.0") {
        return Some(entity);
    }
    if !matches!(entity_type, "Offer@1.0" | "ResaleAuthorization@1.0") || depth > 4 {
        return None;
    }
    let Target::Change(creator) = entity else {
        return None;
    };
    let details = change::details_of(&changes[creator])?;
    if let Some(product) = details.get("ProductId").and_then(Value::as_str) {
        return target_of(product, names);
    }
    match target_of(details.get("ResaleAuthorizationId")?.as_str()?, names)? {
        Target::Change(authorization) if authorization != i => {
            product_of(changes, names, authorization, depth + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_used_and_defined() {
        let pricing = json!({"ChangeType": "UpdatePricingTerms", "Entity": {"Type": "Offer@1.0"},
            "DetailsDocument": {"Terms": [{"Grants": [{"DimensionKey": "a"}]},
                                          {"RateCards": [{"RateCard": [{"DimensionKey": "b", "Price": "1"}]}]}]}});
        assert_eq!(
            dimension_keys_used(&pricing),
            vec![
                (
                    "/DetailsDocument/Terms/0/Grants/0/DimensionKey".to_string(),
                    "a".to_string()
                ),
                (
                    "/DetailsDocument/Terms/1/RateCards/0/RateCard/0/DimensionKey".to_string(),
                    "b".to_string()
                ),
            ]
        );
        let add = json!({"ChangeType": "AddDimensions", "Entity": {"Type": "SaaSProduct@1.0"},
            "DetailsDocument": [{"Key": "k", "Types": ["ExternallyMetered"]}]});
        assert_eq!(
            dimensions_defined(&add),
            vec![("k".to_string(), vec!["ExternallyMetered".to_string()])]
        );
        assert!(dimensions_defined(&pricing).is_empty());
        assert!(is_metered(&["Entitled".into(), "Metered".into()]));
        assert!(!is_metered(&["Entitled".into()]));
    }

    #[test]
    fn resale_offers_follow_the_authorization_to_the_product() {
        let changes = vec![
            json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": "SaaSProduct@1.0"}, "DetailsDocument": {}}),
            json!({"ChangeType": "CreateResaleAuthorization", "ChangeName": "R", "Entity": {"Type": "ResaleAuthorization@1.0"},
                   "DetailsDocument": {"ProductId": "$P.Entity.Identifier"}}),
            json!({"ChangeType": "CreateOfferUsingResaleAuthorization", "ChangeName": "O", "Entity": {"Type": "Offer@1.0"},
                   "DetailsDocument": {"ResaleAuthorizationId": "$R.Entity.Identifier"}}),
            json!({"ChangeType": "UpdateMarkup", "Entity": {"Type": "Offer@1.0", "Identifier": "$O.Entity.Identifier"},
                   "DetailsDocument": {}}),
            json!({"ChangeType": "UpdateMarkup", "Entity": {"Type": "Offer@1.0", "Identifier": "offer-1"},
                   "DetailsDocument": {}}),
        ];
        let names = change_names(&changes);
        assert_eq!(product_of(&changes, &names, 3, 0), Some(Target::Change(0)));
        assert_eq!(product_of(&changes, &names, 4, 0), None);
    }
}
