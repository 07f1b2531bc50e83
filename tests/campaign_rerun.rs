//! Re-running a finished campaign: every row already succeeded, so nothing is sent, nothing
//! is asked, and the results file is written again from the row state files.

use crate::campaign::{campaign, project};
use crate::support::server::Server;

#[test]
fn a_finished_campaign_reruns_without_a_request_or_a_confirmation() {
    let server = Server::fast();
    let p = project(
        &server,
        "buyers,offer_name\n111122223333,A\n444455556666,B\n",
    );
    campaign(&p, &server).expect_code(0);
    let sent = server.operations().len();
    std::fs::remove_file(p.path("deals.results.csv")).expect("results file");
    // Against AWS, with no terminal and no --yes: a write would be refused (exit 2), but there
    // is nothing left to write.
    let done = p
        .mpctl(
            "https://marketplace.example.com",
            &["campaign", "run", "deals.csv", "--output", "json"],
        )
        .output()
        .expect_code(0);
    assert!(
        done.stderr()
            .contains("campaign deals.csv: all 2 rows already succeeded; nothing sent"),
        "{}",
        done.stderr()
    );
    assert_eq!(done.json()["count"], 2);
    assert_eq!(server.operations().len(), sent, "no request");
    let results = p.read("deals.results.csv");
    assert_eq!(results.matches(",succeeded,").count(), 2, "{results}");
}
