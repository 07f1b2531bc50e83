//! A listing file: one product or offer (or another Catalog entity, kept for review) as the
//! seller keeps it in git, `listing/<id>.json`.
//!
//! The file is DescribeEntity's `DetailsDocument` under the change set's own vocabulary
//! (`{"Entity": {"Type", "Identifier"}, "DetailsDocument": {…}}`), written as JSON with sorted
//! keys and two-space indentation. JSON rather than YAML: the document is exactly what AWS
//! returns and what its change types take (same member names, no translation to get wrong),
//! account ids and prices stay strings (YAML would turn `012345678901` into a number), and
//! sorted keys make every re-pull of an unchanged entity byte-identical, so `git diff` shows
//! only what changed. Errors in a file name `FILE:LINE:COLUMN`.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use super::locate;
use crate::exit::bad_input;

/// Where `listing pull` writes and `diff|plan|apply` read when given no FILE.
pub const DEFAULT_DIR: &str = "listing";

/// One listing file, read or about to be written.
#[derive(Debug, Clone)]
pub struct ListingFile {
    pub path: PathBuf,
    /// `SaaSProduct@1.0`, `Offer@1.0`, …
    pub entity_type: String,
    /// `prod-…`, `offer-…`, …
    pub id: String,
    /// The entity as the seller wants it (DescribeEntity's DetailsDocument shape).
    pub details: Value,
    /// The file's text, to point at positions in it (empty for a file not yet written).
    pub text: String,
}

/// Entity types whose edits `listing plan` turns into change sets: products, offers and
/// resale authorizations. Files of other entities (offer sets, solutions, which have no
/// published shapes) are pulled and diffed, and an edit to them is refused.
pub fn planned(entity_type: &str) -> bool {
    let name = entity_type.split('@').next().unwrap_or_default();
    matches!(name, "Offer" | "ResaleAuthorization")
        || (name.ends_with("Product") && name != "DataProduct")
}

/// An entity type as change sets spell it: `Name@Version`.
fn entity_type_shape(entity_type: &str) -> bool {
    entity_type
        .split_once('@')
        .is_some_and(|(n, v)| !n.is_empty() && !v.is_empty())
}

/// Entity id prefixes the Catalog gives (products, offers, resale authorizations, offer sets,
/// solutions).
const PREFIXES: [&str; 5] = ["prod-", "offer-", "resaleauthz-", "offerset-", "soln-"];

/// `listing pull`'s ids, checked before connecting.
pub fn check_ids(ids: &[String]) -> anyhow::Result<()> {
    for id in ids {
        let fits = PREFIXES.iter().any(|p| {
            id.strip_prefix(p)
                .is_some_and(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric()))
        });
        if !fits {
            return Err(bad_input(format!(
                "ID '{id}' is not a product, offer, resale authorization, offer set or solution id; nothing was sent\n  hint: e.g. prod-1a2b3c4d5e6f7 or offer-1a2b3c4d5e6f7 (`mpctl entity list SaaSProduct` shows them)"
            )));
        }
    }
    Ok(())
}

/// The file `listing pull` writes for `id` in `dir`.
pub fn path_for(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.json"))
}

/// `v` with every object's keys sorted (arrays keep their order: it is AWS's).
pub fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

impl ListingFile {
    /// The file for a live entity.
    pub fn new(dir: &Path, entity_type: &str, id: &str, details: &Value) -> ListingFile {
        ListingFile {
            path: path_for(dir, id),
            entity_type: entity_type.to_string(),
            id: id.to_string(),
            details: sorted(details),
            text: String::new(),
        }
    }

    /// The text written to disk: sorted keys, two-space indentation, a final newline.
    pub fn render(&self) -> String {
        let doc = json!({
            "Entity": {"Type": self.entity_type, "Identifier": self.id},
            "DetailsDocument": self.details,
        });
        let mut text = serde_json::to_string_pretty(&sorted(&doc)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the file atomically (a crash leaves the old file or the new one).
    pub fn write(&self) -> anyhow::Result<()> {
        let dir = mpctl_atomic::parent_dir(&self.path);
        std::fs::create_dir_all(&dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        mpctl_atomic::write(&self.path, self.render().as_bytes(), |_| {})
    }

    /// Reads and checks a listing file: JSON syntax, `Entity.Type` (`Name@Version`),
    /// `Entity.Identifier` and an object `DetailsDocument`, each error at `FILE:LINE:COLUMN`.
    pub fn read(path: &Path) -> anyhow::Result<ListingFile> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad_input(format!("{shown}: cannot read the listing file: {e}")))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| {
            bad_input(format!(
                "{shown}:{}:{}: not JSON: {e}; nothing was sent",
                e.line(),
                e.column()
            ))
        })?;
        let at = |pointer: &str, what: &str| {
            let (line, col) = locate::position(&text, pointer);
            bad_input(format!("{shown}:{line}:{col}: {what}; nothing was sent\n  hint: `mpctl listing pull ID` writes a listing file in the expected form"))
        };
        let entity_type = doc
            .pointer("/Entity/Type")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                at(
                    "/Entity",
                    "Entity.Type is missing (e.g. \"SaaSProduct@1.0\")",
                )
            })?;
        if !entity_type_shape(entity_type) {
            return Err(at(
                "/Entity/Type",
                &format!("{entity_type:?} is not an entity type (e.g. \"Offer@1.0\")"),
            ));
        }
        let id = doc
            .pointer("/Entity/Identifier")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty() && !id.contains('@'))
            .ok_or_else(|| {
                at(
                    "/Entity",
                    "Entity.Identifier (prod-… or offer-…) is missing",
                )
            })?;
        let details = match doc.get("DetailsDocument") {
            Some(Value::Object(m)) => Value::Object(m.clone()),
            Some(_) => return Err(at("/DetailsDocument", "DetailsDocument is not an object")),
            None => return Err(at("", "DetailsDocument is missing")),
        };
        Ok(ListingFile {
            path: path.to_path_buf(),
            entity_type: entity_type.to_string(),
            id: id.to_string(),
            details,
            text,
        })
    }

    /// `FILE:LINE:COLUMN` of a JSON pointer into the DetailsDocument.
    pub fn position(&self, details_pointer: &str) -> String {
        self.at(&format!("/DetailsDocument{details_pointer}"))
    }

    /// `FILE:LINE:COLUMN` of a JSON pointer into the whole file.
    pub fn at(&self, pointer: &str) -> String {
        let (line, col) = locate::position(&self.text, pointer);
        format!("{}:{line}:{col}", self.path.display())
    }
}

/// The listing files named, or every `*.json` in `dir` (sorted by name) when none is; two files
/// for the same entity are bad input.
pub fn read_all(files: &[PathBuf], dir: &Path) -> anyhow::Result<Vec<ListingFile>> {
    let paths = if files.is_empty() {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            bad_input(format!(
                "{}: cannot read the listing directory: {e}\n  hint: `mpctl listing pull ID` writes listing files there first",
                dir.display()
            ))
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
    } else {
        files.to_vec()
    };
    if paths.is_empty() {
        return Err(bad_input(format!(
            "{}: no listing files (*.json)\n  hint: `mpctl listing pull ID` writes one",
            dir.display()
        )));
    }
    let mut out: Vec<ListingFile> = Vec::new();
    for p in paths {
        let file = ListingFile::read(&p)?;
        if let Some(first) = out.iter().find(|f| f.id == file.id) {
            return Err(bad_input(format!(
                "{} and {} both describe {}; keep one file per entity",
                first.path.display(),
                p.display(),
                file.id
            )));
        }
        out.push(file);
    }
    Ok(out)
}

/// A JSON object's member, `Null` when absent.
pub fn member<'a>(v: &'a Value, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    v.get(key).unwrap_or(&NULL)
}

/// An empty object, for absent sections.
pub fn empty() -> Value {
    Value::Object(Map::new())
}
