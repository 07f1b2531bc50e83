//! `mpctl emulator seed catalog` through the built binary: the summary in text and JSON, bad
//! flags (exit 2 naming the flag, nothing sent), and the admin path refusing remote callers.

use std::net::{IpAddr, UdpSocket};

use crate::support::project::Project;
use crate::support::server::Server;

const SMALL: &[&str] = &[
    "emulator",
    "seed",
    "catalog",
    "--products",
    "4",
    "--offers",
    "20",
    "--agreements",
    "50",
    "--opportunities",
    "14",
];

/// How many offers the emulator at `server` holds (ListEntities, one page is enough here).
fn offer_count(server: &Server) -> usize {
    let seller =
        crate::support::accounts::as_account(server.handle(), crate::support::accounts::SELLER);
    server.block_on(async {
        let out = seller
            .catalog
            .client
            .list_entities()
            .catalog("AWSMarketplace")
            .entity_type("Offer")
            .send()
            .await
            .expect("ListEntities");
        out.entity_summary_list().len()
    })
}

#[test]
fn the_binary_seeds_and_reports_in_text_and_json() {
    let server = Server::fast();
    let project = Project::new();
    let args = [SMALL, &["--seed", "5", "--output", "json"]].concat();
    let json = project
        .mpctl(&server.url(), &args)
        .output()
        .expect_code(0)
        .json();
    assert_eq!(json["products"]["count"], 4, "{json}");
    assert_eq!(json["offers"]["count"], 20, "{json}");
    assert_eq!(json["agreements"]["count"], 50, "{json}");
    assert_eq!(json["opportunities"]["count"], 14, "{json}");
    assert_eq!(
        json["opportunities"]["by_stage"].as_array().unwrap().len(),
        7,
        "{json}"
    );
    assert_eq!(json["seed"], 5);
    assert!(json["elapsed_seconds"].as_f64().is_some(), "{json}");
    assert_eq!(offer_count(&server), 20);

    let args = [SMALL, &["--seed", "6"]].concat();
    let text = project
        .mpctl(&server.url(), &args)
        .output()
        .expect_code(0)
        .stdout();
    for word in [
        "products",
        "offers",
        "agreements",
        "opportunities",
        "private",
        "ending within 30 days",
        " s at ",
    ] {
        assert!(text.contains(word), "{word:?} in {text}");
    }
    let again = project
        .mpctl(&server.url(), &args)
        .output()
        .expect_code(1)
        .stderr();
    assert!(again.contains("already seeded"), "{again}");
}

#[test]
fn bad_counts_exit_2_naming_the_flag_and_send_nothing() {
    let server = Server::fast();
    let project = Project::new();
    let base = |products: &'static str,
                offers: &'static str,
                agreements: &'static str,
                opportunities: &'static str| {
        vec![
            "emulator",
            "seed",
            "catalog",
            "--products",
            products,
            "--offers",
            offers,
            "--agreements",
            agreements,
            "--opportunities",
            opportunities,
        ]
    };
    let cases = [
        (base("-1", "0", "0", "0"), "--products"),
        (base("100001", "0", "0", "0"), "--products"),
        (base("1", "x", "0", "0"), "--offers"),
        (base("0", "5", "0", "0"), "--offers"),
        (base("1", "0", "3", "0"), "--agreements"),
        (base("1", "1", "1", "1.5"), "--opportunities"),
    ];
    for (args, flag) in cases {
        let err = project
            .mpctl(&server.url(), &args)
            .output()
            .expect_code(2)
            .stderr();
        assert!(err.contains(flag), "{args:?}: {err}");
    }
    let missing = ["emulator", "seed", "catalog", "--products", "1"];
    project
        .mpctl(&server.url(), &missing)
        .output()
        .expect_code(2);
    assert_eq!(offer_count(&server), 0, "nothing was sent");
    assert!(server.handle().events().is_empty());
}

/// This machine's address on its default route, if it has one that is not loopback.
fn outward_ip() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn remote_callers_are_refused() {
    let Some(ip) = outward_ip() else {
        eprintln!("skipped: this machine has no non-loopback address to call from");
        return;
    };
    let server = Server::with_options(mpctl_emulator::Options {
        bind: "0.0.0.0:0".parse().unwrap(),
        timings: crate::support::fast_timings(),
        ..Default::default()
    });
    let url = format!("http://{ip}:{}", server.handle().addr.port());
    let project = Project::new();
    let err = project.mpctl(&url, SMALL).output().expect_code(1).stderr();
    assert!(err.contains("403") && err.contains("loopback"), "{err}");
    assert_eq!(offer_count(&server), 0);
}
