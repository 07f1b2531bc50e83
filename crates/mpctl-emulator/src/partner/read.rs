//! GetOpportunity and ListOpportunities (filters, sorting, pagination).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::opportunity::Opportunity;
use super::paging::{page, sort_spec, string_list};
use super::time::{parse_instant, wire};
use super::Ctx;
use crate::wire::{required_str, OpResult};

pub fn get(ctx: &mut Ctx, input: &Value) -> OpResult {
    let id = required_str(input, "Identifier")?;
    Ok(ctx.dataset(input)?.opportunity(id)?.get_view())
}

/// ListOpportunities; [I] sorted by `LastModifiedDate` descending (newest first) by default,
/// ties broken by id so pages are stable.
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let filters = Filters::from_input(input);
    let mut found: Vec<&Opportunity> = data
        .opportunities
        .values()
        .filter(|o| filters.matches(o))
        .collect();
    let (by, descending) = sort_spec(input, "LastModifiedDate", true);
    found.sort_by_cached_key(|o| (sort_key(o, &by), o.id.clone()));
    if descending {
        found.reverse();
    }
    let views: Vec<Value> = found.iter().map(|o| o.summary_view()).collect();
    page(views, input, "OpportunitySummaries")
}

/// The value of an `OpportunitySortName` column, as a string that sorts correctly.
fn sort_key(o: &Opportunity, by: &str) -> String {
    let text = |path: &[&str]| o.get_str(path).unwrap_or_default().to_string();
    match by {
        "Identifier" => o.id.clone(),
        "CustomerCompanyName" => text(&["Customer", "Account", "CompanyName"]).to_lowercase(),
        "CreatedDate" => stamp(o.created),
        "TargetCloseDate" => text(&["LifeCycle", "TargetCloseDate"]),
        _ => stamp(o.modified),
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    wire(t).as_str().unwrap_or_default().to_string()
}

/// The request's filters; an absent or empty filter matches everything.
struct Filters<'a> {
    ids: Vec<&'a str>,
    stages: Vec<&'a str>,
    statuses: Vec<&'a str>,
    companies: Vec<String>,
    modified: Range,
    created: Range,
    close_after: Option<&'a str>,
    close_before: Option<&'a str>,
}

/// An open interval of instants (`After…`, `Before…`), both ends optional.
struct Range(Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Range {
    fn from_input(filter: Option<&Value>, after: &str, before: &str) -> Self {
        let end = |key: &str| filter.and_then(|f| f.get(key)).and_then(parse_instant);
        Range(end(after), end(before))
    }

    fn contains(&self, t: DateTime<Utc>) -> bool {
        self.0.is_none_or(|a| t > a) && self.1.is_none_or(|b| t < b)
    }
}

impl<'a> Filters<'a> {
    fn from_input(input: &'a Value) -> Self {
        let close = input.get("TargetCloseDate");
        let close_end = |key: &str| close.and_then(|c| c.get(key)).and_then(Value::as_str);
        Filters {
            ids: string_list(input, "Identifier"),
            stages: string_list(input, "LifeCycleStage"),
            statuses: string_list(input, "LifeCycleReviewStatus"),
            companies: string_list(input, "CustomerCompanyName")
                .iter()
                .map(|c| c.to_lowercase())
                .collect(),
            modified: Range::from_input(
                input.get("LastModifiedDate"),
                "AfterLastModifiedDate",
                "BeforeLastModifiedDate",
            ),
            created: Range::from_input(
                input.get("CreatedDate"),
                "AfterCreatedDate",
                "BeforeCreatedDate",
            ),
            close_after: close_end("AfterTargetCloseDate"),
            close_before: close_end("BeforeTargetCloseDate"),
        }
    }

    fn matches(&self, o: &Opportunity) -> bool {
        let stage = o.get_str(&["LifeCycle", "Stage"]).unwrap_or_default();
        let company = o
            .get_str(&["Customer", "Account", "CompanyName"])
            .unwrap_or_default()
            .to_lowercase();
        let close = o.get_str(&["LifeCycle", "TargetCloseDate"]);
        (self.ids.is_empty()
            || self.ids.contains(&o.id.as_str())
            || self.ids.contains(&o.arn.as_str()))
            && (self.stages.is_empty() || self.stages.contains(&stage))
            && (self.statuses.is_empty() || self.statuses.contains(&o.review.status.as_str()))
            && (self.companies.is_empty() || self.companies.contains(&company))
            && self.modified.contains(o.modified)
            && self.created.contains(o.created)
            && self.close_matches(close)
    }

    /// `YYYY-MM-DD` strings compare correctly as text.
    fn close_matches(&self, close: Option<&str>) -> bool {
        if self.close_after.is_none() && self.close_before.is_none() {
            return true;
        }
        close.is_some_and(|c| {
            self.close_after.is_none_or(|a| c > a) && self.close_before.is_none_or(|b| c < b)
        })
    }
}
