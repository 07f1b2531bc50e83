//! The loop a seller runs: pull a product and its offer, edit a price, the title and a
//! dimension's description, see exactly those three in `diff`, a validated plan of the change
//! types that set them, `apply`, and no difference left. And pull then apply without edits
//! sends nothing.

use serde_json::{json, Value};

use super::{listing, paths, read_file, write_file};
use crate::support::deal::{no_stand_in, seller, state};
use crate::support::server::Server;

/// Edits the three fields; returns the rate card entry's new price.
fn edit(doc_offer: &mut Value, doc_product: &mut Value) {
    let terms = doc_offer["DetailsDocument"]["Terms"]
        .as_array_mut()
        .expect("terms");
    let usage = terms
        .iter_mut()
        .find(|t| t["Type"] == "UsageBasedPricingTerm")
        .expect("the workflow's offer has usage pricing");
    usage["RateCards"][0]["RateCard"][0]["Price"] = json!("0.15");
    let details = &mut doc_product["DetailsDocument"];
    details["Description"]["ProductTitle"] = json!("mpctl sample SaaS product, edited");
    let dims = details["Dimensions"].as_array_mut().expect("dimensions");
    let premium = dims
        .iter_mut()
        .find(|d| d["Key"] == "PremiumService")
        .expect("a PremiumService dimension");
    premium["Description"] = json!("Premium service, answered around the clock");
}

#[test]
fn a_price_a_title_and_a_dimension_edited_in_files_reach_aws() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let (product, offer) = (state(&p, "PRODUCT_ID"), state(&p, "OFFER_ID"));
    let pulled = listing(&p, &server, &["pull", &product, &offer]);
    assert_eq!(pulled["count"], 2, "{pulled:#}");
    assert_eq!(listing(&p, &server, &["diff"])["count"], 0);

    let (mut o, mut pr) = (read_file(&p, &offer), read_file(&p, &product));
    edit(&mut o, &mut pr);
    write_file(&p, &offer, &o);
    write_file(&p, &product, &pr);

    let diff = listing(&p, &server, &["diff"]);
    let mut got = paths(&diff);
    got.sort();
    assert_eq!(
        got,
        [
            "Description.ProductTitle",
            "Dimensions[PremiumService:Entitled].Description",
            "Terms[UsageBasedPricingTerm].RateCards[0].RateCard[0].Price",
        ],
        "{diff:#}"
    );
    assert_eq!(diff["count"], 3);

    let plan = listing(&p, &server, &["plan"]);
    let request = &plan["request"];
    let types: Vec<&str> = request["ChangeSet"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["ChangeType"].as_str())
        .collect();
    assert_eq!(
        types,
        [
            "UpdateInformation",
            "UpdateDimensions",
            "UpdatePricingTerms"
        ]
    );
    let problems = mpctl_changeset::validate(request, &mpctl_changeset::ValidateOptions::sending());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        request["ChangeSet"][0]["DetailsDocument"],
        json!({"ProductTitle": "mpctl sample SaaS product, edited"})
    );

    let starts = server.count("StartChangeSet");
    let applied = listing(&p, &server, &["apply"]);
    assert_eq!(applied["status"], "SUCCEEDED", "{applied:#}");
    assert_eq!(applied["after"]["count"], 0, "{applied:#}");
    assert_eq!(server.count("StartChangeSet"), starts + 1);
    assert_eq!(listing(&p, &server, &["diff"])["count"], 0);

    // What AWS holds now is what the files say: a fresh pull elsewhere agrees.
    listing(&p, &server, &["pull", &product, &offer, "--dir", "again"]);
    let again: Value =
        serde_json::from_str(&p.read(&format!("again/{product}.json"))).expect("json");
    assert_eq!(
        again["DetailsDocument"]["Description"]["ProductTitle"],
        "mpctl sample SaaS product, edited"
    );
    let offer_again = p.read(&format!("again/{offer}.json"));
    assert!(offer_again.contains("\"0.15\""), "{offer_again}");
}

#[test]
fn pull_then_apply_without_edits_sends_nothing_and_a_repull_is_byte_identical() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let (product, offer) = (state(&p, "PRODUCT_ID"), state(&p, "OFFER_ID"));
    listing(&p, &server, &["pull", &product, &offer]);
    let first = p.read(&format!("listing/{product}.json"));
    let starts = server.count("StartChangeSet");
    let applied = listing(&p, &server, &["apply"]);
    assert_eq!(applied["changeset_id"], Value::Null, "{applied:#}");
    assert!(applied["changes"].as_array().expect("changes").is_empty());
    let planned = listing(&p, &server, &["plan"]);
    assert_eq!(planned["request"], Value::Null);
    assert_eq!(server.count("StartChangeSet"), starts, "nothing was sent");
    let repulled = listing(&p, &server, &["pull", &product]);
    assert_eq!(repulled["items"][0]["changed"], false, "{repulled:#}");
    assert_eq!(p.read(&format!("listing/{product}.json")), first);
    let text = p
        .mpctl(&server.url(), &["listing", "apply"])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("nothing was sent"), "{text}");
}
