//! SDK output → the JSON documents and text tables the co-sell commands print. Keys are
//! snake_case and stable; absent values are `null`, so scripts can rely on every key.

use aws_sdk_partnercentralselling::operation::get_opportunity::GetOpportunityOutput;
use aws_sdk_partnercentralselling::types::{
    EngagementInvitationSummary, ListEngagementByAcceptingInvitationTaskSummary, OpportunitySummary,
};
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use serde_json::{json, Value};

use crate::output::table;

/// An SDK timestamp as RFC 3339, or null.
pub fn stamp(t: Option<&DateTime>) -> Value {
    t.and_then(|t| t.fmt(Format::DateTime).ok())
        .map_or(Value::Null, Value::String)
}

/// GetOpportunity as `{id, arn, catalog, title, company, …, related: {solutions, offers, …}}`.
pub fn opportunity(o: &GetOpportunityOutput) -> Value {
    let lc = o.life_cycle();
    let account = o.customer().and_then(|c| c.account());
    let project = o.project();
    let related = o.related_entity_identifiers();
    json!({
        "opportunity_id": o.id(),
        "arn": o.arn(),
        "catalog": o.catalog(),
        "title": project.and_then(|p| p.title()),
        "customer_business_problem": project.and_then(|p| p.customer_business_problem()),
        "company": account.map(|a| a.company_name()),
        "industry": account.and_then(|a| a.industry()).map(|i| i.as_str()),
        "website": account.and_then(|a| a.website_url()),
        "opportunity_type": o.opportunity_type().map(|t| t.as_str()),
        "stage": lc.and_then(|l| l.stage()).map(|s| s.as_str()),
        "review_status": lc.and_then(|l| l.review_status()).map(|s| s.as_str()),
        "target_close_date": lc.and_then(|l| l.target_close_date()),
        "next_steps": lc.and_then(|l| l.next_steps()),
        "created": stamp(Some(o.created_date())),
        "last_modified": stamp(Some(o.last_modified_date())),
        "related": {
            "solutions": related.map(|r| r.solutions()).unwrap_or_default(),
            "aws_products": related.map(|r| r.aws_products()).unwrap_or_default(),
            "marketplace_offers": related.map(|r| r.aws_marketplace_offers()).unwrap_or_default(),
        },
    })
}

/// One OpportunitySummary as a list row object.
pub fn opportunity_summary(o: &OpportunitySummary) -> Value {
    let lc = o.life_cycle();
    json!({
        "opportunity_id": o.id(),
        "company": o.customer().and_then(|c| c.account()).map(|a| a.company_name()),
        "stage": lc.and_then(|l| l.stage()).map(|s| s.as_str()),
        "review_status": lc.and_then(|l| l.review_status()).map(|s| s.as_str()),
        "target_close_date": lc.and_then(|l| l.target_close_date()),
        "last_modified": stamp(o.last_modified_date()),
    })
}

/// One EngagementInvitationSummary as a list row object.
pub fn invitation_summary(i: &EngagementInvitationSummary) -> Value {
    json!({
        "invitation_id": i.id(),
        "arn": i.arn(),
        "status": i.status().map(|s| s.as_str()),
        "title": i.engagement_title(),
        "engagement_id": i.engagement_id(),
        "sender": i.sender_company_name(),
        "invited": stamp(i.invitation_date()),
        "expires": stamp(i.expiration_date()),
    })
}

/// One accept task as `{task_id, status, opportunity_id, reason_code, message}`.
pub fn accept_task(t: &ListEngagementByAcceptingInvitationTaskSummary) -> Value {
    json!({
        "task_id": t.task_id(),
        "status": t.task_status().map(|s| s.as_str()),
        "invitation_id": t.engagement_invitation_id(),
        "opportunity_id": t.opportunity_id(),
        "reason_code": t.reason_code().map(|r| r.as_str()),
        "message": t.message(),
    })
}

/// A text cell for a JSON value: strings bare, null as `-`, lists comma-joined.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "-".into(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A table of `objects` with the given (header, key) columns.
pub fn rows_table(objects: &[Value], columns: &[(&str, &str)]) -> String {
    let headers: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    let rows: Vec<Vec<String>> = objects
        .iter()
        .map(|o| columns.iter().map(|(_, k)| cell(&o[*k])).collect())
        .collect();
    table(&headers, &rows)
}

/// A two-column FIELD/VALUE table of an opportunity view.
pub fn opportunity_table(o: &Value) -> String {
    let fields = [
        ("Id", &o["opportunity_id"]),
        ("Title", &o["title"]),
        ("Company", &o["company"]),
        ("Industry", &o["industry"]),
        ("Stage", &o["stage"]),
        ("Review status", &o["review_status"]),
        ("Target close date", &o["target_close_date"]),
        ("Next steps", &o["next_steps"]),
        ("Solutions", &o["related"]["solutions"]),
        ("Marketplace offers", &o["related"]["marketplace_offers"]),
        ("Last modified", &o["last_modified"]),
    ];
    let rows: Vec<Vec<String>> = fields
        .iter()
        .map(|(k, v)| vec![k.to_string(), cell(v)])
        .collect();
    table(&["FIELD", "VALUE"], &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_render_nulls_lists_and_strings() {
        assert_eq!(cell(&Value::Null), "-");
        assert_eq!(cell(&json!([])), "-");
        assert_eq!(cell(&json!(["a", "b"])), "a, b");
        assert_eq!(cell(&json!("x")), "x");
        let t = rows_table(
            &[json!({"id": "O1", "stage": null})],
            &[("ID", "id"), ("STAGE", "stage")],
        );
        assert_eq!(t, "ID  STAGE\nO1  -");
    }
}
