//! SearchAgreements: filter validation (including the allowed filter combinations), matching,
//! `EndTime` sorting and pagination.
//!
//! The combinations enforced are those the botocore 2020-03-01 model documents
//! (aws-behavior.md §D). The newer Rust SDK docs say a proposer may combine any filters and add
//! more filter names (`BeforeStartTime`, `InitialAgreementId`, …); the emulator recognises those
//! names but answers `UNSUPPORTED_FILTERS`, so nobody builds on a combination AWS may reject.
//!
//! `PartyType=Acceptor` matches the agreements the caller accepted (a buyer), `Proposer` the ones
//! it proposed (a seller): the caller's account comes from its access key.

use chrono::{DateTime, Utc};
use mpctl_facts::agreement::AGREEMENT_STATUSES as STATUSES;
use serde_json::{json, Value};

use super::input::{invalid, max_results, member, opt_str};
use super::paging;
use super::store::{Agreement, AgreementState};
use super::time::parse_instant;
use super::view;

use crate::wire::{ApiError, OpResult};

/// Filters that select agreements by equality (everything but PartyType, AgreementType, EndTime).
const CRITERIA: &[&str] = &[
    "AcceptorAccountId",
    "OfferId",
    "OfferSetId",
    "ResourceIdentifier",
    "ResourceType",
    "Status",
];
const END_TIME: &[&str] = &["BeforeEndTime", "AfterEndTime"];
/// Names only the newer model documents; recognised, never supported here.
const NEWER: &[&str] = &[
    "AfterLastUpdateTime",
    "AfterStartTime",
    "BeforeLastUpdateTime",
    "BeforeStartTime",
    "EndTimeBehaviorReasonCode",
    "EndTimeBehaviorType",
    "InitialAgreementId",
    "LicenseArn",
];

/// Allowed criteria sets besides AgreementType (EndTime filters may join any of them).
const PROPOSER_COMBINATIONS: &[&[&str]] = &[
    &[],
    &["Status"],
    &["ResourceType"],
    &["ResourceType", "Status"],
    &["ResourceIdentifier"],
    &["ResourceIdentifier", "Status"],
    &["AcceptorAccountId"],
    &["AcceptorAccountId", "Status"],
    &["AcceptorAccountId", "OfferId"],
    &["AcceptorAccountId", "OfferId", "Status"],
    &["AcceptorAccountId", "ResourceIdentifier"],
    &["AcceptorAccountId", "ResourceIdentifier", "Status"],
    &["AcceptorAccountId", "ResourceType"],
    &["AcceptorAccountId", "ResourceType", "Status"],
    &["OfferId"],
    &["OfferId", "Status"],
    &["OfferSetId"],
    &["OfferSetId", "Status"],
];
const ACCEPTOR_COMBINATIONS: &[&[&str]] = &[
    &[],
    &["Status"],
    &["ResourceIdentifier"],
    &["ResourceIdentifier", "Status"],
    &["ResourceType"],
    &["OfferId"],
    &["OfferId", "Status"],
    &["OfferSetId"],
    &["OfferSetId", "Status"],
];

const MAX_FILTERS: usize = 10;
/// [I] The model gives no default page size; the maximum is used.
const DEFAULT_MAX_RESULTS: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    Proposer,
    Acceptor,
}

/// A validated search.
#[derive(Debug)]
struct Query {
    party: Party,
    agreement_type: String,
    /// (criteria filter name, value)
    criteria: Vec<(String, String)>,
    before_end: Option<DateTime<Utc>>,
    after_end: Option<DateTime<Utc>>,
}

/// Runs SearchAgreements.
pub(super) fn search_agreements(state: &AgreementState, input: &Value, caller: &str) -> OpResult {
    check_catalog(input)?;
    let query = query(read_filters(input)?)?;
    let descending = descending(input)?;
    let max = max_results(input, DEFAULT_MAX_RESULTS)?;
    let mut found: Vec<&Agreement> = state
        .all()
        .iter()
        .filter(|a| query.matches(a, caller))
        .collect();
    found.sort_by(|a, b| a.end_time.cmp(&b.end_time).then_with(|| a.id.cmp(&b.id)));
    if descending {
        found.reverse();
    }
    let (page, next) = paging::page(&found, input, max)?;
    let summaries: Vec<Value> = page.iter().map(|a| view::summary(a)).collect();
    let mut out = json!({ "agreementViewSummaries": summaries });
    if let Some(token) = next {
        out["nextToken"] = json!(token);
    }
    Ok(out)
}

fn check_catalog(input: &Value) -> Result<(), ApiError> {
    match opt_str(input, "catalog", "INVALID_CATALOG")? {
        Some("AWSMarketplace") => Ok(()),
        Some(other) => Err(invalid(
            "INVALID_CATALOG",
            "catalog",
            format!("Catalog {other} is not supported; use AWSMarketplace."),
        )),
        None => Err(invalid(
            "INVALID_CATALOG",
            "catalog",
            "catalog is required; use AWSMarketplace.",
        )),
    }
}

/// The `filters` as (name, single value) pairs, each name known and used once.
fn read_filters(input: &Value) -> Result<Vec<(String, String)>, ApiError> {
    let filters = member(input, "filters").and_then(Value::as_array);
    let filters = match filters {
        Some(f) if (1..=MAX_FILTERS).contains(&f.len()) => f,
        _ => {
            let message = format!("filters must be a list of 1 to {MAX_FILTERS} filters and include PartyType and AgreementType.");
            return Err(invalid("INVALID_FILTERS", "filters", message));
        }
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for filter in filters {
        let (name, value) = read_filter(filter)?;
        if out.iter().any(|(n, _)| *n == name) {
            let message = format!("Filter {name} is given more than once.");
            return Err(invalid("INVALID_FILTERS", "filters", message));
        }
        out.push((name, value));
    }
    Ok(out)
}

fn read_filter(filter: &Value) -> Result<(String, String), ApiError> {
    let Some(name) = member(filter, "name").and_then(Value::as_str) else {
        return Err(invalid(
            "MISSING_FILTER_NAME",
            "filters",
            "Every filter needs a name.",
        ));
    };
    let known = name == "PartyType" || name == "AgreementType";
    if !(known || CRITERIA.contains(&name) || END_TIME.contains(&name) || NEWER.contains(&name)) {
        let message = format!("Filter name {name} is not valid.");
        return Err(invalid("INVALID_FILTER_NAME", "filters", message));
    }
    let values = member(filter, "values").and_then(Value::as_array);
    match values.map(Vec::as_slice) {
        None | Some([]) => Err(invalid(
            "MISSING_FILTER_VALUES",
            "filters",
            format!("Filter {name} needs exactly one value."),
        )),
        Some([Value::String(v)]) if !v.is_empty() => Ok((name.to_string(), v.clone())),
        Some(_) => Err(invalid(
            "INVALID_FILTER_VALUES",
            "filters",
            format!("Filter {name} takes exactly one non-empty string value."),
        )),
    }
}

fn take(filters: &mut Vec<(String, String)>, name: &str) -> Option<String> {
    let i = filters.iter().position(|(n, _)| n == name)?;
    Some(filters.remove(i).1)
}

fn query(mut filters: Vec<(String, String)>) -> Result<Query, ApiError> {
    let party = match take(&mut filters, "PartyType").as_deref() {
        Some("Proposer") => Party::Proposer,
        Some("Acceptor") => Party::Acceptor,
        Some(other) => {
            let message = format!("PartyType {other} is not valid; use Proposer or Acceptor.");
            return Err(invalid("INVALID_PARTY_TYPE", "filters", message));
        }
        None => {
            return Err(invalid(
                "MISSING_PARTY_TYPE",
                "filters",
                "The PartyType filter is required.",
            ))
        }
    };
    let Some(agreement_type) = take(&mut filters, "AgreementType") else {
        return Err(invalid(
            "INVALID_FILTERS",
            "filters",
            "The AgreementType filter is required.",
        ));
    };
    let before_end = take(&mut filters, "BeforeEndTime")
        .map(|v| instant("BeforeEndTime", &v))
        .transpose()?;
    let after_end = take(&mut filters, "AfterEndTime")
        .map(|v| instant("AfterEndTime", &v))
        .transpose()?;
    check_combination(party, &filters, before_end.is_some() || after_end.is_some())?;
    if let Some((_, status)) = filters.iter().find(|(n, _)| n == "Status") {
        if !STATUSES.contains(&status.as_str()) {
            let message = format!(
                "Status {status} is not valid; use one of {}.",
                STATUSES.join(", ")
            );
            return Err(invalid("INVALID_STATUS", "filters", message));
        }
    }
    Ok(Query {
        party,
        agreement_type,
        criteria: filters,
        before_end,
        after_end,
    })
}

fn instant(name: &str, value: &str) -> Result<DateTime<Utc>, ApiError> {
    parse_instant(value).ok_or_else(|| {
        let message =
            format!("Filter {name} value {value} is not a timestamp (ISO 8601 or epoch seconds).");
        invalid("INVALID_FILTER_VALUES", "filters", message)
    })
}

fn check_combination(
    party: Party,
    criteria: &[(String, String)],
    end_time: bool,
) -> Result<(), ApiError> {
    let (allowed, party_name) = match party {
        Party::Proposer => (PROPOSER_COMBINATIONS, "Proposer"),
        Party::Acceptor => (ACCEPTOR_COMBINATIONS, "Acceptor"),
    };
    let mut names: Vec<&str> = criteria.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    let ok = allowed.iter().any(|combo| {
        let mut combo = combo.to_vec();
        combo.sort_unstable();
        combo == names
    });
    if ok {
        return Ok(());
    }
    let mut shown = vec!["AgreementType"];
    shown.extend(&names);
    if end_time {
        shown.push("EndTime");
    }
    let message = format!(
        "The filter combination {} is not supported when PartyType is {party_name}.",
        shown.join(" + ")
    );
    Err(invalid("UNSUPPORTED_FILTERS", "filters", message))
}

/// `sort`: only `EndTime`; ascending or descending (default descending, per the model docs).
fn descending(input: &Value) -> Result<bool, ApiError> {
    let Some(sort) = member(input, "sort") else {
        return Ok(true);
    };
    match opt_str(sort, "sortBy", "INVALID_SORT_BY")? {
        None | Some("EndTime") => {}
        Some(other) => {
            let message = format!("sortBy {other} is not supported; only EndTime is.");
            return Err(invalid("INVALID_SORT_BY", "sort", message));
        }
    }
    match opt_str(sort, "sortOrder", "INVALID_SORT_ORDER")? {
        None | Some("DESCENDING") => Ok(true),
        Some("ASCENDING") => Ok(false),
        Some(other) => {
            let message = format!("sortOrder {other} is not valid; use ASCENDING or DESCENDING.");
            Err(invalid("INVALID_SORT_ORDER", "sort", message))
        }
    }
}

impl Query {
    /// Whether `a` is one of `caller`'s agreements (as the query's party) that the filters keep.
    fn matches(&self, a: &Agreement, caller: &str) -> bool {
        let party_account = match self.party {
            Party::Proposer => &a.proposer,
            Party::Acceptor => &a.acceptor,
        };
        // [I] BeforeEndTime=T keeps agreements ending before T, AfterEndTime=T those ending after.
        party_account == caller
            && a.agreement_type == self.agreement_type
            && self.before_end.is_none_or(|t| a.end_time < t)
            && self.after_end.is_none_or(|t| a.end_time > t)
            && self
                .criteria
                .iter()
                .all(|(name, value)| criterion(a, name, value))
    }
}

fn criterion(a: &Agreement, name: &str, value: &str) -> bool {
    match name {
        "AcceptorAccountId" => a.acceptor == value,
        "OfferId" => a.offer_id == value,
        "ResourceIdentifier" => a.resources.iter().any(|r| r.id == value),
        "ResourceType" => a.resources.iter().any(|r| r.kind == value),
        "Status" => a.status.as_str() == value,
        "OfferSetId" => a.offer_set_id.as_deref() == Some(value),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids;

    fn filters(pairs: &[(&str, &str)]) -> Value {
        let list: Vec<Value> = pairs
            .iter()
            .map(|(n, v)| json!({"name": n, "values": [v]}))
            .collect();
        json!({"catalog": "AWSMarketplace", "filters": list})
    }

    fn reason(input: &Value) -> String {
        let e = search_agreements(&AgreementState::default(), input, ids::SELLER_ACCOUNT)
            .expect_err("rejected");
        assert_eq!((e.status, e.code.as_str()), (400, "ValidationException"));
        e.fields["reason"].as_str().unwrap_or("").to_string()
    }

    const BASE: [(&str, &str); 2] = [
        ("PartyType", "Proposer"),
        ("AgreementType", "PurchaseAgreement"),
    ];

    fn with(extra: &[(&str, &str)]) -> Value {
        let mut all = BASE.to_vec();
        all.extend_from_slice(extra);
        filters(&all)
    }

    #[test]
    fn accepts_every_documented_proposer_combination_with_and_without_end_time() {
        let value = |n: &str| match n {
            "Status" => "ACTIVE",
            _ => "x",
        };
        for combo in PROPOSER_COMBINATIONS {
            let mut extra: Vec<(&str, &str)> = combo.iter().map(|n| (*n, value(n))).collect();
            assert!(
                search_agreements(
                    &AgreementState::default(),
                    &with(&extra),
                    ids::SELLER_ACCOUNT
                )
                .is_ok(),
                "{combo:?}"
            );
            extra.push(("BeforeEndTime", "2030-01-01T00:00:00Z"));
            extra.push(("AfterEndTime", "1700000000"));
            assert!(
                search_agreements(
                    &AgreementState::default(),
                    &with(&extra),
                    ids::SELLER_ACCOUNT
                )
                .is_ok(),
                "{combo:?} + EndTime"
            );
        }
    }

    #[test]
    fn rejects_undocumented_combinations_naming_them() {
        let input = with(&[("OfferId", "o"), ("ResourceType", "SaaSProduct")]);
        let e = search_agreements(&AgreementState::default(), &input, ids::SELLER_ACCOUNT)
            .expect_err("rejected");
        assert_eq!(e.fields["reason"], "UNSUPPORTED_FILTERS");
        assert!(
            e.message.contains("AgreementType + OfferId + ResourceType"),
            "{}",
            e.message
        );
        assert_eq!(
            reason(&with(&[("OfferSetId", "s"), ("AcceptorAccountId", "1")])),
            "UNSUPPORTED_FILTERS"
        );
        assert_eq!(
            reason(&with(&[("InitialAgreementId", "agmt-1")])),
            "UNSUPPORTED_FILTERS"
        );
        let acceptor = filters(&[
            ("PartyType", "Acceptor"),
            ("AgreementType", "PurchaseAgreement"),
            ("ResourceType", "SaaSProduct"),
            ("Status", "ACTIVE"),
        ]);
        assert_eq!(reason(&acceptor), "UNSUPPORTED_FILTERS");
    }

    #[test]
    fn requires_party_type_agreement_type_and_catalog() {
        assert_eq!(
            reason(&filters(&[("AgreementType", "PurchaseAgreement")])),
            "MISSING_PARTY_TYPE"
        );
        assert_eq!(
            reason(&filters(&[("PartyType", "Proposer")])),
            "INVALID_FILTERS"
        );
        assert_eq!(
            reason(&filters(&[("PartyType", "Seller"), BASE[1]])),
            "INVALID_PARTY_TYPE"
        );
        assert_eq!(
            reason(&json!({"catalog": "AWSMarketplace"})),
            "INVALID_FILTERS"
        );
        let mut no_catalog = with(&[]);
        no_catalog["catalog"] = json!("Other");
        assert_eq!(reason(&no_catalog), "INVALID_CATALOG");
    }

    #[test]
    fn validates_each_filter() {
        assert_eq!(reason(&with(&[("Colour", "red")])), "INVALID_FILTER_NAME");
        assert_eq!(
            reason(&with(&[("Status", "ACTIVE"), ("Status", "EXPIRED")])),
            "INVALID_FILTERS"
        );
        assert_eq!(reason(&with(&[("Status", "LIVE")])), "INVALID_STATUS");
        assert_eq!(
            reason(&with(&[("BeforeEndTime", "tomorrow")])),
            "INVALID_FILTER_VALUES"
        );
        let mut two_values = with(&[]);
        two_values["filters"][0]["values"] = json!(["Proposer", "Acceptor"]);
        assert_eq!(reason(&two_values), "INVALID_FILTER_VALUES");
        let mut no_values = with(&[]);
        no_values["filters"][0]["values"] = json!([]);
        assert_eq!(reason(&no_values), "MISSING_FILTER_VALUES");
        let eleven: Vec<(&str, &str)> = std::iter::repeat_n(("Status", "ACTIVE"), 9).collect();
        assert_eq!(reason(&with(&eleven)), "INVALID_FILTERS");
    }

    #[test]
    fn validates_sort_and_page_size() {
        let mut input = with(&[]);
        input["sort"] = json!({"sortBy": "StartTime"});
        assert_eq!(reason(&input), "INVALID_SORT_BY");
        input["sort"] = json!({"sortBy": "EndTime", "sortOrder": "UP"});
        assert_eq!(reason(&input), "INVALID_SORT_ORDER");
        input["sort"] = json!({"sortBy": "EndTime", "sortOrder": "ASCENDING"});
        input["maxResults"] = json!(51);
        assert_eq!(reason(&input), "INVALID_MAX_RESULTS");
    }
}
