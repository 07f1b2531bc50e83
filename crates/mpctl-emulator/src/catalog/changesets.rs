//! Change set records: what a started set holds and how DescribeChangeSet shows it (the
//! lifecycle that moves them is `lifecycle`).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::agreements::Agreements;
use super::effects::ErrorDetail;
use super::request::changes;
use super::CatalogState;

use crate::clock;
use crate::ids;

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
