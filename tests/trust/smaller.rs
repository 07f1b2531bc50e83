//! The smaller findings: help that stands without the README, campaign status JSON
//! with real arrays and nulls, every agreement of an offer counted on the dashboard, and
//! servers that stop without a run's "interrupt received" line.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::browser::Dashboard;
use crate::support::project::{interrupt, mpctl, Project};
use crate::support::server::Server;

#[test]
fn campaign_help_lists_the_columns_itself() {
    let help = mpctl(&["campaign", "run", "--help"])
        .output()
        .expect_code(0)
        .stdout();
    assert!(!help.contains("README"), "{help}");
    for column in [
        "buyers",
        "rate_card",
        "discount_percent",
        "customer_company",
        "customer_industry",
    ] {
        assert!(help.contains(column), "{column} missing from\n{help}");
    }
}

#[test]
fn campaign_status_json_has_buyer_arrays_and_null_for_what_is_unknown() {
    let server = Server::fast();
    let p = crate::campaign::project(&server, "buyers\n100000000001;100000000002\n100000000003\n");
    let doc = p
        .mpctl(
            &server.url(),
            &["campaign", "status", "deals.csv", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let first = &doc["items"][0];
    assert_eq!(
        first["buyers"],
        serde_json::json!(["100000000001", "100000000002"]),
        "{doc}"
    );
    assert!(
        first["error"].is_null() && first["offer_id"].is_null(),
        "{doc}"
    );
    p.mpctl(&server.url(), &["campaign", "run", "deals.csv"])
        .output()
        .expect_code(0);
    let done = p
        .mpctl(
            &server.url(),
            &["campaign", "status", "deals.csv", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert!(done["items"][1]["offer_id"].is_string(), "{done}");
    assert!(done["items"][1]["error"].is_null(), "{done}");
    // The results CSV keeps its flat cells.
    let csv = p.read("deals.results.csv");
    assert!(csv.contains("100000000001 100000000002"), "{csv}");
}

#[test]
fn the_dashboard_counts_every_agreement_of_an_offer() {
    let server = Server::fast();
    let p = crate::lifecycle::seller(&server);
    p.mpctl(&server.url(), &["search-agreement", "--wait"])
        .output()
        .expect_code(0);
    let agreements = p
        .mpctl(&server.url(), &["agreement", "search", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(agreements["count"], 2, "both buyers accepted: {agreements}");
    let d = Dashboard::start(&p, &server.url(), &[]);
    let (status, page) = d.http("GET", "/offers", &[&d.cookie()], "");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("2 agreements"), "{page}");
}

#[test]
fn a_server_stopped_by_ctrl_c_says_only_that_it_shuts_down() {
    let mut child = mpctl(&["emulator", "serve", "--bind", "127.0.0.1:0"])
        .cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("listening line");
    assert!(line.starts_with("listening on "), "{line}");
    interrupt(&child);
    let out = child.wait_with_output().expect("exit");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("shutting down"), "{err}");
    assert!(!err.contains("interrupt received"), "{err}");
    let _ = Project::new;
}
