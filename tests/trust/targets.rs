//! A saved request that may have reached one target is never replaced by a run against
//! another, and a `--local` run does not take the ids of an earlier one (whose emulator is
//! gone) for live resources.

use std::net::{IpAddr, UdpSocket};

use crate::support::project::Project;
use crate::support::server::Server;

/// This machine's address on its first non-loopback interface: an endpoint there is not on
/// loopback, so mpctl treats it as it would AWS (a proxy to AWS may listen there).
pub fn non_loopback_ip() -> IpAddr {
    // A UDP "connect" sends nothing; it only picks the interface a packet would leave by.
    let socket = UdpSocket::bind("0.0.0.0:0").expect("udp socket");
    socket
        .connect("192.0.2.1:9")
        .expect("this test needs a non-loopback IPv4 interface with a route");
    let ip = socket.local_addr().expect("local addr").ip();
    assert!(!ip.is_loopback(), "{ip}");
    ip
}

#[test]
fn a_request_that_may_have_reached_another_target_is_kept_and_resumed_there() {
    let ip = non_loopback_ip();
    let server = Server::with_options(mpctl_emulator::Options {
        bind: (ip, 0).into(),
        timings: crate::support::fast_timings(),
        ..mpctl_emulator::Options::default()
    });
    let url = server.url();
    let p = Project::new();
    super::own_values(&p);
    // Killed once StartChangeSet was sent and accepted, before its id was saved: the request
    // and its token are all the state holds, and they may have reached that endpoint.
    let killed = p
        .mpctl(&url, &["publish-product", "--yes"])
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("MPCTL_CRASH_AT", "publish-product:after-start")
        .output();
    assert_ne!(killed.code(), 0);
    let token = p.state()["MPCTL"]["pending"]["publish-product"]["ClientRequestToken"].clone();
    assert!(token.is_string(), "{}", p.state());
    let before = p.read("shared_env.json");

    for local in [
        vec!["run-all", "--local"],
        vec!["run-all", "--local", "--plan"],
    ] {
        let refused = p.base(&local).output().expect_code(2);
        let err = refused.stderr();
        assert!(err.contains("may have reached it"), "{err}");
        assert!(
            err.contains(&format!("mpctl --endpoint-url {url} publish-product")),
            "{err}"
        );
    }
    assert_eq!(
        p.read("shared_env.json"),
        before,
        "the saved request is untouched"
    );

    // The hint's command resumes it there: the same token, one product.
    let hint = p.base(&["run-all", "--local"]).output().stderr();
    let line = hint
        .lines()
        .find(|l| l.contains("resume it"))
        .expect("hint");
    let command = line.split(": ").last().expect("command");
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    p.base(&[&args[..], &["--yes"]].concat())
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .output()
        .expect_code(0);
    assert_eq!(
        server.count("StartChangeSet"),
        2,
        "{:?}",
        server.operations()
    );
    assert_eq!(server.counts().0, 1, "one product");
}

#[test]
fn a_second_local_run_starts_over_instead_of_reporting_the_first_runs_resources() {
    let p = Project::new();
    p.mpctl_local(&["publish-product"]).output().expect_code(0);
    let first = p.state()["PRODUCT_ID"].clone();
    assert!(first.is_string());
    let again = p.mpctl_local(&["publish-product"]).output().expect_code(0);
    assert!(
        again
            .stderr()
            .contains("earlier --local run's emulator, gone with it"),
        "{}",
        again.stderr()
    );
    assert!(
        again.stdout().contains("published product"),
        "{}",
        again.stdout()
    );
    assert_ne!(p.state()["PRODUCT_ID"], first);
}

#[test]
fn a_local_run_does_not_take_a_served_emulators_ids_for_its_own() {
    let server = Server::fast();
    let p = Project::new();
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    let before = p.read("shared_env.json");
    let refused = p.mpctl_local(&["run-all"]).output().expect_code(2);
    let err = refused.stderr();
    assert!(
        err.contains("a --local run starts an empty emulator"),
        "{err}"
    );
    assert!(
        err.contains(&format!("--endpoint-url {}", server.url())),
        "{err}"
    );
    assert_eq!(
        p.read("shared_env.json"),
        before,
        "the state is kept for its emulator"
    );
}
