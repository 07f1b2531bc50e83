//! Which products, listings and offer sets the calling account may see through Discovery (who
//! may see an offer is `offering`'s rule, shared with the Agreement service).
//!
//! [I] A product is seen only once released (ReleaseProduct) and not `Draft`: a `Public` one
//! by everybody; a `Limited` or `Restricted` one by its seller, by the accounts on its
//! allowlist (`Targeting.PositiveTargeting.BuyerAccounts`) and by a buyer that a released
//! private (or replacement) offer on it targets. Anything else is `ResourceNotFoundException`,
//! as if it did not exist.
//!
//! [I] Each product has one listing, `prodview-<the product id without "prod-">` (the form of
//! AWS Marketplace's listing URLs), seen by whoever sees the product. Multi-product listings
//! are not modelled.
//!
//! [I] An offer set is seen once released, by its seller, and by a buyer who may see every
//! offer in it.

use crate::offering::visible;
use crate::views::{Agreements, OfferView, Offers, ProductView};

/// The listing id of a product.
pub fn listing_id(product_id: &str) -> String {
    format!(
        "prodview-{}",
        product_id.strip_prefix("prod-").unwrap_or(product_id)
    )
}

/// The product id of a listing id.
pub fn product_of_listing(listing_id: &str) -> Option<String> {
    listing_id
        .strip_prefix("prodview-")
        .filter(|s| !s.is_empty())
        .map(|s| format!("prod-{s}"))
}

/// Whether an offer is private to `caller` (targets it, or replaces its agreement).
fn targets(agreements: &dyn Agreements, offer: &OfferView<'_>, caller: &str) -> bool {
    visible(agreements, offer, caller)
        && (offer.buyer_accounts.iter().any(|b| b == caller) || offer.replaced_agreement.is_some())
}

/// Whether `caller` may see `product`.
pub fn product_visible(
    (offers, agreements): (&dyn Offers, &dyn Agreements),
    product: &ProductView<'_>,
    caller: &str,
) -> bool {
    if !product.type_name.ends_with("Product")
        || product.released_at.is_none()
        || product.visibility == "Draft"
    {
        return false;
    }
    if caller == product.owner || product.visibility == "Public" {
        return true;
    }
    let allowlisted = product
        .document
        .pointer("/Targeting/PositiveTargeting/BuyerAccounts")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|a| a.iter().any(|b| b.as_str() == Some(caller)));
    allowlisted
        || offers
            .offers()
            .iter()
            .any(|o| o.product_id == Some(product.id) && targets(agreements, o, caller))
}

/// The product `id` if `caller` may see it.
pub fn find_product<'a>(
    (offers, agreements): (&'a dyn Offers, &dyn Agreements),
    id: &str,
    caller: &str,
) -> Option<ProductView<'a>> {
    offers
        .product(id)
        .filter(|p| product_visible((offers, agreements), p, caller))
}

/// Every product `caller` may see, by id.
pub fn visible_products<'a>(
    (offers, agreements): (&'a dyn Offers, &dyn Agreements),
    caller: &str,
) -> Vec<ProductView<'a>> {
    let mut out: Vec<ProductView<'a>> = offers
        .products()
        .into_iter()
        .filter(|p| product_visible((offers, agreements), p, caller))
        .collect();
    out.sort_by(|a, b| a.id.cmp(b.id));
    out
}

/// The offers on `product_id` that `caller` may see, by id.
pub fn visible_offers_of<'a>(
    (offers, agreements): (&'a dyn Offers, &dyn Agreements),
    product_id: &str,
    caller: &str,
) -> Vec<OfferView<'a>> {
    let mut out: Vec<OfferView<'a>> = offers
        .offers()
        .into_iter()
        .filter(|o| o.product_id == Some(product_id) && visible(agreements, o, caller))
        .collect();
    out.sort_by(|a, b| a.id.cmp(b.id));
    out
}

/// The offer set `id` (released, every offer visible to `caller`) and its offers.
pub fn find_offer_set<'a>(
    (offers, agreements): (&'a dyn Offers, &dyn Agreements),
    id: &str,
    caller: &str,
) -> Option<(ProductView<'a>, Vec<OfferView<'a>>)> {
    let set = offers
        .product(id)
        .filter(|s| s.type_name == "OfferSet" && s.released_at.is_some())?;
    let members: Vec<OfferView<'a>> = set
        .document
        .get("Offers")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|o| o.get("OfferId").and_then(serde_json::Value::as_str))
        .map(|o| offers.offer(o))
        .collect::<Option<Vec<_>>>()?;
    let seen = caller == set.owner
        || (!members.is_empty() && members.iter().all(|o| visible(agreements, o, caller)));
    seen.then_some((set, members))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_id_names_its_product() {
        assert_eq!(listing_id("prod-abc123"), "prodview-abc123");
        assert_eq!(
            product_of_listing("prodview-abc123").as_deref(),
            Some("prod-abc123")
        );
        assert_eq!(product_of_listing("prodview-"), None);
        assert_eq!(product_of_listing("prod-abc123"), None);
    }
}
