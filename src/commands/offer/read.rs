//! `offer list` (ListEntities with the offer filters) and `offer describe` (DescribeEntity).

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::common::check_account;
use crate::aws;
use crate::cli::OfferListArgs;
use crate::offer::{list, read, terms};
use crate::output::{table, List, Report};
use crate::settings::Settings;

/// One offer in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferRow {
    pub offer_id: String,
    pub name: String,
    pub product_id: String,
    pub state: String,
    /// Targeted buyer accounts; empty for a public offer.
    pub buyer_accounts: Vec<String>,
    pub availability_end_date: String,
    /// The availability end date has passed, at the service's time (the response's `Date`).
    pub expired: bool,
}

/// `offer list`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferList(pub List<OfferRow>);

impl Report for OfferList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no offers match".to_string();
        }
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|o| {
                let buyers = if o.buyer_accounts.is_empty() {
                    "(public)".to_string()
                } else {
                    o.buyer_accounts.join(",")
                };
                let state = match o.expired {
                    true => format!("{} (expired)", o.state),
                    false => o.state.clone(),
                };
                let cells = [&o.offer_id, &o.name, &o.product_id, &state];
                let mut row: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
                row.extend([buyers, o.availability_end_date.clone()]);
                row
            })
            .collect();
        let headers = [
            "OFFER",
            "NAME",
            "PRODUCT",
            "STATE",
            "BUYERS",
            "AVAILABLE UNTIL",
        ];
        table(&headers, &rows)
    }
}

pub async fn list(settings: &Settings, a: &OfferListArgs) -> anyhow::Result<OfferList> {
    if let Some(b) = &a.buyer {
        check_account(b, "--buyer")?;
    }
    let q = list::Query {
        private_only: a.private,
        product: a.product.clone(),
        buyer: a.buyer.clone(),
    };
    let clients = aws::connect(settings).await?;
    let listing = list::run(&clients.catalog, &q).await?;
    Ok(OfferList(
        listing
            .rows
            .into_iter()
            .map(|r| OfferRow {
                offer_id: r.id,
                name: r.name,
                product_id: r.product_id,
                state: r.state,
                buyer_accounts: r.buyers,
                availability_end_date: r.availability_end,
                expired: r.expired,
            })
            .collect(),
    ))
}

/// One of an offer's terms.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferTerm {
    /// `FixedUpfrontPricingTerm`, `LegalTerm`, …
    #[serde(rename = "type")]
    pub term_type: String,
    pub id: Option<String>,
    /// One line for people.
    pub summary: String,
}

/// An offer as DescribeEntity reports it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferDetail {
    pub offer_id: String,
    pub offer_arn: String,
    /// `offer-…@revision`.
    pub identifier: String,
    pub name: Option<String>,
    pub product_id: Option<String>,
    pub state: String,
    pub buyer_accounts: Vec<String>,
    pub availability_end_date: Option<String>,
    /// `Contract`, `Usage`, `FreeTrial`, `Byol`, or `None`.
    pub pricing_model: String,
    pub terms: Vec<OfferTerm>,
    /// Pass-through: the entity's DetailsDocument as AWS returns it (PascalCase keys).
    pub document: Value,
}

/// `offer describe`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferView {
    pub offer: OfferDetail,
    #[serde(skip)]
    text: String,
}

impl Report for OfferView {
    fn text(&self) -> String {
        self.text.clone()
    }
}

pub async fn describe(settings: &Settings, id: &str) -> anyhow::Result<OfferView> {
    let clients = aws::connect(settings).await?;
    let offer = read::describe(&clients.catalog, id).await?;
    let all = offer.terms();
    let detail = OfferDetail {
        offer_id: offer.id.clone(),
        offer_arn: offer.arn.clone(),
        identifier: offer.identifier.clone(),
        name: offer.name(),
        product_id: offer.product_id(),
        state: offer.state(),
        buyer_accounts: offer.buyers(),
        availability_end_date: offer.availability_end(),
        pricing_model: offer.pricing_model(),
        terms: all
            .iter()
            .map(|t| OfferTerm {
                term_type: terms::term_type(t),
                id: terms::get(t, "Id")
                    .and_then(Value::as_str)
                    .map(String::from),
                summary: terms::summary(t),
            })
            .collect(),
        document: offer.document.clone(),
    };
    Ok(OfferView {
        offer: detail,
        text: describe_text(&offer),
    })
}

fn describe_text(offer: &read::Offer) -> String {
    let buyers = offer.buyers();
    let targeting = if buyers.is_empty() {
        "public".into()
    } else {
        buyers.join(", ")
    };
    let rows = [
        ("Offer", offer.id.clone()),
        ("Name", offer.name().unwrap_or_default()),
        ("Product", offer.product_id().unwrap_or_default()),
        ("State", offer.state()),
        ("Targeting", targeting),
        (
            "Available until",
            offer.availability_end().unwrap_or_else(|| "-".into()),
        ),
        ("Pricing model", offer.pricing_model()),
    ]
    .map(|(k, v)| vec![k.to_string(), v]);
    format!(
        "{}\n\n{}",
        table(&["FIELD", "VALUE"], &rows),
        table(&["TERM", "SUMMARY"], &terms::rows(&offer.terms()))
    )
}
