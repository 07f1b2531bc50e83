//! The JSON contract (`--output json`): the shipped schemas in `schemas/` are exactly what the
//! result types generate; usage errors are failure documents too; and a tour runs every
//! command against the emulator, checking each document against its shipped schema and for
//! snake_case keys (`support::contract::check`, which every `Done::json` call also runs).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::contract::{self, schema_dir};
use crate::support::project::Project;

/// Set to regenerate `schemas/` from the result types instead of comparing.
const UPDATE: &str = "MPCTL_UPDATE_SCHEMAS";

#[test]
fn shipped_schemas_match_the_result_types() {
    let update = std::env::var_os(UPDATE).is_some();
    let dir = schema_dir();
    let mut stale = Vec::new();
    let mut expected = BTreeSet::new();
    for (stem, schema) in mpctl::commands::schema::all() {
        let file = format!("{stem}.json");
        let text = serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n";
        let path = dir.join(&file);
        if update {
            std::fs::create_dir_all(&dir).expect("create schemas/");
            std::fs::write(&path, &text).expect("write schema");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file.clone());
        }
        expected.insert(file);
    }
    let shipped: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("schemas/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let extra: Vec<&String> = shipped.difference(&expected).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "schemas/ is stale: {stale:?} differ, {extra:?} belong to no command\n  \
         regenerate with: {UPDATE}=1 cargo test --test lib json_contract"
    );
}

/// `mpctl ARGS` offline (nothing listens on port 9).
fn offline(project: &Project, args: &[&str]) -> crate::support::project::Done {
    project.mpctl("http://127.0.0.1:9", args).output()
}

#[test]
fn usage_errors_under_output_json_are_one_failure_document() {
    let project = Project::new();
    let cases: &[&[&str]] = &[
        &["status", "--no-such-flag"],
        &["no-such-command"],
        &["offer", "extend", "offer-abc123"],
        &["offer", "extend", "offer-abc123", "--until", "next week"],
        &["offer", "clone", "offer-abc123", "--until", "2030-02-30"],
        &["agreement", "search", "--ends-before", "soon"],
        &["status", "--catalog", "Prod"],
        &["changeset", "wait"],
        &["--output=json", "entity"],
    ];
    for args in cases {
        let mut all = args.to_vec();
        if !all.contains(&"--output=json") {
            all.extend(["--output", "json"]);
        }
        let done = offline(&project, &all).expect_code(2);
        let doc = done.json();
        assert_eq!(doc["ok"], false, "{args:?}");
        assert_eq!(doc["error"]["kind"], "usage", "{args:?}: {doc:#}");
        assert_eq!(doc["error"]["exit_code"], 2, "{args:?}");
        let message = doc["error"]["message"].as_str().expect("message");
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{doc:#}"
        );
        assert!(
            done.stderr().starts_with("mpctl: error:"),
            "{}",
            done.stderr()
        );
        assert_eq!(contract::schema_errors("error", &doc), Vec::<String>::new());
    }
    // Without --output json a usage error prints nothing on stdout.
    let text = offline(&project, &["status", "--no-such-flag"]).expect_code(2);
    assert_eq!(text.stdout(), "");
    // --help and --version are not errors, whatever --output says.
    for args in [
        &["status", "--help", "--output", "json"][..],
        &["--version"],
    ] {
        let done = offline(&project, args).expect_code(0);
        assert!(done.stdout().contains("mpctl"), "{}", done.stdout());
        assert!(serde_json::from_str::<Value>(&done.stdout()).is_err());
    }
}

#[test]
fn command_failures_carry_kind_message_and_hint() {
    let project = Project::new();
    // Bad input found by mpctl itself (exit 2): the hint gets its own field.
    let done = offline(
        &project,
        &[
            "offer",
            "extend",
            "offer-abc123",
            "--until",
            "2020-01-01",
            "--output",
            "json",
        ],
    )
    .expect_code(2);
    let doc = done.json();
    assert_eq!(doc["error"]["kind"], "bad_input");
    assert!(
        doc["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("offer expire"),
        "{doc:#}"
    );
    assert!(!doc["error"]["message"].as_str().unwrap().contains("hint:"));
    assert!(done.stderr().contains("hint:"), "{}", done.stderr());
    // Any other failure (exit 1): kind failure, the causes joined, no hint.
    project.write("taken", "a file, not a directory");
    let doc = offline(&project, &["init", "taken", "--output", "json"])
        .expect_code(1)
        .json();
    assert_eq!(doc["error"]["kind"], "failure");
    assert_eq!(doc["error"]["exit_code"], 1);
    assert!(
        doc["error"]["message"].as_str().unwrap().contains("taken"),
        "{doc:#}"
    );
}

#[test]
fn snake_case_check_knows_the_pass_through_fields() {
    let doc: Value = serde_json::json!({
        "ok": true,
        "items": [{"entity_id": "e", "details_document": {"Name": "x", "Terms": [{"Type": "t"}]}}],
        "request": {"ChangeSet": []}
    });
    assert!(contract::non_snake_keys(&doc).is_empty());
    let bad =
        serde_json::json!({"ok": true, "items": [{"EntityId": "e", "nested": {"fooBar": 1}}]});
    assert_eq!(
        contract::non_snake_keys(&bad),
        vec![
            "/items/0/EntityId".to_string(),
            "/items/0/nested/fooBar".to_string()
        ]
    );
}
