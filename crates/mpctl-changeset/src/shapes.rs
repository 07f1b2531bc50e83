//! The DetailsDocument shapes: `catalog-shapes.json` (JSON Schemas derived from AWS's published
//! shape library, embedded and parsed once), which entity types and change types exist, and
//! validation of one change's details against its schema — `SCHEMA` errors from the
//! `jsonschema` crate (compiled as [`super::draft`] says) at the exact offending node, and `UNKNOWN_FIELD` errors for keys the
//! schema does not define (the schemas do not say `additionalProperties: false`, but a key the
//! shape library does not know is almost always a typo that AWS would reject or ignore).

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use jsonschema::Validator;
use serde_json::{json, Value};

use super::diagnostic::{join, Diagnostic};
use super::schema_errors::schema_errors;
pub(crate) use super::schema_errors::short;

pub(crate) static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("catalog-shapes.json"))
        .expect("embedded catalog-shapes.json is valid JSON")
});

/// Entity types with no published shapes, with the change types AWS's reference change sets use
/// on them. (The corpus's `list_solutions` file also says `ListEntities`, but that is an API
/// operation, not a change type: the sample passes that file to ListEntities.)
const UNSHAPED: &[(&str, &[&str])] = &[
    (
        "OfferSet@1.0",
        &[
            "AssociateOffers",
            "AssociateSolution",
            "CreateOfferSet",
            "DisassociateOffers",
            "DisassociateSolution",
            "ReleaseOfferSet",
            "UpdateInformation",
        ],
    ),
    (
        "Solution@1.0",
        &[
            "CreateSolution",
            "ReleaseSolution",
            "UpdateInformation",
            "UpdateRelatedProducts",
        ],
    ),
];

/// One change type's DetailsDocument schema, compiled on first use.
struct Shape {
    /// The schema; an `array_of` shape is wrapped into an array schema so that instance paths
    /// include the element index.
    schema: Value,
    validator: OnceLock<Validator>,
}

struct Catalog {
    entity_types: BTreeMap<&'static str, EntityShapes>,
}

struct EntityShapes {
    entity: Option<&'static Value>,
    change_types: BTreeMap<&'static str, Shape>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let mut entity_types = BTreeMap::new();
    let published = DOCUMENT["entity_types"]
        .as_object()
        .expect("catalog-shapes.json has entity_types");
    for (entity_type, body) in published {
        let mut change_types = BTreeMap::new();
        if let Some(cts) = body["change_types"].as_object() {
            for (change_type, shape) in cts {
                let schema = match (shape.get("schema"), shape.get("array_of")) {
                    (Some(schema), _) => schema.clone(),
                    (None, Some(element)) => array_schema(element),
                    (None, None) => continue,
                };
                change_types.insert(
                    change_type.as_str(),
                    Shape {
                        schema: super::newer::with_newer_members(entity_type, change_type, schema),
                        validator: OnceLock::new(),
                    },
                );
            }
        }
        entity_types.insert(
            entity_type.as_str(),
            EntityShapes {
                entity: body.get("entity"),
                change_types,
            },
        );
    }
    Catalog { entity_types }
});

/// `{"$defs": …, "type": "array", "items": <element>}`: `$ref`s stay `#/$defs/…` at the root.
fn array_schema(element: &Value) -> Value {
    let mut element = element.clone();
    let defs = element.as_object_mut().and_then(|o| o.remove("$defs"));
    let mut schema = json!({"type": "array", "items": element});
    if let Some(defs) = defs {
        schema["$defs"] = defs;
    }
    schema
}

/// Every entity type a change may name, with its version (`SaaSProduct@1.0`, …): those with
/// published shapes plus `OfferSet@1.0` and `Solution@1.0`.
pub fn entity_types() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = CATALOG.entity_types.keys().copied().collect();
    all.extend(UNSHAPED.iter().map(|(name, _)| *name));
    all.sort_unstable();
    all
}

/// The change types valid for an entity type (`None` for an unknown entity type). Some entity
/// types (`Audience@1.0`, …) have none of their own: they are changed through `Experience@1.0`.
pub fn change_types_for(entity_type: &str) -> Option<Vec<&'static str>> {
    if let Some(shapes) = CATALOG.entity_types.get(entity_type) {
        return Some(shapes.change_types.keys().copied().collect());
    }
    UNSHAPED
        .iter()
        .find(|(name, _)| *name == entity_type)
        .map(|(_, cts)| cts.to_vec())
}

/// The JSON Schema of a change type's DetailsDocument (an array schema for `array_of` shapes),
/// if AWS published one.
pub fn details_schema(entity_type: &str, change_type: &str) -> Option<&'static Value> {
    CATALOG
        .entity_types
        .get(entity_type)?
        .change_types
        .get(change_type)
        .map(|s| &s.schema)
}

/// The JSON Schema of the DetailsDocument DescribeEntity returns for an entity type.
pub fn entity_schema(entity_type: &str) -> Option<&'static Value> {
    CATALOG.entity_types.get(entity_type)?.entity
}

/// True when the change type's DetailsDocument is a JSON array (`AddDimensions`, …).
pub fn is_array_shape(entity_type: &str, change_type: &str) -> bool {
    details_schema(entity_type, change_type).is_some_and(|s| s["type"] == "array")
}

/// Validates `details` (found at pointer `base` in the request) against the change type's
/// schema. Does nothing when there is no published shape.
pub fn check_details(
    entity_type: &str,
    change_type: &str,
    details: &Value,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(shape) = CATALOG
        .entity_types
        .get(entity_type)
        .and_then(|e| e.change_types.get(change_type))
    else {
        return;
    };
    let validator = shape
        .validator
        .get_or_init(|| super::draft::compile(&shape.schema));
    for error in validator.iter_errors(details) {
        schema_errors(&error, base, out);
    }
    unknown_fields(&shape.schema, &shape.schema, details, base, out);
}

/// Entity document validators, compiled on first use.
static ENTITY_VALIDATORS: LazyLock<BTreeMap<&'static str, Validator>> = LazyLock::new(|| {
    CATALOG
        .entity_types
        .iter()
        .filter_map(|(name, shapes)| {
            let schema = shapes.entity?;
            Some((*name, super::draft::compile(schema)))
        })
        .collect()
});

/// Checks a DescribeEntity `DetailsDocument` against the entity type's published schema, with
/// the same `SCHEMA` and `UNKNOWN_FIELD` rules as change details (paths are relative to the
/// document). Empty when the document fits or there is no published schema. The emulator's
/// tests use it to keep DescribeEntity output in AWS's shape.
pub fn check_entity_document(entity_type: &str, document: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (Some(schema), Some(validator)) = (
        entity_schema(entity_type),
        ENTITY_VALIDATORS.get(entity_type),
    ) else {
        return out;
    };
    for error in validator.iter_errors(document) {
        schema_errors(&error, "", &mut out);
    }
    unknown_fields(schema, schema, document, "", &mut out);
    out
}

/// Follows `#/$defs/…` references from the schema root.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        else {
            break;
        };
        match root.pointer(&join("/$defs", name)) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// The (resolved) schema describing `instance` when it is an object or an array: the schema
/// itself, or the `anyOf` branch of the instance's JSON type.
fn container_schema<'a>(root: &'a Value, schema: &'a Value, instance: &Value) -> Option<&'a Value> {
    let wanted = match instance {
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        _ => return None,
    };
    let schema = resolve(root, schema);
    if schema["type"] == wanted {
        return Some(schema);
    }
    schema["anyOf"]
        .as_array()?
        .iter()
        .map(|branch| resolve(root, branch))
        .find(|branch| branch["type"] == wanted)
}

fn unknown_fields(
    root: &Value,
    schema: &Value,
    instance: &Value,
    path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(schema) = container_schema(root, schema, instance) else {
        return;
    };
    match instance {
        Value::Object(members) => {
            let Some(properties) = schema["properties"].as_object() else {
                return;
            };
            for (key, value) in members {
                let here = join(path, key);
                match properties.get(key) {
                    Some(sub) => unknown_fields(root, sub, value, &here, out),
                    None => out.push(unknown_field(
                        key,
                        here,
                        properties.keys().map(String::as_str),
                    )),
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    unknown_fields(root, item_schema, item, &join(path, i), out);
                }
            }
        }
        _ => {}
    }
}

/// `UNKNOWN_FIELD` for `key`, with the allowed keys and a "did you mean" when one is close.
pub(crate) fn unknown_field<'a>(
    key: &str,
    path: String,
    allowed: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let mut allowed: Vec<&str> = allowed.collect();
    allowed.sort_unstable();
    let hint = match closest(key, &allowed) {
        Some(near) => format!("did you mean {near}? allowed here: {}", allowed.join(", ")),
        None => format!("allowed here: {}", allowed.join(", ")),
    };
    Diagnostic::error("UNKNOWN_FIELD", path, format!("unknown member {key:?}")).with_hint(hint)
}

/// The candidate equal ignoring case, or within two edits of `word`.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(c);
    }
    candidates
        .iter()
        .map(|c| {
            (
                edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()),
                *c,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The entity types that accept `change_type`, for hints.
pub(crate) fn entity_types_with(change_type: &str) -> Vec<&'static str> {
    entity_types()
        .into_iter()
        .filter(|et| change_types_for(et).is_some_and(|cts| cts.contains(&change_type)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lists_entity_and_change_types() {
        let types = entity_types();
        for t in [
            "SaaSProduct@1.0",
            "Offer@1.0",
            "ResaleAuthorization@1.0",
            "OfferSet@1.0",
            "Solution@1.0",
        ] {
            assert!(types.contains(&t), "{t}");
        }
        assert!(change_types_for("Offer@1.0")
            .unwrap()
            .contains(&"UpdatePricingTerms"));
        assert!(change_types_for("Solution@1.0")
            .unwrap()
            .contains(&"CreateSolution"));
        assert!(change_types_for("Offer").is_none());
        assert!(is_array_shape("SaaSProduct@1.0", "AddDimensions"));
        assert!(!is_array_shape("Offer@1.0", "CreateOffer"));
        assert!(entity_schema("Offer@1.0").is_some());
    }

    #[test]
    fn deep_errors_point_at_the_node() {
        let details = json!({"PricingModel": "Usage", "Terms": [{"Type": "UsageBasedPricingTerm",
            "RateCards": [{"RateCard": [{"DimensionKey": "a", "Price": "1"}, {"DimensionKey": 7, "Price": "2"}]}]}]});
        let mut out = Vec::new();
        check_details("Offer@1.0", "UpdatePricingTerms", &details, "/X", &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].path,
            "/X/Terms/0/RateCards/0/RateCard/1/DimensionKey"
        );
        assert_eq!(out[0].message, "expected string or null, found number 7");
    }

    #[test]
    fn array_shapes_report_element_paths_and_unknown_keys() {
        let details = json!([{"Key": "k", "Name": "n", "Description": "d", "Unit": "Units", "Types": ["Entitled"], "Tpyes": 1}]);
        let mut out = Vec::new();
        check_details("SaaSProduct@1.0", "AddDimensions", &details, "/D", &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            (out[0].code, out[0].path.as_str()),
            ("UNKNOWN_FIELD", "/D/0/Tpyes")
        );
        assert!(out[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean Types?"));
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(
            closest("productid", &["ProductId", "Name"]),
            Some("ProductId")
        );
        assert_eq!(closest("Nmae", &["ProductId", "Name"]), Some("Name"));
        assert_eq!(closest("Zebra", &["ProductId", "Name"]), None);
    }
}
