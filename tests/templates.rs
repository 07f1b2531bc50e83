//! The embedded template library: `changeset templates` lists every template with its
//! variables, each renders and validates with sample values, and each succeeds against a
//! served emulator through `changeset start --wait` (after the workflow created the product,
//! private offer and agreement the update templates refer to).

use serde_json::{json, Value};

use crate::support::project::Project;
use crate::support::server::Server;

/// Values for the required variables (arrays come from config.json `variables`).
fn sample_config(project: &Project) {
    project.write_config(json!({"variables": {
        "AMI_ID": "ami-0123456789abcdef0",
        "AMI_ACCESS_ROLE_ARN": "arn:aws:iam::123456789012:role/AWSMarketplaceAmiIngestion",
        "RESELLER_ACCOUNT_ID": "999988887777",
        "REFUND_POLICY": "Full refund within 30 days.",
        "COUNTRY_CODES": ["US", "FR"],
        "AVAILABILITY_END_DATE": (chrono::Utc::now().date_naive() + chrono::Days::new(1)).format("%Y-%m-%d").to_string(),
    }}));
}

fn changeset_templates(project: &Project) -> Vec<Value> {
    let doc = project
        .mpctl(
            "http://127.0.0.1:9",
            &["changeset", "templates", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    doc["items"]
        .as_array()
        .expect("templates")
        .iter()
        .filter(|t| t["changeset"] == true)
        .cloned()
        .collect()
}

#[test]
fn templates_lists_the_library_with_variable_sources() {
    let project = Project::new();
    let all = changeset_templates(&project);
    let names: Vec<&str> = all.iter().map(|t| t["name"].as_str().unwrap()).collect();
    for expected in [
        "saas-product",
        "ami-product",
        "container-product",
        "private-offer",
        "offer-contract",
        "offer-contract-consumption",
        "offer-usage",
        "offer-free-trial",
        "offer-replacement",
        "offer-availability",
        "offer-expire",
        "offer-eula",
        "offer-refund-policy",
        "offer-targeting",
        "resale-authorization",
        "cppo",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let cppo = all.iter().find(|t| t["name"] == "cppo").unwrap();
    let vars = cppo["variables"].as_array().unwrap();
    assert!(vars.contains(&json!({"name": "RESALE_AUTHORIZATION_ID", "source": "required"})));
    assert!(vars.contains(&json!({"name": "BUYER_IDS", "source": "buyer_ids.txt"})));
    assert!(vars.contains(&json!({"name": "EXPIRY_DATE", "source": "built-in"})));
    let text = project
        .mpctl("http://127.0.0.1:9", &["changeset", "templates"])
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.contains("@cppo") && text.contains("RESALE_AUTHORIZATION_ID*"),
        "{text}"
    );
}

#[test]
fn every_file_in_changesets_is_embedded() {
    let project = Project::new();
    let doc = project
        .mpctl(
            "http://127.0.0.1:9",
            &["changeset", "templates", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let mut embedded: Vec<String> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["file"].as_str().unwrap().to_string())
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("changesets");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("changesets/")
        .map(|e| format!("changesets/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    embedded.sort();
    on_disk.sort();
    assert_eq!(embedded, on_disk);
}

#[test]
fn every_template_validates_with_sample_values_outside_the_repo() {
    // A project without changesets/: the templates come from the binary.
    let project = Project::new();
    std::fs::remove_dir_all(project.path("changesets")).expect("rm changesets");
    sample_config(&project);
    let samples = [
        "PRODUCT_ID=prod-abcdefghijk12",
        "OFFER_ID=offer-abcdefghijk12",
        "AGREEMENT_ID=agmt-abcdefghijk1234567890123",
        "RESALE_AUTHORIZATION_ID=resaleauthz-abcdefghijk12",
    ];
    for t in changeset_templates(&project) {
        let name = format!("@{}", t["name"].as_str().unwrap());
        // Only the variables this template uses: any other --var is a typo to mpctl.
        let uses = |v: &&&str| {
            let var = v.split('=').next().unwrap_or_default();
            t["variables"]
                .as_array()
                .is_some_and(|vs| vs.iter().any(|x| x["name"] == var))
        };
        let mut args = vec!["changeset", "validate", &name, "--output", "json"];
        for v in samples.iter().filter(uses) {
            args.extend(["--var", v]);
        }
        let done = project.mpctl("http://127.0.0.1:9", &args).output();
        let doc = done.json();
        assert_eq!(done.code(), 0, "{name}: {doc:#}");
        assert_eq!(doc["warnings"], 0, "{name}: {doc:#}");
    }
}

fn start(project: &Project, url: &str, template: &str, vars: &[String]) -> Value {
    let mut args = vec!["changeset", "start", template, "--wait", "--output", "json"];
    for v in vars {
        args.push("--var");
        args.push(v);
    }
    let done = project.mpctl(url, &args).output();
    assert_eq!(
        done.code(),
        0,
        "{template}\n--- stdout\n{}\n--- stderr\n{}",
        done.stdout(),
        done.stderr()
    );
    done.json()
}

/// The id the change of `change_type` created or touched.
fn entity_of(doc: &Value, change_type: &str) -> String {
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["change_type"] == change_type)
        .and_then(|c| c["entity"]["identifier"].as_str())
        .unwrap_or_else(|| panic!("no {change_type} in {doc:#}"))
        .split('@')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn every_template_succeeds_against_the_emulator() {
    let server = Server::fast();
    let url = server.url();
    let project = Project::new();
    sample_config(&project);
    // The workflow creates the product, the private offer and (buyers accept) the agreement.
    for step in ["publish-product", "create-offer"] {
        project.mpctl(&url, &[step]).output().expect_code(0);
    }
    project
        .mpctl(&url, &["search-agreement", "--wait"])
        .output()
        .expect_code(0);
    let state = project.state();
    assert!(state["AGREEMENT_ID"].is_string(), "{state:#}");
    // Contract-only pricing needs a product without metered dimensions (AWS and the emulator
    // fail it otherwise): the library's SaaS product minus its metered dimensions and usage term.
    let mut contract_product: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("changesets/saas-product.json"),
        )
        .expect("saas-product.json"),
    )
    .expect("json");
    for c in contract_product["ChangeSet"].as_array_mut().unwrap() {
        let doc = &mut c["DetailsDocument"];
        if let Some(dims) = doc.as_array_mut() {
            dims.retain(|d| d["Types"] == json!(["Entitled"]));
        }
        if let Some(terms) = doc.get_mut("Terms").and_then(Value::as_array_mut) {
            terms.retain(|t| t["Type"] != "UsageBasedPricingTerm");
        }
    }
    contract_product["ChangeSetName"] = json!("contract-only SaaS product");
    project.write("contract-product.json", &contract_product.to_string());
    let contract = start(&project, &url, "contract-product.json", &[]);
    let contract_id = entity_of(&contract, "CreateProduct");
    let doc = start(
        &project,
        &url,
        "@offer-contract",
        &[format!("PRODUCT_ID={contract_id}")],
    );
    assert_eq!(doc["status"], "SUCCEEDED");
    let mut ran = vec!["offer-contract"];
    let mut failures = Vec::new();
    for name in [
        "saas-product",
        "ami-product",
        "container-product",
        "private-offer",
        "proserv-offer",
        "offer-contract-consumption",
        "offer-usage",
        "offer-free-trial",
        "offer-replacement",
        "offer-availability",
        "offer-eula",
        "offer-refund-policy",
        "offer-targeting",
    ] {
        let done = project
            .mpctl(&url, &["changeset", "start", &format!("@{name}"), "--wait"])
            .output();
        if done.code() != 0 {
            failures.push(format!("@{name}: exit {}\n{}", done.code(), done.stderr()));
        }
        ran.push(name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The update templates left their mark on the workflow's private offer.
    let offer = state["OFFER_ID"].as_str().unwrap();
    let entity = project
        .mpctl(&url, &["entity", "describe", offer, "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    let details = &entity["entity"]["details_document"];
    assert!(
        details.to_string().contains("Full refund within 30 days."),
        "refund policy not applied: {details:#}"
    );
    // Resale authorization, then a CPPO from it.
    let resale = start(
        &project,
        &url,
        "@resale-authorization",
        &[format!("PRODUCT_ID={contract_id}")],
    );
    let resale_id = entity_of(&resale, "CreateResaleAuthorization");
    let done = project
        .mpctl(
            &url,
            &[
                "changeset",
                "start",
                "@cppo",
                "--wait",
                "--var",
                &format!("RESALE_AUTHORIZATION_ID={resale_id}"),
            ],
        )
        .output();
    assert_eq!(done.code(), 0, "@cppo: {}", done.stderr());
    // Last: expire the private offer.
    start(&project, &url, "@offer-expire", &[]);
    ran.extend(["resale-authorization", "cppo", "offer-expire"]);
    assert_eq!(ran.len(), changeset_templates(&project).len());
}
