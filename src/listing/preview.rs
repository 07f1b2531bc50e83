//! `listing preview ID --as ACCOUNT`: what a buyer account sees of a listing (`prodview-…`,
//! GetListing), a product (`prod-…`, GetProduct and the ListPurchaseOptions of the product),
//! an offer (`offer-…`, GetOffer and GetOfferTerms) or an offer set (`offerset-…`,
//! GetOfferSet), read through Marketplace Discovery with the buyer's credentials. Reads only.
//!
//! Discovery answers ResourceNotFoundException for whatever the buyer may not see (a draft, a
//! private offer for another buyer, an id that does not exist): that is one clear error, exit
//! 1, like the house's other not-found answers.

use aws_sdk_marketplacediscovery::types::{
    OfferTerm, PurchaseOptionBadge, PurchaseOptionFilter, PurchaseOptionFilterType,
    SellerInformation,
};
use aws_sdk_marketplacediscovery::Client;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use schemars::JsonSchema;
use serde::Serialize;

use crate::aws::{describe_error, AwsError};
use crate::exit::bad_input;
use crate::output::Report;

/// A purchase option (offer or offer set) the buyer sees on a listing or product.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PreviewOption {
    pub id: String,
    /// `offer` or `offer_set`.
    pub kind: String,
    pub name: Option<String>,
}

/// One term of an offer: its id and type (e.g. `FixedUpfrontPricingTerm`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PreviewTerm {
    pub id: String,
    #[serde(rename = "type")]
    pub term_type: String,
}

/// `listing preview`: what the buyer account sees.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct ListingPreview {
    /// The buyer account the preview was read as.
    pub as_account: String,
    /// `listing`, `product`, `offer` or `offer_set`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// The seller (publisher, manufacturer or seller of record) as Discovery names it.
    pub seller: Option<String>,
    pub short_description: Option<String>,
    pub categories: Vec<String>,
    /// Fulfillment option types, e.g. `SAAS`.
    pub fulfillment_options: Vec<String>,
    /// Pricing model types, e.g. `CONTRACT`.
    pub pricing_models: Vec<String>,
    /// Badge types, e.g. `PRIVATE_PRICING`.
    pub badges: Vec<String>,
    /// The product ids it concerns.
    pub products: Vec<String>,
    /// The offers and offer sets the buyer may buy it through.
    pub purchase_options: Vec<PreviewOption>,
    /// Offers: the id CreateAgreementRequest names.
    pub agreement_proposal_id: Option<String>,
    /// When it became available (RFC 3339).
    pub available_from: Option<String>,
    /// When it can no longer be accepted (RFC 3339).
    pub expires: Option<String>,
    /// Offers: its terms.
    pub terms: Vec<PreviewTerm>,
}

impl Report for ListingPreview {
    fn text(&self) -> String {
        let mut out = vec![
            format!(
                "{} {} as buyer {}",
                self.kind.replace('_', " "),
                self.id,
                self.as_account
            ),
            format!("  name: {}", self.name),
        ];
        let mut line = |label: &str, value: String| {
            if !value.is_empty() {
                out.push(format!("  {label}: {value}"));
            }
        };
        line("seller", self.seller.clone().unwrap_or_default());
        line(
            "description",
            self.short_description.clone().unwrap_or_default(),
        );
        line("categories", self.categories.join(", "));
        line("fulfillment", self.fulfillment_options.join(", "));
        line("pricing", self.pricing_models.join(", "));
        line("badges", self.badges.join(", "));
        line("products", self.products.join(", "));
        line(
            "available from",
            self.available_from.clone().unwrap_or_default(),
        );
        line("expires", self.expires.clone().unwrap_or_default());
        line(
            "agreement proposal",
            self.agreement_proposal_id.clone().unwrap_or_default(),
        );
        let options: Vec<String> = self
            .purchase_options
            .iter()
            .map(|o| match &o.name {
                Some(n) => format!("{} ({n})", o.id),
                None => o.id.clone(),
            })
            .collect();
        line("purchase options", options.join(", "));
        let terms: Vec<String> = self.terms.iter().map(|t| t.term_type.clone()).collect();
        line("terms", terms.join(", "));
        out.join("\n")
    }
}

/// The id prefixes `preview` reads.
const PREFIXES: [&str; 4] = ["prodview-", "prod-", "offerset-", "offer-"];

/// Exit 2 unless `id` is a listing, product, offer or offer set id (checked before connecting).
pub fn check_id(id: &str) -> anyhow::Result<()> {
    let fits = PREFIXES.iter().any(|p| {
        id.strip_prefix(p)
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    if fits {
        return Ok(());
    }
    Err(bad_input(format!(
        "ID '{id}' is not a listing, product, offer or offer set id; nothing was sent\n  hint: prodview-…, prod-…, offer-… or offerset-…"
    )))
}

/// Reads `id` as the buyer `account` sees it.
pub async fn preview(client: &Client, id: &str, account: &str) -> anyhow::Result<ListingPreview> {
    check_id(id)?;
    let mut out = if id.starts_with("prodview-") {
        listing(client, id).await
    } else if id.starts_with("prod-") {
        product(client, id).await
    } else if id.starts_with("offerset-") {
        offer_set(client, id).await
    } else {
        offer(client, id).await
    }
    .map_err(|e| hidden(e, id, account))?;
    out.as_account = account.to_string();
    Ok(out)
}

/// ResourceNotFoundException → the buyer cannot see it, said plainly.
fn hidden(e: anyhow::Error, id: &str, account: &str) -> anyhow::Error {
    let missing = e
        .downcast_ref::<AwsError>()
        .is_some_and(|a| a.code.as_deref() == Some("ResourceNotFoundException"));
    if !missing {
        return e;
    }
    anyhow::anyhow!(
        "{id} is not visible to buyer account {account} through Marketplace Discovery: it does not exist, is not released, or is private to other buyers\n  hint: `mpctl entity describe {id}` shows it as the seller sees it (its state and targeting)"
    )
}

fn seller_name(s: Option<&SellerInformation>) -> Option<String> {
    s.map(|s| s.display_name().to_string())
}

fn time(t: Option<&DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(Format::DateTime).ok())
}

fn badge_types(badges: &[PurchaseOptionBadge]) -> Vec<String> {
    badges
        .iter()
        .map(|b| b.badge_type().as_str().to_string())
        .collect()
}

async fn listing(client: &Client, id: &str) -> anyhow::Result<ListingPreview> {
    let l = client
        .get_listing()
        .listing_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetListing", e))?;
    let mut products: Vec<String> = Vec::new();
    let mut options = Vec::new();
    for e in l.associated_entities() {
        if let Some(p) = e
            .product()
            .filter(|p| !products.iter().any(|x| x == p.product_id()))
        {
            products.push(p.product_id().to_string());
        }
        if let Some(o) = e.offer() {
            options.push(PreviewOption {
                id: o.offer_id().to_string(),
                kind: "offer".into(),
                name: o.offer_name().map(str::to_string),
            });
        }
    }
    Ok(ListingPreview {
        kind: "listing".into(),
        id: l.listing_id().to_string(),
        name: l.listing_name().to_string(),
        seller: seller_name(l.publisher()),
        short_description: Some(l.short_description().to_string()),
        categories: l
            .categories()
            .iter()
            .map(|c| c.display_name().to_string())
            .collect(),
        fulfillment_options: l
            .fulfillment_option_summaries()
            .iter()
            .map(|f| f.fulfillment_option_type().as_str().to_string())
            .collect(),
        pricing_models: l
            .pricing_models()
            .iter()
            .map(|p| p.pricing_model_type().as_str().to_string())
            .collect(),
        badges: l
            .badges()
            .iter()
            .map(|b| b.badge_type().as_str().to_string())
            .collect(),
        products,
        purchase_options: options,
        ..ListingPreview::default()
    })
}

async fn product(client: &Client, id: &str) -> anyhow::Result<ListingPreview> {
    let p = client
        .get_product()
        .product_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetProduct", e))?;
    let filter = PurchaseOptionFilter::builder()
        .filter_type(PurchaseOptionFilterType::ProductId)
        .filter_values(id)
        .build()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut options = Vec::new();
    let mut pages = client
        .list_purchase_options()
        .filters(filter)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("ListPurchaseOptions", e))?;
        options.extend(page.purchase_options().iter().map(|o| PreviewOption {
            id: o.purchase_option_id().to_string(),
            kind: match o.purchase_option_type().as_str() {
                "OFFERSET" => "offer_set".into(),
                _ => "offer".into(),
            },
            name: o.purchase_option_name().map(str::to_string),
        }));
    }
    Ok(ListingPreview {
        kind: "product".into(),
        id: p.product_id().to_string(),
        name: p.product_name().to_string(),
        seller: seller_name(p.manufacturer()),
        short_description: Some(p.short_description().to_string()),
        categories: p
            .categories()
            .iter()
            .map(|c| c.display_name().to_string())
            .collect(),
        fulfillment_options: p
            .fulfillment_option_summaries()
            .iter()
            .map(|f| f.fulfillment_option_type().as_str().to_string())
            .collect(),
        products: vec![p.product_id().to_string()],
        purchase_options: options,
        ..ListingPreview::default()
    })
}

/// The type name of an offer term.
fn term(t: &OfferTerm) -> Option<PreviewTerm> {
    let (id, kind) = match t {
        OfferTerm::ByolPricingTerm(x) => (x.id(), "ByolPricingTerm"),
        OfferTerm::ConfigurableUpfrontPricingTerm(x) => (x.id(), "ConfigurableUpfrontPricingTerm"),
        OfferTerm::FixedUpfrontPricingTerm(x) => (x.id(), "FixedUpfrontPricingTerm"),
        OfferTerm::FreeTrialPricingTerm(x) => (x.id(), "FreeTrialPricingTerm"),
        OfferTerm::LegalTerm(x) => (x.id(), "LegalTerm"),
        OfferTerm::PaymentScheduleTerm(x) => (x.id(), "PaymentScheduleTerm"),
        OfferTerm::RecurringPaymentTerm(x) => (x.id(), "RecurringPaymentTerm"),
        OfferTerm::RenewalTerm(x) => (x.id(), "RenewalTerm"),
        OfferTerm::SupportTerm(x) => (x.id(), "SupportTerm"),
        OfferTerm::UsageBasedPricingTerm(x) => (x.id(), "UsageBasedPricingTerm"),
        OfferTerm::ValidityTerm(x) => (x.id(), "ValidityTerm"),
        OfferTerm::VariablePaymentTerm(x) => (x.id(), "VariablePaymentTerm"),
        OfferTerm::NetPaymentTerm(x) => (x.id(), "NetPaymentTerm"),
        _ => return None,
    };
    Some(PreviewTerm {
        id: id.to_string(),
        term_type: kind.to_string(),
    })
}

async fn offer(client: &Client, id: &str) -> anyhow::Result<ListingPreview> {
    let o = client
        .get_offer()
        .offer_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetOffer", e))?;
    let mut terms = Vec::new();
    let mut pages = client
        .get_offer_terms()
        .offer_id(id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| describe_error("GetOfferTerms", e))?;
        terms.extend(page.offer_terms().iter().filter_map(term));
    }
    Ok(ListingPreview {
        kind: "offer".into(),
        id: o.offer_id().to_string(),
        name: o.offer_name().unwrap_or(o.offer_id()).to_string(),
        seller: seller_name(o.seller_of_record()),
        pricing_models: o
            .pricing_model()
            .map(|p| vec![p.pricing_model_type().as_str().to_string()])
            .unwrap_or_default(),
        badges: badge_types(o.badges()),
        products: o
            .associated_entities()
            .iter()
            .filter_map(|e| e.product().map(|p| p.product_id().to_string()))
            .collect(),
        agreement_proposal_id: Some(o.agreement_proposal_id().to_string()),
        available_from: time(o.available_from_time()),
        expires: time(o.expiration_time()),
        terms,
        ..ListingPreview::default()
    })
}

async fn offer_set(client: &Client, id: &str) -> anyhow::Result<ListingPreview> {
    let s = client
        .get_offer_set()
        .offer_set_id(id)
        .send()
        .await
        .map_err(|e| describe_error("GetOfferSet", e))?;
    let entities = s.associated_entities();
    Ok(ListingPreview {
        kind: "offer_set".into(),
        id: s.offer_set_id().to_string(),
        name: s.offer_set_name().unwrap_or(s.offer_set_id()).to_string(),
        seller: seller_name(s.seller_of_record()),
        short_description: s.buyer_notes().map(str::to_string),
        badges: badge_types(s.badges()),
        products: entities
            .iter()
            .filter_map(|e| e.product().map(|p| p.product_id().to_string()))
            .collect(),
        purchase_options: entities
            .iter()
            .filter_map(|e| e.offer())
            .map(|o| PreviewOption {
                id: o.offer_id().to_string(),
                kind: "offer".into(),
                name: o.offer_name().map(str::to_string),
            })
            .collect(),
        available_from: time(s.available_from_time()),
        expires: time(s.expiration_time()),
        ..ListingPreview::default()
    })
}
