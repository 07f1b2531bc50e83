//! `mpctl listing preview ID --as ACCOUNT` through the built binary against a served emulator:
//! the workflow's private offer (and its product and listing) as a targeted buyer sees it, the
//! same offer refused for another account (exit 1, a clear message), JSON under its schema,
//! bad ids and accounts refused before any request (exit 2), and `--local`.

use crate::support::deal::{json_ok, no_stand_in, seller, state};
use crate::support::project::Project;
use crate::support::server::Server;

/// A buyer the workflow's offer targets (the project's buyer_ids.txt).
const BUYER: &str = "111122223333";
const STRANGER: &str = "999988887777";

/// The Discovery operations since request `from` that are not reads (none: preview reads).
fn reads_only(server: &Server, from: usize) -> Vec<String> {
    server.handle().requests()[from..]
        .iter()
        .filter(|r| r.service == "Discovery")
        .map(|r| r.operation.clone())
        .filter(|o| !o.starts_with("Get") && !o.starts_with("List"))
        .collect()
}

#[test]
fn a_private_offer_previews_for_its_buyer_only() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let offer = state(&p, "OFFER_ID");
    let product = state(&p, "PRODUCT_ID");
    let doc = json_ok(&p, &server, &["listing", "preview", &offer, "--as", BUYER]);
    assert_eq!(doc["kind"], "offer", "{doc:#}");
    assert_eq!(doc["as_account"], BUYER);
    assert_eq!(doc["products"][0], product.as_str());
    assert!(doc["agreement_proposal_id"]
        .as_str()
        .is_some_and(|a| a.starts_with("ap-")));
    assert_eq!(doc["badges"][0], "PRIVATE_PRICING");
    assert!(
        !doc["terms"].as_array().expect("terms").is_empty(),
        "{doc:#}"
    );
    let text = p
        .mpctl(
            &server.url(),
            &["listing", "preview", &offer, "--as", BUYER],
        )
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.contains(&format!("offer {offer} as buyer {BUYER}")),
        "{text}"
    );

    let refused = p
        .mpctl(
            &server.url(),
            &["listing", "preview", &offer, "--as", STRANGER],
        )
        .output();
    assert_eq!(refused.code(), 1, "{}", refused.stderr());
    assert!(
        refused
            .stderr()
            .contains(&format!("not visible to buyer account {STRANGER}")),
        "{}",
        refused.stderr()
    );
    assert_eq!(reads_only(&server, 0), Vec::<String>::new());
}

#[test]
fn a_product_and_its_listing_show_the_offers_the_buyer_may_buy() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let offer = state(&p, "OFFER_ID");
    let product = state(&p, "PRODUCT_ID");
    let before = server.handle().requests().len();
    // The workflow releases the product (Limited): the buyer its private offer targets sees it.
    let doc = json_ok(
        &p,
        &server,
        &["listing", "preview", &product, "--as", BUYER],
    );
    assert_eq!(doc["kind"], "product");
    let ids: Vec<&str> = doc["purchase_options"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    // The private offer, and the product's public offer the workflow also releases.
    assert_eq!(ids.len(), 2, "{doc:#}");
    assert!(ids.contains(&offer.as_str()), "{doc:#}");
    let listing = format!("prodview-{}", product.trim_start_matches("prod-"));
    let doc = json_ok(
        &p,
        &server,
        &["listing", "preview", &listing, "--as", BUYER],
    );
    assert_eq!(doc["kind"], "listing");
    assert_eq!(doc["products"][0], product.as_str());
    assert!(
        doc["purchase_options"].to_string().contains(&offer),
        "{doc:#}"
    );
    let refused = p
        .mpctl(
            &server.url(),
            &["listing", "preview", &listing, "--as", STRANGER],
        )
        .output();
    assert_eq!(refused.code(), 1, "{}", refused.stderr());
    assert_eq!(reads_only(&server, before), Vec::<String>::new());
}

#[test]
fn bad_ids_and_accounts_are_refused_before_any_request_and_local_works() {
    let server = Server::fast();
    let p = Project::new();
    for args in [
        &["listing", "preview", "agmt-abc", "--as", BUYER][..],
        &["listing", "preview", "offer-abc", "--as", "12345"],
    ] {
        let done = p.mpctl(&server.url(), args).output().expect_code(2);
        assert!(
            done.stderr().contains("nothing was sent"),
            "{args:?}: {}",
            done.stderr()
        );
    }
    assert!(server.handle().requests().is_empty());
    let local = p
        .mpctl_local(&["listing", "preview", "offer-doesnotexist1", "--as", BUYER])
        .output();
    assert_eq!(local.code(), 1, "{}", local.stderr());
    assert!(
        local.stderr().contains("not visible to buyer account"),
        "{}",
        local.stderr()
    );
}
