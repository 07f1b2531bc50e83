//! Against AWS, the starter project's sample values (AWS's example account, sample URLs, the
//! sample product title and customer) are refused with the file and key or line to edit; the
//! confirmation shows the product title and the buyers; `offer clone` copies no other
//! customer's name or description unless told to.

use expectrl::Expect;
use serde_json::json;

use super::targets::non_loopback_ip;
use crate::support::project::Project;
use crate::support::server::Server;

/// An emulator that mpctl must treat as it would AWS (not on loopback).
fn remote() -> Server {
    Server::with_options(mpctl_emulator::Options {
        bind: (non_loopback_ip(), 0).into(),
        timings: crate::support::fast_timings(),
        ..mpctl_emulator::Options::default()
    })
}

fn with_keys(p: &Project, url: &str, args: &[&str]) -> crate::support::project::Done {
    p.mpctl(url, args)
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .output()
}

#[test]
fn sample_values_are_refused_against_aws_naming_where_to_edit_them() {
    let server = remote();
    let url = server.url();
    let p = Project::new();
    for args in [vec!["run-all", "--yes"], vec!["run-all", "--plan"]] {
        let done = with_keys(&p, &url, &args).expect_code(2);
        let err = done.stderr();
        for needle in [
            "buyer_ids.txt:2: '111122223333'",
            "changesets/saas-product.json:32: 'https://s3.amazonaws.com/logos/sample.png'",
            "changesets/opportunity.json:11: 'Example Buyer Corp'",
            "nothing was sent",
        ] {
            assert!(
                err.contains(needle),
                "{args:?}: {needle} missing from\n{err}"
            );
        }
    }
    assert!(server.operations().is_empty(), "{:?}", server.operations());
    // Checked before connecting: with no credentials at all, the samples are still the answer.
    let offline = p.base(&["run-all", "--yes"]).output().expect_code(2);
    assert!(
        offline.stderr().contains("placeholder"),
        "{}",
        offline.stderr()
    );
    assert!(
        !offline.stderr().contains("credentials"),
        "{}",
        offline.stderr()
    );
}

#[test]
fn the_confirmation_names_the_product_title_and_the_buyers() {
    let server = remote();
    let p = Project::new();
    super::own_values(&p);
    // On a terminal the writes are listed before the question; "no" sends nothing.
    let run = p
        .mpctl(&server.url(), &["publish-product"])
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "test");
    let mut session = crate::support::pty::pty_session(run.cmd);
    let asked = session.expect("Type \"yes\"").expect("the question");
    let listing = String::from_utf8_lossy(asked.before()).into_owned();
    assert!(
        listing.contains("product title 'Acme Analytics'"),
        "{listing}"
    );
    assert!(listing.contains("buyers 210987654321"), "{listing}");
    session.send_line("no").expect("answer");
    let _ = crate::support::pty::read_to_end(&mut session, Vec::new());
    assert!(!server.operations().contains(&"StartChangeSet".to_string()));
}

#[test]
fn a_clone_copies_no_other_customers_description_unless_given_one() {
    let server = Server::fast();
    let p = seller_with(&server, "Private pricing for Contoso Retail");
    let url = server.url();
    let offer = p.state()["OFFER_ID"].as_str().expect("offer").to_string();
    let describe = |id: &str| {
        p.mpctl(&url, &["entity", "describe", id, "--output", "json"])
            .output()
            .expect_code(0)
            .json()
            .to_string()
    };
    assert!(describe(&offer).contains("Contoso Retail"));
    let plain = p
        .mpctl(
            &url,
            &[
                "offer",
                "clone",
                &offer,
                "--buyer",
                "999988887777",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    let copy = describe(plain["offer_id"].as_str().expect("id"));
    assert!(!copy.contains("Contoso"), "{copy}");
    assert!(copy.contains("999988887777"), "{copy}");
    let told = p
        .mpctl(
            &url,
            &[
                "offer",
                "clone",
                &offer,
                "--buyer",
                "999988887778",
                "--description",
                "Pricing for Initech",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert!(describe(told["offer_id"].as_str().expect("id")).contains("Pricing for Initech"));
}

/// A project with a product and the workflow's offer, whose description is `description`.
fn seller_with(server: &Server, description: &str) -> Project {
    let p = Project::new();
    p.write_config(json!({"offer_description": description}));
    p.mpctl(&server.url(), &["publish-product"])
        .output()
        .expect_code(0);
    p.mpctl(&server.url(), &["create-offer"])
        .output()
        .expect_code(0);
    p
}
