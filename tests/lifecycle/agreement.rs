//! `agreement search|describe|terms` through the binary; agreements come from the emulator's
//! stand-in buyers accepting the workflow's private offer.

use serde_json::Value;

use super::{json_ok, seller, state, BUYER, OTHER_BUYER};
use crate::support::project::Project;
use crate::support::server::Server;

/// A seller whose private offer both buyers accepted.
fn with_agreements(server: &Server) -> Project {
    let project = seller(server);
    project
        .mpctl(&server.url(), &["search-agreement", "--wait"])
        .output()
        .expect_code(0);
    project
}

fn found(project: &Project, server: &Server, flags: &[&str]) -> Vec<Value> {
    let mut args = vec!["agreement", "search"];
    args.extend(flags);
    json_ok(project, server, &args)["items"]
        .as_array()
        .expect("agreements")
        .clone()
}

#[test]
fn search_maps_every_allowed_filter_combination() {
    let server = Server::fast();
    let project = with_agreements(&server);
    let offer = state(&project, "OFFER_ID");
    let product = state(&project, "PRODUCT_ID");
    let cases: Vec<(Vec<&str>, usize)> = vec![
        (vec![], 2),
        (vec!["--status", "ACTIVE"], 2),
        (vec!["--status", "EXPIRED"], 0),
        (vec!["--product", &product], 2),
        (vec!["--product", &product, "--status", "ACTIVE"], 2),
        (vec!["--buyer", BUYER], 1),
        (vec!["--buyer", BUYER, "--status", "ACTIVE"], 1),
        (vec!["--buyer", OTHER_BUYER, "--offer", &offer], 1),
        (
            vec![
                "--buyer",
                OTHER_BUYER,
                "--offer",
                &offer,
                "--status",
                "active",
            ],
            1,
        ),
        (vec!["--buyer", BUYER, "--product", &product], 1),
        (vec!["--offer", &offer], 2),
        (vec!["--offer", &offer, "--status", "ACTIVE"], 2),
        (vec!["--offer", &offer, "--ends-after", "2020-01-01"], 2),
        (vec!["--offer", &offer, "--ends-before", "2020-01-01"], 0),
    ];
    for (flags, n) in cases {
        let got = found(&project, &server, &flags);
        assert_eq!(got.len(), n, "{flags:?}: {got:?}");
        for a in &got {
            assert_eq!(a["offer_id"], offer.as_str(), "{flags:?}");
        }
    }
    let one = &found(&project, &server, &["--buyer", BUYER])[0];
    assert_eq!(one["acceptor_account_id"], BUYER);
    assert_eq!(one["status"], "ACTIVE");
    assert_eq!(one["product_ids"], serde_json::json!([product]));
}

#[test]
fn an_unsupported_combination_reaches_the_user_as_one_line_with_the_aws_message() {
    let server = Server::fast();
    let project = with_agreements(&server);
    let offer = state(&project, "OFFER_ID");
    let product = state(&project, "PRODUCT_ID");
    let done = project
        .mpctl(
            &server.url(),
            &[
                "agreement",
                "search",
                "--offer",
                &offer,
                "--product",
                &product,
            ],
        )
        .output()
        .expect_code(1);
    let err = done.stderr();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("mpctl: error: SearchAgreements failed: ValidationException: "),
        "{err}"
    );
    // Certainly-wrong values stop before sending.
    let before = server.operations().len();
    let bad = project
        .mpctl(&server.url(), &["agreement", "search", "--status", "LIVE"])
        .output()
        .expect_code(2);
    assert!(bad.stderr().contains("ACTIVE"), "{}", bad.stderr());
    assert_eq!(server.operations().len(), before, "nothing sent");
}

#[test]
fn describe_and_terms_show_every_term_type() {
    let server = Server::fast();
    let project = with_agreements(&server);
    let agreement = state(&project, "AGREEMENT_ID");
    let offer = state(&project, "OFFER_ID");
    let d = json_ok(&project, &server, &["agreement", "describe", &agreement]);
    let a = &d["agreement"];
    assert_eq!(a["agreement_id"], agreement.as_str());
    assert_eq!(a["status"], "ACTIVE");
    assert_eq!(a["offer_id"], offer.as_str());
    assert_eq!(a["estimated_charges"]["currency_code"], "USD");

    let t = json_ok(&project, &server, &["agreement", "terms", &agreement]);
    let terms = t["items"].as_array().expect("terms");
    let of = |kind: &str| {
        terms
            .iter()
            .find(|x| x["type"] == kind)
            .unwrap_or_else(|| panic!("no {kind}: {terms:?}"))
    };
    let schedule = of("PaymentScheduleTerm");
    assert_eq!(schedule["term"]["schedule"].as_array().unwrap().len(), 2);
    assert_eq!(schedule["term"]["schedule"][0]["chargeAmount"], "2000.00");
    let usage = of("UsageBasedPricingTerm");
    assert_eq!(
        usage["term"]["rateCards"][0]["rateCard"][0]["dimensionKey"],
        "WorkloadSmall"
    );
    assert!(of("LegalTerm")["summary"]
        .as_str()
        .unwrap()
        .contains("CustomEula"));
    assert!(of("ValidityTerm")["summary"]
        .as_str()
        .unwrap()
        .contains("P365D"));
    assert!(of("FixedUpfrontPricingTerm")["summary"]
        .as_str()
        .unwrap()
        .contains("BasicService x1"));

    let text = project
        .mpctl(&server.url(), &["agreement", "terms", &agreement])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("WorkloadMedium USD 0.20"), "{text}");
    assert!(text.contains("USD 1500.00"), "{text}");

    let missing = project
        .mpctl(&server.url(), &["agreement", "describe", "agmt-nope"])
        .output()
        .expect_code(1);
    assert!(
        missing.stderr().contains("ResourceNotFoundException"),
        "{}",
        missing.stderr()
    );
}
