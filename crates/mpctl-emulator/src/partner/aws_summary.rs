//! GetAwsOpportunitySummary (AWS's own record of a partner opportunity: AWS's stage, its team,
//! involvement, insights; aws-events-cosell §B.7) and AssignOpportunity.
//!
//! [I] Choices the sources leave open:
//! - The summary exists once AWS has the opportunity: after its first submission, or at once for
//!   AWS referrals; before that GetAwsOpportunitySummary is `ResourceNotFoundException` (Q14).
//! - AWS's stage: `Not Started` while AWS reviews (Submitted, In review, Action Required),
//!   `Closed Incomplete` when rejected, and the partner's stage once approved (the partner's
//!   seven stages are all values of AWS's 24).
//! - Once approved, AWS's team holds one sales rep and `Insights.EngagementScore` is `Medium`.
//! - AssignOpportunity: the assignee takes the opportunity-team place of its `BusinessTitle`;
//!   the emulator has no user directory, so any well-formed contact is accepted.

use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::errors::not_found;
use super::opportunity::{Opportunity, PENDING_SUBMISSION};
use super::review::{APPROVED, REJECTED};
use super::Ctx;
use crate::wire::{required_str, OpResult};

const AWS_REFERRAL: &str = "AWS Referral";

/// AWS's stage for the partner opportunity `o`.
fn aws_stage(o: &Opportunity) -> Value {
    match o.review.status.as_str() {
        APPROVED => json!(o.get_str(&["LifeCycle", "Stage"]).unwrap_or("Prospect")),
        REJECTED => json!("Closed Incomplete"),
        _ => json!("Not Started"),
    }
}

/// Whether AWS has a record of `o` yet.
pub fn available(o: &Opportunity) -> bool {
    o.review.status != PENDING_SUBMISSION || o.get_str(&["Origin"]) == Some(AWS_REFERRAL)
}

/// The summary's members that depend on the opportunity alone (also the
/// `AwsOpportunitySummaryFullView` snapshot payload).
pub fn view(o: &Opportunity) -> Value {
    let approved = o.review.status == APPROVED;
    let mut life = Map::new();
    life.insert("Stage".into(), aws_stage(o));
    if let Some(d) = o.get(&["LifeCycle", "TargetCloseDate"]) {
        life.insert("TargetCloseDate".into(), d.clone());
    }
    let mut out = Map::new();
    out.insert(
        "Origin".into(),
        json!(o.get_str(&["Origin"]).unwrap_or("Partner Referral")),
    );
    out.insert("LifeCycle".into(), Value::Object(life));
    let team = if approved {
        json!([{"Email": "aws-sales-rep@amazon.example", "FirstName": "Alex", "LastName": "Rivera", "BusinessTitle": "AWSSalesRep"}])
    } else {
        json!([])
    };
    out.insert("OpportunityTeam".into(), team);
    if approved {
        out.insert("Insights".into(), json!({"EngagementScore": "Medium"}));
    }
    out.insert(
        "RelatedEntityIds".into(),
        json!({"AwsProducts": o.related("AwsProducts"), "Solutions": o.related("Solutions")}),
    );
    let contacts = o
        .get(&["Customer", "Contacts"])
        .cloned()
        .unwrap_or_else(|| json!([]));
    out.insert("Customer".into(), json!({"Contacts": contacts}));
    let spend = o
        .get(&["Project", "ExpectedCustomerSpend"])
        .cloned()
        .unwrap_or_else(|| json!([]));
    out.insert("Project".into(), json!({"ExpectedCustomerSpend": spend}));
    Value::Object(out)
}

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "RelatedOpportunityIdentifier")?;
    let data = ctx.data(catalog);
    let o = data.opportunity(id)?;
    if !available(o) {
        return Err(not_found("AWS opportunity summary", id));
    }
    let mut out = view(o);
    out["Catalog"] = json!(catalog.as_str());
    out["RelatedOpportunityId"] = json!(o.id);
    let involvement = data
        .extras
        .involvement
        .get(id)
        .cloned()
        .unwrap_or_else(|| json!({}));
    for key in ["InvolvementType", "Visibility"] {
        let value = involvement.get(key).filter(|v| !v.is_null()).cloned();
        let value = value.or_else(|| {
            (o.get_str(&["Origin"]) == Some(AWS_REFERRAL)).then(|| {
                json!(if key == "Visibility" {
                    "Full"
                } else {
                    "Co-Sell"
                })
            })
        });
        if let Some(v) = value {
            out[key] = v;
        }
    }
    Ok(out)
}

/// AssignOpportunity: empty answer, `Opportunity Updated`.
pub fn assign(ctx: &mut Ctx, input: &Value) -> OpResult {
    let catalog = CatalogName::from_input(input)?;
    let id = required_str(input, "Identifier")?;
    let now = ctx.now;
    ctx.data(catalog)
        .opportunity_mut(id)?
        .assign(&input["Assignee"], now);
    ctx.announce(catalog, "Updated", id);
    Ok(json!({}))
}
