//! An AMI product's listing file: regions and instance types are sets (edited by adding and
//! restricting; the `Restrict` lists AWS derives are not compared), and a dimension's
//! description, which no AMI change type sets, is refused at its position.

use serde_json::{json, Value};

use super::{listing, read_file, write_file};
use crate::support::catalog::run_ok;
use crate::support::catalog_client;
use crate::support::project::Project;
use crate::support::server::Server;

/// A Limited AMI product with two regions, two instance types and a dimension.
fn ami_product(server: &Server) -> String {
    let catalog = catalog_client(server.handle());
    let entity = json!({"Type": "AmiProduct@1.0", "Identifier": "$p.Entity.Identifier"});
    let changes = [
        json!({"ChangeType": "CreateProduct", "ChangeName": "p", "Entity": {"Type": "AmiProduct@1.0"},
               "DetailsDocument": {"ProductTitle": "AMI listing"}}),
        json!({"ChangeType": "AddRegions", "Entity": entity,
               "DetailsDocument": {"Regions": ["us-east-1", "eu-west-1"]}}),
        json!({"ChangeType": "AddInstanceTypes", "Entity": entity,
               "DetailsDocument": {"InstanceTypes": ["t3.micro", "m5.large"]}}),
        json!({"ChangeType": "AddDimensions", "Entity": entity, "DetailsDocument": [
            {"Key": "t3.micro", "Name": "t3.micro", "Description": "t3.micro", "Unit": "Hrs", "Types": ["Metered"]}]}),
    ];
    server.block_on(run_ok(&catalog, &changes)).remove(0)
}

#[test]
fn regions_and_instance_types_are_added_and_restricted_as_sets() {
    let server = Server::fast();
    let p = Project::new();
    let product = ami_product(&server);
    listing(&p, &server, &["pull", &product]);
    let mut doc = read_file(&p, &product);
    let details = &mut doc["DetailsDocument"];
    details["RegionAvailability"]["Regions"] = json!(["us-west-2", "us-east-1"]);
    details["Compatibility"]["AvailableInstanceTypes"] = json!(["m5.large"]);
    details["Description"]["ProductTitle"] = json!("AMI listing, edited");
    write_file(&p, &product, &doc);

    let plan = listing(&p, &server, &["plan"]);
    let changes = plan["request"]["ChangeSet"]
        .as_array()
        .expect("changes")
        .clone();
    let got: Vec<(&str, &Value)> = changes
        .iter()
        .map(|c| {
            (
                c["ChangeType"].as_str().unwrap_or_default(),
                &c["DetailsDocument"],
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "UpdateInformation",
                &json!({"ProductTitle": "AMI listing, edited"})
            ),
            ("AddRegions", &json!({"Regions": ["us-west-2"]})),
            ("RestrictRegions", &json!({"Regions": ["eu-west-1"]})),
            (
                "RestrictInstanceTypes",
                &json!({"InstanceTypes": ["t3.micro"]})
            ),
        ]
    );
    let applied = listing(&p, &server, &["apply"]);
    assert_eq!(applied["status"], "SUCCEEDED", "{applied:#}");
    assert_eq!(applied["after"]["count"], 0, "{applied:#}");

    // A dimension's description: AMI products have no UpdateDimensions.
    let mut doc = read_file(&p, &product);
    doc["DetailsDocument"]["Dimensions"][0]["Description"] = json!("small");
    write_file(&p, &product, &doc);
    let diff = listing(&p, &server, &["diff"]);
    assert_eq!(
        diff["entities"][0]["differences"][0]["change_types"],
        json!([]),
        "{diff:#}"
    );
    let out = p.mpctl(&server.url(), &["listing", "plan"]).output();
    assert_eq!(out.code(), 2, "{}", out.stderr());
    assert!(
        out.stderr()
            .contains("Dimensions[t3.micro:Metered].Description")
            && out
                .stderr()
                .contains("no AmiProduct@1.0 change type sets it"),
        "{}",
        out.stderr()
    );
}
