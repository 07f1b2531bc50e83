//! The Catalog operations: request checks that StartChangeSet rejects synchronously (model
//! constraints, revisions, locks, tokens) and the read operations over sets and entities.

use serde_json::{json, Value};

use super::agreements;
use super::changesets::ChangeSetRecord;
use super::entity::split_identifier;
use super::errors::invalid;
use super::request::changes;
use super::{entity_listing, listing, CatalogState, Ctx};
use crate::wire::{ApiError, OpResult};
use mpctl_changeset as changeset;

const CATALOG: &str = "AWSMarketplace";
/// AWS allows at most this many open change sets per account.
const MAX_OPEN_SETS: usize = 250;

pub fn check_catalog(input: &Value) -> Result<(), ApiError> {
    let catalog = input
        .get("Catalog")
        .or_else(|| input.get("catalog"))
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("/Catalog: Catalog is required."))?;
    if catalog != CATALOG {
        return Err(invalid(format!(
            "/Catalog: Catalog '{catalog}' is not supported; use {CATALOG}."
        )));
    }
    Ok(())
}

/// Model constraints the API rejects at once: diagnostics not tied to one change (envelope,
/// tags, token, change count), Details/DetailsDocument conflicts and unknown entity types.
/// Everything else is reported on the FAILED change set.
fn is_request_level(d: &changeset::Diagnostic) -> bool {
    d.change_index.is_none()
        || d.code == "DETAILS_CONFLICT"
        || matches!(
            d.path.as_str(),
            "/Catalog" | "/ChangeSet" | "/ChangeSetName" | "/Intent" | ""
        )
        || d.path.ends_with("/Entity/Type") && d.code != "INVALID_CHANGE_TYPE"
}

pub fn start_change_set(ctx: &mut Ctx, input: &Value) -> OpResult {
    check_catalog(input)?;
    let agreements = agreements::lookup(ctx.agreements, input);
    let (state, caller, now) = (&mut *ctx.state, ctx.caller, ctx.now);
    let diagnostics = changeset::validate(input, &changeset::ValidateOptions::default());
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.severity == changeset::Severity::Error && is_request_level(d))
    {
        return Err(invalid(format!("{}: {}", d.path, d.message)));
    }
    let request = canonical_request(input);
    // Tokens are per account: another seller's token names nothing of this one's.
    let token_key = input
        .get("ClientRequestToken")
        .and_then(Value::as_str)
        .map(|t| format!("{caller}/{t}"));
    let token = input.get("ClientRequestToken").and_then(Value::as_str);
    if let (Some(key), Some(token)) = (&token_key, token) {
        if let Some(existing) = state.tokens.get(key) {
            let record = state
                .changeset(existing)
                .ok_or_else(|| invalid("stale token"))?;
            if record.request != request {
                return Err(invalid(format!(
                    "ClientRequestToken '{token}' was already used for a different change set ({}).",
                    record.id
                )));
            }
            return Ok(json!({"ChangeSetId": record.id, "ChangeSetArn": record.arn}));
        }
    }
    let targets = check_targets(state, &request, caller)?;
    let open = state
        .changesets
        .iter()
        .filter(|c| c.is_open() && c.owner() == caller)
        .count();
    if open >= MAX_OPEN_SETS {
        return Err(ApiError::new(
            402,
            "ServiceQuotaExceededException",
            format!("At most {MAX_OPEN_SETS} change sets may be open at once."),
        ));
    }
    let record = ChangeSetRecord::new(request, targets, agreements, (caller, now));
    let out = json!({"ChangeSetId": record.id, "ChangeSetArn": record.arn});
    if let Some(key) = token_key {
        state.tokens.insert(key, record.id.clone());
    }
    let tags = input.get("ChangeSetTags").map(super::tags::tag_map);
    state.add_tags(&record.arn, tags.unwrap_or_default());
    state.changesets.push(record);
    Ok(out)
}

/// The parts of the request that define the change set (token excluded) for comparison.
fn canonical_request(input: &Value) -> Value {
    let mut request = input.clone();
    if let Some(obj) = request.as_object_mut() {
        obj.remove("ClientRequestToken");
    }
    request
}

/// Existing entities the set targets: each must not be locked by an open set, and an
/// `id@rev` must name the current revision.
/// Another seller's entities are unknown here (see `catalog::handle`): they neither lock nor
/// have a revision, and the set fails on them with ENTITY_NOT_FOUND when it runs.
fn check_targets(
    state: &CatalogState,
    request: &Value,
    caller: &str,
) -> Result<Vec<String>, ApiError> {
    let mut ids = Vec::new();
    for change in changes(request) {
        let Some(raw) = change.pointer("/Entity/Identifier").and_then(Value::as_str) else {
            continue;
        };
        if changeset::reference_name(raw).is_some() {
            continue;
        }
        let (id, rev) = split_identifier(raw);
        if state.entity(id).is_some_and(|e| e.owner() != caller) {
            continue;
        }
        if let (Some(rev), Some(entity)) = (rev, state.entity(id)) {
            if rev != entity.revision.to_string() {
                return Err(invalid(format!(
                    "Entity {id} is at revision {}, not {rev}; use {} or the bare id.",
                    entity.revision,
                    entity.versioned_id()
                )));
            }
        }
        if let Some(holder) = state
            .changesets
            .iter()
            .find(|c| c.is_open() && c.entity_ids.iter().any(|e| e == id))
        {
            return Err(ApiError::new(
                423,
                "ResourceInUseException",
                format!(
                    "Entity {id} is locked by change set {} ({}); wait for it to finish.",
                    holder.id, holder.status
                ),
            ));
        }
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

fn change_set_id(input: &Value) -> Result<&str, ApiError> {
    input
        .get("changeSetId")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("changeSetId is required."))
}

pub fn describe_change_set(ctx: &mut Ctx, input: &Value) -> OpResult {
    let mine = ctx.owned();
    check_catalog(input)?;
    let id = change_set_id(input)?;
    let record = mine
        .changeset(id)
        .ok_or_else(|| ApiError::not_found(format!("Change set {id} does not exist.")))?;
    Ok(record.describe(mine.state))
}

pub fn cancel_change_set(ctx: &mut Ctx, input: &Value) -> OpResult {
    let (now, caller) = (ctx.now, ctx.caller);
    check_catalog(input)?;
    let id = change_set_id(input)?.to_string();
    let record = ctx
        .state
        .changesets
        .iter_mut()
        .find(|c| c.id == id && c.owner() == caller)
        .ok_or_else(|| ApiError::not_found(format!("Change set {id} does not exist.")))?;
    if record.status != "PREPARING" {
        return Err(ApiError::new(
            423,
            "ResourceInUseException",
            format!(
                "Change set {id} is {} and can only be cancelled while PREPARING.",
                record.status
            ),
        ));
    }
    record.status = "CANCELLED".to_string();
    record.end = Some(now);
    super::events::change_set_ended(ctx.outbox, record);
    Ok(json!({"ChangeSetId": record.id, "ChangeSetArn": record.arn}))
}

pub fn describe_entity(ctx: &mut Ctx, input: &Value) -> OpResult {
    let state = ctx.owned();
    check_catalog(input)?;
    let raw = input
        .get("entityId")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("entityId is required."))?;
    let id = split_identifier(raw).0;
    state
        .entity(id)
        .map(|e| e.describe())
        .ok_or_else(|| ApiError::not_found(format!("Entity {id} does not exist.")))
}

pub fn batch_describe_entities(ctx: &mut Ctx, input: &Value) -> OpResult {
    let state = ctx.owned();
    let requests = input
        .get("EntityRequestList")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("EntityRequestList is required."))?;
    if requests.is_empty() || requests.len() > 20 {
        return Err(invalid("EntityRequestList must hold 1 to 20 entries."));
    }
    let mut details = serde_json::Map::new();
    let mut errors = serde_json::Map::new();
    for r in requests {
        let id = r
            .get("EntityId")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if r.get("Catalog").and_then(Value::as_str) != Some(CATALOG) {
            errors.insert(id.into(), json!({"ErrorCode": "ValidationException", "ErrorMessage": "Catalog must be AWSMarketplace."}));
            continue;
        }
        match state.entity(split_identifier(id).0) {
            Some(e) => {
                let d = e.describe();
                details.insert(
                    id.into(),
                    json!({"EntityType": d["EntityType"], "EntityArn": d["EntityArn"], "EntityIdentifier": d["EntityIdentifier"], "LastModifiedDate": d["LastModifiedDate"], "DetailsDocument": d["DetailsDocument"]}),
                );
            }
            None => {
                errors.insert(id.into(), json!({"ErrorCode": "ResourceNotFoundException", "ErrorMessage": format!("Entity {id} does not exist.")}));
            }
        }
    }
    Ok(json!({"EntityDetails": details, "Errors": errors}))
}

pub fn list_change_sets(ctx: &mut Ctx, input: &Value) -> OpResult {
    let mine = ctx.owned();
    check_catalog(input)?;
    listing::list_change_sets(mine.state, mine.caller, input)
}

pub fn list_entities(ctx: &mut Ctx, input: &Value) -> OpResult {
    let mine = ctx.owned();
    check_catalog(input)?;
    entity_listing::list_entities(mine.state, mine.caller, input)
}
