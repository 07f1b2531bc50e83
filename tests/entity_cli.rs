//! `mpctl entity describe` (one id → DescribeEntity, several → BatchDescribeEntities) and
//! `mpctl entity list` (all pages, --private, --filter, --sort) against a served emulator.

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

fn json_of(project: &Project, url: &str, args: &[&str], code: i32) -> Value {
    let mut a = args.to_vec();
    a.extend(["--output", "json"]);
    project.mpctl(url, &a).output().expect_code(code).json()
}

#[test]
fn describe_one_and_many_and_list_with_filters() {
    let server = Server::fast();
    let url = server.url();
    let project = Project::new();
    for step in ["publish-product", "create-offer"] {
        project.mpctl(&url, &[step]).output().expect_code(0);
    }
    let state = project.state();
    let product = state["PRODUCT_ID"].as_str().unwrap().to_string();
    let offer = state["OFFER_ID"].as_str().unwrap().to_string();
    let public = state["PUBLIC_OFFER_ID"].as_str().unwrap().to_string();

    let one = json_of(&project, &url, &["entity", "describe", &product], 0);
    assert_eq!(
        one["entity"]["entity_type"]
            .as_str()
            .map(|t| t.starts_with("SaaSProduct")),
        Some(true)
    );
    assert!(one["entity"]["details_document"].is_object(), "{one:#}");
    let ops = server.operations();
    assert!(ops.iter().any(|o| o == "DescribeEntity"), "{ops:?}");

    let many = json_of(&project, &url, &["entity", "describe", &product, &offer], 0);
    let ids: Vec<&str> = many["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [product.as_str(), offer.as_str()]);
    assert!(server
        .operations()
        .iter()
        .any(|o| o == "BatchDescribeEntities"));

    // An unknown id among several: the others are shown, the error listed, exit 1.
    let partial = json_of(
        &project,
        &url,
        &["entity", "describe", &product, "offer-doesnotexist1"],
        1,
    );
    assert_eq!(partial["items"].as_array().map(Vec::len), Some(1));
    assert!(
        partial["errors"][0]["entity_id"] == "offer-doesnotexist1"
            && partial["errors"][0]["error_code"].is_string(),
        "{partial:#}"
    );
    // One unknown id: AWS's error, exit 1.
    let done = project
        .mpctl(&url, &["entity", "describe", "prod-doesnotexist1"])
        .output()
        .expect_code(1);
    assert!(
        done.stderr().contains("DescribeEntity failed"),
        "{}",
        done.stderr()
    );

    let list = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["entity", "list"];
        a.extend_from_slice(args);
        json_of(&project, &url, &a, 0)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["entity_id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut all = list(&["Offer"]);
    all.sort();
    let mut expected = vec![offer.clone(), public.clone()];
    expected.sort();
    assert_eq!(all, expected);
    assert_eq!(list(&["Offer", "--private"]), [offer.as_str()]);
    assert_eq!(list(&["SaaSProduct"]), [product.as_str()]);
    assert_eq!(
        list(&["Offer", "--filter", &format!("EntityId={public}")]),
        [public.as_str()]
    );
    assert_eq!(
        list(&["Offer", "--filter", "EntityId=offer-doesnotexist1"]),
        Vec::<String>::new()
    );
    let asc = list(&["Offer", "--sort", "EntityId:ASC"]);
    let desc = list(&["Offer", "--sort", "EntityId:DESC"]);
    let mut reversed = desc.clone();
    reversed.reverse();
    assert_eq!(asc, reversed);

    // Bad flags are bad input, nothing sent.
    let before = server.operations().len();
    project
        .mpctl(&url, &["entity", "list", "SaaSProduct", "--private"])
        .output()
        .expect_code(2);
    project
        .mpctl(&url, &["entity", "list", "Offer", "--filter", "nonsense"])
        .output()
        .expect_code(2);
    project
        .mpctl(
            &url,
            &["entity", "list", "Offer", "--sort", "Name:SIDEWAYS"],
        )
        .output()
        .expect_code(2);
    assert_eq!(server.operations().len(), before);
}
