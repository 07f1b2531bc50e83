//! `mpctl entity policy get|put|delete ENTITY` through the built binary against a served
//! emulator: a policy from a file lands on the entity's ARN (named by id or ARN) and reads
//! back, text and JSON; delete removes it; a file that is not JSON is exit 2 with its
//! file:line:col before any request; a write to AWS without `--yes` is refused.

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "aws-marketplace:DescribeEntity", "Resource": "*"}]}"#;

fn json_of(p: &Project, url: &str, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["--output", "json"]);
    p.mpctl(url, &a).output().expect_code(0).json()
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
fn put_get_and_delete_round_trip_by_id_and_by_arn() {
    let server = Server::fast();
    let p = Project::new();
    let url = server.url();
    let id = product(&server, &p);
    let none = json_of(&p, &url, &["entity", "policy", "get", &id]);
    assert_eq!(none["policy"], Value::Null, "{none:#}");
    let arn = none["resource_arn"].as_str().expect("arn").to_string();
    assert!(arn.ends_with(&format!("/SaaSProduct/{id}")), "{arn}");
    let text = p
        .mpctl(&url, &["entity", "policy", "get", &id])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("has no resource policy"), "{text}");

    p.write("policy.json", POLICY);
    let put = json_of(
        &p,
        &url,
        &["entity", "policy", "put", &arn, "--file", "policy.json"],
    );
    assert_eq!(put["entity_id"], id.as_str());
    assert_eq!(put["policy"]["Version"], "2012-10-17", "{put:#}");
    let sent = server.handle().requests();
    let req = sent
        .iter()
        .rfind(|r| r.operation == "PutResourcePolicy")
        .expect("sent");
    assert_eq!(req.body.as_ref().unwrap()["ResourceArn"], arn.as_str());
    let text = p
        .mpctl(&url, &["entity", "policy", "get", &id])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("\"Statement\""), "{text}");

    let gone = json_of(&p, &url, &["entity", "policy", "delete", &id]);
    assert_eq!(gone["policy"], Value::Null, "{gone:#}");
    // Nothing left to delete: the service's answer, exit 1.
    let again = p.mpctl(&url, &["entity", "policy", "delete", &id]).output();
    assert_eq!(again.code(), 1, "{}", again.stderr());
    assert!(again.stderr().contains("ResourceNotFoundException"));
}

#[test]
fn a_policy_file_that_is_not_json_is_refused_with_its_position() {
    let server = Server::fast();
    let p = Project::new();
    p.write(
        "bad.json",
        "{\n  \"Version\": \"2012-10-17\",\n  Statement\n}\n",
    );
    let done = p
        .mpctl(
            &server.url(),
            &["entity", "policy", "put", "prod-abc", "--file", "bad.json"],
        )
        .output()
        .expect_code(2);
    assert!(done.stderr().contains("bad.json:3:3:"), "{}", done.stderr());
    assert!(done.stderr().contains("nothing was sent"));
    let bad_id = p
        .mpctl(&server.url(), &["entity", "policy", "get", "product-abc"])
        .output()
        .expect_code(2);
    assert!(bad_id.stderr().contains("nothing was sent"));
    assert!(server.handle().requests().is_empty());
}

#[test]
fn a_policy_write_for_aws_without_yes_or_a_terminal_is_refused_before_any_request() {
    let p = Project::new();
    p.write("policy.json", POLICY);
    let done = p
        .mpctl(
            "https://marketplace.example.com",
            &["entity", "policy", "delete", "prod-abc"],
        )
        .output()
        .expect_code(2);
    assert!(done.stderr().contains("--yes"), "{}", done.stderr());
}
