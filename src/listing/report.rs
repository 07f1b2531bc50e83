//! What `listing pull|diff|plan|apply` answer: typed results with their text and JSON forms
//! (schemas in `schemas/listing-*.json`).

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::plan::{shown, Compared};
use crate::output::{List, Report};

/// One listing file written by `listing pull`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PulledFile {
    pub entity_id: String,
    /// e.g. `SaaSProduct@1.0`, `Offer@1.0`.
    pub entity_type: String,
    pub path: String,
    /// False when the file already held exactly this content (it was left untouched).
    pub changed: bool,
}

/// `listing pull`: the files written.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListingPulled {
    #[serde(flatten)]
    pub files: List<PulledFile>,
}

impl Report for ListingPulled {
    fn text(&self) -> String {
        self.files
            .items
            .iter()
            .map(|f| {
                let how = if f.changed { "wrote" } else { "unchanged" };
                format!("{how} {} ({} {})", f.path, f.entity_type, f.entity_id)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One field that differs between a listing file and the live entity.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldDifference {
    /// Where in the DetailsDocument, e.g. `Description.ProductTitle`,
    /// `Terms[FixedUpfrontPricingTerm].RateCards[0].RateCard[0].Price`, `Dimensions[KEY:TYPES]`.
    pub path: String,
    /// `FILE:LINE:COLUMN` of the field in the listing file (or of the member that would hold it).
    pub position: String,
    /// Pass-through: the live value; `null` when AWS has none.
    pub live: Option<Value>,
    /// Pass-through: the file's value; `null` when the file has none.
    pub local: Option<Value>,
    /// The change types that would carry it; empty when no change type can (plan refuses).
    pub change_types: Vec<String>,
}

/// The differences of one entity.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EntityDifferences {
    pub entity_id: String,
    pub entity_type: String,
    pub path: String,
    pub differences: Vec<FieldDifference>,
}

/// `listing diff` (and the check after `listing apply`): every field that differs.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListingDiff {
    /// Number of differing fields over all entities (0: AWS matches the files).
    pub count: usize,
    pub entities: Vec<EntityDifferences>,
}

impl ListingDiff {
    pub fn of(compared: &[Compared]) -> ListingDiff {
        let entities: Vec<EntityDifferences> = compared
            .iter()
            .map(|c| EntityDifferences {
                entity_id: c.file.id.clone(),
                entity_type: c.file.entity_type.clone(),
                path: c.file.path.display().to_string(),
                differences: c
                    .differences
                    .iter()
                    .map(|(d, cts)| FieldDifference {
                        path: d.path(),
                        position: c.file.position(&d.local_pointer),
                        live: d.live.clone(),
                        local: d.local.clone(),
                        change_types: cts.iter().map(|s| s.to_string()).collect(),
                    })
                    .collect(),
            })
            .collect();
        ListingDiff {
            count: entities.iter().map(|e| e.differences.len()).sum(),
            entities,
        }
    }
}

impl Report for ListingDiff {
    fn text(&self) -> String {
        let mut lines = Vec::new();
        for e in &self.entities {
            for d in &e.differences {
                let carried = if d.change_types.is_empty() {
                    "no change type sets it".to_string()
                } else {
                    d.change_types.join(", ")
                };
                lines.push(format!(
                    "{} {}: {}\n  live: {}\n  file: {}\n  ({carried})",
                    e.entity_id,
                    d.path,
                    d.position,
                    shown(&d.live),
                    shown(&d.local)
                ));
            }
        }
        let n = self.entities.len();
        lines.push(match self.count {
            0 => format!("no differences: AWS matches the {n} listing file(s)"),
            c => format!("{c} field(s) differ over {n} listing file(s)"),
        });
        lines.join("\n")
    }
}

/// `listing plan`: the change set `listing apply` would start (validated), and why.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListingPlan {
    pub diff: ListingDiff,
    /// Pass-through: the StartChangeSet request (AWS's PascalCase keys, the ClientRequestToken
    /// `apply` derives from it included); `null` when nothing differs (apply sends nothing).
    /// The first of `requests` when the plan is split.
    pub request: Option<Value>,
    /// Every StartChangeSet request `apply` sends, in order: one, or several of at most 20
    /// changes each when the plan holds more (each started after the previous succeeded).
    pub requests: Vec<Value>,
    /// Change types in order, e.g. `UpdateInformation prod-…`.
    pub changes: Vec<String>,
    /// The validator's warnings on the request (errors refuse the plan, exit 2).
    pub warnings: Vec<String>,
}

impl Report for ListingPlan {
    fn text(&self) -> String {
        if self.requests.is_empty() {
            return "no changes: AWS matches the listing files; apply would send nothing".into();
        }
        let mut lines: Vec<String> = self.changes.iter().map(|c| format!("  {c}")).collect();
        let sets = match self.requests.len() {
            1 => String::new(),
            n => format!(" in {n} change sets applied in order"),
        };
        lines.insert(
            0,
            format!("{} change(s){sets}, validated:", self.changes.len()),
        );
        lines.extend(self.warnings.iter().cloned());
        for request in &self.requests {
            lines.push(serde_json::to_string_pretty(request).unwrap_or_default());
        }
        lines.join("\n")
    }
}

/// `listing apply`: the change set started (if any) and the differences left after it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListingApplied {
    /// `null` when nothing differed and nothing was sent; the last one when several were.
    pub changeset_id: Option<String>,
    /// Every change set started, in order (more than 20 changes are split).
    pub changeset_ids: Vec<String>,
    /// `SUCCEEDED`, or `null` when nothing was sent.
    pub status: Option<String>,
    /// Change types sent, in order.
    pub changes: Vec<String>,
    /// The diff again after the change set (`count` 0: AWS matches the files).
    pub after: ListingDiff,
}

impl Report for ListingApplied {
    fn text(&self) -> String {
        let Some(id) = &self.changeset_id else {
            return "no changes: AWS matches the listing files; nothing was sent".into();
        };
        let mut text = format!(
            "change set {} {}: {}",
            match self.changeset_ids.len() {
                0 | 1 => id.clone(),
                _ => self.changeset_ids.join(", "),
            },
            self.status.as_deref().unwrap_or("-"),
            self.changes.join(", ")
        );
        if self.after.count == 0 {
            text.push_str("\nno differences left: AWS matches the listing files");
        } else {
            text.push('\n');
            text.push_str(&self.after.text());
        }
        text
    }
}
