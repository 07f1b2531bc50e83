//! The stored opportunity and the views GetOpportunity and ListOpportunities return.
//!
//! Client-owned members are kept as the client sent them (so Get → Update round-trips exactly);
//! the members the service owns (review status and comments, next-steps history, associations,
//! dates) are kept apart so a full-replacement update cannot overwrite them by accident.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::catalog_name::CatalogName;
use super::time::{next_stamp, wire};
use crate::ids;

/// The review status every new opportunity starts in (the other statuses are `review`'s).
pub const PENDING_SUBMISSION: &str = "Pending Submission";

/// The members UpdateOpportunity replaces wholesale (CreateOpportunity sets the same ones).
pub use mpctl_facts::opportunity::CONTENT_MEMBERS as UPDATABLE;

/// `LifeCycle` members the service owns; a client's values for them are handled by `review`.
const SERVICE_LIFECYCLE: &[&str] = &[
    "ReviewStatus",
    "ReviewComments",
    "ReviewStatusReason",
    "NextStepsHistory",
];

/// Every `RelatedEntityType` (model plus SDK additions), the keys of `RelatedEntityIdentifiers`.
pub const RELATED_TYPES: &[&str] = &[
    "AwsMarketplaceOffers",
    "AwsMarketplaceOfferSets",
    "Solutions",
    "AwsProducts",
    "AwsMarketplaceSolutions",
    "AwsMarketplaceProducts",
];

const SUMMARY_LIFECYCLE: &[&str] = &[
    "Stage",
    "ClosedLostReason",
    "NextSteps",
    "TargetCloseDate",
    "ReviewStatus",
    "ReviewComments",
    "ReviewStatusReason",
];
const SUMMARY_ACCOUNT: &[&str] = &["Industry", "OtherIndustry", "CompanyName", "WebsiteUrl"];
const SUMMARY_ADDRESS: &[&str] = &["City", "PostalCode", "StateOrRegion", "CountryCode"];
const SUMMARY_PROJECT: &[&str] = &[
    "DeliveryModels",
    "ExpectedCustomerSpend",
    "ExpectedContractDuration",
];

/// The review outcome AWS (or, in Sandbox, the client simulating AWS) sets.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Review {
    pub status: String,
    pub comments: Option<Value>,
    pub reason: Option<Value>,
    /// When the opportunity was last submitted, while AWS reviews it (`aws_review`).
    #[serde(default)]
    pub submitted: Option<DateTime<Utc>>,
}

/// One opportunity.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Opportunity {
    pub id: String,
    pub arn: String,
    pub catalog: CatalogName,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub review: Review,
    /// Associations by `RelatedEntityType`.
    pub related: BTreeMap<String, Vec<String>>,
    fields: Map<String, Value>,
    next_steps_history: Vec<Value>,
    team: Value,
}

impl Opportunity {
    /// A new opportunity from a CreateOpportunity request.
    pub fn new(
        account: &str,
        id: String,
        catalog: CatalogName,
        input: &Value,
        now: DateTime<Utc>,
    ) -> Self {
        let mut opportunity = Opportunity {
            arn: ids::partner_arn(account, catalog.as_str(), "opportunity", &id),
            id,
            catalog,
            created: now,
            modified: now,
            review: Review {
                status: PENDING_SUBMISSION.to_string(),
                comments: None,
                submitted: None,
                reason: None,
            },
            related: BTreeMap::new(),
            fields: Map::new(),
            next_steps_history: Vec::new(),
            team: input
                .get("OpportunityTeam")
                .cloned()
                .unwrap_or_else(|| json!([])),
        };
        opportunity.replace_fields(input, now);
        opportunity.default_stage();
        opportunity
    }

    /// Replaces every updatable member with the request's (absent ones are removed), keeping
    /// the service-owned `LifeCycle` members, and records a changed `NextSteps` in the history.
    pub fn replace_fields(&mut self, input: &Value, now: DateTime<Utc>) {
        let previous_next_steps = self.get(&["LifeCycle", "NextSteps"]).cloned();
        self.fields = UPDATABLE
            .iter()
            .filter_map(|k| {
                input
                    .get(*k)
                    .filter(|v| !v.is_null())
                    .map(|v| (k.to_string(), v.clone()))
            })
            .collect();
        if let Some(Value::Object(life_cycle)) = self.fields.get_mut("LifeCycle") {
            life_cycle.retain(|k, _| !SERVICE_LIFECYCLE.contains(&k.as_str()));
        }
        let next_steps = self.get(&["LifeCycle", "NextSteps"]).cloned();
        if let Some(value) = next_steps.filter(|n| Some(n) != previous_next_steps.as_ref()) {
            self.next_steps_history
                .push(json!({"Value": value, "Time": wire(now)}));
        }
    }

    /// [I] A new opportunity without a Stage starts at `Prospect`.
    fn default_stage(&mut self) {
        let life_cycle = self.fields.entry("LifeCycle").or_insert_with(|| json!({}));
        if let Value::Object(life_cycle) = life_cycle {
            life_cycle
                .entry("Stage")
                .or_insert_with(|| json!("Prospect"));
        }
    }

    /// Records a write at `now`.
    /// AssignOpportunity: `assignee` takes the team place of its `BusinessTitle` (added if none).
    pub fn assign(&mut self, assignee: &Value, now: DateTime<Utc>) {
        let title = &assignee["BusinessTitle"];
        let mut team: Vec<Value> = self.team.as_array().cloned().unwrap_or_default();
        team.retain(|m| &m["BusinessTitle"] != title);
        team.push(assignee.clone());
        self.team = Value::Array(team);
        self.touch(now);
    }

    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.modified = next_stamp(self.modified, now);
    }

    /// A client-owned member by path, e.g. `["Customer", "Account", "Industry"]`.
    pub fn get(&self, path: &[&str]) -> Option<&Value> {
        let (first, rest) = path.split_first()?;
        let mut value = self.fields.get(*first)?;
        for key in rest {
            value = value.get(*key)?;
        }
        Some(value).filter(|v| !v.is_null())
    }

    /// A client-owned string member by path.
    pub fn get_str(&self, path: &[&str]) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// The associations of one type.
    pub fn related(&self, kind: &str) -> &[String] {
        self.related
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// `LifeCycle` as the service reports it: the client's members plus the review ones.
    pub fn life_cycle_view(&self) -> Value {
        let mut life_cycle = match self.fields.get("LifeCycle") {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        life_cycle.insert("ReviewStatus".into(), json!(self.review.status));
        for (key, value) in [
            ("ReviewComments", &self.review.comments),
            ("ReviewStatusReason", &self.review.reason),
        ] {
            if let Some(v) = value {
                life_cycle.insert(key.into(), v.clone());
            }
        }
        if !self.next_steps_history.is_empty() {
            life_cycle.insert("NextStepsHistory".into(), json!(self.next_steps_history));
        }
        Value::Object(life_cycle)
    }

    /// `RelatedEntityIdentifiers` with every type present (empty lists included).
    fn related_view(&self) -> Value {
        let map: Map<String, Value> = RELATED_TYPES
            .iter()
            .map(|k| (k.to_string(), json!(self.related(k))))
            .collect();
        Value::Object(map)
    }

    /// The GetOpportunity output.
    pub fn get_view(&self) -> Value {
        let mut out = Map::new();
        out.insert("Catalog".into(), json!(self.catalog.as_str()));
        out.insert("Id".into(), json!(self.id));
        out.insert("Arn".into(), json!(self.arn));
        out.insert("CreatedDate".into(), wire(self.created));
        out.insert("LastModifiedDate".into(), wire(self.modified));
        for (k, v) in &self.fields {
            out.insert(k.clone(), v.clone());
        }
        out.insert("LifeCycle".into(), self.life_cycle_view());
        out.insert("RelatedEntityIdentifiers".into(), self.related_view());
        out.insert("OpportunityTeam".into(), self.team.clone());
        Value::Object(out)
    }

    /// An `OpportunitySummary` for ListOpportunities.
    pub fn summary_view(&self) -> Value {
        let mut out = Map::new();
        out.insert("Catalog".into(), json!(self.catalog.as_str()));
        out.insert("Id".into(), json!(self.id));
        out.insert("Arn".into(), json!(self.arn));
        for key in ["PartnerOpportunityIdentifier", "OpportunityType"] {
            if let Some(v) = self.fields.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        out.insert("LastModifiedDate".into(), wire(self.modified));
        out.insert("CreatedDate".into(), wire(self.created));
        let life_cycle = self.life_cycle_view();
        insert_some(
            &mut out,
            "LifeCycle",
            pick(Some(&life_cycle), SUMMARY_LIFECYCLE),
        );
        insert_some(&mut out, "Customer", self.customer_summary());
        insert_some(
            &mut out,
            "Project",
            pick(self.get(&["Project"]), SUMMARY_PROJECT),
        );
        Value::Object(out)
    }

    fn customer_summary(&self) -> Option<Value> {
        let account = self.get(&["Customer", "Account"])?;
        let mut summary = match pick(Some(account), SUMMARY_ACCOUNT)? {
            Value::Object(m) => m,
            _ => return None,
        };
        insert_some(
            &mut summary,
            "Address",
            pick(account.get("Address"), SUMMARY_ADDRESS),
        );
        Some(json!({"Account": summary}))
    }
}

/// The listed members of an object, or `None` when it is absent.
fn pick(source: Option<&Value>, keys: &[&str]) -> Option<Value> {
    let source = source?.as_object()?;
    let picked: Map<String, Value> = keys
        .iter()
        .filter_map(|k| source.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect();
    Some(Value::Object(picked))
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        map.insert(key.to_string(), v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(now: DateTime<Utc>) -> Opportunity {
        let input = json!({
            "Catalog": "AWS", "ClientToken": "t",
            "Customer": {"Account": {"CompanyName": "Acme", "Industry": "Gaming",
                                     "Address": {"City": "Oslo", "StreetAddress": "Main St 1"}}},
            "Project": {"Title": "Migration", "DeliveryModels": ["SaaS or PaaS"]},
            "LifeCycle": {"NextSteps": "Call", "ReviewStatus": "Approved", "ReviewComments": "x"},
        });
        Opportunity::new(
            ids::SELLER_ACCOUNT,
            "O1234567".into(),
            CatalogName::Aws,
            &input,
            now,
        )
    }

    #[test]
    fn new_opportunities_start_pending_at_prospect_and_ignore_client_review_fields() {
        let now = Utc::now();
        let o = sample(now);
        let view = o.get_view();
        assert_eq!(view["LifeCycle"]["Stage"], "Prospect");
        assert_eq!(view["LifeCycle"]["ReviewStatus"], "Pending Submission");
        assert!(view["LifeCycle"].get("ReviewComments").is_none());
        assert_eq!(view["LifeCycle"]["NextStepsHistory"][0]["Value"], "Call");
        assert_eq!(view["RelatedEntityIdentifiers"]["Solutions"], json!([]));
        assert_eq!(view["OpportunityTeam"], json!([]));
    }

    #[test]
    fn replacement_drops_omitted_members() {
        let now = Utc::now();
        let mut o = sample(now);
        o.replace_fields(&json!({"Project": {"Title": "New"}}), now);
        assert!(o.get(&["Customer"]).is_none());
        assert_eq!(o.get_str(&["Project", "Title"]), Some("New"));
        assert_eq!(o.life_cycle_view()["ReviewStatus"], "Pending Submission");
    }

    #[test]
    fn summary_keeps_only_summary_members() {
        let o = sample(Utc::now());
        let s = o.summary_view();
        assert_eq!(s["Customer"]["Account"]["CompanyName"], "Acme");
        assert_eq!(s["Customer"]["Account"]["Address"], json!({"City": "Oslo"}));
        assert_eq!(s["Project"], json!({"DeliveryModels": ["SaaS or PaaS"]}));
        assert!(s["LifeCycle"].get("NextStepsHistory").is_none());
    }
}
