//! The six-step workflow through the built binary against the emulator: run-all, step by step,
//! exit codes 0/2/3/4, JSON output, and idempotent resumes after interruptions.

use mpctl_emulator::Timings;
use serde_json::json;

use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn run_all_completes_every_step_and_prints_the_resources() {
    let server = Server::fast();
    let project = Project::new();
    let done = project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    let out = done.stdout();
    for resource in [
        "Product",
        "Private offer",
        "Opportunity",
        "Agreement",
        "Stage",
    ] {
        assert!(out.contains(resource), "table lacks {resource}:\n{out}");
    }
    let state = project.state();
    for key in [
        "PRODUCT_ID",
        "OFFER_ID",
        "OFFER_ARN",
        "OPPORTUNITY_ID",
        "SOLUTION_ID",
        "AGREEMENT_ID",
    ] {
        assert!(state[key].is_string(), "state lacks {key}: {state}");
    }
    assert_eq!(state["OPPORTUNITY_STAGE"], "Committed");
    assert_eq!(state["OPPORTUNITY_REVIEW_STATUS"], "Approved");
    assert!(
        crate::support::project::nothing_in_flight(&state),
        "nothing left pending: {state}"
    );
    assert_eq!(server.counts(), (1, 1, 1));

    // The opportunity really is Committed, with the offer and solution attached.
    let partner = crate::support::partner_client(server.handle());
    let opp = server.block_on(
        partner
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(state["OPPORTUNITY_ID"].as_str().unwrap())
            .send(),
    );
    let opp = opp.expect("opportunity exists");
    let lc = opp.life_cycle().expect("lifecycle");
    assert_eq!(lc.stage().map(|s| s.as_str()), Some("Committed"));
    assert_eq!(lc.review_status().map(|s| s.as_str()), Some("Approved"));
    let related = opp.related_entity_identifiers().expect("related entities");
    assert_eq!(
        related.aws_marketplace_offers(),
        [state["OFFER_ARN"].as_str().unwrap().to_string()]
    );
    assert_eq!(
        related.solutions(),
        [state["SOLUTION_ID"].as_str().unwrap().to_string()]
    );
}

#[test]
fn a_second_run_all_makes_no_request_at_all() {
    let server = Server::fast();
    let project = Project::new();
    project
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    let before = server.operations().len();
    let state = project.read("shared_env.json");
    let done = project
        .mpctl(&server.url(), &["run-all", "--output", "json"])
        .output()
        .expect_code(0);
    assert_eq!(server.operations()[before..], [] as [String; 0]);
    assert_eq!(project.read("shared_env.json"), state);
    let doc = done.json();
    let statuses: Vec<&str> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, vec!["skipped"; 6]);
}

#[test]
fn each_step_as_its_own_process_with_json_output() {
    let server = Server::fast();
    let project = Project::new();
    let url = server.url();
    let step = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--output", "json"]);
        project.mpctl(&url, &all).output().expect_code(0).json()
    };
    let p = step(&["publish-product"]);
    assert_eq!(p["ok"], true);
    assert_eq!(p["step"]["status"], "done");
    assert!(p["step"]["product_id"]
        .as_str()
        .unwrap()
        .starts_with("prod-"));
    let o = step(&["create-offer"]);
    assert!(o["step"]["offer_arn"]
        .as_str()
        .unwrap()
        .contains(":AWSMarketplace/Offer/offer-"));
    let c = step(&["create-opportunity"]);
    assert_eq!(c["step"]["review_status"], "Approved");
    step(&["associate-offer"]);
    let a = step(&["search-agreement", "--wait"]);
    assert!(a["step"]["agreement_id"]
        .as_str()
        .unwrap()
        .starts_with("agmt-"));
    let m = step(&["commit"]);
    assert_eq!(m["step"]["stage"], "Committed");
    let s = step(&["status"]);
    let rows = s["items"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["id"].is_string()), "{s}");
    // publish-product is skipped once PRODUCT_ID is saved: no second StartChangeSet.
    let starts = server
        .operations()
        .iter()
        .filter(|o| *o == "StartChangeSet")
        .count();
    assert_eq!(step(&["publish-product"])["step"]["status"], "skipped");
    assert_eq!(
        server
            .operations()
            .iter()
            .filter(|o| *o == "StartChangeSet")
            .count(),
        starts
    );
}

#[test]
fn a_state_file_holding_only_product_id_reuses_that_product() {
    let server = Server::fast();
    let first = Project::new();
    first
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let product = first.state()["PRODUCT_ID"].clone();
    let second = Project::new();
    second.write(
        "shared_env.json",
        &json!({"PRODUCT_ID": product}).to_string(),
    );
    second
        .mpctl(&server.url(), &["run-all"])
        .output()
        .expect_code(0);
    assert_eq!(second.state()["PRODUCT_ID"], product);
    assert_eq!(server.counts().0, 1, "no second product");
}

#[test]
fn a_failed_change_set_exits_3_with_each_change_error() {
    let server = Server::fast();
    let project = Project::new();
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    // The offer prices a dimension the product does not have: only the service can know.
    let offer = project
        .read("changesets/private-offer.json")
        .replace("\"WorkloadLarge\"", "\"WorkloadHuge\"");
    project.write("changesets/private-offer.json", &offer);
    let done = project
        .mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(3);
    let err = done.stderr();
    assert!(err.contains("FAILED"), "{err}");
    assert!(
        err.contains("UNKNOWN_DIMENSION") && err.contains("WorkloadHuge"),
        "{err}"
    );
    let state = project.state();
    assert!(
        state.get("OFFER_ID").is_none() && state.get("OFFER_CHANGESET_ID").is_none(),
        "{state}"
    );
    // After the fix, a new change set succeeds.
    project.write(
        "changesets/private-offer.json",
        &offer.replace("\"WorkloadHuge\"", "\"WorkloadLarge\""),
    );
    project
        .mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(0);
}

#[test]
fn waiting_for_the_agreement_times_out_with_exit_4_and_the_resume_command() {
    let server = Server::start(Timings {
        accept_seconds: 3600.0,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    for step in ["publish-product", "create-offer"] {
        project
            .mpctl(&server.url(), &[step])
            .output()
            .expect_code(0);
    }
    let done = project
        .mpctl(
            &server.url(),
            &[
                "search-agreement",
                "--wait",
                "--timeout",
                "0.5",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(4);
    assert!(
        done.stderr()
            .contains("search-agreement --wait --output json --endpoint-url"),
        "{}",
        done.stderr()
    );
    assert_eq!(done.json()["error"]["exit_code"], 4);
    let pending = project
        .mpctl(&server.url(), &["search-agreement", "--output", "json"])
        .output()
        .expect_code(0);
    assert_eq!(pending.json()["step"]["status"], "pending");
}

#[test]
fn production_catalog_writes_need_yes() {
    let project = Project::new();
    let done = project
        .mpctl(
            "https://marketplace.example.com",
            &["run-all", "--catalog", "AWS"],
        )
        .output()
        .expect_code(2);
    assert!(done.stderr().contains("--yes"), "{}", done.stderr());
}

#[test]
fn a_failed_engagement_task_exits_3_with_its_reason() {
    let server = Server::fast();
    let project = Project::new();
    let short = project.read("changesets/opportunity.json").replace(
        "The customer needs a managed data catalog across 40 accounts without running servers.",
        "Too short.",
    );
    project.write("changesets/opportunity.json", &short);
    let done = project
        .mpctl(&server.url(), &["create-opportunity"])
        .output()
        .expect_code(3);
    assert!(
        done.stderr().contains("OpportunityValidationFailed"),
        "{}",
        done.stderr()
    );
    assert!(
        done.stderr().contains("CustomerBusinessProblem"),
        "{}",
        done.stderr()
    );
    let state = project.state();
    assert!(
        state["OPPORTUNITY_ID"].is_string() && state.get("ENGAGEMENT_ID").is_none(),
        "{state}"
    );
}
