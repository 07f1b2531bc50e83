//! A delivery option's content edited in a listing file: a SaaS product's fulfillment URL, an
//! AMI delivery's usage instructions and security group with its version's release notes, and a
//! container delivery's description are each one difference, planned as `UpdateDeliveryOptions`
//! (validated), applied, and then nothing differs; two AMI versions edited are two changes of
//! one delivery option each (AWS's AMI shape takes one) in two change sets (AWS applies a change
//! type once per entity and set).

use serde_json::{json, Value};

use super::{listing, paths, read_file, write_file};
use crate::support::catalog::run_ok;
use crate::support::catalog_client;
use crate::support::project::Project;
use crate::support::server::Server;

/// Creates a product of type `ty` with one delivery option added by `delivery`.
fn product(server: &Server, ty: &str, delivery: Value) -> String {
    let catalog = catalog_client(server.handle());
    let entity = json!({"Type": ty, "Identifier": "$p.Entity.Identifier"});
    let changes = [
        json!({"ChangeType": "CreateProduct", "ChangeName": "p", "Entity": {"Type": ty},
               "DetailsDocument": {"ProductTitle": "Delivery listing"}}),
        json!({"ChangeType": "AddDeliveryOptions", "Entity": entity, "DetailsDocument": delivery}),
    ];
    server.block_on(run_ok(&catalog, &changes)).remove(0)
}

/// Pulls `id`, lets `edit` change its first version, checks the diff's paths are `expected`,
/// and returns the planned changes after checking them with the validator, apply, and an
/// empty diff.
fn edit_loop(
    p: &Project,
    server: &Server,
    id: &str,
    edit: impl Fn(&mut Value),
    expected: &[&str],
) -> Vec<Value> {
    listing(p, server, &["pull", id]);
    let mut doc = read_file(p, id);
    edit(&mut doc["DetailsDocument"]["Versions"][0]);
    write_file(p, id, &doc);
    let diff = listing(p, server, &["diff"]);
    let mut got = paths(&diff);
    got.sort();
    let version = doc["DetailsDocument"]["Versions"][0]["Id"]
        .as_str()
        .unwrap();
    let option = doc["DetailsDocument"]["Versions"][0]["DeliveryOptions"][0]["Id"]
        .as_str()
        .unwrap();
    let want: Vec<String> = expected
        .iter()
        .map(|e| e.replace("{v}", version).replace("{o}", option))
        .collect();
    assert_eq!(got, want, "{diff:#}");

    let plan = listing(p, server, &["plan"]);
    let request = &plan["request"];
    let problems = mpctl_changeset::validate(request, &mpctl_changeset::ValidateOptions::sending());
    assert!(problems.is_empty(), "{problems:?}");
    let changes = request["ChangeSet"].as_array().expect("changes").clone();

    let applied = listing(p, server, &["apply"]);
    assert_eq!(applied["status"], "SUCCEEDED", "{applied:#}");
    assert_eq!(applied["after"]["count"], 0, "{applied:#}");
    assert_eq!(listing(p, server, &["diff"])["count"], 0);
    changes
}

#[test]
fn a_saas_fulfillment_url_edited_in_the_file_reaches_aws() {
    let server = Server::fast();
    let p = Project::new();
    let id = product(
        &server,
        "SaaSProduct@1.0",
        json!({"DeliveryOptions": [{"Details": {"SaaSUrlDeliveryOptionDetails": {
            "FulfillmentUrl": "https://example.com/register"}}}]}),
    );
    let changes = edit_loop(
        &p,
        &server,
        &id,
        |v| v["DeliveryOptions"][0]["FulfillmentUrl"] = json!("https://example.com/register-v2"),
        &["Versions[{v}].DeliveryOptions[{o}].FulfillmentUrl"],
    );
    let option =
        read_file(&p, &id)["DetailsDocument"]["Versions"][0]["DeliveryOptions"][0]["Id"].clone();
    assert_eq!(
        changes,
        [json!({"ChangeType": "UpdateDeliveryOptions",
                "Entity": {"Type": "SaaSProduct@1.0", "Identifier": id},
                "DetailsDocument": {"DeliveryOptions": [{"Id": option, "Details": {
                    "SaaSUrlDeliveryOptionDetails": {"FulfillmentUrl": "https://example.com/register-v2"}}}]}})]
    );
}

#[test]
fn an_ami_delivery_and_release_notes_edited_in_the_file_reach_aws() {
    let server = Server::fast();
    let p = Project::new();
    let id = product(&server, "AmiProduct@1.0", ami_delivery("1.0"));
    let changes = edit_loop(
        &p,
        &server,
        &id,
        |v| {
            v["ReleaseNotes"] = json!("Patched");
            let o = &mut v["DeliveryOptions"][0];
            o["Instructions"]["Usage"] = json!("ssh in, then open :8443");
            o["Recommendations"]["SecurityGroups"][0]["ToPort"] = json!(8443);
        },
        &[
            "Versions[{v}].DeliveryOptions[{o}].Instructions.Usage",
            "Versions[{v}].DeliveryOptions[{o}].Recommendations.SecurityGroups[0].ToPort",
            "Versions[{v}].ReleaseNotes",
        ],
    );
    let types: Vec<&str> = changes
        .iter()
        .filter_map(|c| c["ChangeType"].as_str())
        .collect();
    assert_eq!(types, ["UpdateDeliveryOptions"]);
    let d = &changes[0]["DetailsDocument"];
    assert_eq!(d["Version"], json!({"ReleaseNotes": "Patched"}));
    let ami = &d["DeliveryOptions"][0]["Details"]["AmiDeliveryOptionDetails"];
    assert_eq!(ami["UsageInstructions"], "ssh in, then open :8443");
    assert_eq!(
        ami["SecurityGroups"],
        json!([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 8443, "IpRanges": ["0.0.0.0/0"]}])
    );
}

/// The AMI delivery of the tests, in a version titled `title`.
fn ami_delivery(title: &str) -> Value {
    json!({"Version": {"VersionTitle": title, "ReleaseNotes": "First"},
           "DeliveryOptions": [{"Details": {"AmiDeliveryOptionDetails": {
               "AmiSource": {"AmiId": "ami-11111111111111111",
                   "AccessRoleArn": "arn:aws:iam::111111111111:role/AWSMarketplaceAmiIngestion",
                   "UserName": "ec2-user", "OperatingSystemName": "AMAZONLINUX",
                   "OperatingSystemVersion": "2023", "ScanningPort": 22},
               "UsageInstructions": "ssh in", "RecommendedInstanceType": "t3.micro",
               "SecurityGroups": [{"IpProtocol": "tcp", "IpRanges": ["0.0.0.0/0"], "FromPort": 22, "ToPort": 22}]}}}]})
}

#[test]
fn two_ami_versions_edited_are_two_change_sets_of_one_option_each() {
    let server = Server::fast();
    let p = Project::new();
    let id = product(&server, "AmiProduct@1.0", ami_delivery("1.0"));
    let catalog = catalog_client(server.handle());
    server.block_on(run_ok(
        &catalog,
        &[json!({"ChangeType": "AddDeliveryOptions",
                 "Entity": {"Type": "AmiProduct@1.0", "Identifier": id},
                 "DetailsDocument": ami_delivery("2.0")})],
    ));
    listing(&p, &server, &["pull", &id]);
    let mut doc = read_file(&p, &id);
    let versions = doc["DetailsDocument"]["Versions"].as_array_mut().unwrap();
    assert_eq!(versions.len(), 2);
    versions[0]["ReleaseNotes"] = json!("Notes of the first");
    versions[1]["DeliveryOptions"][0]["Recommendations"]["InstanceType"] = json!("m5.large");
    write_file(&p, &id, &doc);
    let plan = listing(&p, &server, &["plan"]);
    let requests = plan["requests"].as_array().unwrap().clone();
    assert_eq!(requests.len(), 2, "one change set each: {plan:#}");
    for r in &requests {
        let problems = mpctl_changeset::validate(r, &mpctl_changeset::ValidateOptions::sending());
        assert!(problems.is_empty(), "{problems:?}");
    }
    let changes: Vec<Value> = requests
        .iter()
        .flat_map(|r| r["ChangeSet"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(changes.len(), 2, "{plan:#}");
    assert_eq!(
        changes[0]["DetailsDocument"]["Version"],
        json!({"ReleaseNotes": "Notes of the first"})
    );
    assert_eq!(changes[1]["DetailsDocument"]["Version"], Value::Null);
    let applied = listing(&p, &server, &["apply"]);
    assert_eq!(applied["after"]["count"], 0, "{applied:#}");
    assert_eq!(applied["changeset_ids"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_container_delivery_description_edited_in_the_file_reaches_aws() {
    let server = Server::fast();
    let p = Project::new();
    let id = product(
        &server,
        "ContainerProduct@1.0",
        json!({"Version": {"VersionTitle": "1.0", "ReleaseNotes": "First"},
               "DeliveryOptions": [{"DeliveryOptionTitle": "ECS", "Details": {"EcrDeliveryOptionDetails": {
                   "Description": "Runs on ECS", "UsageInstructions": "docker run",
                   "ContainerImages": ["709825985650.dkr.ecr.us-east-1.amazonaws.com/seller/app:1.0"],
                   "CompatibleServices": ["ECS"]}}}]}),
    );
    let changes = edit_loop(
        &p,
        &server,
        &id,
        |v| v["DeliveryOptions"][0]["ShortDescription"] = json!("Runs on ECS and EKS"),
        &["Versions[{v}].DeliveryOptions[{o}].ShortDescription"],
    );
    assert_eq!(
        changes[0]["DetailsDocument"]["DeliveryOptions"][0]["Details"],
        json!({"EcrDeliveryOptionDetails": {"Description": "Runs on ECS and EKS"}})
    );
}
