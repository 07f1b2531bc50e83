//! Creates, through the SDK, the entities a reference change set refers to by placeholder id
//! (`prod-1111111111111`, `offer-xyz789`, `resaleauthz-…`, `agmt-…`, `offerset-…`, `soln-…`),
//! then substitutes the real ids. Seeded products carry the dimensions the set prices (metered
//! when a usage-based term prices them), resale authorizations are released with pricing, and
//! agreements come from a released private offer that the emulated buyer accepts.

use std::collections::BTreeMap;

use aws_sdk_marketplaceagreement::types::Filter;
use serde_json::{json, Value};

use super::catalog::run_ok;
use super::CatalogClient;

/// What a placeholder must become.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A product of this entity type (`SaaSProduct`, `AmiProduct`, `ContainerProduct`).
    Product(String),
    Offer,
    Resale,
    OfferSet,
    Solution,
    Agreement,
}

/// The buyer that accepts seeded private offers (and so owns seeded agreements).
pub const SEED_BUYER: &str = "444455556666";

/// Seeds the entities one corpus file needs.
pub struct Seeder {
    pub catalog: CatalogClient,
    pub agreements: aws_sdk_marketplaceagreement::Client,
    /// Product type for placeholders that only appear as `ProductId`.
    pub product_type: String,
    /// `(Key, Types)` of the dimensions seeded products get.
    pub dimensions: Vec<(String, Vec<String>)>,
    /// Placeholder → real id.
    pub ids: BTreeMap<String, String>,
    /// Real agreement id → `(acceptor, product id)`.
    pub agreement_facts: BTreeMap<String, (String, String)>,
    /// The file's product: the first product placeholder, and the product seeded offers,
    /// resale authorizations and agreements sell (so they agree with each other).
    pub main_product: Option<String>,
}

/// The product type a file is about, from its path.
pub fn product_type_for(rel: &str) -> String {
    if rel.contains("ami") {
        "AmiProduct"
    } else if rel.contains("container") {
        "ContainerProduct"
    } else {
        "SaaSProduct"
    }
    .to_string()
}

/// Placeholder ids in a request with what they must name, `Entity.Identifier`s first (their
/// type is exact), then ids inside details.
pub fn placeholders(request: &Value) -> Vec<(String, Kind)> {
    let mut found: Vec<(String, Kind)> = Vec::new();
    let mut add = |id: &str, kind: Kind| {
        if !id.starts_with('$') && !found.iter().any(|(p, _)| p == id) {
            found.push((id.to_string(), kind));
        }
    };
    let changes = request["ChangeSet"].as_array().cloned().unwrap_or_default();
    for c in &changes {
        if let Some(id) = c.pointer("/Entity/Identifier").and_then(Value::as_str) {
            let ty = c
                .pointer("/Entity/Type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let name = ty.split('@').next().unwrap_or_default();
            let kind = match name {
                "Offer" => Kind::Offer,
                "ResaleAuthorization" => Kind::Resale,
                "OfferSet" => Kind::OfferSet,
                "Solution" => Kind::Solution,
                p => Kind::Product(p.to_string()),
            };
            add(id.split('@').next().unwrap_or(id), kind);
        }
    }
    fn walk(v: &Value, add: &mut dyn FnMut(&str, Kind), product_kind: &Kind) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if let Some(id) = x.as_str() {
                        let kind = match k.as_str() {
                            "ProductId" => Some(product_kind.clone()),
                            "ResaleAuthorizationId" => Some(Kind::Resale),
                            "OfferId" => Some(Kind::Offer),
                            "SolutionId" => Some(Kind::Solution),
                            "AgreementId" => Some(Kind::Agreement),
                            _ => None,
                        };
                        if let Some(kind) = kind {
                            add(id, kind);
                        }
                    }
                    walk(x, add, product_kind);
                }
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, add, product_kind)),
            _ => {}
        }
    }
    let product_kind = Kind::Product(String::new());
    for c in &changes {
        if let Some(d) = mpctl_changeset::details_of(c) {
            walk(&d, &mut add, &product_kind);
        }
    }
    found
}

/// `(Key, metered?)` of every dimension key the request prices or grants, and the `(Key, Types)`
/// that UpdateDimensions/RestrictDimensions name; keys the request's own AddDimensions define
/// are left out (the set adds them itself).
pub fn dimensions_needed(request: &Value, product_type: &str) -> Vec<(String, Vec<String>)> {
    let changes = request["ChangeSet"].as_array().cloned().unwrap_or_default();
    let defined: Vec<String> = changes
        .iter()
        .flat_map(mpctl_changeset::dimensions_defined)
        .map(|(k, _)| k)
        .collect();
    let metered_type = if product_type == "SaaSProduct" {
        "ExternallyMetered"
    } else {
        "Metered"
    };
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut push = |key: String, types: Vec<String>| {
        if !defined.contains(&key) && !out.iter().any(|(k, t)| *k == key && *t == types) {
            out.push((key, types));
        }
    };
    for c in &changes {
        let details = mpctl_changeset::details_of(c).unwrap_or(Value::Null);
        let ct = c["ChangeType"].as_str().unwrap_or_default();
        if matches!(ct, "UpdateDimensions" | "RestrictDimensions") {
            for (k, t) in mpctl_changeset::dimension_list(details.as_array().unwrap_or(&vec![])) {
                push(k, t);
            }
            continue;
        }
        for term in details["Terms"].as_array().into_iter().flatten() {
            let usage = term["Type"]
                .as_str()
                .is_some_and(|t| t.ends_with("UsageBasedPricingTerm"));
            let types = vec![if usage { metered_type } else { "Entitled" }.to_string()];
            for (_, key) in mpctl_changeset::dimension_keys_used(
                &json!({"ChangeType": ct, "DetailsDocument": {"Terms": [term]}}),
            ) {
                push(key, types.clone());
            }
        }
    }
    out
}

impl Seeder {
    /// Creates an entity for every placeholder and returns the request with real ids.
    pub async fn substitute(&mut self, request: &Value) -> Value {
        for (placeholder, kind) in placeholders(request) {
            if self.ids.contains_key(&placeholder) {
                continue;
            }
            let id = self.seed(&kind).await;
            self.ids.insert(placeholder, id);
        }
        replace_ids(request, &self.ids)
    }

    async fn seed(&mut self, kind: &Kind) -> String {
        match kind {
            Kind::Product(t) => {
                let t = if t.is_empty() {
                    self.product_type.clone()
                } else {
                    t.clone()
                };
                if self.main_product.is_none() {
                    self.product_type = t;
                    return self.main().await;
                }
                self.product(&t).await
            }
            Kind::Offer => {
                let p = self.main().await;
                let create = json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"ProductId": p, "Name": "Seeded offer"}});
                run_ok(&self.catalog, &[create]).await.remove(0)
            }
            Kind::Resale => self.resale_authorization().await,
            Kind::OfferSet => {
                let create = json!({"ChangeType": "CreateOfferSet", "Entity": {"Type": "OfferSet@1.0"}, "DetailsDocument": {"Name": "Seeded offer set"}});
                run_ok(&self.catalog, &[create]).await.remove(0)
            }
            Kind::Solution => {
                let create = json!({"ChangeType": "CreateSolution", "Entity": {"Type": "Solution@1.0"}, "DetailsDocument": {"Name": "seeded_solution", "Title": "Seeded solution"}});
                run_ok(&self.catalog, &[create]).await.remove(0)
            }
            Kind::Agreement => self.agreement().await,
        }
    }

    /// The dimensions seeded products get: those the file needs, and at least one entitled.
    fn seed_dimensions(&self) -> Vec<(String, Vec<String>)> {
        let mut dims = self.dimensions.clone();
        if !dims.iter().any(|(_, t)| t == &["Entitled"]) {
            dims.push(("SeedSeat".to_string(), vec!["Entitled".to_string()]));
        }
        dims
    }

    fn entitled_key(&self) -> String {
        self.seed_dimensions()
            .into_iter()
            .find(|(_, t)| t == &["Entitled"])
            .map(|(k, _)| k)
            .unwrap_or_default()
    }

    fn metered_keys(&self) -> Vec<String> {
        self.seed_dimensions()
            .into_iter()
            .filter(|(_, t)| t != &["Entitled"])
            .map(|(k, _)| k)
            .collect()
    }

    /// The file's main product, created on first use.
    async fn main(&mut self) -> String {
        if let Some(p) = &self.main_product {
            return p.clone();
        }
        let p = self.product(&self.product_type).await;
        self.main_product = Some(p.clone());
        p
    }

    async fn product(&self, product_type: &str) -> String {
        let et = format!("{product_type}@1.0");
        let dims: Vec<Value> = self
            .seed_dimensions()
            .into_iter()
            .map(|(k, t)| json!({"Key": k, "Name": k, "Description": format!("{k} dimension"), "Types": t, "Unit": "Units"}))
            .collect();
        let changes = [
            json!({"ChangeType": "CreateProduct", "ChangeName": "P", "Entity": {"Type": et}, "DetailsDocument": {"ProductTitle": format!("Seeded {product_type}")}}),
            json!({"ChangeType": "AddDimensions", "Entity": {"Type": et, "Identifier": "$P.Entity.Identifier"}, "DetailsDocument": dims}),
        ];
        run_ok(&self.catalog, &changes).await.remove(0)
    }

    /// Pricing terms that satisfy the seeded product: an upfront grant, plus usage rates when it
    /// has metered dimensions. `prefix` is `Resale` for resale authorizations.
    fn pricing(&self, prefix: &str) -> Value {
        let mut terms = vec![
            json!({"Type": format!("{prefix}FixedUpfrontPricingTerm"), "CurrencyCode": "USD", "Price": "100.00", "Duration": "P12M", "Grants": [{"DimensionKey": self.entitled_key(), "MaxQuantity": 1}]}),
        ];
        let metered = self.metered_keys();
        if !metered.is_empty() {
            let card: Vec<Value> = metered
                .iter()
                .map(|k| json!({"DimensionKey": k, "Price": "0.01"}))
                .collect();
            terms.push(json!({"Type": format!("{prefix}UsageBasedPricingTerm"), "CurrencyCode": "USD", "RateCards": [{"RateCard": card}]}));
        }
        json!({"PricingModel": "Contract", "Terms": terms})
    }

    async fn resale_authorization(&mut self) -> String {
        let p = self.main().await;
        let ty = "ResaleAuthorization@1.0";
        let at = json!({"Type": ty, "Identifier": "$R.Entity.Identifier"});
        let changes = [
            json!({"ChangeType": "CreateResaleAuthorization", "ChangeName": "R", "Entity": {"Type": ty}, "DetailsDocument": {"ProductId": p, "Name": "Seeded resale authorization", "Description": "Seeded", "ResellerAccountId": "777788889999"}}),
            json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": self.pricing("Resale")}),
            json!({"ChangeType": "ReleaseResaleAuthorization", "Entity": at, "DetailsDocument": {}}),
        ];
        run_ok(&self.catalog, &changes).await.remove(0)
    }

    /// A private offer for [`SEED_BUYER`], released; returns the agreement the buyer accepts.
    async fn agreement(&mut self) -> String {
        let p = self.main().await;
        let ty = "Offer@1.0";
        let at = json!({"Type": ty, "Identifier": "$O.Entity.Identifier"});
        let changes = [
            json!({"ChangeType": "CreateOffer", "ChangeName": "O", "Entity": {"Type": ty}, "DetailsDocument": {"ProductId": p, "Name": "Seeded private offer"}}),
            json!({"ChangeType": "UpdateTargeting", "Entity": at, "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": [SEED_BUYER]}}}),
            json!({"ChangeType": "UpdatePricingTerms", "Entity": at, "DetailsDocument": self.pricing("")}),
            json!({"ChangeType": "ReleaseOffer", "Entity": at, "DetailsDocument": {}}),
        ];
        let offer = run_ok(&self.catalog, &changes).await.remove(0);
        let filter = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
        let what = format!("the seeded private offer {offer} accepted");
        let agreements = &self.agreements;
        let id = super::clock::until(&self.catalog.clock, super::clock::step(), &what, || async {
            let found = agreements
                .search_agreements()
                .catalog("AWSMarketplace")
                .filters(filter("PartyType", "Proposer"))
                .filters(filter("AgreementType", "PurchaseAgreement"))
                .filters(filter("OfferId", &offer))
                .send()
                .await
                .expect("SearchAgreements");
            let first = found.agreement_view_summaries().first();
            first.map(|a| a.agreement_id().unwrap_or_default().to_string())
        })
        .await;
        self.agreement_facts
            .insert(id.clone(), (SEED_BUYER.to_string(), p.clone()));
        id
    }
}

/// The request with every placeholder string replaced by its real id (`id@rev` keeps no
/// revision: the bare id always names the latest).
pub fn replace_ids(value: &Value, ids: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => {
            let bare = s.split('@').next().unwrap_or(s);
            match ids.get(bare) {
                Some(id) => json!(id),
                None => value.clone(),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| replace_ids(v, ids)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| match (k.as_str(), v.as_str()) {
                    // A `Details` JSON string gets the same substitution inside.
                    ("Details", Some(text)) => {
                        let inner: Value = serde_json::from_str(text).unwrap_or(json!(text));
                        (k.clone(), json!(replace_ids(&inner, ids).to_string()))
                    }
                    _ => (k.clone(), replace_ids(v, ids)),
                })
                .collect(),
        ),
        _ => value.clone(),
    }
}
