//! AWS's co-sell review (catalog `AWS`) is a state, not an error: while AWS reviews, `run-all`
//! and `commit` exit 4 with the exact command to re-run and everything saved; the pasted
//! command picks up where the run stopped and creates nothing twice.

use crate::support::project::{resume_command, Project};
use crate::support::server::{counts_at, Server};

#[test]
fn a_pending_review_exits_4_with_the_command_to_re_run() {
    let server = Server::fast();
    let p = Project::new();
    let done = p
        .mpctl(
            &server.url(),
            &[
                "run-all",
                "--catalog",
                "AWS",
                "--yes",
                "--review-timeout",
                "0",
            ],
        )
        .output()
        .expect_code(4);
    let stderr = done.stderr();
    assert!(
        stderr.contains("AWS is reviewing opportunity O"),
        "{stderr}"
    );
    assert!(stderr.contains("once it is Approved"), "{stderr}");
    let words = resume_command(&stderr);
    let url = server.url();
    let expected = [
        "run-all",
        "--catalog",
        "AWS",
        "--yes",
        "--review-timeout",
        "0",
        "--endpoint-url",
        &url,
    ];
    assert_eq!(words[1..], expected);
    assert_eq!(words[0], env!("CARGO_BIN_EXE_mpctl"));
    let state = p.state();
    assert_eq!(state["OPPORTUNITY_REVIEW_STATUS"], "Submitted");
    assert!(state["OPPORTUNITY_STAGE"].is_null(), "{state}");
    assert_eq!(server.count("UpdateOpportunity"), 0);

    // Pasted as shown, it reads the review again and stops the same way, creating nothing.
    p.paste_resume(&stderr).expect_code(4);
    let counts = server.block_on(counts_at(&server.url(), "AWS"));
    assert_eq!(counts, (1, 1, 1));
    assert_eq!(server.count("UpdateOpportunity"), 0);
}

#[test]
fn commit_waits_for_the_review_too() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(
        &server.url(),
        &["create-opportunity", "--catalog", "AWS", "--yes"],
    )
    .output()
    .expect_code(0);
    let done = p
        .mpctl(
            &server.url(),
            &[
                "commit",
                "--catalog",
                "AWS",
                "--yes",
                "--review-timeout",
                "0.2",
            ],
        )
        .output()
        .expect_code(4);
    assert!(
        done.stderr()
            .contains(" commit --catalog AWS --yes --review-timeout 0.2 "),
        "{}",
        done.stderr()
    );
    assert_eq!(server.count("UpdateOpportunity"), 0);
}
