//! AWS's side of an opportunity and the opportunity's people and links: GetAwsOpportunitySummary
//! as a flat, stable result (AWS's stage beside the partner's), AssignOpportunity and
//! DisassociateOpportunity. The write bodies are built here once, for the plan and the send.

use aws_sdk_partnercentralselling::operation::get_aws_opportunity_summary::GetAwsOpportunitySummaryOutput;
use aws_sdk_partnercentralselling::types::{AssigneeContact, RelatedEntityType};
use aws_sdk_partnercentralselling::Client;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Value};

use crate::aws::describe_error;
use crate::output::owned;

/// One member of AWS's team on the opportunity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AwsTeamMember {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub business_title: Option<String>,
}

/// AWS's view of an opportunity.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AwsSummary {
    pub opportunity_id: String,
    pub catalog: String,
    pub origin: Option<String>,
    pub involvement_type: Option<String>,
    pub visibility: Option<String>,
    /// AWS's stage (one of AWS's 24, not the partner's 7).
    pub aws_stage: Option<String>,
    pub target_close_date: Option<String>,
    pub next_steps: Option<String>,
    pub engagement_score: Option<String>,
    pub aws_team: Vec<AwsTeamMember>,
    pub solutions: Vec<String>,
    pub aws_products: Vec<String>,
}

pub async fn summary(client: &Client, catalog: &str, id: &str) -> anyhow::Result<AwsSummary> {
    let out = client
        .get_aws_opportunity_summary()
        .catalog(catalog)
        .related_opportunity_identifier(id)
        .send()
        .await
        .map_err(|e| describe_error("GetAwsOpportunitySummary", e))?;
    Ok(view(id, &out))
}

fn view(id: &str, o: &GetAwsOpportunitySummaryOutput) -> AwsSummary {
    let lc = o.life_cycle();
    let related = o.related_entity_ids();
    AwsSummary {
        opportunity_id: o.related_opportunity_id().unwrap_or(id).to_string(),
        catalog: o.catalog().to_string(),
        origin: o.origin().map(|x| x.as_str().to_string()),
        involvement_type: o.involvement_type().map(|x| x.as_str().to_string()),
        visibility: o.visibility().map(|x| x.as_str().to_string()),
        aws_stage: lc.and_then(|l| l.stage()).map(|x| x.as_str().to_string()),
        target_close_date: owned(lc.and_then(|l| l.target_close_date())),
        next_steps: owned(lc.and_then(|l| l.next_steps())),
        engagement_score: o
            .insights()
            .and_then(|i| i.engagement_score())
            .map(|x| x.as_str().to_string()),
        aws_team: o
            .opportunity_team()
            .iter()
            .map(|m| AwsTeamMember {
                email: owned(m.email()),
                first_name: owned(m.first_name()),
                last_name: owned(m.last_name()),
                business_title: m.business_title().map(|x| x.as_str().to_string()),
            })
            .collect(),
        solutions: related.map(|r| r.solutions().to_vec()).unwrap_or_default(),
        aws_products: related
            .map(|r| r.aws_products().to_vec())
            .unwrap_or_default(),
    }
}

/// The AssignOpportunity body.
pub fn assign_body(catalog: &str, id: &str, a: &crate::cli::AssignArgs) -> Value {
    let mut assignee = json!({"Email": a.email, "FirstName": a.first_name, "LastName": a.last_name, "BusinessTitle": a.title});
    if let Some(p) = &a.phone {
        assignee["Phone"] = json!(p);
    }
    json!({"Catalog": catalog, "Identifier": id, "Assignee": assignee})
}

pub async fn assign(client: &Client, body: &Value) -> anyhow::Result<()> {
    let a = &body["Assignee"];
    let s = |k: &str| a[k].as_str().map(str::to_string);
    let assignee = AssigneeContact::builder()
        .set_email(s("Email"))
        .set_first_name(s("FirstName"))
        .set_last_name(s("LastName"))
        .set_business_title(s("BusinessTitle"))
        .set_phone(s("Phone"))
        .build()?;
    client
        .assign_opportunity()
        .catalog(body["Catalog"].as_str().unwrap_or_default())
        .identifier(body["Identifier"].as_str().unwrap_or_default())
        .assignee(assignee)
        .send()
        .await
        .map_err(|e| describe_error("AssignOpportunity", e))?;
    Ok(())
}

/// The DisassociateOpportunity body: exactly one of the three links, else a bad-input error.
pub fn detach_body(catalog: &str, a: &crate::cli::DetachArgs) -> anyhow::Result<Value> {
    let given: Vec<(&str, &String)> = [
        ("AwsMarketplaceOffers", a.offer.as_ref()),
        ("Solutions", a.solution.as_ref()),
        ("AwsProducts", a.aws_product.as_ref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let [(kind, what)] = given.as_slice() else {
        return Err(crate::exit::bad_input(
            "give exactly one of --offer, --solution, --aws-product; nothing was sent",
        ));
    };
    Ok(
        json!({"Catalog": catalog, "OpportunityIdentifier": a.id, "RelatedEntityType": kind, "RelatedEntityIdentifier": what}),
    )
}

pub async fn detach(client: &Client, body: &Value) -> anyhow::Result<()> {
    let s = |k: &str| body[k].as_str().unwrap_or_default().to_string();
    client
        .disassociate_opportunity()
        .catalog(s("Catalog"))
        .opportunity_identifier(s("OpportunityIdentifier"))
        .related_entity_type(RelatedEntityType::from(s("RelatedEntityType").as_str()))
        .related_entity_identifier(s("RelatedEntityIdentifier"))
        .send()
        .await
        .map_err(|e| describe_error("DisassociateOpportunity", e))?;
    Ok(())
}
