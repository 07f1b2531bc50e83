//! What listing files refuse, before sending anything (exit 2): a field no change type sets
//! (named at FILE:LINE:COLUMN), a file that is not JSON (its line and column), an id that is
//! not a product or offer, and a file whose entity type is not the live entity's. And `apply
//! --plan` sends nothing.

use serde_json::json;

use super::{listing, read_file, write_file};
use crate::support::deal::{no_stand_in, seller, state};
use crate::support::server::Server;

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn a_field_no_change_type_sets_is_refused_at_its_position() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let offer = state(&p, "OFFER_ID");
    listing(&p, &server, &["pull", &offer]);
    let mut doc = read_file(&p, &offer);
    doc["DetailsDocument"]["ProductId"] = json!("prod-somethingelse1");
    doc["DetailsDocument"]["Name"] = json!("A new name");
    write_file(&p, &offer, &doc);
    let text = p.read(&format!("listing/{offer}.json"));
    let line = line_of(&text, "prod-somethingelse1");

    let diff = listing(&p, &server, &["diff"]);
    let entries = diff["entities"][0]["differences"]
        .as_array()
        .expect("diffs")
        .clone();
    let product = entries
        .iter()
        .find(|d| d["path"] == "ProductId")
        .expect("ProductId differs");
    assert_eq!(product["change_types"], json!([]));
    let name = entries
        .iter()
        .find(|d| d["path"] == "Name")
        .expect("Name differs");
    assert_eq!(name["change_types"], json!(["UpdateInformation"]));

    let starts = server.count("StartChangeSet");
    for verb in ["plan", "apply"] {
        let out = p.mpctl(&server.url(), &["listing", verb]).output();
        assert_eq!(out.code(), 2, "{verb}: {}", out.stderr());
        let at = format!("listing/{offer}.json:{line}:");
        assert!(
            out.stderr().contains(&at),
            "{verb}: wanted {at} in {}",
            out.stderr()
        );
        assert!(out.stderr().contains("ProductId"), "{}", out.stderr());
    }
    assert_eq!(server.count("StartChangeSet"), starts, "nothing was sent");
}

#[test]
fn bad_files_ids_and_types_are_refused_before_anything_is_sent() {
    let server = Server::start(no_stand_in());
    let p = seller(&server);
    let (product, offer) = (state(&p, "PRODUCT_ID"), state(&p, "OFFER_ID"));
    let before = server.handle().requests().len();
    let out = p
        .mpctl(&server.url(), &["listing", "pull", "agmt-123"])
        .output();
    assert_eq!(out.code(), 2, "{}", out.stderr());
    assert!(
        out.stderr().contains("is not a product, offer"),
        "{}",
        out.stderr()
    );
    assert_eq!(
        server.handle().requests().len(),
        before,
        "no request for a bad id"
    );

    listing(&p, &server, &["pull", &offer]);
    let path = format!("listing/{offer}.json");
    let good = p.read(&path);
    p.write(&path, &good.replacen("\"Name\":", "\"Name\" ", 1));
    let line = line_of(&good, "\"Name\":");
    let before = server.handle().requests().len();
    let out = p.mpctl(&server.url(), &["listing", "diff"]).output();
    assert_eq!(out.code(), 2, "{}", out.stderr());
    assert!(
        out.stderr().contains(&format!("{path}:{line}:")),
        "{}",
        out.stderr()
    );
    assert_eq!(
        server.handle().requests().len(),
        before,
        "a bad file is read before connecting"
    );

    // The offer's file relabelled as a product: DescribeEntity disagrees.
    let mut doc: serde_json::Value = serde_json::from_str(&good).expect("json");
    doc["Entity"]["Type"] = json!("SaaSProduct@1.0");
    p.write(&path, &serde_json::to_string_pretty(&doc).expect("json"));
    let out = p.mpctl(&server.url(), &["listing", "apply"]).output();
    assert_eq!(out.code(), 2, "{}", out.stderr());
    assert!(
        out.stderr()
            .contains(&format!("but {offer} is a Offer@1.0")),
        "{}",
        out.stderr()
    );

    // --plan: the exact request, nothing sent.
    p.write(
        &path,
        &good.replace("\"mpctl private offer\"", "\"Renamed offer\""),
    );
    listing(&p, &server, &["pull", &product]);
    let starts = server.count("StartChangeSet");
    let plan = p
        .mpctl(
            &server.url(),
            &["listing", "apply", "--plan", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(plan["items"][0]["operation"], "StartChangeSet", "{plan:#}");
    assert_eq!(
        plan["items"][0]["body"]["ChangeSet"][0]["DetailsDocument"],
        json!({"Name": "Renamed offer"})
    );
    assert_eq!(plan["reads"].as_array().map(Vec::len), Some(2));
    assert_eq!(server.count("StartChangeSet"), starts);
}
