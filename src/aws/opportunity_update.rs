//! Updating an existing opportunity. UpdateOpportunity replaces the whole opportunity and is
//! locked by LastModifiedDate, so every update is a read-modify-write: GetOpportunity, the full
//! UpdateOpportunity built from what was read (or from the payload), retried after a
//! ConflictException when someone wrote in between.

use aws_sdk_partnercentralselling::operation::create_opportunity::builders::CreateOpportunityFluentBuilder;
use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::operation::update_opportunity::builders::UpdateOpportunityFluentBuilder;
use aws_sdk_partnercentralselling::types::LifeCycle;
use serde_json::Value;

use super::describe_error;
use super::opportunity::{apply_create, R};
use crate::output::Printer;

/// GetOpportunity: the whole opportunity, with the LastModifiedDate an update is locked by.
pub async fn read(
    client: &aws_sdk_partnercentralselling::Client,
    catalog: &str,
    id: &str,
) -> anyhow::Result<GetOpportunityOutput> {
    client
        .get_opportunity()
        .catalog(catalog)
        .identifier(id)
        .send()
        .await
        .map_err(|e| describe_error("GetOpportunity", e))
}

/// Attempts at a read-modify-write before giving up on concurrent modification.
const CONFLICT_RETRIES: u32 = 5;

/// A full-replacement UpdateOpportunity carrying everything GetOpportunity returned, with the
/// lifecycle replaced by `life_cycle` and the LastModifiedDate lock from the read.
pub fn update_from(
    current: &GetOpportunityOutput,
    life_cycle: LifeCycle,
    call: UpdateOpportunityFluentBuilder,
) -> UpdateOpportunityFluentBuilder {
    call.catalog(current.catalog.clone())
        .identifier(current.id.clone())
        .last_modified_date(current.last_modified_date)
        .set_primary_needs_from_aws(current.primary_needs_from_aws.clone())
        .set_national_security(current.national_security.clone())
        .set_partner_opportunity_identifier(current.partner_opportunity_identifier.clone())
        .set_customer(current.customer.clone())
        .set_project(current.project.clone())
        .set_opportunity_type(current.opportunity_type.clone())
        .set_marketing(current.marketing.clone())
        .set_software_revenue(current.software_revenue.clone())
        .life_cycle(life_cycle)
}

/// The current lifecycle as an editable copy (read-only history dropped).
pub fn editable_life_cycle(current: &GetOpportunityOutput) -> LifeCycle {
    let mut lc = current
        .life_cycle
        .clone()
        .unwrap_or_else(|| LifeCycle::builder().build());
    lc.next_steps_history = None;
    lc
}

/// Get → edit the lifecycle → full Update locked by the read's LastModifiedDate; after a
/// ConflictException (someone wrote in between) it re-reads and edits again. `edit` returns
/// false when the opportunity is already as wanted (no write). Returns whether a write happened.
pub async fn update_life_cycle(
    client: &aws_sdk_partnercentralselling::Client,
    printer: &Printer,
    catalog: &str,
    id: &str,
    mut edit: impl FnMut(&mut LifeCycle) -> bool,
) -> anyhow::Result<bool> {
    update_with_retry(client, printer, catalog, id, |current, call| {
        let mut lc = editable_life_cycle(current);
        Ok(edit(&mut lc).then(|| update_from(current, lc, call)))
    })
    .await
}

/// The lifecycle edit that moves an opportunity to `stage` (false: already there).
pub fn to_stage(stage: &str) -> impl FnMut(&mut LifeCycle) -> bool {
    let target = aws_sdk_partnercentralselling::types::Stage::from(stage);
    move |lc: &mut LifeCycle| {
        if lc.stage.as_ref() == Some(&target) {
            return false;
        }
        lc.stage = Some(target.clone());
        true
    }
}

/// The Sandbox's simulated AWS approval: ReviewStatus `Approved` (false: already approved).
pub fn to_approved(lc: &mut LifeCycle) -> bool {
    use aws_sdk_partnercentralselling::types::ReviewStatus;
    if lc.review_status == Some(ReviewStatus::Approved) {
        return false;
    }
    lc.review_status = Some(ReviewStatus::Approved);
    true
}

/// `--plan`: GetOpportunity, then the UpdateOpportunity [`update_life_cycle`] would send for
/// `edit`, rendered by the same builder as its wire body (`None`: already as wanted, no write).
pub async fn plan_life_cycle(
    client: &aws_sdk_partnercentralselling::Client,
    catalog: &str,
    id: &str,
    edit: impl FnOnce(&mut LifeCycle) -> bool,
) -> anyhow::Result<Option<Value>> {
    let current = read(client, catalog, id).await?;
    let mut lc = editable_life_cycle(&current);
    if !edit(&mut lc) {
        return Ok(None);
    }
    let r = super::render::Renderer::new();
    let call = update_from(&current, lc, r.partner.update_opportunity());
    Ok(Some(r.body(call.send()).await?))
}

/// The plan's UpdateOpportunity for an opportunity that does not exist yet: the request is a
/// full replacement built from GetOpportunity when the step runs, so only its target and the
/// change are known now; `<…>` marks the rest.
pub fn unread_update(catalog: &str, id: &str, change: &str) -> Value {
    serde_json::json!({
        "Catalog": catalog,
        "Identifier": id,
        "<other members>": format!("<as GetOpportunity returns them when the step runs, with {change}>")
    })
}

/// Get → `build` the full UpdateOpportunity from what was read (`None`: nothing to change) →
/// send it; after a ConflictException (someone wrote in between) it reads and builds again.
/// Returns whether a write happened.
pub async fn update_with_retry(
    client: &aws_sdk_partnercentralselling::Client,
    printer: &Printer,
    catalog: &str,
    id: &str,
    mut build: impl FnMut(
        &GetOpportunityOutput,
        UpdateOpportunityFluentBuilder,
    ) -> anyhow::Result<Option<UpdateOpportunityFluentBuilder>>,
) -> anyhow::Result<bool> {
    for attempt in 1..=CONFLICT_RETRIES {
        let current = read(client, catalog, id).await?;
        let Some(call) = build(&current, client.update_opportunity())? else {
            return Ok(false);
        };
        match call.send().await {
            Ok(_) => return Ok(true),
            Err(e) if is_conflict(&e) && attempt < CONFLICT_RETRIES => {
                printer.detail(format!(
                    "opportunity {id} changed meanwhile; re-reading (attempt {attempt})"
                ));
            }
            Err(e) => return Err(describe_error("UpdateOpportunity", e)),
        }
    }
    unreachable!("the last attempt returns")
}

/// A full-replacement UpdateOpportunity carrying the payload's members (a CreateOpportunity
/// request, see `apply_create`) instead of the current ones, locked by the read's
/// LastModifiedDate. What the payload cannot hold (SoftwareRevenue) is carried over.
pub fn update_from_payload(
    payload: &Value,
    current: &GetOpportunityOutput,
    create: CreateOpportunityFluentBuilder,
    call: UpdateOpportunityFluentBuilder,
) -> R<UpdateOpportunityFluentBuilder> {
    let create = apply_create(payload, create)?;
    let wanted = create.as_input();
    Ok(call
        .catalog(current.catalog.clone())
        .identifier(current.id.clone())
        .last_modified_date(current.last_modified_date)
        .set_primary_needs_from_aws(wanted.get_primary_needs_from_aws().clone())
        .set_national_security(wanted.get_national_security().clone())
        .set_partner_opportunity_identifier(wanted.get_partner_opportunity_identifier().clone())
        .set_customer(wanted.get_customer().clone())
        .set_project(wanted.get_project().clone())
        .set_opportunity_type(wanted.get_opportunity_type().clone())
        .set_marketing(wanted.get_marketing().clone())
        .set_software_revenue(current.software_revenue.clone())
        .set_life_cycle(wanted.get_life_cycle().clone()))
}

/// The SDK's typed ConflictException: the opportunity changed since it was read.
fn is_conflict(
    e: &aws_sdk_partnercentralselling::error::SdkError<
        aws_sdk_partnercentralselling::operation::update_opportunity::UpdateOpportunityError,
    >,
) -> bool {
    e.as_service_error()
        .is_some_and(|e| e.is_conflict_exception())
}
