//! `mpctl init [DIR]`: writes a starter project without overwriting anything, and
//! `mpctl run-all --local` works in it.

use crate::support::project::mpctl_in;

fn mpctl(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    mpctl_in(dir, args).without_aws_files().output().out
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn init_writes_a_project_keeps_existing_files_and_run_all_works() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("seller");
    std::fs::create_dir_all(&dir).expect("dir");
    // A file the user already has must survive untouched.
    let mine = "# my buyer\n123456789012\n";
    std::fs::write(dir.join("buyer_ids.txt"), mine).expect("write");
    let doc = json(&mpctl(tmp.path(), &["init", "seller", "--output", "json"]));
    let written: Vec<&str> = doc["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(doc["kept"], serde_json::json!(["buyer_ids.txt"]));
    for f in [
        "config.json",
        "shared_env.json",
        "changesets/saas-product.json",
        "changesets/private-offer.json",
        "changesets/opportunity.json",
        "changesets/cppo.json",
    ] {
        assert!(written.contains(&f), "{f} not in {written:?}");
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("buyer_ids.txt")).unwrap(),
        mine
    );
    // The run state and lock files stay out of git.
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).expect(".gitignore");
    let ignored: Vec<&str> = ignore.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        ignored.contains(&"shared_env.json")
            && ignored.contains(&"*.lock")
            && ignored.contains(&"*.journal"),
        "{ignore}"
    );
    // A second init writes nothing.
    let edited = "{\"catalog\": \"Sandbox\", \"offer_name\": \"mine\"}";
    std::fs::write(dir.join("config.json"), edited).expect("edit");
    let again = json(&mpctl(tmp.path(), &["init", "seller", "--output", "json"]));
    assert_eq!(again["written"], serde_json::json!([]));
    assert_eq!(
        std::fs::read_to_string(dir.join("config.json")).unwrap(),
        edited
    );
    // The starter project runs end to end against the in-process emulator.
    let run = json(&mpctl(&dir, &["run-all", "--local", "--output", "json"]));
    let resources = run["resources"].as_array().expect("resources");
    assert!(resources.iter().all(|r| r["id"].is_string()), "{run:#}");
}

#[test]
fn init_in_the_current_directory_validates_its_own_templates() {
    let tmp = tempfile::tempdir().expect("tmp");
    json(&mpctl(tmp.path(), &["init", "--output", "json"]));
    let out = mpctl(
        tmp.path(),
        &[
            "changeset",
            "validate",
            "changesets/saas-product.json",
            "changesets/private-offer.json",
            "--var",
            "PRODUCT_ID=prod-abcdefghijk12",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
