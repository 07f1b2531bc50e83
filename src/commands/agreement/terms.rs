//! `agreement terms ID`: every accepted term (GetAgreementTerms, every page) with mpctl's
//! one-line summary; the term itself is passed through as AWS returns it (camelCase).

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::agreement::accepted;
use crate::aws;
use crate::offer::terms;
use crate::output::{table, List, Report};
use crate::settings::Settings;

/// One accepted term.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Term {
    /// The term's type (`LegalTerm`, `PaymentScheduleTerm`, …).
    #[serde(rename = "type")]
    pub term_type: String,
    /// The term's id, when AWS gives one.
    pub id: Option<String>,
    /// One line for people (`USD 2000.00 on …`).
    pub summary: String,
    /// Pass-through: the accepted term as GetAgreementTerms returns it (AWS's camelCase keys).
    pub term: Value,
}

/// `agreement terms`: `{agreement_id, count, items: [term…]}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TermList {
    pub agreement_id: String,
    #[serde(flatten)]
    pub terms: List<Term>,
}

impl Report for TermList {
    fn text(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .terms
            .items
            .iter()
            .map(|t| {
                vec![
                    t.term_type.clone(),
                    t.id.clone().unwrap_or_default(),
                    t.summary.clone(),
                ]
            })
            .collect();
        table(&["TERM", "ID", "SUMMARY"], &rows)
    }
}

pub async fn run(settings: &Settings, id: &str) -> anyhow::Result<TermList> {
    let clients = aws::connect(settings).await?;
    let pages = clients
        .agreement
        .get_agreement_terms()
        .agreement_id(id)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .map_err(|e| aws::describe_error("GetAgreementTerms", e))?;
    let items = pages
        .iter()
        .flat_map(|p| p.accepted_terms())
        .map(|t| {
            let term = accepted::to_json(t);
            Term {
                term_type: terms::term_type(&term),
                id: term.get("id").and_then(Value::as_str).map(String::from),
                summary: terms::summary(&term),
                term,
            }
        })
        .collect();
    Ok(TermList {
        agreement_id: id.to_string(),
        terms: items,
    })
}
