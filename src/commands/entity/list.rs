//! `entity list TYPE`: every page of ListEntities; `--private` is the Offer `Targeting =
//! BuyerAccounts` filter; `--filter`/`--sort` are the generic FilterList and Sort.

use aws_sdk_marketplacecatalog::types::{
    EntitySummary, EntityTypeFilters, Filter, OfferFilters, OfferTargetingFilter,
    OfferTargetingString, Sort, SortOrder,
};
use schemars::JsonSchema;
use serde::Serialize;

use super::CATALOG;
use crate::aws::{self, describe_error};
use crate::cli::EntityListArgs;
use crate::exit::bad_input;
use crate::output::{owned, table, List, Report};
use crate::settings::Settings;

/// An offer's summary in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OfferSummary {
    pub name: Option<String>,
    pub product_id: Option<String>,
    pub resale_authorization_id: Option<String>,
    pub release_date: Option<String>,
    pub availability_end_date: Option<String>,
    pub buyer_accounts: Vec<String>,
    pub state: Option<String>,
    pub targeting: Vec<String>,
}

/// A resale authorization's summary in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ResaleAuthorizationSummary {
    pub name: Option<String>,
    pub product_id: Option<String>,
    pub reseller_account_id: Option<String>,
    pub status: Option<String>,
    pub availability_end_date: Option<String>,
}

/// One entity in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntityRow {
    pub entity_id: Option<String>,
    pub entity_type: Option<String>,
    pub name: Option<String>,
    pub entity_arn: Option<String>,
    pub visibility: Option<String>,
    pub last_modified_date: Option<String>,
    /// Offers only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer_summary: Option<OfferSummary>,
    /// Resale authorizations only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resale_authorization_summary: Option<ResaleAuthorizationSummary>,
    /// The table's state column: offer state, resale status, else visibility.
    #[serde(skip)]
    status: String,
}

impl From<&EntitySummary> for EntityRow {
    fn from(e: &EntitySummary) -> Self {
        EntityRow {
            entity_id: owned(e.entity_id()),
            entity_type: owned(e.entity_type()),
            name: owned(e.name()),
            entity_arn: owned(e.entity_arn()),
            visibility: owned(e.visibility()),
            last_modified_date: owned(e.last_modified_date()),
            offer_summary: e.offer_summary().map(|o| OfferSummary {
                name: owned(o.name()),
                product_id: owned(o.product_id()),
                resale_authorization_id: owned(o.resale_authorization_id()),
                release_date: owned(o.release_date()),
                availability_end_date: owned(o.availability_end_date()),
                buyer_accounts: o.buyer_accounts().to_vec(),
                state: owned(o.state().map(|s| s.as_str())),
                targeting: o
                    .targeting()
                    .iter()
                    .map(|t| t.as_str().to_string())
                    .collect(),
            }),
            resale_authorization_summary: e.resale_authorization_summary().map(|r| {
                ResaleAuthorizationSummary {
                    name: owned(r.name()),
                    product_id: owned(r.product_id()),
                    reseller_account_id: owned(r.reseller_account_id()),
                    status: owned(r.status().map(|s| s.as_str())),
                    availability_end_date: owned(r.availability_end_date()),
                }
            }),
            status: status_of(e),
        }
    }
}

/// `entity list`: the entity type listed and one item per entity.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntityList {
    pub entity_type: String,
    #[serde(flatten)]
    pub entities: List<EntityRow>,
}

impl Report for EntityList {
    fn text(&self) -> String {
        if self.entities.is_empty() {
            return format!("no {} entities", self.entity_type);
        }
        let rows: Vec<Vec<String>> = self
            .entities
            .items
            .iter()
            .map(|e| {
                vec![
                    e.entity_id.clone().unwrap_or_default(),
                    e.name.clone().unwrap_or_else(|| "-".into()),
                    e.status.clone(),
                    e.last_modified_date.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        table(&["ENTITY", "NAME", "STATE", "LAST MODIFIED"], &rows)
    }
}

/// `NAME=V1,V2` → a FilterList entry.
fn parse_filter(s: &str) -> anyhow::Result<Filter> {
    let (name, values) = s.split_once('=').filter(|(n, v)| !n.is_empty() && !v.is_empty()).ok_or_else(|| {
        bad_input(format!(
            "--filter '{s}' is not NAME=VALUE[,VALUE…]\n  hint: e.g. --filter ProductId=prod-abc123 or --filter State=Released"
        ))
    })?;
    let mut f = Filter::builder().name(name);
    for v in values.split(',') {
        f = f.value_list(v.trim());
    }
    Ok(f.build())
}

/// `FIELD[:ASC|DESC]` → Sort.
fn parse_sort(s: &str) -> anyhow::Result<Sort> {
    let (field, order) = match s.split_once(':') {
        Some((f, o)) => (f, o.to_ascii_uppercase()),
        None => (s, "ASC".to_string()),
    };
    let order = match order.as_str() {
        "ASC" | "ASCENDING" => SortOrder::Ascending,
        "DESC" | "DESCENDING" => SortOrder::Descending,
        other => {
            return Err(bad_input(format!(
            "--sort '{s}': '{other}' is not ASC or DESC\n  hint: e.g. --sort LastModifiedDate:DESC"
        )))
        }
    };
    if field.is_empty() {
        return Err(bad_input(format!(
            "--sort '{s}' names no field\n  hint: e.g. --sort LastModifiedDate:DESC"
        )));
    }
    Ok(Sort::builder().sort_by(field).sort_order(order).build())
}

/// The state/status column: offer state, resale status, else visibility.
fn status_of(e: &EntitySummary) -> String {
    e.offer_summary()
        .and_then(|o| o.state().map(|s| s.as_str().to_string()))
        .or_else(|| {
            e.resale_authorization_summary()
                .and_then(|r| r.status().map(|s| s.as_str().to_string()))
        })
        .or_else(|| e.visibility().map(str::to_string))
        .unwrap_or_else(|| "-".into())
}

pub async fn run(settings: &Settings, args: &EntityListArgs) -> anyhow::Result<EntityList> {
    let entity_type = args.entity_type.split('@').next().unwrap_or_default();
    if args.private && entity_type != "Offer" {
        return Err(bad_input(format!(
            "--private applies to offers only, not {entity_type}\n  hint: mpctl entity list Offer --private"
        )));
    }
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let sort = args.sort.as_deref().map(parse_sort).transpose()?;
    let clients = aws::connect(settings).await?;
    let mut call = clients
        .catalog
        .list_entities()
        .catalog(CATALOG)
        .entity_type(entity_type)
        .set_filter_list((!filters.is_empty()).then_some(filters))
        .set_sort(sort);
    if args.private {
        call = call.entity_type_filters(EntityTypeFilters::OfferFilters(
            OfferFilters::builder()
                .targeting(
                    OfferTargetingFilter::builder()
                        .value_list(OfferTargetingString::BuyerAccounts)
                        .build(),
                )
                .build(),
        ));
    }
    let items = call
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListEntities", e))?;
    Ok(EntityList {
        entity_type: entity_type.to_string(),
        entities: items.iter().map(EntityRow::from).collect(),
    })
}
