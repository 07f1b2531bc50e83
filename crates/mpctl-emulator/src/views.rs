//! The read-only views one service gives the others, so that a handler gets its own service's
//! state plus views of what it reads elsewhere — never the whole world — and no service imports
//! another's state: the Catalog's offers and products ([`Offers`], implemented by the Catalog)
//! and the Agreement service's agreements ([`Agreements`], implemented by it). `World::run`
//! hands each service the views it needs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What other services may read about an offer entity.
#[derive(Debug, Clone)]
pub struct OfferView<'a> {
    /// `offer-…`
    pub id: &'a str,
    /// `arn:aws:aws-marketplace:us-east-1:<acct>:AWSMarketplace/Offer/<id>`
    pub arn: &'a str,
    /// The seller account that owns the offer.
    pub owner: &'a str,
    /// The product the offer sells.
    pub product_id: Option<&'a str>,
    /// The product's entity type without version, e.g. `SaaSProduct`.
    pub product_type: Option<&'a str>,
    /// `Draft` or `Released`.
    pub state: &'a str,
    /// When the ReleaseOffer change was applied.
    pub released_at: Option<DateTime<Utc>>,
    /// `Rules[Type=TargetingRule].PositiveTargeting.BuyerAccounts`; empty for a public offer.
    pub buyer_accounts: Vec<String>,
    /// The DescribeEntity DetailsDocument of the offer (`Id`, `Name`, `ProductId`, `State`,
    /// `Terms`, `Rules`, …) as the applied change sets left it.
    pub document: &'a Value,
    /// The agreement a replacement offer replaces.
    pub replaced_agreement: Option<&'a str>,
    /// The offer set the offer belongs to.
    pub offer_set_id: Option<String>,
    /// The entity's revision (one per change set that modified it).
    pub revision: u32,
}

/// What other services may read about a product entity (or, through [`Offers::product`], any
/// other entity such as an offer set).
#[derive(Debug, Clone)]
pub struct ProductView<'a> {
    pub id: &'a str,
    /// Its title (or id).
    pub name: String,
    /// Its DescribeEntity DetailsDocument (`Dimensions`, …).
    pub document: &'a Value,
    /// The seller account that owns it.
    pub owner: &'a str,
    /// Entity type without version, e.g. `SaaSProduct`, `OfferSet`.
    pub type_name: &'a str,
    /// `Draft`, `Limited`, `Public`, `Restricted`.
    pub visibility: &'a str,
    /// When a Release* change was applied.
    pub released_at: Option<DateTime<Utc>>,
}

/// The Catalog's offers and products, read-only.
pub trait Offers {
    /// Every offer entity.
    fn offers(&self) -> Vec<OfferView<'_>>;
    /// A number that moves on whenever any offer may have changed (0 where unknown).
    fn generation(&self) -> u64 {
        0
    }
    /// The offer with this id.
    fn offer(&self, id: &str) -> Option<OfferView<'_>>;
    /// The offer with this ARN.
    fn offer_by_arn(&self, arn: &str) -> Option<OfferView<'_>> {
        let id = arn.rsplit('/').next()?;
        self.offer(id).filter(|o| o.arn == arn)
    }
    /// The product (or any entity) with this id.
    fn product(&self, id: &str) -> Option<ProductView<'_>>;
    /// Every product entity (types ending in `Product`).
    fn products(&self) -> Vec<ProductView<'_>>;
}

/// What a replacement offer needs to know about the agreement it replaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementRef {
    pub id: String,
    /// `ACTIVE`, `EXPIRED`, …
    pub status: String,
    /// The buyer account that accepted it.
    pub acceptor: String,
    /// The product it bought, when the agreement names one.
    pub product_id: Option<String>,
}

/// What Metering and Entitlement read of an agreement that bought a product.
#[derive(Debug, Clone)]
pub struct PurchaseView<'a> {
    pub id: &'a str,
    /// The buyer account that accepted it.
    pub acceptor: &'a str,
    /// Whether it is ACTIVE.
    pub active: bool,
    /// When it stopped being ACTIVE (ended, cancelled, replaced), if it did.
    pub ended_at: Option<DateTime<Utc>>,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    /// Its accepted terms as GetAgreementTerms answers them (`usageBasedPricingTerm`, …).
    pub terms: &'a [Value],
}

/// The Agreement service's agreements, read-only.
pub trait Agreements {
    /// Agreement `id` as `caller` may see it (a party to it), if it exists.
    fn agreement_ref(&self, id: &str, caller: &str) -> Option<AgreementRef>;
    /// The buyer account of an agreement.
    fn acceptor_of(&self, id: &str) -> Option<String>;
    /// The product ids an agreement covers.
    fn products_of(&self, id: &str) -> Vec<String>;
    /// Every agreement (any status) whose resources include `product_id`.
    fn purchases_of(&self, product_id: &str) -> Vec<PurchaseView<'_>> {
        let _ = product_id;
        Vec::new()
    }
}

/// `AvailabilityEndDate` from an offer document's AvailabilityRule.
pub fn availability_end(document: &Value) -> Option<String> {
    document
        .get("Rules")
        .and_then(Value::as_array)?
        .iter()
        .find(|r| r.get("Type").and_then(Value::as_str) == Some("AvailabilityRule"))?
        .get("AvailabilityEndDate")
        .and_then(Value::as_str)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The services a service's code may name: only these edges, which make no circle (the
    /// world wires the views in; Discovery reuses the Agreement service's term conversion).
    const ALLOWED: &[(&str, &str)] = &[("discovery", "agreement")];
    const SERVICES: [&str; 6] = [
        "catalog",
        "partner",
        "agreement",
        "discovery",
        "metering",
        "entitlement",
    ];

    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("source dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn services_read_each_other_only_through_views_and_never_the_world() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        for service in SERVICES {
            let mut files = Vec::new();
            sources(&root.join(service), &mut files);
            for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
                let text = std::fs::read_to_string(file).expect("source");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for other in SERVICES.iter().chain(&["world"]).filter(|o| **o != service) {
                    let named = [format!("crate::{other}"), format!("super::{other}::")]
                        .iter()
                        .any(|p| code.contains(p.as_str()));
                    if named && !ALLOWED.contains(&(service, other)) {
                        found.push(format!("{} names {other}", file.display()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
