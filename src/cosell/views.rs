//! SDK output → the typed results and text tables the co-sell commands print. Keys are
//! snake_case and stable; absent values are `null`, so scripts can rely on every key.

use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::types::{
    EngagementInvitationSummary, ListEngagementByAcceptingInvitationTaskSummary, OpportunitySummary,
};
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use schemars::JsonSchema;
use serde::Serialize;

use crate::output::{owned, table};

/// An SDK timestamp as RFC 3339.
pub fn stamp(t: Option<&DateTime>) -> Option<String> {
    t.and_then(|t| t.fmt(Format::DateTime).ok())
}

/// What an opportunity is associated with.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Related {
    pub solutions: Vec<String>,
    pub aws_products: Vec<String>,
    pub marketplace_offers: Vec<String>,
}

/// One opportunity (GetOpportunity).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Opportunity {
    pub opportunity_id: String,
    pub arn: Option<String>,
    pub catalog: String,
    pub title: Option<String>,
    pub customer_business_problem: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub website: Option<String>,
    pub opportunity_type: Option<String>,
    pub stage: Option<String>,
    pub review_status: Option<String>,
    pub target_close_date: Option<String>,
    pub next_steps: Option<String>,
    /// RFC 3339.
    pub created: Option<String>,
    pub last_modified: Option<String>,
    pub related: Related,
}

/// GetOpportunity as an [`Opportunity`].
pub fn opportunity(o: &GetOpportunityOutput) -> Opportunity {
    let lc = o.life_cycle();
    let account = o.customer().and_then(|c| c.account());
    let project = o.project();
    let related = o.related_entity_identifiers();
    Opportunity {
        opportunity_id: o.id().to_string(),
        arn: owned(o.arn()),
        catalog: o.catalog().to_string(),
        title: owned(project.and_then(|p| p.title())),
        customer_business_problem: owned(project.and_then(|p| p.customer_business_problem())),
        company: account.map(|a| a.company_name().to_string()),
        industry: owned(account.and_then(|a| a.industry()).map(|i| i.as_str())),
        website: owned(account.and_then(|a| a.website_url())),
        opportunity_type: owned(o.opportunity_type().map(|t| t.as_str())),
        stage: owned(lc.and_then(|l| l.stage()).map(|s| s.as_str())),
        review_status: owned(lc.and_then(|l| l.review_status()).map(|s| s.as_str())),
        target_close_date: owned(lc.and_then(|l| l.target_close_date())),
        next_steps: owned(lc.and_then(|l| l.next_steps())),
        created: stamp(Some(o.created_date())),
        last_modified: stamp(Some(o.last_modified_date())),
        related: Related {
            solutions: related.map(|r| r.solutions().to_vec()).unwrap_or_default(),
            aws_products: related
                .map(|r| r.aws_products().to_vec())
                .unwrap_or_default(),
            marketplace_offers: related
                .map(|r| r.aws_marketplace_offers().to_vec())
                .unwrap_or_default(),
        },
    }
}

/// One opportunity in a listing.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OpportunityRow {
    pub opportunity_id: Option<String>,
    pub company: Option<String>,
    pub stage: Option<String>,
    pub review_status: Option<String>,
    pub target_close_date: Option<String>,
    pub last_modified: Option<String>,
}

/// One OpportunitySummary as a list row.
pub fn opportunity_summary(o: &OpportunitySummary) -> OpportunityRow {
    let lc = o.life_cycle();
    OpportunityRow {
        opportunity_id: owned(o.id()),
        company: owned(
            o.customer()
                .and_then(|c| c.account())
                .map(|a| a.company_name()),
        ),
        stage: owned(lc.and_then(|l| l.stage()).map(|s| s.as_str())),
        review_status: owned(lc.and_then(|l| l.review_status()).map(|s| s.as_str())),
        target_close_date: owned(lc.and_then(|l| l.target_close_date())),
        last_modified: stamp(o.last_modified_date()),
    }
}

/// One engagement invitation in a listing.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InvitationRow {
    pub invitation_id: String,
    pub arn: Option<String>,
    pub status: Option<String>,
    pub title: Option<String>,
    pub engagement_id: Option<String>,
    pub sender: Option<String>,
    /// RFC 3339.
    pub invited: Option<String>,
    pub expires: Option<String>,
}

/// One EngagementInvitationSummary as a list row.
pub fn invitation_summary(i: &EngagementInvitationSummary) -> InvitationRow {
    InvitationRow {
        invitation_id: i.id().to_string(),
        arn: owned(i.arn()),
        status: owned(i.status().map(|s| s.as_str())),
        title: owned(i.engagement_title()),
        engagement_id: owned(i.engagement_id()),
        sender: owned(i.sender_company_name()),
        invited: stamp(i.invitation_date()),
        expires: stamp(i.expiration_date()),
    }
}

/// An accept-invitation task as it ended.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AcceptTask {
    pub task_id: Option<String>,
    pub status: Option<String>,
    pub invitation_id: Option<String>,
    pub opportunity_id: Option<String>,
    pub reason_code: Option<String>,
    pub message: Option<String>,
}

/// One accept task summary.
pub fn accept_task(t: &ListEngagementByAcceptingInvitationTaskSummary) -> AcceptTask {
    AcceptTask {
        task_id: owned(t.task_id()),
        status: owned(t.task_status().map(|s| s.as_str())),
        invitation_id: owned(t.engagement_invitation_id()),
        opportunity_id: owned(t.opportunity_id()),
        reason_code: owned(t.reason_code().map(|r| r.as_str())),
        message: owned(t.message()),
    }
}

/// A text cell: the value, or `-` when absent or empty.
pub fn cell(v: &Option<String>) -> String {
    match v.as_deref() {
        None | Some("") => "-".into(),
        Some(s) => s.to_string(),
    }
}

/// A text cell for a list: comma-joined, or `-` when empty.
pub fn list_cell(items: &[String]) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}

/// The `opportunity list` table.
pub fn opportunities_table(rows: &[OpportunityRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|o| {
            [
                &o.opportunity_id,
                &o.company,
                &o.stage,
                &o.review_status,
                &o.target_close_date,
                &o.last_modified,
            ]
            .map(cell)
            .to_vec()
        })
        .collect();
    let headers = ["ID", "COMPANY", "STAGE", "REVIEW", "CLOSE DATE", "MODIFIED"];
    table(&headers, &rows)
}

/// The `invitation list` table.
pub fn invitations_table(rows: &[InvitationRow]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|i| {
            [
                &Some(i.invitation_id.clone()),
                &i.status,
                &i.title,
                &i.sender,
                &i.invited,
                &i.expires,
            ]
            .map(cell)
            .to_vec()
        })
        .collect();
    let headers = ["ID", "STATUS", "TITLE", "SENDER", "INVITED", "EXPIRES"];
    table(&headers, &rows)
}

/// A two-column FIELD/VALUE table of an opportunity.
pub fn opportunity_table(o: &Opportunity) -> String {
    let fields = [
        ("Id", cell(&Some(o.opportunity_id.clone()))),
        ("Title", cell(&o.title)),
        ("Company", cell(&o.company)),
        ("Industry", cell(&o.industry)),
        ("Stage", cell(&o.stage)),
        ("Review status", cell(&o.review_status)),
        ("Target close date", cell(&o.target_close_date)),
        ("Next steps", cell(&o.next_steps)),
        ("Solutions", list_cell(&o.related.solutions)),
        (
            "Marketplace offers",
            list_cell(&o.related.marketplace_offers),
        ),
        ("Last modified", cell(&o.last_modified)),
    ];
    let rows: Vec<Vec<String>> = fields
        .into_iter()
        .map(|(k, v)| vec![k.to_string(), v])
        .collect();
    table(&["FIELD", "VALUE"], &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_render_absent_empty_and_lists() {
        assert_eq!(cell(&None), "-");
        assert_eq!(cell(&Some(String::new())), "-");
        assert_eq!(cell(&Some("x".into())), "x");
        assert_eq!(list_cell(&[]), "-");
        assert_eq!(list_cell(&["a".into(), "b".into()]), "a, b");
        let row = OpportunityRow {
            opportunity_id: Some("O1".into()),
            company: None,
            stage: None,
            review_status: None,
            target_close_date: None,
            last_modified: None,
        };
        let t = opportunities_table(&[row]);
        assert_eq!(
            t.lines()
                .nth(1)
                .map(str::split_whitespace)
                .map(Iterator::count),
            Some(6)
        );
    }
}
