//! From listing files and the live entities to the change set that makes AWS match the
//! files (split in slices of 20 changes when larger, see `split`): each file's differences (see `diff`), the change type that carries each (products in
//! `plan_product`, offers in `plan_offer`, resale authorizations in `plan_resale`), one change
//! per change type and entity (per delivery option for UpdateDeliveryOptions, see
//! `plan_delivery`) in the order AWS needs them — every product's changes before any
//! offer's (an offer may price a dimension its product gains in the same set) — checked by the
//! change set validator before anything is sent. `[I]` Within an entity, additions come before
//! restrictions and a release last (AWS orders changes only by their `$Name` references, so the
//! order written is the order a seller reading the plan expects and the one AWS's samples use).
//! A difference no change type can carry (an offer's `ProductId`, a version's AMI) is reported
//! with its `FILE:LINE:COLUMN` and nothing is sent.

use serde_json::{json, Value};

use super::diff::{diff, Difference};
use super::file::ListingFile;
use super::{plan_delivery, plan_offer, plan_product, plan_resale};
use crate::exit::bad_input;
use mpctl_changeset::{self as changeset, Diagnostic, Severity, ValidateOptions};

/// The `ChangeSetName` of a listing apply.
pub const CHANGE_SET_NAME: &str = "mpctl listing apply";

/// One entity: its file, and how the live entity differs.
#[derive(Debug)]
pub struct Compared {
    pub file: ListingFile,
    pub live: Value,
    /// Each difference with the change types that carry it (empty: none can).
    pub differences: Vec<(Difference, Vec<&'static str>)>,
}

/// Which planner an entity type has, in the order their changes go: products first (an offer
/// may price a dimension its product gains in the same set), then resale authorizations, then
/// offers (which may be made from them); `Kept`: files kept for review, never planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    Product,
    Resale,
    Offer,
    Kept,
}

fn family(entity_type: &str) -> Family {
    if !super::file::planned(entity_type) {
        Family::Kept
    } else if entity_type.starts_with("Offer@") {
        Family::Offer
    } else if entity_type.starts_with("ResaleAuthorization@") {
        Family::Resale
    } else {
        Family::Product
    }
}

/// Compares a file with its live document.
pub fn compare(file: ListingFile, live: Value) -> Compared {
    let types = changeset::change_types_for(&file.entity_type).unwrap_or_default();
    let has = |ct: &str| types.contains(&ct);
    let fam = family(&file.entity_type);
    let differences = diff(&live, &file.details)
        .into_iter()
        .map(|d| {
            let carried = match fam {
                Family::Kept => Vec::new(),
                Family::Offer => plan_offer::classify(&d).into_iter().collect(),
                Family::Resale => plan_resale::classify(&d).into_iter().collect(),
                Family::Product => plan_product::classify(&d, &has),
            };
            (d, carried)
        })
        .collect();
    Compared {
        file,
        live,
        differences,
    }
}

impl Compared {
    /// The changes for this entity, in order.
    pub fn changes(&self) -> Vec<Value> {
        let f = &self.file;
        let fam = family(&f.entity_type);
        let order = match fam {
            Family::Kept => return Vec::new(),
            Family::Offer => plan_offer::ORDER,
            Family::Resale => plan_resale::ORDER,
            Family::Product => plan_product::ORDER,
        };
        let mut out = Vec::new();
        for ct in order {
            let carried: Vec<&Difference> = self
                .differences
                .iter()
                .filter(|(_, cts)| cts.contains(ct))
                .map(|(d, _)| d)
                .collect();
            if carried.is_empty() {
                continue;
            }
            let all = match fam {
                Family::Offer => vec![plan_offer::details(ct, &f.details, &carried)],
                Family::Resale => vec![plan_resale::details(ct, &f.details, &carried)],
                // One change per delivery option (see `plan_delivery::details`).
                _ if *ct == "UpdateDeliveryOptions" => plan_delivery::details(&f.details, &carried),
                _ => vec![plan_product::details(ct, &f.details, &self.live, &carried)],
            };
            for details in all {
                out.push(json!({
                    "ChangeType": ct,
                    "Entity": {"Type": f.entity_type, "Identifier": f.id},
                    "DetailsDocument": details,
                }));
            }
        }
        out
    }

    /// `FILE:LINE:COLUMN: PATH …` for each difference no change type carries.
    pub fn unchangeable(&self) -> Vec<String> {
        let t = &self.file.entity_type;
        let why = if super::file::planned(t) {
            format!("no {t} change type sets it")
        } else {
            format!("listing files plan changes to products, offers and resale authorizations only, not {t}")
        };
        self.differences
            .iter()
            .filter(|(_, cts)| cts.is_empty())
            .map(|(d, _)| {
                format!(
                    "{}: {} differs from {} ({}), and {why}",
                    self.file.position(&d.local_pointer),
                    d.path(),
                    self.file.id,
                    shown(&d.live),
                )
            })
            .collect()
    }
}

/// A value for messages: compact JSON, or `absent`.
pub fn shown(v: &Option<Value>) -> String {
    match v {
        None => "absent".into(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > 120 {
                format!("{}…", text.chars().take(120).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// The StartChangeSet request making every entity match its file (products first, then resale
/// authorizations, then offers; a stable sort keeps the files' order within each); `None` when
/// nothing differs. Differences no change type carries, and validator errors, are bad input.
pub fn request(compared: &[Compared]) -> anyhow::Result<Option<Value>> {
    let unchangeable: Vec<String> = compared.iter().flat_map(Compared::unchangeable).collect();
    if !unchangeable.is_empty() {
        return Err(bad_input(format!(
            "{}\nnothing was sent\n  hint: set these in the console or with a change set (`mpctl changeset start`), or undo the edit (`mpctl listing pull ID` rewrites the file)",
            unchangeable.join("\n")
        )));
    }
    let mut ordered: Vec<&Compared> = compared.iter().collect();
    ordered.sort_by_key(|c| family(&c.file.entity_type));
    let changes: Vec<Value> = ordered.iter().flat_map(|c| c.changes()).collect();
    if changes.is_empty() {
        return Ok(None);
    }
    Ok(Some(json!({
        "Catalog": changeset::CATALOG,
        "ChangeSetName": CHANGE_SET_NAME,
        "ChangeSet": changes,
    })))
}

/// The planned request as the change sets AWS takes, in order: itself when it holds at most
/// `MAX_CHANGES` (20) changes and no change type twice on one entity, else consecutive slices,
/// each cut before its 21st change or before a change type its entity already has in it (two
/// delivery options updated: AWS applies each change type once per entity and set), named
/// `mpctl listing apply K of N`. `[I]` The slices keep the planned order (products before
/// offers, additions before restrictions, releases last), and `apply` starts each only after
/// the previous one succeeded, so a change that needs an earlier one (an offer pricing a new
/// dimension) finds it applied; listing plans never create entities, so no `$Name` reference
/// crosses a slice.
pub fn split(request: &Value) -> Vec<Value> {
    let changes = request["ChangeSet"].as_array().cloned().unwrap_or_default();
    let key = |c: &Value| (c["ChangeType"].clone(), c["Entity"]["Identifier"].clone());
    let mut slices: Vec<Vec<Value>> = vec![Vec::new()];
    for change in changes {
        let current = slices.last_mut().expect("one slice");
        let repeated = current.iter().any(|c| key(c) == key(&change));
        if current.len() == changeset::MAX_CHANGES || repeated {
            slices.push(vec![change]);
        } else {
            current.push(change);
        }
    }
    if slices.len() == 1 {
        return vec![request.clone()];
    }
    let n = slices.len();
    slices
        .into_iter()
        .enumerate()
        .map(|(k, slice)| {
            let mut part = request.clone();
            part["ChangeSet"] = Value::Array(slice);
            part["ChangeSetName"] = json!(format!("{CHANGE_SET_NAME} {} of {n}", k + 1));
            part
        })
        .collect()
}

/// The validator's findings on a planned request: errors (bad input) and warnings apart.
pub fn validate(request: &Value) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    changeset::validate(request, &ValidateOptions::sending())
        .into_iter()
        .partition(|d| d.severity == Severity::Error)
}
