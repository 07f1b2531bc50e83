//! Failures that say the way out: advice that matches the target, an unresolvable host named
//! at once, a hint on every not-found error, ids refused for their prefix before sending, and
//! a search by an id that does not exist saying so.

use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn an_unresolvable_aws_host_is_named_and_the_advice_is_about_the_network() {
    // A region with no endpoints: its hosts resolve nowhere, with or without a network.
    let p = Project::new();
    super::own_values(&p);
    let host = "catalog.marketplace.xx-nowhere-1.amazonaws.com";
    let run = p
        .base(&["publish-product", "--yes", "--region", "xx-nowhere-1"])
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .output()
        .expect_code(1);
    let err = run.stderr();
    assert!(err.contains(&format!("cannot resolve {host}")), "{err}");
    assert!(
        err.contains("network") && !err.contains("emulator serve running"),
        "{err}"
    );
    assert!(
        p.state()["MPCTL"]["pending"].is_null(),
        "nothing saved as sent: {}",
        p.state()
    );
    let doctor = p
        .base(&["doctor", "--region", "xx-nowhere-1"])
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .output();
    let out = doctor.stdout();
    assert!(out.contains("FAIL endpoint") && out.contains(host), "{out}");
    assert!(!out.contains("is `mpctl emulator serve` running"), "{out}");
    // Against a loopback endpoint where nothing listens, the advice is the emulator's.
    let dead = p.mpctl("http://127.0.0.1:9", &["doctor"]).output().stdout();
    assert!(dead.contains("mpctl emulator serve"), "{dead}");
}

#[test]
fn not_found_errors_carry_a_hint_and_wrong_ids_are_refused_before_sending() {
    let server = Server::fast();
    let url = server.url();
    let p = Project::new();
    for args in [
        vec!["offer", "describe", "offer-missing123"],
        vec!["agreement", "describe", "agmt-missing123"],
        vec!["opportunity", "get", "O999999"],
    ] {
        let mut json = args.clone();
        json.extend(["--output", "json"]);
        let doc = p.mpctl(&url, &json).output().expect_code(1).json();
        let hint = doc["error"]["hint"].as_str().unwrap_or_default();
        assert!(hint.contains("check the id"), "{args:?}: {doc}");
    }
    let sent = server.operations().len();
    for (args, kind) in [
        (vec!["offer", "describe", "offr-abc123"], "an offer id"),
        (vec!["agreement", "terms", "agreement-1"], "an agreement id"),
        (
            vec!["agreement", "search", "--product", "product-1"],
            "a product id",
        ),
        (
            vec!["invitation", "accept", "inv-123"],
            "an engagement invitation id",
        ),
        (
            vec!["opportunity", "set-stage", "1234", "Committed"],
            "an opportunity id",
        ),
    ] {
        let done = p.mpctl(&url, &args).output().expect_code(2);
        assert!(done.stderr().contains(kind), "{args:?}: {}", done.stderr());
    }
    assert_eq!(
        server.operations().len(),
        sent,
        "nothing sent for a malformed id"
    );
}

#[test]
fn a_search_by_an_offer_that_does_not_exist_says_so() {
    let server = Server::fast();
    let p = Project::new();
    let done = p
        .mpctl(
            &server.url(),
            &["agreement", "search", "--offer", "offer-nosuch1"],
        )
        .output()
        .expect_code(1);
    let err = done.stderr();
    assert!(err.contains("--offer offer-nosuch1 names nothing"), "{err}");
    assert!(
        !done.stdout().contains("no agreements match"),
        "{}",
        done.stdout()
    );
}
