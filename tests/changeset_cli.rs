//! `mpctl changeset …` through the built binary: validate (the whole corpus, syntax errors,
//! unresolved variables, rule errors with paths), render (deterministic request with its
//! token), and start / wait / describe / list / cancel against a served emulator.

use serde_json::{json, Value};

use crate::support::catalog::{corpus_dir, corpus_paths};
use crate::support::project::{mpctl_in, Project};
use crate::support::server::Server;
use mpctl_emulator::Timings;

/// The corpus file AWS passes to ListEntities, not StartChangeSet.
const LIST_SOLUTIONS: &str = "multi_product_solutions/solutions/list_solutions/changeset.json";

/// Values for the two corpus files that carry `{{VARS}}` (arrays need config.json variables).
fn corpus_config(project: &Project) {
    project.write_config(json!({"variables": {
        "PRODUCT_ID": "prod-1111111111111",
        "CONTRACT_DURATION_DAYS": "P365D",
        "RATE_CARDS": [{"DimensionKey": "metered_1_id", "Price": "0.9"}]
    }}));
}

#[test]
fn validate_accepts_every_reference_change_set() {
    let project = Project::new();
    corpus_config(&project);
    let files: Vec<String> = corpus_paths()
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|f| !f.ends_with(LIST_SOLUTIONS))
        .collect();
    assert_eq!(files.len(), 78);
    let mut args = vec!["changeset", "validate", "--output", "json"];
    args.extend(files.iter().map(String::as_str));
    let done = project.offline(&args).expect_code(0);
    let doc = done.json();
    assert_eq!(doc["errors"], 0, "{doc:#}");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(78));
    // Old sample dates are past: warnings only, and they do not fail the run.
    assert!(doc["warnings"].as_u64().unwrap_or(0) > 0);
    for f in doc["files"].as_array().into_iter().flatten() {
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            assert_eq!(d["code"], "PAST_DATE", "{f:#}");
        }
    }
}

#[test]
fn the_list_entities_sample_is_not_a_change_set() {
    let project = Project::new();
    let file = corpus_dir().join(LIST_SOLUTIONS);
    let done = project
        .offline(&["changeset", "validate", &file.to_string_lossy()])
        .expect_code(2);
    assert!(
        done.stdout().contains("/ChangeSet/0/ChangeType"),
        "{}",
        done.stdout()
    );
}

#[test]
fn syntax_errors_name_line_and_column_and_exit_2() {
    let project = Project::new();
    project.write(
        "broken.json",
        "{\n  \"Catalog\": \"AWSMarketplace\",\n  \"ChangeSet\": [,]\n}\n",
    );
    let done = project
        .offline(&["changeset", "validate", "broken.json", "--output", "json"])
        .expect_code(2);
    let doc = done.json();
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "INVALID_JSON");
    assert!(
        d["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("line 3 column"),
        "{d}"
    );
    assert!(
        done.stderr().contains("nothing was sent"),
        "{}",
        done.stderr()
    );
}

#[test]
fn unresolved_variables_and_rule_errors_name_file_path_and_fix() {
    let project = Project::new();
    let request = json!({"Catalog": "AWSMarketplace", "ChangeSet": [
        {"ChangeType": "UpdateTargeting", "Entity": {"Type": "Offer@1.0", "Identifier": "{{MY_OFFER}}"},
         "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": ["11112222333"]}}}]});
    project.write("bad.json", &request.to_string());
    let done = project
        .offline(&["changeset", "validate", "bad.json"])
        .expect_code(2);
    let out = done.stdout();
    assert!(
        out.contains("bad.json: error: /ChangeSet/0/Entity/Identifier"),
        "{out}"
    );
    assert!(
        out.contains("MY_OFFER") && out.contains("--var MY_OFFER="),
        "{out}"
    );
    assert!(
        out.contains("/ChangeSet/0/DetailsDocument/PositiveTargeting/BuyerAccounts/0"),
        "{out}"
    );
    // Supplying the variable leaves only the buyer id error.
    let done = project
        .offline(&[
            "changeset",
            "validate",
            "bad.json",
            "--var",
            "MY_OFFER=offer-abc",
            "--output",
            "json",
        ])
        .expect_code(2);
    let doc = done.json();
    let codes: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["INVALID_BUYER_ID"], "{doc:#}");
    // A missing file is reported like any other problem.
    let done = project
        .offline(&["changeset", "validate", "nope.json", "@nope"])
        .expect_code(2);
    assert!(
        done.stdout().contains("nope.json: error: cannot read"),
        "{}",
        done.stdout()
    );
    assert!(
        done.stdout().contains("no library template named '@nope'"),
        "{}",
        done.stdout()
    );
}

#[test]
fn render_is_deterministic_and_shows_the_request_start_sends() {
    let project = Project::new();
    project.write(
        "offer.json",
        &json!({"ChangeSet": [{"ChangeType": "UpdateInformation",
            "Entity": {"Type": "Offer@1.0", "Identifier": "{{OFFER_ID}}"},
            "DetailsDocument": {"Name": "{{OFFER_NAME}}"}}]})
        .to_string(),
    );
    let render = |extra: &[&str]| {
        let mut args = vec![
            "changeset",
            "render",
            "offer.json",
            "--var",
            "OFFER_ID=offer-abc123",
            "--output",
            "json",
        ];
        args.extend_from_slice(extra);
        project.offline(&args).expect_code(0).json()
    };
    let a = render(&[]);
    assert_eq!(a, render(&[]));
    let a = &a["request"];
    assert_eq!(a["Catalog"], "AWSMarketplace");
    assert_eq!(a["ChangeSet"][0]["Entity"]["Identifier"], "offer-abc123");
    assert_eq!(
        a["ChangeSet"][0]["DetailsDocument"]["Name"],
        "mpctl private offer"
    );
    let token = a["ClientRequestToken"].as_str().expect("token");
    assert_eq!(token.len(), 36);
    let named = &render(&["--name", "rename", "--intent", "validate"])["request"];
    assert_eq!(named["ChangeSetName"], "rename");
    assert_eq!(named["Intent"], "VALIDATE");
    assert_ne!(named["ClientRequestToken"], a["ClientRequestToken"]);
    // Unresolved variables stop render too.
    let done = project
        .offline(&["changeset", "render", "offer.json"])
        .expect_code(2);
    assert!(done.stderr().contains("OFFER_ID"), "{}", done.stderr());
}

#[test]
fn start_validates_first_and_sends_nothing_on_errors() {
    let server = Server::fast();
    let project = Project::new();
    project.write(
        "bad.json",
        &json!({"Catalog": "AWSMarketplace", "ChangeSet": [{"ChangeType": "ReleaseOffer",
            "Entity": {"Type": "Offer@1.0", "Identifier": "offer-abc"}, "DetailsDocument": {},
            "ChangeName": "bad name!"}]})
        .to_string(),
    );
    let done = project
        .mpctl(&server.url(), &["changeset", "start", "bad.json"])
        .output()
        .expect_code(2);
    assert!(
        done.stderr().contains("/ChangeSet/0/ChangeName"),
        "{}",
        done.stderr()
    );
    assert!(server.operations().is_empty(), "{:?}", server.operations());
}

#[test]
fn start_wait_is_idempotent_and_describe_and_list_show_it() {
    let server = Server::fast();
    let project = Project::new();
    let url = server.url();
    let first = project
        .mpctl(
            &url,
            &[
                "changeset",
                "start",
                "@saas-product",
                "--wait",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(first["status"], "SUCCEEDED");
    let id = first["change_set_id"].as_str().expect("id").to_string();
    let product = first["changes"][0]["entity"]["identifier"]
        .as_str()
        .expect("product id")
        .split('@')
        .next()
        .unwrap()
        .to_string();
    // The same command again: same token, same change set, no second product.
    let again = project
        .mpctl(
            &url,
            &["changeset", "start", "@saas-product", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(again["change_set_id"], json!(id));
    assert_eq!(server.counts().0, 1);
    // describe: each change with its (empty) errors.
    let described = project
        .mpctl(&url, &["changeset", "describe", &id, "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(described["changes"].as_array().map(Vec::len), Some(13));
    assert!(described["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["errors"] == json!([])));
    let text = project
        .mpctl(&url, &["changeset", "describe", &id])
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.contains("SUCCEEDED") && text.contains("CreateProduct"),
        "{text}"
    );
    // list with filters.
    let list = |args: &[&str]| -> Value {
        let mut a = vec!["changeset", "list", "--output", "json"];
        a.extend_from_slice(args);
        project.mpctl(&url, &a).output().expect_code(0).json()
    };
    assert_eq!(list(&[])["count"], 1);
    assert_eq!(list(&["--status", "SUCCEEDED"])["count"], 1);
    assert_eq!(list(&["--status", "FAILED"])["count"], 0);
    assert_eq!(list(&["--entity", &product])["count"], 1);
    assert_eq!(list(&["--entity", "prod-doesnotexist1"])["count"], 0);
    assert_eq!(
        list(&["--name", "mpctl publish SaaS product"])["items"][0]["change_set_id"],
        json!(id)
    );
}

#[test]
fn a_failed_set_exits_3_with_each_change_error() {
    let server = Server::fast();
    let project = Project::new();
    let done = project
        .mpctl(
            &server.url(),
            &[
                "changeset",
                "start",
                "@offer-eula",
                "--var",
                "OFFER_ID=offer-doesnotexist1",
                "--wait",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(3);
    let doc = done.json();
    assert_eq!(doc["status"], "FAILED");
    assert_eq!(doc["ok"], false);
    let errors = doc["changes"][0]["errors"].as_array().expect("errors");
    assert!(!errors.is_empty(), "{doc:#}");
    let code = errors[0]["error_code"].as_str().unwrap();
    assert!(done.stderr().contains(code), "{}", done.stderr());
    assert!(done.stderr().contains("ended FAILED"), "{}", done.stderr());
}

#[test]
fn cancel_wait_and_timeout() {
    let server = Server::start(Timings {
        changeset_seconds: 30.0,
        task_seconds: 0.2,
        accept_seconds: 0.3,
        review_seconds: 3600.0,
    });
    let project = Project::new();
    let url = server.url();
    let started = project
        .mpctl(
            &url,
            &["changeset", "start", "@saas-product", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let id = started["change_set_id"].as_str().expect("id").to_string();
    // Still PREPARING: a short wait times out with exit 4.
    let done = project
        .mpctl(&url, &["changeset", "wait", &id, "--timeout", "0.3"])
        .output()
        .expect_code(4);
    // The resume drops the timeout it ran out of (repeated, it would only time out again).
    assert!(
        done.stderr()
            .contains(&format!("changeset wait {id} --endpoint-url {url}`")),
        "{}",
        done.stderr()
    );
    project
        .mpctl(&url, &["changeset", "cancel", &id])
        .output()
        .expect_code(0);
    let done = project
        .mpctl(&url, &["changeset", "wait", &id, "--output", "json"])
        .output()
        .expect_code(3);
    assert_eq!(done.json()["status"], "CANCELLED");
    // Cancelling an ended set is AWS's error, exit 1.
    let done = project
        .mpctl(&url, &["changeset", "cancel", &id])
        .output()
        .expect_code(1);
    assert!(
        done.stderr().contains("CancelChangeSet failed"),
        "{}",
        done.stderr()
    );
}

#[test]
fn intent_validate_checks_and_applies_nothing() {
    let server = Server::fast();
    let project = Project::new();
    let doc = project
        .mpctl(
            &server.url(),
            &[
                "changeset",
                "start",
                "@saas-product",
                "--intent",
                "validate",
                "--wait",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(doc["intent"], "VALIDATE");
    assert_eq!(doc["status"], "SUCCEEDED");
    assert_eq!(server.counts().0, 0, "a VALIDATE set created a product");
}

#[test]
fn start_local_waits_in_one_process_and_list_vars_become_arrays() {
    let project = Project::new();
    let out = mpctl_in(
        project.dir.path(),
        &[
            "changeset",
            "start",
            "@offer-targeting",
            "--local",
            "--wait",
            "--output",
            "json",
            "--var",
            "OFFER_ID=offer-doesnotexist1",
            "--var",
            r#"COUNTRY_CODES=["US","FR"]"#,
        ],
    )
    .without_aws_files()
    .output()
    .out;
    // The list reached the request (validation passed), and the in-process emulator ran the
    // set to its end: FAILED, because that offer does not exist there.
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        doc["changes"][0]["details_document"]["PositiveTargeting"]["CountryCodes"],
        json!(["US", "FR"])
    );
    assert_eq!(doc["status"], "FAILED");
}

#[test]
fn list_commands_read_every_page() {
    let server = Server::fast();
    let url = server.url();
    let project = Project::new();
    project
        .mpctl(&url, &["publish-product"])
        .output()
        .expect_code(0);
    let product = project.state()["PRODUCT_ID"].as_str().unwrap().to_string();
    // 2 × 11 draft offers: with the public offer, 23 offers and 3 change sets…
    let creates: Vec<Value> = (0..11)
        .map(|_| {
            json!({"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"},
                        "DetailsDocument": {"ProductId": product}})
        })
        .collect();
    project.write(
        "drafts.json",
        &json!({"Catalog": "AWSMarketplace", "ChangeSet": creates}).to_string(),
    );
    for name in ["drafts-1", "drafts-2"] {
        project
            .mpctl(
                &url,
                &[
                    "changeset",
                    "start",
                    "drafts.json",
                    "--name",
                    name,
                    "--wait",
                ],
            )
            .output()
            .expect_code(0);
    }
    // …and 20 more change sets (VALIDATE only, on distinct entities): 23 in all.
    for i in 0..20 {
        project
            .mpctl(
                &url,
                &[
                    "changeset",
                    "start",
                    "@offer-eula",
                    "--intent",
                    "validate",
                    "--var",
                    &format!("OFFER_ID=offer-fake{i:08}"),
                ],
            )
            .output()
            .expect_code(0);
    }
    let offers = project
        .mpctl(&url, &["entity", "list", "Offer", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(offers["count"], 23, "ListEntities pages 20 at a time");
    let sets = project
        .mpctl(&url, &["changeset", "list", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(sets["count"], 23, "ListChangeSets pages 20 at a time");
    let ops = server.operations();
    assert!(
        ops.iter().filter(|o| *o == "ListChangeSets").count() >= 2,
        "{ops:?}"
    );
    assert!(
        ops.iter().filter(|o| *o == "ListEntities").count() >= 2,
        "{ops:?}"
    );
}
