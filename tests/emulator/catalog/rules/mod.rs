//! Server-side enforcement, independent of the client: for each validation rule a REAL corpus
//! change set is broken in one place; `changeset::validate` names the rule and JSON path, and the
//! emulator (through the SDK) FAILs the set with a matching per-change `ErrorDetailList` entry —
//! or rejects it synchronously with a 422 ValidationException for request-level model
//! violations. Rules only the service can check (entity existence and type, agreements,
//! revisions, release readiness) have no client-side diagnostic and are enforced all the same.
//! `Intent: VALIDATE` runs every check and applies nothing.

use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use mpctl_changeset::{self as changeset, Severity, ValidateOptions};
use mpctl_emulator::Timings;
use serde_json::{json, Value};

use crate::support::catalog::{
    change_errors, corpus, describe, entity_ids, finish, run_ok, start_request,
};
use crate::support::seed::{dimensions_needed, product_type_for, Seeder};
use crate::support::{agreement_client, catalog_client};

const PRIVATE_OFFER: &str =
    "offers/create_saas_product_custom_dimension_and_private_offer/changeset.json";
const SAAS_CONTRACT: &str = "products/saas/create_limited_saas_product_and_public_offer_with_contract_pricing/changeset.json";
const SAAS_PAYG: &str =
    "products/saas/create_limited_saas_product_and_public_offer_with_contract_with_pay_as_you_go_pricing/changeset.json";
const FLEXIBLE_SCHEDULE: &str =
    "offers/create_private_offer_with_contract_pricing_with_flexible_payment_schedule_for_saas_product/changeset.json";
const RESALE: &str =
    "resale_authorization/publish_onetime_resale_authorization_specific_buyer/changeset.json";
const EXPIRE: &str = "offers/expire_private_offer/changeset.json";
const REPLACEMENT: &str =
    "offers/create_replacement_private_offer_with_contract_pricing/changeset.json";

fn timings() -> Timings {
    Timings {
        changeset_seconds: 0.05,
        task_seconds: 0.05,
        accept_seconds: 0.05,
        review_seconds: 3600.0,
    }
}

/// What the emulator must do with the broken set.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// FAILED, with an ErrorDetailList entry of the rule's code on this change.
    Fail(usize),
    /// StartChangeSet answers 422 ValidationException.
    Reject,
}

/// One broken variant: the rule's code, the JSON path the validator must name (`None` for rules
/// only the service can check), and how to break the file (after its placeholders were seeded).
struct Case {
    code: &'static str,
    file: &'static str,
    path: Option<&'static str>,
    expect: Expect,
    brk: fn(&mut Value, &Seeder),
}

/// Replaces the node at `pointer`, checking it held `old` (so a fixture change cannot silently
/// turn a case into a no-op).
fn replace(r: &mut Value, pointer: &str, old: Value, new: Value) {
    let node = r
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no node at {pointer}"));
    assert_eq!(*node, old, "fixture changed at {pointer}");
    *node = new;
}

fn change_mut(r: &mut Value, i: usize) -> &mut serde_json::Map<String, Value> {
    r["ChangeSet"][i].as_object_mut().unwrap()
}

/// A seeder for `file`, as the corpus test uses.
fn seeder(
    catalog: &crate::support::CatalogClient,
    agreements: &aws_sdk_marketplaceagreement::Client,
    file: &str,
    r: &Value,
) -> Seeder {
    let product_type = product_type_for(file);
    Seeder {
        catalog: catalog.clone(),
        agreements: agreements.clone(),
        dimensions: dimensions_needed(r, &product_type),
        product_type,
        ids: BTreeMap::new(),
        agreement_facts: BTreeMap::new(),
        main_product: None,
    }
}

/// Error diagnostics as (code, path).
fn diagnostics(r: &Value) -> Vec<(&'static str, String)> {
    changeset::validate(r, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

async fn run_case(
    catalog: crate::support::CatalogClient,
    agreements: aws_sdk_marketplaceagreement::Client,
    case: &Case,
) -> Result<(), String> {
    let original = corpus(case.file);
    let mut s = seeder(&catalog, &agreements, case.file, &original);
    let mut r = s.substitute(&original).await;
    if !diagnostics(&r).is_empty() {
        return Err(format!("clean before breaking: {:?}", diagnostics(&r)));
    }
    (case.brk)(&mut r, &s);
    let found = diagnostics(&r);
    match case.path {
        Some(path) if !found.iter().any(|(c, p)| *c == case.code && p == path) => {
            return Err(format!("validator: {found:?}"));
        }
        None if !found.is_empty() => {
            return Err(format!(
                "a service-only rule, yet the validator says {found:?}"
            ));
        }
        _ => {}
    }
    let started = start_request(&catalog, &r).await;
    match case.expect {
        Expect::Reject => match started {
            Err(e)
                if e.starts_with("ValidationException") && e.contains(case.path.unwrap_or("")) =>
            {
                Ok(())
            }
            other => Err(format!("expected a 422 naming the path, got {other:?}")),
        },
        Expect::Fail(i) => {
            let id = started?;
            let out = finish(&catalog, &id).await;
            if out.status() != Some(&ChangeStatus::Failed)
                || out.failure_code().map(|c| c.as_str()) != Some("CLIENT_ERROR")
            {
                return Err(format!(
                    "expected FAILED/CLIENT_ERROR, got {:?}",
                    out.status()
                ));
            }
            let relative = case
                .path
                .map(|p| p.trim_start_matches(&format!("/ChangeSet/{i}")).to_string())
                .unwrap_or_default();
            let errors = change_errors(&out);
            if errors
                .iter()
                .any(|(j, code, msg)| *j == i && code == case.code && msg.contains(&relative))
            {
                Ok(())
            } else {
                Err(format!("ErrorDetailList: {errors:?}"))
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_rule_fails_a_broken_real_change_set_on_the_server() {
    let h = crate::support::catalog::corpus_emulator(timings()).await;
    let catalog = catalog_client(&h);
    let agreements = agreement_client(&h);
    let all = cases::cases();
    let mut runs = tokio::task::JoinSet::new();
    for (n, case) in all.into_iter().enumerate() {
        let (c, a) = (catalog.clone(), agreements.clone());
        runs.spawn(async move {
            let result = run_case(c, a, &case).await;
            (n, case.code, case.file, result)
        });
    }
    let mut failed = Vec::new();
    let mut passed = 0;
    while let Some(joined) = runs.join_next().await {
        let (n, code, file, result) = joined.expect("the case did not panic");
        match result {
            Ok(()) => passed += 1,
            Err(e) => failed.push(format!("case {n} {code} ({file}): {e}")),
        }
    }
    failed.sort();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(passed, cases::cases().len());
}

mod cases;
mod delivery_updates;
mod request_cases;
mod scenarios;
