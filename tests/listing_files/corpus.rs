//! Every change set of the reference corpus (tests/fixtures/corpus) — each creates or updates
//! an entity — applied to the emulator through the SDK (its entities seeded first, as
//! tests/emulator/catalog/corpus.rs does): `mpctl listing pull` of every entity it touched
//! (products and offers, and the resale authorizations, offer sets and solutions whose files
//! are kept for review), then `mpctl listing plan`, yields no change and no difference. Then
//! each product's title, and each offer's or resale authorization's name, first price and
//! (resale authorizations) targeted buyer, is edited in its file and `listing apply` leaves no
//! difference (an edit to an offer set's or solution's file is refused).

use std::collections::BTreeMap;

use aws_sdk_marketplacecatalog::types::ChangeStatus;
use mpctl_emulator::Timings;
use serde_json::{json, Value};

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

/// Whether listing files plan edits to this entity type (products, offers, resale
/// authorizations).
fn planned(entity_type: &str) -> bool {
    let name = entity_type.split('@').next().unwrap_or_default();
    name == "Offer" || name == "ResaleAuthorization" || name.ends_with("Product")
}

/// The first `"Price"` string under `v`, raised by one cent.
fn raise_a_price(v: &mut Value) -> bool {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(p)) = m.get("Price") {
                if let Ok(x) = p.parse::<f64>() {
                    m.insert("Price".into(), Value::String(format!("{:.2}", x + 0.01)));
                    return true;
                }
            }
            m.values_mut().any(raise_a_price)
        }
        Value::Array(a) => a.iter_mut().any(raise_a_price),
        _ => false,
    }
}

/// A product's title, or an offer's name and a price, edited in its file: apply succeeds and
/// leaves no difference.
fn edit_and_apply(p: &Project, server: &Server, dir: &str, id: &str, entity_type: &str, rel: &str) {
    let path = format!("{dir}/{id}.json");
    let mut doc: Value = serde_json::from_str(&p.read(&path)).expect("json");
    let details = &mut doc["DetailsDocument"];
    if entity_type.starts_with("Offer@") || entity_type.starts_with("ResaleAuthorization@") {
        details["Name"] = Value::String(format!("Renamed {id}"));
        raise_a_price(&mut details["Terms"]);
        // A resale authorization's buyer: the entity lists `{"AwsAccountId": …}` objects.
        for t in details["Terms"].as_array_mut().into_iter().flatten() {
            if t["Type"] == "BuyerTargetingTerm" {
                t["PositiveTargeting"]["BuyerAccounts"] = json!([{"AwsAccountId": "999988887777"}]);
            }
        }
    } else {
        details["Description"]["ProductTitle"] = Value::String(format!("Retitled {id}"));
    }
    p.write(&path, &serde_json::to_string_pretty(&doc).expect("json"));
    let only = [path.as_str()];
    let out = p
        .mpctl(
            &server.url(),
            &[&["listing", "apply"][..], &only, &["--output", "json"]].concat(),
        )
        .output();
    assert_eq!(out.code(), 0, "{rel}: {id}: {}", out.stderr());
    let applied = out.json();
    assert_eq!(applied["status"], "SUCCEEDED", "{rel}: {applied:#}");
    assert_eq!(applied["after"]["count"], 0, "{rel}: {applied:#}");
}

/// An edited file of an entity whose edits listing files do not plan: exit 2, nothing sent.
fn refuse_an_edit(p: &Project, server: &Server, dir: &str, id: &str, entity_type: &str) {
    let path = format!("{dir}/{id}.json");
    let mut doc: Value = serde_json::from_str(&p.read(&path)).expect("json");
    doc["DetailsDocument"]["Name"] = Value::String("Edited in a file".into());
    p.write(&path, &serde_json::to_string_pretty(&doc).expect("json"));
    let starts = server.count("StartChangeSet");
    let out = p
        .mpctl(&server.url(), &["listing", "apply", "--dir", dir])
        .output();
    assert_eq!(out.code(), 2, "{}", out.stderr());
    let why = format!("resale authorizations only, not {entity_type}");
    assert!(out.stderr().contains(&why), "{}", out.stderr());
    assert_eq!(server.count("StartChangeSet"), starts);
}

#[test]
fn every_corpus_entity_pulled_then_planned_needs_no_change_and_edits_apply() {
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
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, (rel, touched)) in results.iter().enumerate() {
        assert!(!touched.is_empty(), "{rel} touched no entity");
        for (_, t) in touched {
            *kinds
                .entry(if planned(t) { "planned" } else { "kept" })
                .or_insert(0) += 1;
        }
        let dir = format!("corpus/{n}");
        let mut pull = vec!["listing", "pull", "--dir", &dir];
        pull.extend(touched.iter().map(|(id, _)| id.as_str()));
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
        assert_eq!(
            plan["diff"]["entities"].as_array().map(Vec::len),
            Some(touched.len())
        );
        assert_eq!(plan["request"], Value::Null, "{rel}: {plan:#}");
        if let Some((id, t)) = touched.iter().find(|(_, t)| !planned(t)) {
            refuse_an_edit(&p, &server, &dir, id, t);
        }
        for (id, t) in touched.iter().filter(|(_, t)| planned(t)) {
            edit_and_apply(&p, &server, &dir, id, t, rel);
        }
    }
    eprintln!("listing files: 78 corpus change sets pulled then planned to no change: {kinds:?}");
    // 63 products and offers and 17 resale authorizations (whose edits plan), 12 offer sets and
    // solutions (kept for review).
    assert_eq!(kinds, BTreeMap::from([("kept", 12), ("planned", 80)]));
}
