//! Every reference change set (tests/fixtures/corpus) against the emulator through the real
//! aws-sdk-marketplacecatalog client: the entities each file refers to are created first, the
//! set runs to SUCCEEDED, and DescribeEntity shows the effect of every change, in documents that
//! fit the published entity schemas.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use mpctl_emulator::Timings;
use serde_json::{json, Value};

use crate::support::catalog::{
    change_errors, corpus_files, corpus_vars, entity, entity_ids, finish, render, start_request,
    NOT_A_CHANGE_SET,
};
use crate::support::effects::{schema_problems, visible, Context};
use crate::support::seed::{dimensions_needed, product_type_for, Seeder};
use crate::support::{agreement_client, catalog_client};

/// Quicker than the default fixture: the corpus runs a few hundred change sets.
fn corpus_timings() -> Timings {
    Timings {
        changeset_seconds: 0.05,
        task_seconds: 0.05,
        accept_seconds: 0.05,
        review_seconds: 3600.0,
    }
}

/// Replaces `$Name.Entity.Identifier` strings with the ids the named changes applied to.
fn resolve(value: &Value, names: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => match mpctl_changeset::reference_name(s) {
            Some(name) => names.get(name).map(|id| json!(id)).unwrap_or(value.clone()),
            None => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(v, names)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), resolve(v, names)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// Seeds, runs and checks one file; returns how many changes were verified.
async fn run_file(
    catalog: crate::support::CatalogClient,
    agreements: aws_sdk_marketplaceagreement::Client,
    rel: String,
    mut request: Value,
) -> Result<usize, String> {
    render(&mut request, &corpus_vars());
    let product_type = product_type_for(&rel);
    let mut seeder = Seeder {
        catalog: catalog.clone(),
        agreements,
        dimensions: dimensions_needed(&request, &product_type),
        product_type,
        ids: BTreeMap::new(),
        agreement_facts: BTreeMap::new(),
        main_product: None,
    };
    let request = seeder.substitute(&request).await;
    let id = start_request(&catalog, &request).await?;
    let out = finish(&catalog, &id).await;
    if out.status() != Some(&ChangeStatus::Succeeded) {
        return Err(format!(
            "{:?}: {:?} {:?}",
            out.status(),
            out.failure_description(),
            change_errors(&out)
        ));
    }
    let ids = entity_ids(&out);
    let changes = request["ChangeSet"].as_array().cloned().unwrap_or_default();
    let names: BTreeMap<String, String> = changes
        .iter()
        .zip(&ids)
        .filter_map(|(c, id)| Some((c["ChangeName"].as_str()?.to_string(), id.clone())))
        .collect();
    let mut documents: BTreeMap<String, Value> = BTreeMap::new();
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        let details = resolve(
            &mpctl_changeset::details_of(c).unwrap_or(Value::Null),
            &names,
        );
        let mut wanted = vec![ids[i].clone()];
        wanted.extend(
            details["ResaleAuthorizationId"]
                .as_str()
                .map(str::to_string),
        );
        for e in wanted {
            if let Entry::Vacant(slot) = documents.entry(e.clone()) {
                let (ty, doc) = entity(&catalog, &e).await;
                types.insert(e, ty);
                slot.insert(doc);
            }
        }
        let ctx = Context {
            documents: &documents,
            agreements: &seeder.agreement_facts,
        };
        visible(c, &details, &documents[&ids[i]], &ctx).map_err(|e| {
            format!(
                "change {i} ({}): {e}\n{:#}",
                c["ChangeType"], documents[&ids[i]]
            )
        })?;
    }
    for (e, doc) in &documents {
        let problems = schema_problems(&types[e], doc);
        if !problems.is_empty() {
            return Err(format!(
                "{e} ({}) does not fit its schema: {problems:?}",
                types[e]
            ));
        }
    }
    Ok(changes.len())
}

#[test]
fn the_schema_check_catches_foreign_and_mistyped_members() {
    assert_eq!(
        schema_problems("Offer@1.0", &json!({"Id": "offer-1", "State": "Draft"})),
        Vec::<String>::new()
    );
    let problems = schema_problems(
        "Offer@1.0",
        &json!({"Id": "offer-1", "PricingModel": "Contract", "Rules": [{"Type": 3}]}),
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("UNKNOWN_FIELD /PricingModel")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("SCHEMA /Rules/0/Type")),
        "{problems:?}"
    );
}

/// The effect checks cannot pass vacuously: on an entity the change never touched (an empty
/// document, or for Disassociate* one still associated) every corpus change's check fails.
#[test]
fn every_effect_check_fails_when_the_effect_is_missing() {
    let agreement = ("444455556666".to_string(), "prod-seeded".to_string());
    let agreements = BTreeMap::from([("agmt-1111111111111111111111111".to_string(), agreement)]);
    let documents = BTreeMap::new();
    let ctx = Context {
        documents: &documents,
        agreements: &agreements,
    };
    let mut checked = 0;
    for (rel, mut request) in corpus_files() {
        if rel == NOT_A_CHANGE_SET {
            continue;
        }
        render(&mut request, &corpus_vars());
        for c in request["ChangeSet"].as_array().unwrap() {
            let details = mpctl_changeset::details_of(c).unwrap_or(Value::Null);
            let untouched = match c["ChangeType"].as_str() {
                Some("DisassociateOffers") => json!({"Offers": details["Offers"]}),
                Some("DisassociateSolution") => json!({"SolutionId": details["SolutionId"]}),
                _ => json!({}),
            };
            assert!(
                visible(c, &details, &untouched, &ctx).is_err(),
                "{rel}: the {} check passes on an untouched entity",
                c["ChangeType"]
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 366);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_reference_change_set_succeeds_and_its_effect_is_visible() {
    let h = crate::support::catalog::corpus_emulator(corpus_timings()).await;
    let catalog = catalog_client(&h);
    let agreements = agreement_client(&h);
    let mut runs = tokio::task::JoinSet::new();
    let mut skipped = Vec::new();
    for (rel, request) in corpus_files() {
        if rel == NOT_A_CHANGE_SET {
            skipped.push(format!(
                "{rel}: a ListEntities request (ChangeType ListEntities), not a change set"
            ));
            continue;
        }
        let (c, a) = (catalog.clone(), agreements.clone());
        runs.spawn(async move {
            let result = run_file(c, a, rel.clone(), request).await;
            (rel, result)
        });
    }
    let mut passed = BTreeMap::new();
    let mut failed = BTreeMap::new();
    while let Some(joined) = runs.join_next().await {
        let (rel, result) = joined.expect("the run did not panic");
        match result {
            Ok(n) => {
                passed.insert(rel, n);
            }
            Err(e) => {
                failed.insert(rel, e);
            }
        }
    }
    let changes: usize = passed.values().sum();
    eprintln!(
        "corpus: {} files / {changes} changes SUCCEEDED with visible effects; {} failed; skipped: {skipped:?}",
        passed.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(passed.len(), 78, "every change set in the corpus ran");
    assert_eq!(skipped.len(), 1);
}
