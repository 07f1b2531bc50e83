//! `changeset list` (every page of ListChangeSets with the given filters) and `changeset
//! templates` (the embedded library with each template's variables and their sources).

use aws_sdk_marketplacecatalog::types::Filter;
use schemars::JsonSchema;
use serde::Serialize;

use crate::aws::changeset::CATALOG;
use crate::aws::{self, describe_error};
use crate::cli::ListChangeSetsArgs;
use crate::library;
use crate::output::{owned, table, List, Report};
use crate::settings::Settings;

/// One change set in a listing.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeSetRow {
    pub change_set_id: Option<String>,
    pub change_set_arn: Option<String>,
    pub change_set_name: Option<String>,
    pub status: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub entity_ids: Vec<String>,
    pub failure_code: Option<String>,
}

/// `changeset list`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangeSetList(pub List<ChangeSetRow>);

impl Report for ChangeSetList {
    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no change sets".to_string();
        }
        let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|c| {
                vec![
                    c.change_set_id.clone().unwrap_or_default(),
                    dash(&c.status),
                    dash(&c.change_set_name),
                    dash(&c.start_time),
                    c.entity_ids.join(","),
                ]
            })
            .collect();
        let headers = ["CHANGE SET", "STATUS", "NAME", "STARTED", "ENTITIES"];
        table(&headers, &rows)
    }
}

pub async fn list(settings: &Settings, args: &ListChangeSetsArgs) -> anyhow::Result<ChangeSetList> {
    let clients = aws::connect(settings).await?;
    let mut call = clients.catalog.list_change_sets().catalog(CATALOG);
    for (name, value) in [
        ("Status", &args.status),
        ("EntityId", &args.entity),
        ("ChangeSetName", &args.name),
    ] {
        if let Some(v) = value {
            call = call.filter_list(Filter::builder().name(name).value_list(v).build());
        }
    }
    let items: Vec<_> = call
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| describe_error("ListChangeSets", e))?;
    Ok(ChangeSetList(
        items
            .iter()
            .map(|c| ChangeSetRow {
                change_set_id: owned(c.change_set_id()),
                change_set_arn: owned(c.change_set_arn()),
                change_set_name: owned(c.change_set_name()),
                status: owned(c.status().map(|s| s.as_str())),
                start_time: owned(c.start_time()),
                end_time: owned(c.end_time()),
                entity_ids: c.entity_id_list().to_vec(),
                failure_code: owned(c.failure_code().map(|f| f.as_str())),
            })
            .collect(),
    ))
}

/// A template variable and where its value comes from.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Variable {
    pub name: String,
    /// `required`, `built-in`, `buyer_ids.txt` or `state`.
    pub source: String,
}

/// One embedded template.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Template {
    pub name: String,
    /// Where `mpctl init` writes it.
    pub file: String,
    pub description: String,
    /// True for change sets (StartChangeSet requests), false for other payloads.
    pub changeset: bool,
    /// The reference change set it is derived from, if any.
    pub derived_from: Option<String>,
    pub variables: Vec<Variable>,
}

/// `changeset templates`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TemplateList(pub List<Template>);

impl Report for TemplateList {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .0
            .items
            .iter()
            .map(|t| {
                let vars: Vec<String> = t
                    .variables
                    .iter()
                    .map(|v| match v.source.as_str() {
                        "required" => format!("{}*", v.name),
                        _ => v.name.clone(),
                    })
                    .collect();
                vec![
                    format!("@{}", t.name),
                    t.description.clone(),
                    vars.join(" "),
                ]
            })
            .collect();
        format!(
            "{}\n\n* = must be supplied (--var NAME=VALUE or config.json \"variables\"); the others are built in, read from buyer_ids.txt, or saved in shared_env.json by the workflow.\nUse a template by name: mpctl changeset render @NAME",
            table(&["TEMPLATE", "DESCRIPTION", "VARIABLES"], &rows)
        )
    }
}

pub fn templates() -> TemplateList {
    TemplateList(
        library::TEMPLATES
            .iter()
            .map(|t| Template {
                name: t.name.to_string(),
                file: format!("changesets/{}", t.file_name()),
                description: t.description.to_string(),
                changeset: t.is_changeset,
                derived_from: t.source.map(String::from),
                variables: library::variables(t.text)
                    .into_iter()
                    .map(|v| Variable {
                        source: library::source_of(&v).as_str().to_string(),
                        name: v,
                    })
                    .collect(),
            })
            .collect(),
    )
}
