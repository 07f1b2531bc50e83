//! Applies a change set atomically: orders changes by their `$Name.Entity.Identifier`
//! dependencies, resolves references, runs each change's effect on a working copy of the
//! entities, then checks the rules that need the final state (dimensions vs pricing). Either
//! every change applies or none does, and each failing change gets its own error list.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::agreements::Agreements;
use super::effects::{self, ErrorDetail};
use super::entity::{split_identifier, Entity};
use super::links;
use mpctl_changeset as changeset;

/// The outcome of applying one set.
pub struct Applied {
    /// Per change: the entity id it ended up on (created or targeted).
    pub entity_ids: Vec<Option<String>>,
    /// Per change: what went wrong (all empty on success).
    pub errors: Vec<Vec<ErrorDetail>>,
}

impl Applied {
    pub fn failed(&self) -> bool {
        self.errors.iter().any(|e| !e.is_empty())
    }
}

/// Static rules the service checks when it processes the set. Set-level shape rules are
/// rejected synchronously by StartChangeSet; dimension rules are checked against the real
/// product below, so the request-local versions are skipped here.
fn static_errors(request: &Value, n: usize, now: DateTime<Utc>) -> Vec<Vec<ErrorDetail>> {
    let mut errors = vec![Vec::new(); n];
    // Processed on the service's day: a new offer ending before it fails.
    let opts = changeset::ValidateOptions::sending_on(now.date_naive());
    for d in changeset::validate(request, &opts) {
        if d.severity != changeset::Severity::Error {
            continue;
        }
        if matches!(d.code, "UNKNOWN_DIMENSION" | "MISSING_USAGE_PRICING") {
            continue;
        }
        if let Some(i) = d.change_index.filter(|i| *i < n) {
            errors[i].push(ErrorDetail::new(
                d.code,
                format!("{}: {}", d.path, d.message),
            ));
        }
    }
    errors
}

/// Applies `changes` to `entities` (only on success). `validate_only` runs every check and
/// then discards the result (Intent VALIDATE).
pub fn apply_set(
    entities: &mut BTreeMap<String, Entity>,
    owner: &str,
    request: &Value,
    agreements: &Agreements,
    now: DateTime<Utc>,
    validate_only: bool,
) -> Applied {
    let changes = super::request::changes(request);
    let n = changes.len();
    let mut errors = static_errors(request, n, now);
    let mut entity_ids: Vec<Option<String>> = vec![None; n];
    if errors.iter().any(|e| !e.is_empty()) {
        return Applied { entity_ids, errors };
    }
    let order = match dependency_order(changes) {
        Ok(order) => order,
        Err((i, msg)) => {
            errors[i].push(ErrorDetail::new("INVALID_REFERENCE", msg));
            return Applied { entity_ids, errors };
        }
    };
    // The set sees only its owner's entities and the resale authorizations shared with it:
    // another seller's ids are unknown to it, exactly as ids that do not exist
    // (ENTITY_NOT_FOUND), so a set cannot probe for them.
    let mut work: BTreeMap<String, Entity> = entities
        .iter()
        .filter(|(_, e)| e.owner() == owner || super::effects::shared_with(e, owner))
        .map(|(id, e)| (id.clone(), e.clone()))
        .collect();
    let mut created: HashMap<String, String> = HashMap::new();
    for &i in &order {
        match apply_one(&mut work, &changes[i], &created, agreements, (owner, now)) {
            Ok(id) => {
                if let Some(name) = changes[i].get("ChangeName").and_then(Value::as_str) {
                    created.insert(name.to_string(), id.clone());
                }
                entity_ids[i] = Some(id);
            }
            Err(e) => errors[i].push(e),
        }
    }
    if !errors.iter().any(|e| !e.is_empty()) {
        check_pricing_against_products(&work, changes, &entity_ids, &mut errors);
        check_releases(&work, changes, &entity_ids, &mut errors);
    }
    let applied = Applied { entity_ids, errors };
    if !applied.failed() && !validate_only {
        commit(entities, work, &applied.entity_ids, now);
    }
    applied
}

/// Copies the touched entities back, one revision per set.
fn commit(
    entities: &mut BTreeMap<String, Entity>,
    mut work: BTreeMap<String, Entity>,
    ids: &[Option<String>],
    now: DateTime<Utc>,
) {
    // The targeted entities, and any other entity a change updated on the side (a resale
    // authorization counting the offers created from it).
    let mut touched: Vec<String> = ids.iter().flatten().cloned().collect();
    touched.extend(
        work.iter()
            .filter(|(id, e)| {
                entities
                    .get(*id)
                    .is_some_and(|old| old.document != e.document)
            })
            .map(|(id, _)| id.clone()),
    );
    touched.sort();
    touched.dedup();
    for id in &touched {
        if let Some(mut e) = work.remove(id) {
            e.revision += 1;
            e.last_modified = now;
            entities.insert(id.clone(), e);
        }
    }
}

/// Indices in an order where every referenced change comes before its referrer; the original
/// order breaks ties (AWS orders by dependency; sellers write sets in a sensible order).
fn dependency_order(changes: &[Value]) -> Result<Vec<usize>, (usize, String)> {
    let names: HashMap<&str, usize> = changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.get("ChangeName").and_then(Value::as_str).map(|n| (n, i)))
        .collect();
    let deps: Vec<Vec<usize>> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            changeset::references_in(c)
                .into_iter()
                .filter_map(|(_, name)| names.get(name.as_str()).copied())
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    let mut done = vec![false; changes.len()];
    let mut order = Vec::with_capacity(changes.len());
    while order.len() < changes.len() {
        let next = (0..changes.len()).find(|&i| !done[i] && deps[i].iter().all(|&j| done[j]));
        match next {
            Some(i) => {
                done[i] = true;
                order.push(i);
            }
            None => {
                let i = (0..changes.len()).find(|&i| !done[i]).unwrap_or(0);
                return Err((i, "The change's references form a cycle.".to_string()));
            }
        }
    }
    Ok(order)
}

/// Replaces every `$Name.Entity.Identifier` string inside `value` with the created id.
fn resolve(value: &Value, created: &HashMap<String, String>) -> Result<Value, ErrorDetail> {
    Ok(match value {
        Value::String(s) => match changeset::reference_name(s) {
            Some(name) => Value::String(
                created
                    .get(name)
                    .cloned()
                    .ok_or_else(|| unknown_reference(s))?,
            ),
            None => value.clone(),
        },
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| resolve(v, created))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), resolve(v, created)?)))
                .collect::<Result<_, ErrorDetail>>()?,
        ),
        _ => value.clone(),
    })
}

fn unknown_reference(s: &str) -> ErrorDetail {
    ErrorDetail::new(
        "INVALID_REFERENCE",
        format!("Reference '{s}' does not name a change in this change set."),
    )
}

/// Runs one change; returns the id of the entity it applied to.
fn apply_one(
    work: &mut BTreeMap<String, Entity>,
    change: &Value,
    created: &HashMap<String, String>,
    agreements: &Agreements,
    (owner, now): (&str, DateTime<Utc>),
) -> Result<String, ErrorDetail> {
    let change_type = change
        .get("ChangeType")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let entity_type = change
        .pointer("/Entity/Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let details = resolve(
        &changeset::details_of(change).unwrap_or(Value::Null),
        created,
    )?;
    let identifier = change.pointer("/Entity/Identifier").and_then(Value::as_str);
    let id = match identifier {
        None if change_type.starts_with("Create") => {
            let entity = Entity::create(entity_type, owner, now);
            let id = entity.id.clone();
            work.insert(id.clone(), entity);
            id
        }
        None => {
            return Err(ErrorDetail::new(
                "MISSING_ENTITY_IDENTIFIER",
                format!(
                "{change_type} needs Entity.Identifier naming an existing {entity_type} entity."
            ),
            ))
        }
        Some(raw) => target_id(work, raw, entity_type, created)?,
    };
    // A shared resale authorization is in `work` to be referenced, never to be changed: as a
    // target it is as unknown as any other account's entity.
    if work.get(&id).is_some_and(|e| e.owner() != owner) {
        return Err(not_found(&id));
    }
    links::check(work, &details, "")?;
    let links = links::resolve(work, &details, agreements)?;
    let entity = work.get_mut(&id).ok_or_else(|| not_found(&id))?;
    effects::apply(entity, change_type, &details, &links, now)?;
    if let Some(ra) = links.resale.as_ref().and_then(|r| work.get_mut(&r.id)) {
        effects::count_resale_offer(ra, change_type);
    }
    // An offer created inside an offer set (`OfferSetId`, newer than the shape library) joins it.
    let set_id = details.get("OfferSetId").and_then(Value::as_str);
    if let Some(set) = set_id.filter(|_| change_type == "CreateOffer") {
        if let Some(set) = work.get_mut(split_identifier(set).0) {
            let offers = effects::array(effects::doc(set), "Offers");
            offers.push(serde_json::json!({"OfferId": id}));
        }
    }
    Ok(id)
}

fn target_id(
    work: &BTreeMap<String, Entity>,
    raw: &str,
    entity_type: &str,
    created: &HashMap<String, String>,
) -> Result<String, ErrorDetail> {
    let id = match changeset::reference_name(raw) {
        Some(name) => created
            .get(name)
            .cloned()
            .ok_or_else(|| unknown_reference(raw))?,
        None => split_identifier(raw).0.to_string(),
    };
    let entity = work.get(&id).ok_or_else(|| not_found(&id))?;
    if entity.entity_type() != entity_type {
        return Err(ErrorDetail::new(
            "INCOMPATIBLE_ENTITY_TYPE",
            format!(
                "Entity {id} is a {}, not a {entity_type}.",
                entity.entity_type()
            ),
        ));
    }
    Ok(id)
}

fn not_found(id: &str) -> ErrorDetail {
    ErrorDetail::new(
        "ENTITY_NOT_FOUND",
        format!("Entity {id} does not exist in this catalog."),
    )
}

/// Release changes need pricing on the entity as the whole set leaves it.
fn check_releases(
    work: &BTreeMap<String, Entity>,
    changes: &[Value],
    entity_ids: &[Option<String>],
    errors: &mut [Vec<ErrorDetail>],
) {
    for (i, change) in changes.iter().enumerate() {
        let change_type = change
            .get("ChangeType")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let entity = entity_ids[i].as_ref().and_then(|id| work.get(id));
        if let Some(problem) = entity.and_then(|e| effects::release_problem(e, change_type)) {
            errors[i].push(problem);
        }
    }
}

/// Every dimension an offer prices or grants must exist on its product, and a product with
/// metered dimensions needs a UsageBasedPricingTerm in any pricing update.
fn check_pricing_against_products(
    work: &BTreeMap<String, Entity>,
    changes: &[Value],
    entity_ids: &[Option<String>],
    errors: &mut [Vec<ErrorDetail>],
) {
    for (i, change) in changes.iter().enumerate() {
        if change.get("ChangeType").and_then(Value::as_str) != Some("UpdatePricingTerms") {
            continue;
        }
        let Some(offer) = entity_ids[i].as_ref().and_then(|id| work.get(id)) else {
            continue;
        };
        let product_id = offer
            .document
            .get("ProductId")
            .and_then(Value::as_str)
            .map(|p| split_identifier(p).0);
        let Some(product) = product_id.and_then(|p| work.get(p)) else {
            continue;
        };
        let dims = product_dimensions(product);
        if dims.is_empty() {
            continue;
        }
        for (path, key) in changeset::dimension_keys_used(change) {
            if !dims.iter().any(|(k, _)| *k == key) {
                errors[i].push(ErrorDetail::new(
                    "UNKNOWN_DIMENSION",
                    format!(
                        "{path}: dimension '{key}' is not defined on product {}.",
                        product.id
                    ),
                ));
            }
        }
        let metered: Vec<&str> = dims
            .iter()
            .filter(|(_, t)| changeset::is_metered(t))
            .map(|(k, _)| k.as_str())
            .collect();
        let details = changeset::details_of(change).unwrap_or_default();
        let terms = effects::term_types(&details);
        // As the validator: free and BYOL offers, and free trials, price no usage.
        let free = matches!(
            details.get("PricingModel").and_then(Value::as_str),
            Some("Free" | "Byol")
        );
        let priced = terms
            .iter()
            .any(|t| t.ends_with("UsageBasedPricingTerm") || *t == "FreeTrialPricingTerm");
        if !metered.is_empty() && !free && !priced {
            let pointer = changeset::details_with_pointer(change)
                .map(|(p, _)| p)
                .unwrap_or("/DetailsDocument");
            errors[i].push(ErrorDetail::new(
                "MISSING_USAGE_PRICING",
                format!(
                    "{pointer}/Terms: product {} has metered dimensions ({}) but the pricing terms have no UsageBasedPricingTerm.",
                    product.id,
                    metered.join(", ")
                ),
            ));
        }
    }
}

fn product_dimensions(product: &Entity) -> Vec<(String, Vec<String>)> {
    product
        .document
        .get("Dimensions")
        .and_then(Value::as_array)
        .map(|dims| changeset::dimension_list(dims))
        .unwrap_or_default()
}
