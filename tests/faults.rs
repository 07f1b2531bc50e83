//! Fault injection: run-all against an emulator that throttles, fails, stalls and drops
//! connections on a seeded 20% of requests must still finish every run with exactly one
//! product, one private offer and one opportunity; quotas throttle at AWS's rates; a
//! SERVER_FAULT change set is started again, a CLIENT_ERROR one is not.

use std::collections::BTreeMap;
use std::time::Duration;

use mpctl_emulator::Options;
use mpctl_emulator::{FaultKind, FaultOptions};
use serde_json::json;

use crate::support::project::Project;
use crate::support::server::Server;
use crate::support::{catalog_client, fast_timings};

/// Retry settings for a faulty emulator: short backoff, and an attempt timeout the `slow`
/// fault (held 2 s) exceeds.
fn retry_config() -> serde_json::Value {
    json!({"retry": {
        "max_attempts": 8,
        "initial_backoff_seconds": 0.05,
        "attempt_timeout_seconds": 1.0,
        "server_fault_retries": 5
    }})
}

fn faulty(rate: f64, seed: u64, kinds: Vec<FaultKind>) -> Server {
    Server::with_options(Options {
        timings: fast_timings(),
        faults: Some(FaultOptions {
            rate,
            seed,
            kinds,
            slow_delay: Duration::from_secs(2),
        }),
        ..Options::default()
    })
}

/// One run-all under faults; returns the faults the emulator injected, by kind.
fn run_all_under_faults(seed: u64) -> BTreeMap<&'static str, usize> {
    let server = faulty(0.2, seed, FaultKind::ALL.to_vec());
    let p = Project::new();
    p.write_config(retry_config());
    let done = p
        .mpctl(&server.url(), &["run-all", "--output", "json"])
        .output();
    assert_eq!(
        done.code(),
        0,
        "seed {seed}: run-all failed\n--- stderr\n{}",
        done.stderr()
    );
    let state = p.state();
    for key in [
        "PRODUCT_ID",
        "OFFER_ID",
        "OPPORTUNITY_ID",
        "AGREEMENT_ID",
        "OPPORTUNITY_STAGE",
    ] {
        assert!(
            state.get(key).is_some(),
            "seed {seed}: {key} missing: {state}"
        );
    }
    assert!(
        crate::support::project::nothing_in_flight(&state),
        "seed {seed}: pending left: {state}"
    );
    let mut injected = BTreeMap::new();
    for r in server.handle().requests() {
        if let Some(f) = r.fault {
            *injected.entry(f).or_insert(0) += 1;
        }
    }
    server.handle().set_faults_enabled(false);
    assert_eq!(server.counts(), (1, 1, 1), "seed {seed}: duplicates");
    injected
}

fn seeds(range: std::ops::RangeInclusive<u64>) -> BTreeMap<&'static str, usize> {
    let mut total = BTreeMap::new();
    for seed in range {
        for (k, n) in run_all_under_faults(seed) {
            *total.entry(k).or_insert(0) += n;
        }
    }
    eprintln!("faults injected: {total:?}");
    total
}

#[test]
fn run_all_survives_faults_seeds_1_to_5() {
    let total = seeds(1..=5);
    assert!(total.values().sum::<usize>() >= 10, "{total:?}");
}

#[test]
fn run_all_survives_faults_seeds_6_to_10() {
    let total = seeds(6..=10);
    assert!(total.values().sum::<usize>() >= 10, "{total:?}");
}

#[test]
fn every_fault_kind_alone_is_survived() {
    // A higher rate of one kind at a time, so each kind is certainly exercised.
    for (i, kind) in FaultKind::ALL.into_iter().enumerate() {
        let server = faulty(0.3, 100 + i as u64, vec![kind]);
        let p = Project::new();
        p.write_config(retry_config());
        let done = p.mpctl(&server.url(), &["run-all"]).output();
        assert_eq!(done.code(), 0, "{kind}: {}", done.stderr());
        let hits = server
            .handle()
            .requests()
            .iter()
            .filter(|r| r.fault == Some(kind.name()))
            .count();
        assert!(hits > 0, "{kind} was never injected");
        server.handle().set_faults_enabled(false);
        assert_eq!(server.counts(), (1, 1, 1), "{kind}: duplicates");
    }
}

#[test]
fn server_fault_change_set_is_started_again_with_the_same_content() {
    let server = faulty(1.0, 7, vec![FaultKind::ServerFault]);
    let p = Project::new();
    p.write_config(json!({"retry": {"server_fault_retries": 2}}));
    // Every StartChangeSet is doomed: two retries, then the step fails with exit 3.
    let done = p
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(3);
    assert!(done.stderr().contains("SERVER_FAULT"), "{}", done.stderr());
    assert_eq!(
        done.stderr().matches("starting it again").count(),
        2,
        "{}",
        done.stderr()
    );
    assert_eq!(server.count("StartChangeSet"), 3);
    // The three sets carried the same changes.
    let catalog = catalog_client(server.handle());
    let sets = server.block_on(async {
        catalog
            .list_change_sets()
            .catalog("AWSMarketplace")
            .send()
            .await
            .expect("list")
    });
    let ids: Vec<String> = sets
        .change_set_summary_list()
        .iter()
        .filter_map(|s| s.change_set_id().map(str::to_string))
        .collect();
    assert_eq!(ids.len(), 3);
    let changes: Vec<Vec<serde_json::Value>> = ids
        .iter()
        .map(|id| {
            let out = server.block_on(async {
                catalog
                    .describe_change_set()
                    .catalog("AWSMarketplace")
                    .change_set_id(id)
                    .send()
                    .await
                    .expect("describe")
            });
            assert_eq!(out.failure_code().map(|c| c.as_str()), Some("SERVER_FAULT"));
            out.change_set()
                .iter()
                .map(|c| serde_json::from_str(c.details().unwrap_or("null")).expect("details JSON"))
                .collect()
        })
        .collect();
    assert!(changes.windows(2).all(|w| w[0] == w[1]), "{changes:#?}");
    // Nothing was applied, and the state holds no half-done step.
    server.handle().set_faults_enabled(false);
    assert_eq!(server.counts(), (0, 0, 0));
    assert!(p.state().get("PRODUCT_ID").is_none());
}

#[test]
fn server_fault_then_success_publishes_one_product() {
    let server = faulty(0.5, 11, vec![FaultKind::ServerFault]);
    let p = Project::new();
    p.write_config(json!({"retry": {"server_fault_retries": 10}}));
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    server.handle().set_faults_enabled(false);
    assert_eq!(server.counts().0, 1);
}

#[test]
fn client_error_change_set_is_not_retried() {
    let server = Server::fast();
    let p = Project::new();
    // The offer's product does not exist: AWS (and the emulator) fail the set CLIENT_ERROR.
    let state = json!({"PRODUCT_ID": "prod-doesnotexist1"});
    p.write("shared_env.json", &state.to_string());
    let done = p
        .mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(3);
    assert!(done.stderr().contains("CLIENT_ERROR"), "{}", done.stderr());
    assert!(!done.stderr().contains("starting it again"));
    assert_eq!(server.count("StartChangeSet"), 1);
}

#[test]
fn quotas_throttle_at_aws_rates_and_run_all_still_completes() {
    let server = Server::with_options(Options {
        timings: fast_timings(),
        enforce_quotas: true,
        ..Options::default()
    });
    let p = Project::new();
    p.write_config(retry_config());
    p.mpctl(&server.url(), &["run-all"]).output().expect_code(0);
    assert_eq!(server.counts(), (1, 1, 1));
    // A burst of 30 DescribeEntity calls: 20 pass (20/s), the rest are throttled.
    let catalog = catalog_client(server.handle());
    let product = p.state()["PRODUCT_ID"].as_str().unwrap().to_string();
    let codes: Vec<Option<String>> = server.block_on(async {
        let mut codes = Vec::new();
        for _ in 0..30 {
            let r = catalog
                .describe_entity()
                .catalog("AWSMarketplace")
                .entity_id(&product)
                .customize()
                .config_override(
                    aws_sdk_marketplacecatalog::config::Config::builder()
                        .retry_config(aws_config::retry::RetryConfig::disabled()),
                )
                .send()
                .await;
            codes.push(r.err().and_then(|e| {
                use aws_smithy_types::error::metadata::ProvideErrorMetadata;
                e.code().map(str::to_string)
            }));
        }
        codes
    });
    let throttled = codes
        .iter()
        .filter(|c| c.as_deref() == Some("ThrottlingException"))
        .count();
    assert!((8..=12).contains(&throttled), "{codes:?}");
}

#[test]
fn served_emulator_rejects_bad_fault_and_quota_flags() {
    for (args, needle) in [
        (vec!["--fault-rate", "1.5"], "--fault-rate"),
        (vec!["--fault-kinds", "throttle,boom"], "boom"),
        (
            vec!["--enforce-quotas", "--quota-scale", "0"],
            "--quota-scale",
        ),
        (vec!["--quota-scale", "10"], "--enforce-quotas"),
    ] {
        let mut run =
            crate::support::project::mpctl(&["emulator", "serve", "--bind", "127.0.0.1:0"]);
        run.cmd.args(&args);
        let out = run.output().out;
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(needle));
    }
}

#[test]
fn run_all_against_a_served_emulator_with_faults_and_quotas() {
    use std::io::Read;
    let (mut child, url) = crate::support::served::serve(&[
        "--fault-rate",
        "0.3",
        "--fault-seed",
        "5",
        "--fault-delay-seconds",
        "2",
        "--enforce-quotas",
    ]);
    let p = Project::new();
    p.write_config(retry_config());
    let done = p.mpctl(&url, &["run-all"]).output();
    let _ = child.kill();
    let _ = child.wait();
    let mut log = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut log);
    }
    assert_eq!(done.code(), 0, "{}\n--- emulator\n{log}", done.stderr());
    assert!(log.contains("(fault: "), "no fault was injected:\n{log}");
    assert_eq!(p.state()["OPPORTUNITY_STAGE"], "Committed");
}

#[test]
fn a_non_retryable_error_stops_at_once_with_the_aws_code_and_message() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["create-opportunity"])
        .output()
        .expect_code(0);
    let mut state = p.state();
    state["OFFER_ID"] = json!("offer-doesnotexist12");
    state["OFFER_ARN"] = json!(
        "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/Offer/offer-doesnotexist12"
    );
    p.write("shared_env.json", &state.to_string());
    let done = p
        .mpctl(&server.url(), &["associate-offer"])
        .output()
        .expect_code(1);
    assert!(
        done.stderr()
            .contains("AssociateOpportunity failed: ResourceNotFoundException: "),
        "{}",
        done.stderr()
    );
    assert_eq!(
        server.count("AssociateOpportunity"),
        2,
        "solution + one offer attempt"
    );
}
