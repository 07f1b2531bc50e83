//! Setup (idempotent, then torn down, absent parts counted as such), tail (text and one JSON
//! object per line, deleting what it printed), and input checks that send nothing.

use serde_json::Value;

use super::{seller_events, set_up};
use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn setup_twice_is_one_setup_and_teardown_twice_finds_it_gone() {
    let server = Server::fast();
    let project = Project::new();
    let first = set_up(&server, &project);
    let second = set_up(&server, &project);
    assert_eq!(first, second);
    assert_eq!(server.count("CreateQueue"), 2);
    let url = server.url();
    let down = |p: &Project| {
        p.mpctl(&url, &["events", "teardown", "--output", "json"])
            .output()
            .expect_code(0)
            .json()
    };
    let gone = down(&project);
    assert_eq!(
        (&gone["target"], &gone["rule"], &gone["queue"]),
        (&"removed".into(), &"removed".into(), &"removed".into())
    );
    let again = down(&project);
    assert_eq!(again["target"], "absent");
    assert_eq!(again["queue"], "absent");
}

#[test]
fn tail_prints_one_json_object_per_event_and_consumes_them() {
    let server = Server::fast();
    let project = Project::new();
    set_up(&server, &project);
    let client = crate::support::partner_client(server.handle());
    let id = server.block_on(crate::support::partner::create_referral(&client, "Initech"));
    let expected = seller_events(&server);
    let url = server.url();
    let tail = |args: &[&str]| {
        let mut all = vec!["events", "tail", "--idle", "2"];
        all.extend(args);
        project.mpctl(&url, &all).output().expect_code(0).stdout()
    };
    let out = tail(&["--output", "json"]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), expected, "{out}");
    assert!(lines
        .iter()
        .all(|e| e["detail-type"].is_string() && e["id"].is_string()));
    assert!(lines
        .iter()
        .any(|e| e["detail"]["opportunity"]["identifier"] == id.as_str()));
    assert_eq!(tail(&[]), "", "tail deleted what it printed");

    // Text: one line per event, naming its type and ids.
    server.block_on(crate::support::partner::create_referral(&client, "Hooli"));
    let text = tail(&["--limit", "1"]);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("Opportunity Created") || text.contains("Engagement Invitation"));
}

#[test]
fn a_bad_pattern_or_name_is_refused_before_any_request() {
    let server = Server::fast();
    let project = Project::new();
    let url = server.url();
    let bad = project
        .mpctl(&url, &["events", "setup", "--pattern", "{\"source\": [1,"])
        .output()
        .expect_code(2);
    assert!(bad.stderr().contains("--pattern:1:"), "{}", bad.stderr());
    project.write("pattern.json", "{\n  \"source\": \n}\n");
    let file = project
        .mpctl(&url, &["events", "setup", "--pattern", "@pattern.json"])
        .output()
        .expect_code(2);
    assert!(
        file.stderr().contains("pattern.json:3:"),
        "{}",
        file.stderr()
    );
    project
        .mpctl(&url, &["events", "setup", "--name", "two words"])
        .output()
        .expect_code(2);
    assert!(server.handle().requests().is_empty());
}
