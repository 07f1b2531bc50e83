//! A finished change set as a typed value: id, ARN, status, the entities it touched and every
//! change's errors, and the failure report that puts root causes first. A change that fails
//! only because it refers (`$Name.Entity.Identifier`) to a change that failed is a consequence,
//! not a cause: listing it beside the cause buries the one error that needs fixing.

use aws_sdk_marketplacecatalog::operation::describe_change_set::DescribeChangeSetOutput;
use aws_sdk_marketplacecatalog::types::ChangeStatus;
use serde::Serialize;

use crate::exit::Failure;

/// One entity a change of the set acted on.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    pub change_type: String,
    pub change_name: Option<String>,
    pub entity_type: String,
    /// Without `@revision`.
    pub entity_id: Option<String>,
}

/// One error of one change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeError {
    pub change_index: usize,
    pub change: String,
    pub entity_type: String,
    pub code: String,
    pub message: String,
}

/// A change set that reached SUCCEEDED, FAILED or CANCELLED.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub arn: Option<String>,
    pub status: String,
    pub failure_code: Option<String>,
    pub failure_description: Option<String>,
    pub entities: Vec<EntityRef>,
    pub errors: Vec<ChangeError>,
    /// The DescribeChangeSet answer, for views that show everything.
    pub describe: DescribeChangeSetOutput,
}

impl From<DescribeChangeSetOutput> for Outcome {
    fn from(out: DescribeChangeSetOutput) -> Self {
        let mut entities = Vec::new();
        let mut errors = Vec::new();
        for (i, c) in out.change_set().iter().enumerate() {
            let entity_type = c
                .entity()
                .map(|e| e.r#type())
                .unwrap_or_default()
                .to_string();
            entities.push(EntityRef {
                change_type: c.change_type().unwrap_or_default().to_string(),
                change_name: c.change_name().map(str::to_string),
                entity_type: entity_type.clone(),
                entity_id: c
                    .entity()
                    .and_then(|e| e.identifier())
                    .map(|id| id.split('@').next().unwrap_or(id).to_string()),
            });
            for e in c.error_detail_list() {
                errors.push(ChangeError {
                    change_index: i,
                    change: c
                        .change_name()
                        .or(c.change_type())
                        .unwrap_or_default()
                        .to_string(),
                    entity_type: entity_type.clone(),
                    code: e.error_code().unwrap_or_default().to_string(),
                    message: e.error_message().unwrap_or_default().to_string(),
                });
            }
        }
        Outcome {
            id: out.change_set_id().unwrap_or_default().to_string(),
            arn: out.change_set_arn().map(str::to_string),
            status: out.status().map(|s| s.as_str()).unwrap_or("?").to_string(),
            failure_code: out.failure_code().map(|c| c.as_str().to_string()),
            failure_description: out.failure_description().map(str::to_string),
            entities,
            errors,
            describe: out,
        }
    }
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        self.describe.status() == Some(&ChangeStatus::Succeeded)
    }

    /// The id of the entity a change of `change_type` created.
    pub fn created_id(&self, change_type: &str) -> Option<String> {
        self.entities
            .iter()
            .find(|e| e.change_type == change_type)
            .and_then(|e| e.entity_id.clone())
    }

    /// Ok for SUCCEEDED; exit 3 with [`Outcome::failure_report`] otherwise.
    pub fn into_result(self) -> anyhow::Result<Outcome> {
        if self.succeeded() {
            Ok(self)
        } else {
            Err(Failure::ResourceFailed(self.failure_report()).into())
        }
    }

    /// The headline, then each root cause once, each followed by how many later changes
    /// failed only because they refer to it.
    pub fn failure_report(&self) -> String {
        let mut lines = vec![format!(
            "change set {} ended {}{}{}",
            self.id,
            self.status,
            self.failure_code
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
            self.failure_description
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default(),
        )];
        let (causes, consequences) = split_causes(&self.errors);
        for e in &causes {
            lines.push(format!(
                "  change {} {} ({}): {}: {}",
                e.change_index, e.change, e.entity_type, e.code, e.message
            ));
            let later = consequences
                .iter()
                .filter(|c| refers_to(c, &e.change))
                .count();
            if later > 0 {
                lines.push(format!(
                    "    {later} later change(s) refer to it and failed because of it"
                ));
            }
        }
        let orphans = consequences
            .iter()
            .filter(|c| !causes.iter().any(|e| refers_to(c, &e.change)))
            .count();
        if orphans > 0 {
            lines.push(format!(
                "  {orphans} other change(s) refer to changes that failed"
            ));
        }
        lines.join("\n")
    }
}

/// Errors whose message is about a reference to another change (a consequence) apart from
/// the others (causes). With no cause found, everything counts as a cause.
fn split_causes(errors: &[ChangeError]) -> (Vec<&ChangeError>, Vec<&ChangeError>) {
    let (consequences, causes): (Vec<_>, Vec<_>) =
        errors.iter().partition(|e| reference_target(e).is_some());
    if causes.is_empty() {
        (consequences, Vec::new())
    } else {
        (causes, consequences)
    }
}

/// `X` in "Reference '$X.Entity.Identifier' …".
fn reference_target(e: &ChangeError) -> Option<&str> {
    referenced_change(&e.message)
}

/// `X` in an error message "Reference '$X.Entity.Identifier' …": the change it depends on.
pub fn referenced_change(message: &str) -> Option<&str> {
    let quoted = message.split("Reference '").nth(1)?.split('\'').next()?;
    mpctl_changeset::reference_name(quoted)
}

fn refers_to(e: &ChangeError, change: &str) -> bool {
    reference_target(e) == Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(i: usize, change: &str, message: &str) -> ChangeError {
        ChangeError {
            change_index: i,
            change: change.into(),
            entity_type: "Offer@1.0".into(),
            code: "X".into(),
            message: message.into(),
        }
    }

    #[test]
    fn consequences_are_grouped_under_their_cause() {
        let mut errors = vec![err(0, "CreateOfferChange", "ENTITY_NOT_FOUND: no product")];
        for i in 1..8 {
            errors.push(err(
                i,
                &format!("C{i}"),
                "Reference '$CreateOfferChange.Entity.Identifier' does not name a change in this change set.",
            ));
        }
        let (causes, later) = split_causes(&errors);
        assert_eq!(causes.len(), 1);
        assert_eq!(later.len(), 7);
        assert!(later.iter().all(|c| refers_to(c, "CreateOfferChange")));
    }
}
