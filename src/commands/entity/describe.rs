//! `entity describe ID…`: one id is DescribeEntity; several are BatchDescribeEntities in
//! batches of 20, in the order given, with per-id errors (then exit 1, the rest still shown).

use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::EntityRequest;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::CATALOG;
use crate::aws::{self, describe_error};
use crate::exit::bad_input;
use crate::offer::read::from_document;
use crate::output::{List, Printer, Report, ResultPrinted};
use crate::settings::Settings;

/// BatchDescribeEntities takes at most this many ids per call.
const BATCH: usize = 20;

/// One entity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Entity {
    pub entity_id: String,
    /// `id@revision`.
    pub entity_identifier: Option<String>,
    pub entity_type: Option<String>,
    pub entity_arn: Option<String>,
    pub last_modified_date: Option<String>,
    /// Pass-through: the entity's DetailsDocument as AWS returns it (PascalCase keys).
    pub details_document: Value,
}

/// An id BatchDescribeEntities could not describe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EntityError {
    pub entity_id: String,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

/// `entity describe`: `{entity}` for one id; for several, the list of entities described and
/// the ids that failed.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Described {
    One {
        entity: Entity,
    },
    Many {
        #[serde(flatten)]
        entities: List<Entity>,
        errors: Vec<EntityError>,
    },
}

fn entity_text(e: &Entity) -> String {
    format!(
        "{} ({}) {}\nlast modified {}\n{}",
        e.entity_identifier.as_deref().unwrap_or(&e.entity_id),
        e.entity_type.as_deref().unwrap_or("?"),
        e.entity_arn.as_deref().unwrap_or_default(),
        e.last_modified_date.as_deref().unwrap_or("-"),
        serde_json::to_string_pretty(&e.details_document).unwrap_or_default()
    )
}

impl Report for Described {
    fn text(&self) -> String {
        match self {
            Described::One { entity } => entity_text(entity),
            Described::Many { entities, errors } => {
                let mut text: Vec<String> = entities.items.iter().map(entity_text).collect();
                text.extend(errors.iter().map(|e| {
                    format!(
                        "{}: {}: {}",
                        e.entity_id,
                        e.error_code.as_deref().unwrap_or_default(),
                        e.error_message.as_deref().unwrap_or_default()
                    )
                }));
                text.join("\n\n")
            }
        }
    }

    fn ok(&self) -> bool {
        match self {
            Described::One { .. } => true,
            Described::Many { errors, .. } => errors.is_empty(),
        }
    }
}

pub async fn run(settings: &Settings, printer: &Printer, ids: &[String]) -> anyhow::Result<()> {
    let clients = aws::connect(settings).await?;
    let client = &clients.catalog;
    if let [id] = ids {
        let out = super::describe_entity(client, id).await?;
        let details = out
            .details_document()
            .map(from_document)
            .or_else(|| out.details().and_then(|d| serde_json::from_str(d).ok()));
        let entity = Entity {
            entity_id: id.clone(),
            entity_identifier: out.entity_identifier().map(String::from),
            entity_type: out.entity_type().map(String::from),
            entity_arn: out.entity_arn().map(String::from),
            last_modified_date: out.last_modified_date().map(String::from),
            details_document: details.unwrap_or(Value::Null),
        };
        printer.print(&Described::One { entity });
        return Ok(());
    }
    let (entities, errors) = batch(client, ids).await?;
    let result = Described::Many {
        entities: List::new(entities),
        errors: errors.clone(),
    };
    printer.print(&result);
    if errors.is_empty() {
        return Ok(());
    }
    let failed: Vec<&str> = errors.iter().map(|e| e.entity_id.as_str()).collect();
    Err(ResultPrinted(anyhow::anyhow!(
        "BatchDescribeEntities: {} of {} entities could not be described: {}",
        errors.len(),
        ids.len(),
        failed.join(", ")
    ))
    .into())
}

/// Every id through BatchDescribeEntities: the entities in the order given, and the errors.
async fn batch(
    client: &aws_sdk_marketplacecatalog::Client,
    ids: &[String],
) -> anyhow::Result<(Vec<Entity>, Vec<EntityError>)> {
    let mut found: BTreeMap<String, Entity> = BTreeMap::new();
    let mut errors: Vec<EntityError> = Vec::new();
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
            let entity = Entity {
                entity_id: id.clone(),
                entity_identifier: d.entity_identifier().map(String::from),
                entity_type: d.entity_type().map(String::from),
                entity_arn: d.entity_arn().map(String::from),
                last_modified_date: d.last_modified_date().map(String::from),
                details_document: d.details_document().map(from_document).unwrap_or_default(),
            };
            found.insert(id.clone(), entity);
        }
        for (id, e) in out.errors().into_iter().flatten() {
            errors.push(EntityError {
                entity_id: id.clone(),
                error_code: e.error_code().map(String::from),
                error_message: e.error_message().map(String::from),
            });
        }
    }
    errors.sort_by(|a, b| a.entity_id.cmp(&b.entity_id));
    let entities = ids.iter().filter_map(|id| found.get(id).cloned()).collect();
    Ok((entities, errors))
}
