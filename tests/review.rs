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

/// Against `mpctl emulator serve --review-seconds 3`: the first run stops while AWS reviews
/// (exit 4, the command to re-run); once the review is over (the emulator's clock moved 3 s on
/// with `mpctl emulator advance`), the pasted command commits, and the emulator holds exactly
/// one product, one private offer and one opportunity.
#[test]
fn an_approved_review_lets_the_pasted_command_commit() {
    let (mut child, url) = crate::support::served::serve(&["--review-seconds", "3"]);
    let p = Project::new();
    let done = p
        .mpctl(
            &url,
            &[
                "run-all",
                "--catalog",
                "AWS",
                "--yes",
                "--review-timeout",
                "1",
            ],
        )
        .output()
        .expect_code(4);
    assert!(done.stderr().contains("AWS is reviewing opportunity O"));
    p.mpctl(&url, &["emulator", "advance", "3s"])
        .output()
        .expect_code(0);
    p.paste_resume(&done.stderr()).expect_code(0);
    assert_eq!(p.state()["OPPORTUNITY_STAGE"], "Committed");
    assert_eq!(p.state()["OPPORTUNITY_REVIEW_STATUS"], "Approved");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    assert_eq!(rt.block_on(counts_at(&url, "AWS")), (1, 1, 1));
    let _ = child.kill();
    let _ = child.wait();
}

/// A review that ends `Action Required` (the emulator's `[review:action-required]` title
/// marker) exits 3 with AWS's reason, and nothing is committed.
#[test]
fn action_required_exits_3_with_the_reason() {
    let server = Server::fast();
    let p = Project::new();
    let template = p
        .read("changesets/opportunity.json")
        .replace(" rollout\"", " rollout [review:action-required]\"");
    p.write("changesets/opportunity.json", &template);
    let done = p
        .mpctl(
            &server.url(),
            &["create-opportunity", "--catalog", "AWS", "--yes"],
        )
        .output()
        .expect_code(0);
    drop(done);
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(3600));
    let done = p
        .mpctl(
            &server.url(),
            &[
                "commit",
                "--catalog",
                "AWS",
                "--yes",
                "--review-timeout",
                "0",
            ],
        )
        .output()
        .expect_code(3);
    let stderr = done.stderr();
    assert!(stderr.contains("Action Required"), "{stderr}");
    assert!(
        stderr.contains("Incomplete opportunity details"),
        "{stderr}"
    );
    assert_eq!(server.count("UpdateOpportunity"), 0);
}

/// `run-all --var` reaches the opportunity template too: a title marker given on the command
/// line makes the review end `Action Required`, which the pasted resume command reports (exit 3).
#[test]
fn a_var_on_run_all_reaches_the_opportunity_and_action_required_exits_3() {
    let server = Server::fast();
    let p = Project::new();
    let args = [
        "run-all",
        "--catalog",
        "AWS",
        "--yes",
        "--review-timeout",
        "0",
        "--var",
        "PRODUCT_TITLE=Demo [review:action-required]",
    ];
    let done = p.mpctl(&server.url(), &args).output().expect_code(4);
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(3600));
    let resumed = p.paste_resume(&done.stderr()).expect_code(3);
    let stderr = resumed.stderr();
    assert!(stderr.contains("Action Required"), "{stderr}");
    assert!(
        stderr.contains("Incomplete opportunity details"),
        "{stderr}"
    );
    assert_eq!(server.count("UpdateOpportunity"), 0);
}
