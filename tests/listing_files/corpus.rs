//! Every change set of the reference corpus (tests/fixtures/corpus) that creates or updates a
//! product or an offer, applied to the emulator through the SDK (its entities seeded first,
//! as tests/emulator/catalog/corpus.rs does): `mpctl listing pull` of every product and offer
//! it touched, then `mpctl listing plan`, yields no change and no difference. Resale
//! authorizations, offer sets and solutions have no listing files (they are listed as such).

use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use mpctl_emulator::Timings;
use serde_json::Value;

use crate::support::catalog::{
    change_errors, corpus_files, corpus_vars, finish, render, start_request, NOT_A_CHANGE_SET,
};
use crate::support::project::Project;
use crate::support::seed::{dimensions_needed, product_type_for, Seeder};
use crate::support::server::Server;
use crate::support::{catalog_client, CatalogClient};

/// Seeds and runs one file; the `(id, entity type)` of every entity its changes touched.
async fn run_file(
    catalog: CatalogClient,
    agreements: aws_sdk_marketplaceagreement::Client,
    rel: String,
    mut request: Value,
) -> Result<Vec<(String, String)>, String> {
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
        return Err(format!("{:?}: {:?}", out.status(), change_errors(&out)));
    }
    let mut touched: Vec<(String, String)> = Vec::new();
    for c in out.change_set() {
        let Some(e) = c.entity() else { continue };
        let id = e
            .identifier()
            .unwrap_or_default()
            .split('@')
            .next()
            .unwrap_or_default();
        let pair = (id.to_string(), e.r#type().to_string());
        if !touched.contains(&pair) {
            touched.push(pair);
        }
    }
    Ok(touched)
}

fn listing_entity(entity_type: &str) -> bool {
    let name = entity_type.split('@').next().unwrap_or_default();
    name == "Offer" || name.ends_with("Product")
}

#[test]
fn every_corpus_entity_pulled_then_planned_needs_no_change() {
    let server = Server::with_options(mpctl_emulator::Options {
        timings: Timings {
            changeset_seconds: 0.05,
            task_seconds: 0.05,
            accept_seconds: 0.05,
            review_seconds: 3600.0,
        },
        start_time: "2022-12-01T00:00:00Z".parse().ok(),
        ..mpctl_emulator::Options::default()
    });
    let (catalog, agreements) = (
        catalog_client(server.handle()),
        crate::support::agreement_client(server.handle()),
    );
    let files: Vec<(String, Value)> = corpus_files()
        .into_iter()
        .filter(|(rel, _)| rel != NOT_A_CHANGE_SET)
        .collect();
    let results = server.block_on(async {
        let mut runs = tokio::task::JoinSet::new();
        for (rel, request) in files {
            let (c, a) = (catalog.clone(), agreements.clone());
            runs.spawn(async move { (rel.clone(), run_file(c, a, rel, request).await) });
        }
        let mut out = BTreeMap::new();
        while let Some(joined) = runs.join_next().await {
            let (rel, result) = joined.expect("the run did not panic");
            out.insert(
                rel,
                result.unwrap_or_else(|e| panic!("corpus run failed: {e}")),
            );
        }
        out
    });
    assert_eq!(results.len(), 78, "every change set of the corpus ran");

    let p = Project::new();
    let (mut checked_files, mut entities, mut others) = (0, 0, BTreeMap::new());
    for (n, (rel, touched)) in results.iter().enumerate() {
        let ids: Vec<&str> = touched
            .iter()
            .filter(|(_, t)| listing_entity(t))
            .map(|(id, _)| id.as_str())
            .collect();
        for (_, t) in touched.iter().filter(|(_, t)| !listing_entity(t)) {
            *others.entry(t.clone()).or_insert(0) += 1;
        }
        if ids.is_empty() {
            continue;
        }
        let dir = format!("corpus/{n}");
        let mut pull = vec!["listing", "pull", "--dir", &dir];
        pull.extend(&ids);
        p.mpctl(&server.url(), &pull).output().expect_code(0);
        let plan = p
            .mpctl(
                &server.url(),
                &["listing", "plan", "--dir", &dir, "--output", "json"],
            )
            .output();
        assert_eq!(plan.code(), 0, "{rel}: {}", plan.stderr());
        let plan = plan.json();
        assert_eq!(plan["diff"]["count"], 0, "{rel}: {plan:#}");
        assert_eq!(plan["request"], Value::Null, "{rel}: {plan:#}");
        checked_files += 1;
        entities += ids.len();
    }
    eprintln!(
        "listing files: {checked_files} corpus change sets, {entities} products and offers pulled then planned to no change; without listing files: {others:?}"
    );
    // 49 of the 78 sets touch a product or an offer (63 entities); the other 29 only resale
    // authorizations, offer sets and solutions.
    assert_eq!((checked_files, entities), (49, 63));
}
