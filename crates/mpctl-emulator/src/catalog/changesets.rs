//! Change set records and their lifecycle: PREPARING for the first half of the configured
//! duration, APPLYING for the second, then SUCCEEDED or FAILED when the set is applied.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::agreements::Agreements;
use super::effects::ErrorDetail;
use super::CatalogState;
use super::{apply, events};
use crate::clock::{self, Timings};
use crate::ids;
use crate::outbox::Outbox;

/// One started change set.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ChangeSetRecord {
    pub id: String,
    pub arn: String,
    pub name: Option<String>,
    pub intent: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub status: String,
    pub failure_code: Option<String>,
    pub failure_description: Option<String>,
    /// The request body as received (for describe and token comparison).
    pub request: Value,
    /// Entity ids the set targets (locked while it runs); created ids are added on success.
    pub entity_ids: Vec<String>,
    /// Per change: resolved entity id after application.
    pub resolved: Vec<Option<String>>,
    /// Per change: errors.
    pub errors: Vec<Vec<ErrorDetail>>,
    /// The agreements the set names, as the Agreement service reported them at start.
    pub agreements: Agreements,
}

impl ChangeSetRecord {
    pub fn new(
        request: Value,
        entity_ids: Vec<String>,
        agreements: Agreements,
        (owner, now): (&str, DateTime<Utc>),
    ) -> Self {
        let id = ids::alnum(25);
        let n = changes(&request).len();
        ChangeSetRecord {
            arn: ids::catalog_arn(owner, "ChangeSet", &id),
            id,
            name: request
                .get("ChangeSetName")
                .and_then(Value::as_str)
                .map(str::to_string),
            intent: request
                .get("Intent")
                .and_then(Value::as_str)
                .unwrap_or("APPLY")
                .to_string(),
            start: now,
            end: None,
            status: "PREPARING".to_string(),
            failure_code: None,
            failure_description: None,
            request,
            entity_ids,
            resolved: vec![None; n],
            errors: vec![Vec::new(); n],
            agreements,
        }
    }

    /// The seller account that started the set.
    pub fn owner(&self) -> &str {
        ids::arn_account(&self.arn)
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "PREPARING" | "APPLYING")
    }

    /// DescribeChangeSet output.
    pub fn describe(&self, catalog: &CatalogState) -> Value {
        let changes: Vec<Value> = changes(&self.request)
            .iter()
            .enumerate()
            .map(|(i, c)| self.describe_change(catalog, i, c))
            .collect();
        let mut out = json!({
            "ChangeSetId": self.id,
            "ChangeSetArn": self.arn,
            "Intent": self.intent,
            "StartTime": clock::catalog_time(self.start),
            "Status": self.status,
            "ChangeSet": changes,
        });
        self.insert_optional(&mut out);
        if let Some(desc) = &self.failure_description {
            out["FailureDescription"] = json!(desc);
        }
        out
    }

    fn describe_change(&self, catalog: &CatalogState, i: usize, change: &Value) -> Value {
        let mut entity =
            json!({"Type": change.pointer("/Entity/Type").cloned().unwrap_or(json!(""))});
        let identifier = match (&self.resolved[i], self.status.as_str()) {
            (Some(id), "SUCCEEDED") => catalog.entity(id).map(|e| e.versioned_id()),
            _ => change
                .pointer("/Entity/Identifier")
                .and_then(Value::as_str)
                .map(str::to_string),
        };
        if let Some(id) = identifier {
            entity["Identifier"] = json!(id);
        }
        let details = mpctl_changeset::details_of(change).unwrap_or(json!({}));
        let mut out = json!({
            "ChangeType": change.get("ChangeType").cloned().unwrap_or(json!("")),
            "Entity": entity,
            "Details": details.to_string(),
            "DetailsDocument": details,
            "ErrorDetailList": self.errors[i].iter().map(ErrorDetail::to_json).collect::<Vec<_>>(),
        });
        if let Some(name) = change.get("ChangeName") {
            out["ChangeName"] = name.clone();
        }
        out
    }

    /// The members present only when set: name, end time, failure code.
    fn insert_optional(&self, out: &mut Value) {
        if let Some(name) = &self.name {
            out["ChangeSetName"] = json!(name);
        }
        if let Some(end) = self.end {
            out["EndTime"] = json!(clock::catalog_time(end));
        }
        if let Some(code) = &self.failure_code {
            out["FailureCode"] = json!(code);
        }
    }

    /// ListChangeSets summary item.
    pub fn summary(&self) -> Value {
        let mut out = json!({
            "ChangeSetId": self.id,
            "ChangeSetArn": self.arn,
            "StartTime": clock::catalog_time(self.start),
            "Status": self.status,
            "EntityIdList": self.entity_ids,
        });
        self.insert_optional(&mut out);
        out
    }
}

/// The `ChangeSet` array of a request.
pub fn changes(request: &Value) -> &[Value] {
    request
        .get("ChangeSet")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

impl CatalogState {
    /// Moves open change sets through their lifecycle up to `now`, applying in start order;
    /// each set that ends announces it (and the offers it released) in the outbox.
    pub fn advance(&mut self, now: DateTime<Utc>, timings: &Timings, outbox: &mut Outbox) {
        for i in 0..self.changesets.len() {
            if !self.changesets[i].is_open() {
                continue;
            }
            let start = self.changesets[i].start;
            let done_at = clock::after(start, timings.changeset_seconds);
            if now >= done_at {
                let released_before = events::released_ids(&self.entities);
                self.finish(i, done_at);
                events::released(outbox, &self.entities, &released_before, done_at);
                events::change_set_ended(outbox, &self.changesets[i]);
            } else if now >= clock::after(start, timings.changeset_seconds / 2.0) {
                self.changesets[i].status = "APPLYING".to_string();
            }
        }
    }

    fn finish(&mut self, i: usize, at: DateTime<Utc>) {
        if self.server_faults.remove(&self.changesets[i].id) {
            let record = &mut self.changesets[i];
            record.end = Some(at);
            record.status = "FAILED".to_string();
            record.failure_code = Some("SERVER_FAULT".to_string());
            record.failure_description =
                Some("An internal error occurred while processing the change set; nothing was applied. Start it again.".into());
            return;
        }
        let request = self.changesets[i].request.clone();
        let validate_only = self.changesets[i].intent == "VALIDATE";
        let outcome = apply::apply_set(
            &mut self.entities,
            self.changesets[i].owner().to_string().as_str(),
            &request,
            &self.changesets[i].agreements,
            at,
            validate_only,
        );
        let record = &mut self.changesets[i];
        record.end = Some(at);
        if outcome.failed() {
            record.status = "FAILED".to_string();
            record.failure_code = Some("CLIENT_ERROR".to_string());
            let n = outcome.errors.iter().filter(|e| !e.is_empty()).count();
            record.failure_description = Some(format!(
                "{n} change(s) failed validation; see ErrorDetailList on each change."
            ));
        } else {
            record.status = "SUCCEEDED".to_string();
            for id in outcome.entity_ids.iter().flatten() {
                if !record.entity_ids.contains(id) {
                    record.entity_ids.push(id.clone());
                }
            }
        }
        record.resolved = outcome.entity_ids;
        record.errors = outcome.errors;
    }
}
