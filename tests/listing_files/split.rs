//! A plan of more than 20 changes (21 products retitled) is split into change sets of at most
//! 20, each validated; `--plan` shows them all and sends nothing; `apply` starts the second only
//! after the first succeeded, and then nothing differs.

use serde_json::{json, Value};

use super::{listing, read_file, write_file};
use crate::support::catalog::{describe, run_ok};
use crate::support::catalog_client;
use crate::support::project::Project;
use crate::support::server::Server;

/// 21 SaaS products (two change sets: AWS takes at most 20 changes in one).
fn products(server: &Server) -> Vec<String> {
    let catalog = catalog_client(server.handle());
    let create = |i: usize| {
        json!({"ChangeType": "CreateProduct", "ChangeName": format!("p{}", char::from(b'a' + i as u8)),
               "Entity": {"Type": "SaaSProduct@1.0"},
               "DetailsDocument": {"ProductTitle": format!("Product {i}")}})
    };
    let mut ids = Vec::new();
    for range in [0..20, 20..21] {
        let changes: Vec<Value> = range.map(create).collect();
        ids.extend(server.block_on(run_ok(&catalog, &changes)));
    }
    ids
}

#[test]
fn twenty_one_changes_are_applied_as_two_change_sets_one_after_the_other() {
    let server = Server::fast();
    let p = Project::new();
    let ids = products(&server);
    assert_eq!(ids.len(), 21);
    let mut args = vec!["pull"];
    args.extend(ids.iter().map(String::as_str));
    listing(&p, &server, &args);
    for id in &ids {
        let mut doc = read_file(&p, id);
        doc["DetailsDocument"]["Description"]["ProductTitle"] = json!(format!("{id} retitled"));
        write_file(&p, id, &doc);
    }

    let plan = listing(&p, &server, &["plan"]);
    let requests = plan["requests"].as_array().expect("requests").clone();
    let sizes: Vec<usize> = requests
        .iter()
        .map(|r| r["ChangeSet"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [20, 1], "{plan:#}");
    assert_eq!(plan["changes"].as_array().map(Vec::len), Some(21));
    assert_eq!(requests[1]["ChangeSetName"], "mpctl listing apply 2 of 2");
    for r in &requests {
        let problems = mpctl_changeset::validate(r, &mpctl_changeset::ValidateOptions::sending());
        assert!(problems.is_empty(), "{problems:?}");
    }

    let starts = server.count("StartChangeSet");
    let shown = p
        .mpctl(
            &server.url(),
            &["listing", "apply", "--plan", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let bodies: Vec<&Value> = shown["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| &i["body"])
        .collect();
    assert_eq!(bodies.len(), 2, "{shown:#}");
    assert_eq!(bodies[0]["ChangeSet"], requests[0]["ChangeSet"]);
    assert_eq!(bodies[1]["ChangeSet"], requests[1]["ChangeSet"]);
    assert_eq!(
        server.count("StartChangeSet"),
        starts,
        "--plan sends nothing"
    );

    let applied = listing(&p, &server, &["apply"]);
    assert_eq!(applied["status"], "SUCCEEDED", "{applied:#}");
    assert_eq!(applied["after"]["count"], 0, "{applied:#}");
    assert_eq!(server.count("StartChangeSet"), starts + 2);
    let sets: Vec<String> = applied["changeset_ids"]
        .as_array()
        .expect("changeset_ids")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(sets.len(), 2, "{applied:#}");
    let catalog = catalog_client(server.handle());
    let first = server.block_on(describe(&catalog, &sets[0]));
    let second = server.block_on(describe(&catalog, &sets[1]));
    assert!(
        first.end_time().unwrap() <= second.start_time().unwrap(),
        "the second started only after the first ended: {:?} / {:?}",
        first.end_time(),
        second.start_time()
    );
    assert_eq!(listing(&p, &server, &["diff"])["count"], 0);
}
