//! Solutions: the partner's offerings an opportunity must name before submission. They are
//! seeded, not created through the API (sellers register them in the Partner Central console):
//! each catalog gets the Active `S-0059717` from AWS's published Sandbox transcript, plus one
//! Inactive solution sorting before it, so "pick the first Active solution" is really exercised.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::catalog_name::CatalogName;
use super::paging::{page, sort_spec, string_list};
use super::time::wire;
use super::Ctx;
use crate::ids;
use crate::wire::OpResult;

pub const ACTIVE: &str = "Active";

/// One solution of a catalog.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Solution {
    pub id: String,
    pub name: String,
    pub category: String,
    pub status: String,
    pub created: DateTime<Utc>,
    pub arn: String,
}

impl Solution {
    fn seeded(
        account: &str,
        catalog: CatalogName,
        id: &str,
        name: &str,
        category: &str,
        status: &str,
    ) -> Self {
        // [I] A fixed creation date: seeded data should look the same on every run.
        let created = DateTime::from_timestamp(1_704_067_200, 0).unwrap_or_default();
        Solution {
            id: id.to_string(),
            name: name.to_string(),
            category: category.to_string(),
            status: status.to_string(),
            created,
            arn: ids::partner_arn(account, catalog.as_str(), "solution", id),
        }
    }

    fn view(&self, catalog: CatalogName) -> Value {
        json!({
            "Catalog": catalog.as_str(),
            "Id": self.id,
            "Arn": self.arn,
            "Name": self.name,
            "Status": self.status,
            "Category": self.category,
            "CreatedDate": wire(self.created),
        })
    }

    /// The value of a `SolutionSortName` column.
    fn sort_key(&self, by: &str) -> String {
        match by {
            "Name" => self.name.clone(),
            "Status" => self.status.clone(),
            "Category" => self.category.clone(),
            "CreatedDate" => self.created.to_rfc3339(),
            _ => self.id.clone(),
        }
    }
}

/// The solutions every catalog starts with.
pub fn seed(account: &str, catalog: CatalogName) -> Vec<Solution> {
    vec![
        Solution::seeded(
            account,
            catalog,
            "S-0000001",
            "Retired Sample Solution",
            "Software",
            "Inactive",
        ),
        Solution::seeded(
            account,
            catalog,
            "S-0059717",
            "Sample Solution",
            "Compute",
            ACTIVE,
        ),
    ]
}

/// ListSolutions: filters `Status`, `Identifier`, `Category`; sorted by `Identifier` ascending
/// unless `Sort` says otherwise [I].
pub fn list(ctx: &mut Ctx, input: &Value) -> OpResult {
    let data = ctx.dataset(input)?;
    let statuses = string_list(input, "Status");
    let ids = string_list(input, "Identifier");
    let categories = string_list(input, "Category");
    let mut found: Vec<&Solution> = data
        .solutions
        .iter()
        .filter(|s| statuses.is_empty() || statuses.contains(&s.status.as_str()))
        .filter(|s| ids.is_empty() || ids.contains(&s.id.as_str()) || ids.contains(&s.arn.as_str()))
        .filter(|s| categories.is_empty() || categories.contains(&s.category.as_str()))
        .collect();
    let (by, descending) = sort_spec(input, "Identifier", false);
    found.sort_by_key(|s| s.sort_key(&by));
    if descending {
        found.reverse();
    }
    let views: Vec<Value> = found.iter().map(|s| s.view(data.catalog)).collect();
    page(views, input, "SolutionSummaries")
}
