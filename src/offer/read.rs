//! One offer as DescribeEntity reports it: the DetailsDocument (`Name`, `ProductId`, `State`,
//! `Terms`, `Rules`) and the facts sellers ask about (buyers, availability end, pricing model).

use aws_smithy_types::{Document, Number};
use serde_json::{json, Map, Value};

use super::terms;
use crate::aws::describe_error;

/// An offer entity.
#[derive(Debug, Clone)]
pub struct Offer {
    pub id: String,
    pub arn: String,
    /// `offer-…@revision`.
    pub identifier: String,
    pub document: Value,
}

/// Smithy Document → serde_json.
pub fn from_document(d: &Document) -> Value {
    match d {
        Document::Null => Value::Null,
        Document::Bool(b) => Value::Bool(*b),
        Document::Number(Number::PosInt(u)) => json!(u),
        Document::Number(Number::NegInt(i)) => json!(i),
        Document::Number(Number::Float(f)) => json!(f),
        Document::String(s) => Value::String(s.clone()),
        Document::Array(a) => Value::Array(a.iter().map(from_document).collect()),
        Document::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), from_document(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// DescribeEntity of an offer; any other entity type is bad input.
pub async fn describe(
    catalog: &aws_sdk_marketplacecatalog::Client,
    id: &str,
) -> anyhow::Result<Offer> {
    let out = catalog
        .describe_entity()
        .catalog("AWSMarketplace")
        .entity_id(id)
        .send()
        .await
        .map_err(|e| describe_error("DescribeEntity", e))?;
    let kind = out.entity_type().unwrap_or_default();
    if !kind.starts_with("Offer") {
        return Err(crate::exit::bad_input(format!(
            "{id} is a {kind}, not an offer\n  hint: pass an offer id (offer-…); `mpctl offer list` shows them"
        )));
    }
    let document = match (out.details_document(), out.details()) {
        (Some(d), _) => from_document(d),
        (None, Some(text)) => serde_json::from_str(text).unwrap_or(Value::Null),
        (None, None) => Value::Null,
    };
    Ok(Offer {
        id: id.to_string(),
        arn: out.entity_arn().unwrap_or_default().to_string(),
        identifier: out.entity_identifier().unwrap_or(id).to_string(),
        document,
    })
}

impl Offer {
    fn text(&self, key: &str) -> Option<String> {
        self.document
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    pub fn name(&self) -> Option<String> {
        self.text("Name")
    }

    pub fn description(&self) -> Option<String> {
        self.text("Description")
    }

    pub fn product_id(&self) -> Option<String> {
        self.text("ProductId")
    }

    pub fn state(&self) -> String {
        self.text("State").unwrap_or_else(|| "Draft".into())
    }

    fn rule(&self, kind: &str) -> Option<&Value> {
        self.document
            .get("Rules")?
            .as_array()?
            .iter()
            .find(|r| r.get("Type").and_then(Value::as_str) == Some(kind))
    }

    /// The targeted buyer accounts; empty for a public offer.
    pub fn buyers(&self) -> Vec<String> {
        self.rule("TargetingRule")
            .and_then(|r| r.pointer("/PositiveTargeting/BuyerAccounts"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn availability_end(&self) -> Option<String> {
        self.rule("AvailabilityRule")
            .and_then(|r| r.get("AvailabilityEndDate"))
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// The offer's terms (Catalog spelling, `Type` + members).
    pub fn terms(&self) -> Vec<Value> {
        self.document
            .get("Terms")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    /// `PricingModel` when the offer document carries it, else inferred from the pricing terms.
    pub fn pricing_model(&self) -> String {
        self.text("PricingModel")
            .unwrap_or_else(|| terms::infer_pricing_model(&self.terms()))
    }
}
