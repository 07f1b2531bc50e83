//! `campaign run|status` against the emulator through the built binary: every row checked
//! before the first request, exactly one offer, opportunity and association per row under
//! quotas and faults and across SIGKILLs, and a failed row that neither stops the others nor
//! makes a re-run touch them; one ListChangeSets per round, discounts, raised quotas, and the
//! counting bar on a pty.
//!
//! Stopping and re-running a campaign is in [`rerun`], its idempotency tokens in [`tokens`]; the
//! helpers here (a campaign file, its project, the emulator's counts) are theirs too.

mod rerun;
mod tokens;

use std::collections::BTreeSet;
use std::time::Duration;

use mpctl_emulator::{FaultKind, FaultOptions, Options, Timings};
use serde_json::json;

use crate::support::project::{Done, Project};
use crate::support::pty::{frames, on_pty};
use crate::support::server::Server;
use crate::support::{catalog_client, fast_timings, sdk_config};

/// `n` co-sell rows, each with its own buyer account.
pub(crate) fn cosell_csv(n: usize) -> String {
    let mut csv =
        "buyers,offer_name,customer_company,customer_website,customer_country\n".to_string();
    for i in 0..n {
        csv += &format!(
            "{:012},Deal {i},Customer {i},https://c{i}.example.com,US\n",
            100_000_000_000u64 + i as u64
        );
    }
    csv
}

/// A project with a published product and `csv` as deals.csv.
pub(crate) fn project(server: &Server, csv: &str) -> Project {
    let p = Project::new();
    p.write_config(json!({"retry": {
        "max_attempts": 8,
        "initial_backoff_seconds": 0.05,
        "attempt_timeout_seconds": 1.0,
        "server_fault_retries": 5
    }}));
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    p.write("deals.csv", csv);
    p
}

pub(crate) fn campaign(p: &Project, server: &Server) -> Done {
    p.mpctl(
        &server.url(),
        &["campaign", "run", "deals.csv", "--output", "json"],
    )
    .output()
}

/// (private offers, opportunities, opportunities with exactly one associated offer).
pub(crate) fn world(server: &Server) -> (usize, usize, usize) {
    let (_, offers, opportunities) = server.counts();
    // The check reads the truth: no injected faults, and enough retries to wait out the
    // quota a test's own reads may reach (twenty GetOpportunity calls in a burst).
    server.handle().set_faults_enabled(false);
    let config = aws_sdk_partnercentralselling::config::Builder::from(&sdk_config(server.handle()))
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(10))
        .build();
    let partner = aws_sdk_partnercentralselling::Client::from_conf(config);
    let associated = server.block_on(async {
        let list = partner
            .list_opportunities()
            .catalog("Sandbox")
            .send()
            .await
            .expect("ListOpportunities");
        let mut n = 0;
        for o in list.opportunity_summaries() {
            let got = partner
                .get_opportunity()
                .catalog("Sandbox")
                .identifier(o.id().unwrap_or_default())
                .send()
                .await
                .expect("GetOpportunity");
            let offers = got
                .related_entity_identifiers()
                .map(|r| r.aws_marketplace_offers().len())
                .unwrap_or(0);
            n += usize::from(offers == 1);
        }
        n
    });
    (offers, opportunities, associated)
}

#[test]
fn a_bad_buyer_id_is_reported_with_its_line_and_column_before_any_request() {
    let server = Server::fast();
    let p = Project::new();
    p.write(
        "deals.csv",
        "buyers,offer_name,expiry\n111122223333,A,2099-01-01\n1234,B,2099-01-01\n444455556666,C,someday\n",
    );
    let done = campaign(&p, &server).expect_code(2);
    let err = done.stderr();
    assert!(
        err.contains("deals.csv:3:1: '1234' is not a 12-digit"),
        "{err}"
    );
    assert!(
        err.contains("deals.csv:4:3: 'someday' is not a date"),
        "{err}"
    );
    assert!(server.operations().is_empty(), "{:?}", server.operations());
    p.write(
        "deals.csv",
        "buyers,discount_percent\n111122223333,15\n444455556666,100\n777788889999,-5\n",
    );
    let err = campaign(&p, &server).expect_code(2).stderr();
    for line in [
        "deals.csv:3:2: discount_percent '100'",
        "deals.csv:4:2: discount_percent '-5'",
    ] {
        assert!(err.contains(line), "{err}");
    }
    assert!(server.operations().is_empty(), "{:?}", server.operations());
    assert!(
        !p.path("deals.campaign").exists(),
        "nothing on disk changed"
    );
}

/// Partner Central's writes: 1/s by default, the quota a co-sell campaign is bound by.
const PARTNER_WRITES: &[&str] = &[
    "CreateOpportunity",
    "AssociateOpportunity",
    "StartEngagementFromOpportunityTask",
    "UpdateOpportunity",
];

#[test]
fn twenty_cosell_rows_under_raised_quotas_and_faults_give_exactly_twenty_of_each() {
    // The seller's quotas raised tenfold (Service Quotas), the emulator enforcing the same:
    // the same twenty rows under enforced quotas in a tenth of the time.
    twenty_cosell_rows_under_quotas_and_faults(10.0);
}

#[test]
fn twenty_cosell_rows_under_aws_default_quotas_and_faults_give_exactly_twenty_of_each() {
    // AWS's own rates, with the limiter's defaults: bound by Partner Central's 1 write/s
    // (5 writes a row, about 100 s).
    twenty_cosell_rows_under_quotas_and_faults(1.0);
}

/// Twenty co-sell rows against an emulator enforcing AWS's quotas × `scale`, with 10 % faults,
/// the client told of the same raised quotas: exactly twenty offers, opportunities and
/// associations, and no row lost to throttling.
fn twenty_cosell_rows_under_quotas_and_faults(scale: f64) {
    let server = Server::with_options(Options {
        timings: fast_timings(),
        enforce_quotas: true,
        quota_scale: scale,
        faults: Some(FaultOptions {
            rate: 0.1,
            seed: 11,
            kinds: FaultKind::ALL.to_vec(),
            slow_delay: Duration::from_secs(2),
        }),
        ..Options::default()
    });
    let p = project(&server, &cosell_csv(20));
    let quotas: serde_json::Map<String, serde_json::Value> = PARTNER_WRITES
        .iter()
        .filter(|_| scale != 1.0)
        .map(|op| (format!("AWSPartnerCentralSelling.{op}"), json!(scale)))
        .collect();
    p.write_config(json!({
        "retry": {"max_attempts": 8, "initial_backoff_seconds": 0.05,
                  "attempt_timeout_seconds": 1.0, "server_fault_retries": 5},
        "campaign": {"quotas": quotas}
    }));
    let mut done = campaign(&p, &server);
    // A fault the SDK's retries cannot absorb fails its row; the re-run finishes it. Throttling
    // never may: the limiter keeps every operation within its quota.
    for _ in 0..2 {
        let results = p.read("deals.results.csv").to_lowercase();
        assert!(
            !results.contains("throttl") && !results.contains("rate exceeded"),
            "a row failed from throttling:\n{results}"
        );
        if done.code() == 0 {
            break;
        }
        done = campaign(&p, &server);
    }
    let done = done.expect_code(0);
    let doc = done.json();
    assert_eq!(doc["count"], 20);
    assert_eq!(doc["ok"], true);
    assert_eq!(world(&server), (20, 20, 20));
    let results = p.read("deals.results.csv");
    assert_eq!(
        results
            .lines()
            .filter(|l| l.contains(",succeeded,"))
            .count(),
        20
    );
}

#[test]
fn killed_at_three_points_then_rerun_gives_exactly_one_of_each_per_row() {
    let server = Server::fast();
    let p = project(&server, &cosell_csv(3));
    for point in [
        "create-offer:after-start#2",
        "create-opportunity:after-create#2",
        "associate-offer:after-associate#1",
    ] {
        let done = p
            .mpctl(&server.url(), &["campaign", "run", "deals.csv"])
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert_ne!(done.code(), 0, "{point} was not reached: {}", done.stderr());
    }
    campaign(&p, &server).expect_code(0);
    assert_eq!(world(&server), (3, 3, 3));
    let status = p
        .mpctl(
            &server.url(),
            &["campaign", "status", "deals.csv", "--output", "json"],
        )
        .output()
        .expect_code(0);
    assert_eq!(status.json()["ok"], true);
}

#[test]
fn a_failed_change_set_fails_only_its_row_and_the_rerun_retries_only_it() {
    let server = Server::fast();
    let csv = "buyers,product,offer_name\n111122223333,,A\n444455556666,prod-doesnotexist,B\n777788889999,,C\n";
    let p = project(&server, csv);
    let done = campaign(&p, &server).expect_code(3);
    let items = done.json()["items"].clone();
    let status: Vec<&str> = items
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(status, ["succeeded", "failed", "succeeded"]);
    assert!(items[1]["error"].as_str().unwrap_or("").contains("FAILED"));
    let starts = server.count("StartChangeSet");
    let describes = server.count("DescribeEntity");
    campaign(&p, &server).expect_code(3);
    assert_eq!(
        server.count("StartChangeSet"),
        starts + 1,
        "only line 3 again"
    );
    assert_eq!(
        server.count("DescribeEntity"),
        describes,
        "done rows untouched"
    );
    let status = p
        .mpctl(&server.url(), &["campaign", "status", "deals.csv"])
        .output()
        .expect_code(0);
    assert!(status.stdout().contains("1 failed"), "{}", status.stdout());
}

#[test]
fn one_list_changesets_per_round_covers_every_set_in_flight() {
    // Sets that take 2.5 s: polling each would describe each of them two or three times.
    let server = Server::start(Timings {
        changeset_seconds: 2.5,
        ..fast_timings()
    });
    let csv = "buyers\n111122223333\n222233334444\n333344445555\n444455556666\n555566667777\n666677778888\n";
    let p = project(&server, csv);
    p.write_config(json!({"wait": {
        "initial_interval_seconds": 0.5, "max_interval_seconds": 0.5,
        "timeout_seconds": 30.0, "agreement_timeout_seconds": 30.0
    }}));
    let (describes, lists) = (
        server.count("DescribeChangeSet"),
        server.count("ListChangeSets"),
    );
    campaign(&p, &server).expect_code(0);
    assert_eq!(
        server.count("StartChangeSet"),
        7,
        "the product and six offers"
    );
    assert_eq!(
        server.count("DescribeChangeSet") - describes,
        6,
        "each set described once, when the list shows it ended"
    );
    let rounds = server.count("ListChangeSets") - lists;
    // Rounds are 0.5 s apart over a few seconds; a list per set per poll would be ~50.
    assert!((1..=24).contains(&rounds), "{rounds} ListChangeSets rounds");
    assert_eq!(server.counts().1, 6);
}

#[test]
fn discount_percent_lowers_the_offer_prices() {
    let server = Server::fast();
    let p = project(
        &server,
        "buyers,discount_percent\n111122223333,15\n444455556666,\n",
    );
    let items = campaign(&p, &server).expect_code(0).json()["items"].clone();
    let catalog = catalog_client(server.handle());
    let price = |offer: &str| {
        let text = server.block_on(async {
            let out = catalog
                .describe_entity()
                .catalog("AWSMarketplace")
                .entity_id(offer)
                .send()
                .await
                .expect("DescribeEntity");
            out.details().unwrap_or("{}").to_string()
        });
        let doc: serde_json::Value = serde_json::from_str(&text).expect("details JSON");
        let terms = doc["Terms"].as_array().cloned().unwrap_or_default();
        let usage = terms
            .iter()
            .find(|t| t["Type"] == "UsageBasedPricingTerm")
            .unwrap_or_else(|| panic!("no usage term in {doc}"));
        usage["RateCards"][0]["RateCard"][0]["Price"].clone()
    };
    let offer = |i: usize| {
        items[i]["offer_id"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(price(&offer(0)), json!("0.102"), "0.12 less 15 %");
    assert_eq!(price(&offer(1)), json!("0.12"));
}

#[test]
fn a_campaign_on_a_terminal_is_one_counting_bar_not_a_line_per_poll() {
    let server = Server::start(Timings {
        changeset_seconds: 0.8,
        ..fast_timings()
    });
    let project = Project::new();
    project.write_config(json!({}));
    project
        .mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    project.write(
        "deals.csv",
        "buyers\n111122223333\n222233334444\n333344445555\n444455556666\n",
    );
    let raw = on_pty(
        project
            .mpctl(&server.url(), &["campaign", "run", "deals.csv"])
            .cmd,
    );
    let frames = frames(&raw);
    // `⠁ [=====>    ] 1/4 queued 1, running 2, succeeded 1, failed 0 (0s)`, redrawn in place.
    let counts: BTreeSet<(u32, u32, u32)> = frames
        .iter()
        .filter_map(|f| {
            let rest = f.split_once("/4 queued ")?.1;
            let n: Vec<u32> = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| d.parse().ok())
                .take(4)
                .collect();
            assert_eq!(n.get(3), Some(&0), "no row fails: {f}");
            Some((n[0], n[1], n[2]))
        })
        .collect();
    assert!(
        counts.iter().any(|c| c.1 > 0),
        "no frame with rows running: {frames:#?}"
    );
    assert!(counts.len() >= 2, "the counts never moved: {counts:?}");
    for f in &frames {
        assert!(
            !f.contains("change set") && !f.contains("] line "),
            "a line per poll or per row on a terminal: {f}"
        );
    }
    // Once the bar is gone, the result table.
    let table = frames
        .iter()
        .filter(|f| f.starts_with(|c: char| c.is_ascii_digit()) && f.contains(" succeeded "))
        .count();
    assert_eq!(table, 4, "{frames:#?}");
}
