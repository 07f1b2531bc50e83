//! `mpctl entity describe ID…` (one id: DescribeEntity; several: BatchDescribeEntities in
//! batches of 20) and `mpctl entity list TYPE` (every page of ListEntities; `--private` is the
//! Offer `Targeting = BuyerAccounts` filter; `--filter`/`--sort` are the generic FilterList
//! and Sort).

use aws_sdk_marketplacecatalog::types::{
    EntityRequest, EntitySummary, EntityTypeFilters, Filter, OfferFilters, OfferTargetingFilter,
    OfferTargetingString, Sort, SortOrder,
};
use serde_json::{json, Map, Value};

use super::changeset::doc_json;
use crate::aws::{self, describe_error};
use crate::cli::{EntityCommand, EntityListArgs};
use crate::exit::bad_input;
use crate::output::{table, Printer, ResultPrinted};
use crate::settings::Settings;

const CATALOG: &str = "AWSMarketplace";
/// BatchDescribeEntities takes at most this many ids per call.
const BATCH: usize = 20;

pub async fn run(
    settings: &Settings,
    printer: &Printer,
    command: &EntityCommand,
) -> anyhow::Result<()> {
    match command {
        EntityCommand::Describe(args) => describe(settings, printer, &args.ids).await,
        EntityCommand::List(args) => list(settings, printer, args).await,
    }
}

fn entity_json(
    id: &str,
    identifier: Option<&str>,
    entity_type: Option<&str>,
    arn: Option<&str>,
    modified: Option<&str>,
    details: Option<Value>,
) -> Value {
    json!({
        "EntityId": id,
        "EntityIdentifier": identifier,
        "EntityType": entity_type,
        "EntityArn": arn,
        "LastModifiedDate": modified,
        "DetailsDocument": details,
    })
}

fn entity_text(doc: &Value) -> String {
    format!(
        "{} ({}) {}\nlast modified {}\n{}",
        doc["EntityIdentifier"]
            .as_str()
            .or(doc["EntityId"].as_str())
            .unwrap_or_default(),
        doc["EntityType"].as_str().unwrap_or("?"),
        doc["EntityArn"].as_str().unwrap_or_default(),
        doc["LastModifiedDate"].as_str().unwrap_or("-"),
        serde_json::to_string_pretty(&doc["DetailsDocument"]).unwrap_or_default()
    )
}

async fn describe(settings: &Settings, printer: &Printer, ids: &[String]) -> anyhow::Result<()> {
    let clients = aws::connect(settings).await?;
    let client = &clients.catalog;
    if let [id] = ids {
        let out = client
            .describe_entity()
            .catalog(CATALOG)
            .entity_id(id)
            .send()
            .await
            .map_err(|e| describe_error("DescribeEntity", e))?;
        let details = out
            .details_document()
            .map(doc_json)
            .or_else(|| out.details().and_then(|d| serde_json::from_str(d).ok()));
        let doc = entity_json(
            id,
            out.entity_identifier(),
            out.entity_type(),
            out.entity_arn(),
            out.last_modified_date(),
            details,
        );
        printer.result(&entity_text(&doc), &json!({"ok": true, "entity": doc}));
        return Ok(());
    }
    let mut found: Map<String, Value> = Map::new();
    let mut errors: Map<String, Value> = Map::new();
    for chunk in ids.chunks(BATCH) {
        let mut call = client.batch_describe_entities();
        for id in chunk {
            call = call.entity_request_list(
                EntityRequest::builder()
                    .catalog(CATALOG)
                    .entity_id(id)
                    .build()
                    .map_err(|e| bad_input(e.to_string()))?,
            );
        }
        let out = call
            .send()
            .await
            .map_err(|e| describe_error("BatchDescribeEntities", e))?;
        for (id, d) in out.entity_details().into_iter().flatten() {
            found.insert(
                id.clone(),
                entity_json(
                    id,
                    d.entity_identifier(),
                    d.entity_type(),
                    d.entity_arn(),
                    d.last_modified_date(),
                    d.details_document().map(doc_json),
                ),
            );
        }
        for (id, e) in out.errors().into_iter().flatten() {
            errors.insert(
                id.clone(),
                json!({"ErrorCode": e.error_code(), "ErrorMessage": e.error_message()}),
            );
        }
    }
    // Keep the order the ids were given in.
    let entities: Vec<Value> = ids.iter().filter_map(|id| found.get(id).cloned()).collect();
    let mut text: Vec<String> = entities.iter().map(entity_text).collect();
    for (id, e) in &errors {
        text.push(format!(
            "{id}: {}: {}",
            e["ErrorCode"].as_str().unwrap_or_default(),
            e["ErrorMessage"].as_str().unwrap_or_default()
        ));
    }
    let doc = json!({"ok": errors.is_empty(), "entities": entities, "errors": errors});
    printer.result(&text.join("\n\n"), &doc);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ResultPrinted(anyhow::anyhow!(
            "BatchDescribeEntities: {} of {} entities could not be described: {}",
            errors.len(),
            ids.len(),
            errors.keys().cloned().collect::<Vec<_>>().join(", ")
        ))
        .into())
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

fn summary_json(e: &EntitySummary) -> Value {
    let mut m = Map::new();
    m.insert("EntityId".into(), json!(e.entity_id()));
    m.insert("EntityType".into(), json!(e.entity_type()));
    m.insert("Name".into(), json!(e.name()));
    m.insert("EntityArn".into(), json!(e.entity_arn()));
    m.insert("Visibility".into(), json!(e.visibility()));
    m.insert("LastModifiedDate".into(), json!(e.last_modified_date()));
    if let Some(o) = e.offer_summary() {
        m.insert(
            "OfferSummary".into(),
            json!({
                "Name": o.name(),
                "ProductId": o.product_id(),
                "ResaleAuthorizationId": o.resale_authorization_id(),
                "ReleaseDate": o.release_date(),
                "AvailabilityEndDate": o.availability_end_date(),
                "BuyerAccounts": o.buyer_accounts(),
                "State": o.state().map(|s| s.as_str()),
                "Targeting": o.targeting().iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            }),
        );
    }
    if let Some(r) = e.resale_authorization_summary() {
        m.insert(
            "ResaleAuthorizationSummary".into(),
            json!({
                "Name": r.name(),
                "ProductId": r.product_id(),
                "ResellerAccountId": r.reseller_account_id(),
                "Status": r.status().map(|s| s.as_str()),
                "AvailabilityEndDate": r.availability_end_date(),
            }),
        );
    }
    Value::Object(m)
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

async fn list(settings: &Settings, printer: &Printer, args: &EntityListArgs) -> anyhow::Result<()> {
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
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|e| {
            vec![
                e.entity_id().unwrap_or_default().to_string(),
                e.name().unwrap_or("-").to_string(),
                status_of(e),
                e.last_modified_date().unwrap_or("-").to_string(),
            ]
        })
        .collect();
    let text = if rows.is_empty() {
        format!("no {entity_type} entities")
    } else {
        table(&["ENTITY", "NAME", "STATE", "LAST MODIFIED"], &rows)
    };
    let docs: Vec<Value> = items.iter().map(summary_json).collect();
    printer.result(
        &text,
        &json!({"ok": true, "entity_type": entity_type, "count": docs.len(), "entities": docs}),
    );
    Ok(())
}
