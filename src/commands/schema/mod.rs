//! The JSON Schema of every command's `--output json` document, generated from the result
//! types (schemars) so the schemas cannot drift from the code. The repo ships them in
//! `schemas/`; the `json_contract` tests fail when a shipped file is stale and validate real
//! documents against them.

mod engagement;
mod postsale;

use std::collections::BTreeSet;

use schemars::{schema_for, JsonSchema, Schema};
use serde_json::{Map, Value};

use super::{agreement, buyer, changeset, entity, init, invitation, listing, offer, opportunity};
use super::{campaign, doctor, emulator, events, status, workflow};
use crate::output::{Doc, ErrorDoc};

/// The schema of a successful document `{"ok": …, …T}`, titled after the command.
pub(super) fn doc<T: JsonSchema>(command: &str) -> Schema {
    titled(
        schema_for!(Doc<T>),
        &format!("mpctl {command} --output json"),
    )
}

fn titled(schema: Schema, title: &str) -> Schema {
    let mut value = schema.to_value();
    close(&mut value);
    value["title"] = title.into();
    Schema::try_from(value).expect("an object schema stays one")
}

/// Makes every object schema closed (`unevaluatedProperties: false`), so a document with a
/// key its type does not declare fails validation — except the parts that are flattened into
/// another object (a `$ref` or `anyOf` next to `properties`): the enclosing object closes
/// over them, as JSON Schema 2020-12 counts what they evaluate.
fn close(root: &mut Value) {
    let mut flattened = BTreeSet::new();
    let defs = root.get("$defs").and_then(Value::as_object).cloned();
    // A flattened def that is itself a union flattens its branches too.
    loop {
        let before = flattened.len();
        collect_flattened(root, false, &mut flattened);
        for (name, def) in defs.iter().flatten() {
            collect_flattened(def, flattened.contains(name), &mut flattened);
        }
        if flattened.len() == before {
            break;
        }
    }
    if let Some(Value::Object(defs)) = root.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            close_at(def, flattened.contains(name));
        }
    }
    close_at(root, false);
}

fn ref_name(v: &Value) -> Option<String> {
    let r = v.get("$ref")?.as_str()?;
    r.strip_prefix("#/$defs/").map(String::from)
}

/// Names of defs used in a flattening position under `v` (`v` itself flattened or not).
fn collect_flattened(v: &Value, flat: bool, out: &mut BTreeSet<String>) {
    let Some(m) = v.as_object() else { return };
    let merges = flat || m.contains_key("properties");
    if merges {
        out.extend(ref_name(v));
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for branch in m.get(key).and_then(Value::as_array).into_iter().flatten() {
            if merges {
                out.extend(ref_name(branch));
            }
        }
    }
}

fn close_at(v: &mut Value, flattened: bool) {
    let Some(m) = v.as_object_mut() else { return };
    let merges = m.contains_key("properties");
    if merges && !flattened && !m.contains_key("additionalProperties") {
        m.insert("unevaluatedProperties".into(), false.into());
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = m.get_mut(key) {
            for b in branches {
                close_at(b, flattened || merges);
            }
        }
    }
    children(m, |child| close_at(child, false));
}

/// The subschemas that describe other instances (members, items, optional values).
fn children(m: &mut Map<String, Value>, mut f: impl FnMut(&mut Value)) {
    if let Some(Value::Object(props)) = m.get_mut("properties") {
        props.values_mut().for_each(&mut f);
    }
    if let Some(items) = m.get_mut("items") {
        f(items);
    }
}

/// `(file stem, schema)` for every command with a result document, plus `error` (every
/// failure, usage errors included).
pub fn all() -> Vec<(&'static str, Schema)> {
    let error = titled(schema_for!(ErrorDoc), "mpctl failure --output json");
    let plan = doc::<crate::confirm::Plan>("any write command --plan");
    let mut out = vec![("error", error), ("plan", plan)];
    out.extend(workflow());
    out.extend(cosell());
    out.extend(catalog());
    out.extend(deals());
    out.extend(postsale::cancellations());
    out.extend(postsale::refunds());
    out.extend(postsale::payments());
    out.extend(cosell_more());
    out.extend(engagement::snapshots());
    out.extend(engagement::edits());
    out.extend(metering());
    out.extend(notifications());
    out
}

/// Leads, engagements, AWS's view of an opportunity, bulk opportunities (issue 22).
fn cosell_more() -> Vec<(&'static str, Schema)> {
    use super::lead::{LeadAcceptReport, LeadList};
    vec![
        (
            "emulator-seed-lead",
            doc::<emulator::SeededLead>("emulator seed lead"),
        ),
        ("lead-list", doc::<LeadList>("lead list")),
        ("lead-accept", doc::<LeadAcceptReport>("lead accept")),
        (
            "engagement-list",
            doc::<super::engagement::EngagementList>("engagement list"),
        ),
        (
            "engagement-show",
            doc::<super::engagement::EngagementView>("engagement show"),
        ),
        (
            "engagement-create",
            doc::<super::engagement::Written>("engagement create"),
        ),
        (
            "engagement-invite",
            doc::<super::engagement::Written>("engagement invite"),
        ),
        (
            "engagement-snapshots",
            doc::<super::engagement::SnapshotList>("engagement snapshots"),
        ),
        (
            "opportunity-aws-summary",
            doc::<super::opportunity_more::AwsSummaryView>("opportunity aws-summary"),
        ),
        (
            "opportunity-assign",
            doc::<super::opportunity_more::Changed>("opportunity assign"),
        ),
        (
            "opportunity-detach",
            doc::<super::opportunity_more::Changed>("opportunity detach"),
        ),
        (
            "opportunity-tags",
            doc::<super::opportunity_more::Tags>("opportunity tags"),
        ),
        (
            "opportunity-export",
            doc::<crate::cosell::bulk::export::Exported>("opportunity export"),
        ),
        (
            "opportunity-import",
            doc::<super::opportunity_bulk::Imported>("opportunity import"),
        ),
    ]
}

/// A SaaS product's usage and entitlements, and the emulator's registration tokens.
fn metering() -> Vec<(&'static str, Schema)> {
    vec![
        (
            "metering-send",
            doc::<crate::metering::results::UsageResults>("metering send"),
        ),
        (
            "entitlement-list",
            doc::<super::entitlement::EntitlementList>("entitlement list"),
        ),
        (
            "emulator-seed-registration-token",
            doc::<emulator::TokenReport>("emulator seed registration-token"),
        ),
        (
            "emulator-seed-catalog",
            doc::<super::emulator_seed::SeededCatalog>("emulator seed catalog"),
        ),
    ]
}

fn workflow() -> Vec<(&'static str, Schema)> {
    let step = |c| doc::<workflow::StepResult>(c);
    vec![
        ("publish-product", step("publish-product")),
        ("create-offer", step("create-offer")),
        ("create-opportunity", step("create-opportunity")),
        ("associate-offer", step("associate-offer")),
        ("search-agreement", step("search-agreement")),
        ("commit", step("commit")),
        ("run-all", doc::<workflow::RunAllResult>("run-all")),
        ("status", doc::<status::StatusReport>("status")),
        ("init", doc::<init::Initialized>("init")),
        ("doctor", doc::<doctor::DoctorReport>("doctor")),
        (
            "emulator-advance",
            doc::<emulator::ClockReport>("emulator advance"),
        ),
        (
            "emulator-time",
            doc::<emulator::ClockReport>("emulator time"),
        ),
    ]
}

fn cosell() -> Vec<(&'static str, Schema)> {
    use invitation::{Accepted, InvitationList, Rejected};
    use opportunity::{OpportunityList, OpportunityView, StageSet};
    vec![
        ("opportunity-get", doc::<OpportunityView>("opportunity get")),
        (
            "opportunity-list",
            doc::<OpportunityList>("opportunity list"),
        ),
        (
            "opportunity-set-stage",
            doc::<StageSet>("opportunity set-stage"),
        ),
        ("invitation-list", doc::<InvitationList>("invitation list")),
        ("invitation-accept", doc::<Accepted>("invitation accept")),
        ("invitation-reject", doc::<Rejected>("invitation reject")),
    ]
}

/// Change sets and entities.
fn catalog() -> Vec<(&'static str, Schema)> {
    use changeset::{ChangeSetList, ChangeSetRef, ChangeSetView, Rendered, Started};
    use changeset::{TemplateList, Validated};
    vec![
        ("changeset-validate", doc::<Validated>("changeset validate")),
        ("changeset-render", doc::<Rendered>("changeset render")),
        ("changeset-start", doc::<Started>("changeset start")),
        ("changeset-wait", doc::<ChangeSetView>("changeset wait")),
        (
            "changeset-describe",
            doc::<ChangeSetView>("changeset describe"),
        ),
        ("changeset-list", doc::<ChangeSetList>("changeset list")),
        ("changeset-cancel", doc::<ChangeSetRef>("changeset cancel")),
        (
            "changeset-templates",
            doc::<TemplateList>("changeset templates"),
        ),
        (
            "entity-describe",
            doc::<entity::Described>("entity describe"),
        ),
        ("entity-list", doc::<entity::EntityList>("entity list")),
        ("entity-tag", doc::<entity::EntityTags>("entity tag")),
        ("entity-untag", doc::<entity::EntityTags>("entity untag")),
        ("entity-tags", doc::<entity::EntityTags>("entity tags")),
        (
            "entity-policy",
            doc::<entity::EntityPolicy>("entity policy get|put|delete"),
        ),
        (
            "listing-preview",
            doc::<listing::ListingPreview>("listing preview"),
        ),
        (
            "listing-pull",
            doc::<listing::ListingPulled>("listing pull"),
        ),
        ("listing-diff", doc::<listing::ListingDiff>("listing diff")),
        ("listing-plan", doc::<listing::ListingPlan>("listing plan")),
        (
            "listing-apply",
            doc::<listing::ListingApplied>("listing apply"),
        ),
    ]
}

/// EventBridge notifications (`events tail` prints the events themselves, one per line).
fn notifications() -> Vec<(&'static str, Schema)> {
    vec![
        ("events-setup", doc::<events::SetUp>("events setup")),
        (
            "events-teardown",
            doc::<events::TornDown>("events teardown"),
        ),
        ("events-forward", doc::<events::Forwarded>("events forward")),
    ]
}

/// Offers, agreements and the buyer side.
fn deals() -> Vec<(&'static str, Schema)> {
    use agreement::{AgreementList, AgreementView, TermList};
    use offer::{AvailabilityChanged, NewOffer, OfferList, OfferView};
    vec![
        (
            "campaign-run",
            doc::<campaign::CampaignResults>("campaign run"),
        ),
        (
            "campaign-status",
            doc::<campaign::CampaignResults>("campaign status"),
        ),
        ("offer-list", doc::<OfferList>("offer list")),
        ("offer-describe", doc::<OfferView>("offer describe")),
        ("offer-extend", doc::<AvailabilityChanged>("offer extend")),
        ("offer-expire", doc::<AvailabilityChanged>("offer expire")),
        ("offer-clone", doc::<NewOffer>("offer clone")),
        ("offer-replace", doc::<NewOffer>("offer replace")),
        ("agreement-search", doc::<AgreementList>("agreement search")),
        (
            "agreement-describe",
            doc::<AgreementView>("agreement describe"),
        ),
        ("agreement-terms", doc::<TermList>("agreement terms")),
        ("buyer-accept", doc::<buyer::Agreed>("buyer accept")),
        ("buyer-replace", doc::<buyer::Agreed>("buyer replace")),
    ]
}
