//! `mpctl entity tag|untag|tags ID` through the built binary against a served emulator: the
//! tags land on the entity's ARN (read with DescribeEntity) and read back, text and JSON; bad
//! ids and tags are exit 2 before any request; a write to AWS without `--yes` or a terminal is
//! refused before its first request.

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

fn json_of(p: &Project, url: &str, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--output", "json"]);
    p.mpctl(url, &a).output().expect_code(0).json()
}

fn pairs(doc: &Value) -> Vec<(String, String)> {
    let items = doc["items"].as_array().expect("items");
    let pair = |t: &Value| (t["key"].to_string(), t["value"].to_string());
    let mut out: Vec<(String, String)> = items.iter().map(pair).collect();
    for (k, v) in &mut out {
        *k = k.trim_matches('"').to_string();
        *v = v.trim_matches('"').to_string();
    }
    out
}

fn product(server: &Server, p: &Project) -> String {
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    p.state()["PRODUCT_ID"]
        .as_str()
        .expect("product")
        .to_string()
}

#[test]
fn tag_untag_and_tags_round_trip_on_a_product() {
    let server = Server::fast();
    let p = Project::new();
    let url = server.url();
    let id = product(&server, &p);
    let none = json_of(&p, &url, &["entity", "tags", &id]);
    assert_eq!(none["count"], 0, "{none:#}");
    assert_eq!(none["entity_id"], id.as_str());
    let arn = none["resource_arn"].as_str().expect("arn").to_string();
    assert!(arn.ends_with(&format!("/SaaSProduct/{id}")), "{arn}");

    let tagged = json_of(&p, &url, &["entity", "tag", &id, "team=billing", "env="]);
    let want = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(pairs(&tagged), want(&[("env", ""), ("team", "billing")]));
    let sent = server.handle().requests();
    let tag = sent
        .iter()
        .rfind(|r| r.operation == "TagResource")
        .expect("sent");
    assert_eq!(tag.body.as_ref().unwrap()["ResourceArn"], arn.as_str());

    let text = p
        .mpctl(&url, &["entity", "tags", &id])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("team  billing"), "{text}");

    let untagged = json_of(&p, &url, &["entity", "untag", &id, "env"]);
    assert_eq!(pairs(&untagged), want(&[("team", "billing")]));
    let listed = json_of(&p, &url, &["entity", "tags", &id]);
    assert_eq!(pairs(&listed), want(&[("team", "billing")]));
}

#[test]
fn bad_ids_and_tags_are_refused_before_any_request() {
    let server = Server::fast();
    let p = Project::new();
    let url = server.url();
    for args in [
        &["entity", "tags", "product-abc"][..],
        &["entity", "tag", "prod-abc", "novalue"],
        &["entity", "tag", "prod-abc", "k=1", "k=2"],
        &["entity", "untag", "arn:aws:aws-marketplace:x", "k"],
    ] {
        let done = p.mpctl(&url, args).output().expect_code(2);
        assert!(done.stderr().contains("nothing was sent"), "{args:?}");
    }
    assert!(server.handle().requests().is_empty());
    // An id of the right shape that does not exist: the service's answer, exit 1.
    let missing = p
        .mpctl(&url, &["entity", "tags", "prod-doesnotexist1"])
        .output();
    assert_eq!(missing.code(), 1, "{}", missing.stderr());
    assert!(missing.stderr().contains("ResourceNotFoundException"));
}

#[test]
fn a_tag_for_aws_without_yes_or_a_terminal_is_refused_before_any_request() {
    let p = Project::new();
    // Not on this machine, so mpctl treats it as AWS; the refusal comes before connecting.
    let done = p
        .mpctl(
            "https://marketplace.example.com",
            &["entity", "tag", "prod-abc", "team=billing"],
        )
        .output()
        .expect_code(2);
    assert!(done.stderr().contains("--yes"), "{}", done.stderr());
}
