//! What the remaining workflow steps would send, request by request, without sending
//! anything: `--plan` prints it, and the real-AWS confirmation lists one line per request.
//! Ids that only a later request creates are shown as `<NAME: from step>` placeholders.

use serde_json::{json, Value};

use super::{create_offer, inputs, publish_product, Ctx};
use crate::aws::opportunity_update;
use crate::confirm::Planned;

/// Stands in for PRODUCT_ID while rendering the offer before the product exists; it has the
/// shape the validator expects and is swapped for a readable placeholder afterwards.
pub const PROBE_PRODUCT_ID: &str = "prod-preflightcheck";

/// The ClientRequestToken (or ClientToken) of a request no run has saved yet. The token is a
/// fresh random UUID made when the request is saved, just before it is first sent (a
/// FAILED change set must be retried with a new token, so it cannot be derived from the
/// content); once saved, the plan shows the saved token, which is what a resume sends.
pub const TOKEN_NOT_YET: &str = "<generated when the request is saved>";

/// `request` with its saved token, or [`TOKEN_NOT_YET`] under `field` when it has none.
pub fn with_token(mut request: Value, field: &str, saved: Option<&str>) -> Value {
    if request.get(field).and_then(Value::as_str).is_none() {
        if let Some(m) = request.as_object_mut() {
            m.insert(field.into(), saved.unwrap_or(TOKEN_NOT_YET).into());
        }
    }
    request
}

/// The token saved under `key` by create-opportunity's sub-steps, if any.
fn saved_token<'s>(ctx: &'s Ctx<'_>, key: &str) -> Option<&'s str> {
    ctx.state.internal.pending.get(key)?["token"].as_str()
}

fn placeholder(name: &str, step: &str) -> String {
    format!("<{name}: from {step}>")
}

/// Which steps to plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    One(&'static str),
}

impl Scope {
    fn has(self, step: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::One(s) => s == step,
        }
    }
}

/// Every write request of the steps in `scope` that are not done yet, in order.
pub fn requests(
    ctx: &Ctx<'_>,
    scope: Scope,
    overrides: &[(String, String)],
    stage: &str,
) -> anyhow::Result<Vec<Planned>> {
    let s = &ctx.state;
    let mut out = Vec::new();
    if scope.has("publish-product") && s.product_id.is_none() {
        let body = match s.internal.pending.get("publish-product") {
            Some(saved) => saved.clone(),
            None => with_token(
                publish_product::request(ctx, overrides)?,
                "ClientRequestToken",
                None,
            ),
        };
        out.push(Planned::new("StartChangeSet", "publish-product", body));
    }
    if scope.has("create-offer") && s.offer_id.is_none() {
        out.push(Planned::new(
            "StartChangeSet",
            "create-offer",
            offer(ctx, overrides)?,
        ));
    }
    if scope.has("create-opportunity") {
        out.extend(opportunity(ctx, overrides)?);
    }
    let opportunity_id = s
        .opportunity_id
        .clone()
        .unwrap_or_else(|| placeholder("OPPORTUNITY_ID", "CreateOpportunity"));
    let catalog = ctx.settings.catalog.as_str();
    if scope.has("associate-offer") && s.associated_offer_arn.is_none() {
        let arn = s
            .offer_arn
            .clone()
            .unwrap_or_else(|| placeholder("OFFER_ARN", "create-offer"));
        out.push(associate(
            catalog,
            &opportunity_id,
            "AwsMarketplaceOffers",
            &arn,
        ));
    }
    if scope == Scope::All
        && ctx.settings.config.buyer_profile.is_some()
        && s.agreement_id.is_none()
    {
        let offer = s
            .offer_id
            .clone()
            .unwrap_or_else(|| placeholder("OFFER_ID", "create-offer"));
        // Both bodies come from what the buyer's GetOffer and GetOfferTerms return when the
        // step runs (the agreement proposal and its term ids): only their source is known now.
        let from =
            format!(
            "<as profile {}'s GetOffer and GetOfferTerms of {offer} give it when the step runs>",
            ctx.settings.config.buyer_profile.as_deref().unwrap_or_default()
        );
        for op in ["CreateAgreementRequest", "AcceptAgreementRequest"] {
            out.push(Planned::new(op, "buyer-accept", json!({"<request>": from})));
        }
    }
    if scope.has("commit") && s.opportunity_stage.as_deref() != Some(stage) {
        let change = format!("LifeCycle.Stage {stage}");
        let body = opportunity_update::unread_update(catalog, &opportunity_id, &change);
        out.push(Planned::new("UpdateOpportunity", "commit", body));
    }
    Ok(out)
}

/// The offer change set: the saved one, or rendered with the product's id or a placeholder.
fn offer(ctx: &Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<Value> {
    if let Some(saved) = ctx.state.internal.pending.get("create-offer") {
        return Ok(saved.clone());
    }
    let token = |request| with_token(request, "ClientRequestToken", None);
    if ctx.state.product_id.is_some() {
        return create_offer::request(ctx, overrides).map(token);
    }
    let mut probe = ctx.state.clone();
    probe.product_id = Some(PROBE_PRODUCT_ID.to_string());
    let path = inputs::template_path(ctx.settings, &ctx.settings.config.offer_changeset);
    let buyers = inputs::buyers(ctx.settings)?;
    let vars = inputs::vars(ctx.settings, &probe, Some(&buyers), overrides);
    let request = inputs::changeset_request(ctx.printer, &path, &vars)?;
    let text = serde_json::to_string(&request)?.replace(
        PROBE_PRODUCT_ID,
        &placeholder("PRODUCT_ID", "publish-product"),
    );
    Ok(token(serde_json::from_str(&text)?))
}

/// Step 3's writes: create, associate a solution, submit, and (Sandbox) the simulated approval.
fn opportunity(ctx: &Ctx<'_>, overrides: &[(String, String)]) -> anyhow::Result<Vec<Planned>> {
    let s = &ctx.state;
    let catalog = ctx.settings.catalog.as_str();
    let mut out = Vec::new();
    if s.opportunity_id.is_none() {
        let vars = inputs::vars(ctx.settings, s, None, overrides);
        let mut body = inputs::opportunity_payload(ctx.settings, &vars)?;
        if let Some(m) = body.as_object_mut() {
            m.insert("Catalog".into(), catalog.into());
        }
        let token = saved_token(ctx, "create-opportunity/create");
        out.push(Planned::new(
            "CreateOpportunity",
            "create-opportunity",
            with_token(body, "ClientToken", token),
        ));
    }
    let id = s
        .opportunity_id
        .clone()
        .unwrap_or_else(|| placeholder("OPPORTUNITY_ID", "CreateOpportunity"));
    if s.solution_id.is_none() {
        let solution = ctx.settings.config.solution_id.clone().unwrap_or_else(|| {
            placeholder("SOLUTION_ID", "the first Active solution in ListSolutions")
        });
        out.push(associate(catalog, &id, "Solutions", &solution));
    }
    if s.engagement_id.is_none() && s.engagement_task_id.is_none() {
        let body = json!({"Catalog": catalog, "Identifier": id,
                          "AwsSubmission": {"InvolvementType": "Co-Sell", "Visibility": "Full"}});
        let token = saved_token(ctx, "create-opportunity/submit");
        out.push(Planned::new(
            "StartEngagementFromOpportunityTask",
            "create-opportunity",
            with_token(body, "ClientToken", token),
        ));
    }
    if catalog == "Sandbox" && s.review_status.as_deref() != Some("Approved") {
        let change = "LifeCycle.ReviewStatus Approved";
        let body = opportunity_update::unread_update(catalog, &id, change);
        out.push(Planned::new(
            "UpdateOpportunity",
            "create-opportunity",
            body,
        ));
    }
    Ok(out)
}

fn associate(catalog: &str, opportunity: &str, kind: &str, entity: &str) -> Planned {
    let step = if kind == "Solutions" {
        "create-opportunity"
    } else {
        "associate-offer"
    };
    let body = json!({"Catalog": catalog, "OpportunityIdentifier": opportunity,
                      "RelatedEntityType": kind, "RelatedEntityIdentifier": entity});
    Planned::new("AssociateOpportunity", step, body)
}

/// One line per request for the confirmation prompt.
pub fn summary(p: &Planned) -> String {
    let b = &p.body;
    let text = |ptr: &str| b.pointer(ptr).and_then(Value::as_str).unwrap_or("-");
    match p.operation {
        "StartChangeSet" => crate::confirm::describe(b),
        "CreateOpportunity" => format!(
            "CreateOpportunity for customer {} in catalog {}",
            text("/Customer/Account/CompanyName"),
            text("/Catalog")
        ),
        "AssociateOpportunity" => format!(
            "AssociateOpportunity {} {} with {} (catalog {})",
            text("/RelatedEntityType"),
            text("/RelatedEntityIdentifier"),
            text("/OpportunityIdentifier"),
            text("/Catalog")
        ),
        op => format!("{op} ({}) in catalog {}", p.step, ctx_catalog(b)),
    }
}

fn ctx_catalog(b: &Value) -> &str {
    b.get("Catalog").and_then(Value::as_str).unwrap_or("-")
}

/// Before connecting: the requests of `scope` render (every input checked) and, against AWS,
/// carry no sample value of the starter project.
pub fn check_offline(
    settings: &crate::settings::Settings,
    printer: &crate::output::Printer,
    state: &crate::project::state::State,
    scope: Scope,
    overrides: &[(String, String)],
    stage: &str,
) -> anyhow::Result<()> {
    let unconnected = crate::aws::unconnected(settings);
    let ctx = Ctx::for_plan(settings, printer, unconnected, state.clone());
    let planned = requests(&ctx, scope, overrides, stage)?;
    let bodies: Vec<&Value> = planned.iter().map(|p| &p.body).collect();
    crate::project::samples::refuse(settings, &bodies)
}
