//! `offer list|describe|clone|extend|expire|replace` through the binary.

use serde_json::Value;

use super::{json_ok, no_stand_in, seller, state, BUYER, OTHER_BUYER};
use crate::support::server::Server;

fn ids(doc: &Value) -> Vec<String> {
    doc["items"]
        .as_array()
        .expect("offers")
        .iter()
        .map(|o| o["offer_id"].as_str().unwrap().to_string())
        .collect()
}

fn term_summaries(offer: &Value) -> Vec<(String, String)> {
    offer["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| {
            (
                t["type"].as_str().unwrap().to_string(),
                t["summary"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn list_filters_by_targeting_product_and_buyer() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let public = state(&project, "PUBLIC_OFFER_ID");
    let product = state(&project, "PRODUCT_ID");

    let all = ids(&json_ok(&project, &server, &["offer", "list"]));
    assert!(all.contains(&offer) && all.contains(&public), "{all:?}");
    let private = ids(&json_ok(&project, &server, &["offer", "list", "--private"]));
    assert_eq!(private, [offer.as_str()]);
    let of_product = ids(&json_ok(
        &project,
        &server,
        &["offer", "list", "--product", &product],
    ));
    assert_eq!(of_product.len(), 2, "{of_product:?}");
    let for_buyer = ids(&json_ok(
        &project,
        &server,
        &["offer", "list", "--buyer", OTHER_BUYER],
    ));
    assert_eq!(for_buyer, [offer.as_str()]);
    let nobody = ids(&json_ok(
        &project,
        &server,
        &["offer", "list", "--buyer", "999999999999"],
    ));
    assert!(nobody.is_empty(), "{nobody:?}");

    let text = project
        .mpctl(&server.url(), &["offer", "list", "--private"])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains(&offer) && text.contains(BUYER), "{text}");
    project
        .mpctl(&server.url(), &["offer", "list", "--buyer", "12-34"])
        .output()
        .expect_code(2);
}

#[test]
fn describe_shows_targeting_availability_pricing_model_and_terms() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let doc = json_ok(&project, &server, &["offer", "describe", &offer]);
    let o = &doc["offer"];
    assert_eq!(o["offer_id"], offer.as_str());
    assert_eq!(o["state"], "Released");
    assert_eq!(o["pricing_model"], "Contract");
    assert_eq!(o["buyer_accounts"], serde_json::json!([BUYER, OTHER_BUYER]));
    assert!(o["availability_end_date"].is_string(), "{o}");
    let terms = term_summaries(o);
    let kinds: Vec<&str> = terms.iter().map(|(k, _)| k.as_str()).collect();
    for k in [
        "LegalTerm",
        "FixedUpfrontPricingTerm",
        "UsageBasedPricingTerm",
        "PaymentScheduleTerm",
        "ValidityTerm",
    ] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    let text = project
        .mpctl(&server.url(), &["offer", "describe", &offer])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.contains("WorkloadSmall USD 0.12"), "{text}");
    assert!(text.contains("2000.00"), "{text}");

    let missing = project
        .mpctl(&server.url(), &["offer", "describe", "offer-doesnotexist1"])
        .output()
        .expect_code(1);
    assert!(
        missing
            .stderr()
            .contains("DescribeEntity failed: ResourceNotFoundException"),
        "{}",
        missing.stderr()
    );
}

#[test]
fn clone_of_the_workflow_offer_has_the_same_terms_for_the_new_buyers() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let new_buyer = "777788889999";

    // --plan prints the StartChangeSet body and sends nothing.
    let before = server.operations().len();
    let planned = json_ok(
        &project,
        &server,
        &["offer", "clone", &offer, "--buyer", new_buyer, "--plan"],
    );
    assert_eq!(planned["items"][0]["operation"], "StartChangeSet");
    assert_eq!(
        planned["items"][0]["body"]["ChangeSet"][0]["ChangeType"],
        "CreateOffer"
    );
    assert!(
        !server.operations()[before..]
            .iter()
            .any(|o| o == "StartChangeSet"),
        "nothing sent"
    );

    // --dry-run prints the change set only.
    let dry = json_ok(
        &project,
        &server,
        &["offer", "clone", &offer, "--buyer", new_buyer, "--dry-run"],
    );
    let types: Vec<&str> = dry["changeset"]["ChangeSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ChangeType"].as_str().unwrap())
        .collect();
    assert_eq!(types.first(), Some(&"CreateOffer"));
    assert_eq!(types.last(), Some(&"ReleaseOffer"));
    assert!(types.contains(&"UpdatePaymentScheduleTerms"), "{types:?}");
    // A buyer file works too (the global --buyers FILE).
    project.write("next.txt", "555566667777\n888899990000\n");
    let from_file = json_ok(
        &project,
        &server,
        &[
            "offer",
            "clone",
            &offer,
            "--buyers",
            "next.txt",
            "--dry-run",
        ],
    );
    assert_eq!(
        from_file["changeset"]["ChangeSet"][2]["DetailsDocument"]["PositiveTargeting"]
            ["BuyerAccounts"],
        serde_json::json!(["555566667777", "888899990000"])
    );

    let args = [
        "offer",
        "clone",
        &offer,
        "--buyers",
        new_buyer,
        "--name",
        "Clone for 7777",
        "--yes",
    ];
    let done = json_ok(&project, &server, &args);
    let clone = done["offer_id"].as_str().expect("clone id").to_string();
    assert_ne!(clone, offer);
    assert_eq!(done["buyer_accounts"], serde_json::json!([new_buyer]));

    let source = json_ok(&project, &server, &["offer", "describe", &offer]);
    let copy = json_ok(&project, &server, &["offer", "describe", &clone]);
    assert_eq!(
        term_summaries(&copy["offer"]),
        term_summaries(&source["offer"])
    );
    assert_eq!(
        copy["offer"]["buyer_accounts"],
        serde_json::json!([new_buyer])
    );
    assert_eq!(copy["offer"]["name"], "Clone for 7777");
    assert_eq!(copy["offer"]["state"], "Released");
    assert_eq!(
        copy["offer"]["pricing_model"],
        source["offer"]["pricing_model"]
    );

    // The same command again returns the same change set: no second offer.
    let again = json_ok(&project, &server, &args);
    assert_eq!(again["offer_id"], clone.as_str());
    let private = ids(&json_ok(&project, &server, &["offer", "list", "--private"]));
    assert_eq!(private.len(), 2, "{private:?}");
}

#[test]
fn extend_and_expire_move_the_availability_end_date() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let done = json_ok(
        &project,
        &server,
        &["offer", "extend", &offer, "--until", "2031-06-30"],
    );
    assert_eq!(done["availability_end_date"], "2031-06-30");
    let d = json_ok(&project, &server, &["offer", "describe", &offer]);
    assert_eq!(d["offer"]["availability_end_date"], "2031-06-30");

    let past = project
        .mpctl(
            &server.url(),
            &["offer", "extend", &offer, "--until", "2020-01-01"],
        )
        .output()
        .expect_code(2);
    assert!(past.stderr().contains("offer expire"), "{}", past.stderr());
    project
        .mpctl(
            &server.url(),
            &["offer", "extend", &offer, "--until", "next week"],
        )
        .output()
        .expect_code(2);

    let expired = json_ok(&project, &server, &["offer", "expire", &offer]);
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    assert_eq!(expired["availability_end_date"], yesterday.as_str());
    let d = json_ok(&project, &server, &["offer", "describe", &offer]);
    assert_eq!(d["offer"]["availability_end_date"], yesterday.as_str());

    // The buyer can no longer accept it: AWS's reason reaches the user in one line.
    let refused = project
        .mpctl(&server.url(), &["buyer", "accept", &offer])
        .output()
        .expect_code(1);
    let err = refused.stderr();
    assert!(
        err.contains("CreateAgreementRequest failed: ValidationException:")
            && err.contains("expired"),
        "{err}"
    );
}

#[test]
fn replace_creates_a_replacement_offer_the_buyer_can_take() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let accepted = json_ok(&project, &server, &["buyer", "accept", &offer]);
    let agreement = accepted["agreement_id"].as_str().unwrap().to_string();

    let done = json_ok(
        &project,
        &server,
        &[
            "offer",
            "replace",
            &agreement,
            "--name",
            "Renewal 2",
            "--yes",
        ],
    );
    let replacement = done["offer_id"].as_str().expect("offer id").to_string();
    assert_eq!(done["agreement_id"], agreement.as_str());
    let d = json_ok(&project, &server, &["offer", "describe", &replacement]);
    assert_eq!(d["offer"]["state"], "Released");
    let source = json_ok(&project, &server, &["offer", "describe", &offer]);
    assert_eq!(
        term_summaries(&d["offer"]),
        term_summaries(&source["offer"])
    );

    // The agreement's buyer sees it as a replacement offer for the same product.
    let product = state(&project, "PRODUCT_ID");
    let got = server.block_on(async {
        let config = crate::support::sdk_config_with_key(&server.url(), "AKIDBUYER111122223333");
        aws_sdk_marketplacediscovery::Client::new(&config)
            .get_offer()
            .offer_id(&replacement)
            .send()
            .await
            .expect("buyer sees the replacement offer")
    });
    assert_eq!(got.replacement_agreement_id(), Some(agreement.as_str()));
    assert_eq!(
        got.associated_entities()[0]
            .product()
            .map(|p| p.product_id()),
        Some(product.as_str())
    );
    assert!(got
        .badges()
        .iter()
        .any(|b| b.badge_type().as_str() == "REPLACEMENT_OFFER"));

    // The buyer of the agreement moves to the replacement offer.
    let replaced = json_ok(
        &project,
        &server,
        &["buyer", "replace", &agreement, "--offer", &replacement],
    );
    let new_agreement = replaced["agreement_id"].as_str().unwrap();
    let old = json_ok(&project, &server, &["agreement", "describe", &agreement]);
    assert_eq!(old["agreement"]["status"], "REPLACED");
    let new = json_ok(&project, &server, &["agreement", "describe", new_agreement]);
    assert_eq!(new["agreement"]["status"], "ACTIVE");
    assert_eq!(new["agreement"]["offer_id"], replacement.as_str());
}

#[test]
fn replace_renders_a_template_with_the_agreement_id() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    project.write(
        "replacement.json",
        r#"{"Catalog": "AWSMarketplace", "ChangeSet": [
            {"ChangeType": "CreateReplacementOffer", "Entity": {"Type": "Offer@1.0"},
             "ChangeName": "R", "DetailsDocument": {"AgreementId": "{{AGREEMENT_ID}}"}},
            {"ChangeType": "UpdatePricingTerms",
             "Entity": {"Type": "Offer@1.0", "Identifier": "$R.Entity.Identifier"},
             "DetailsDocument": {"PricingModel": "Contract", "Terms": [{"Type": "FixedUpfrontPricingTerm",
                "CurrencyCode": "USD", "Price": "10.0", "Grants": [{"DimensionKey": "BasicService", "MaxQuantity": 2}]}]}},
            {"ChangeType": "ReleaseOffer",
             "Entity": {"Type": "Offer@1.0", "Identifier": "$R.Entity.Identifier"}, "DetailsDocument": {}}]}"#,
    );
    let agreement = "agmt-1111111111111111111111111";
    let dry = json_ok(
        &project,
        &server,
        &[
            "offer",
            "replace",
            agreement,
            "--template",
            "replacement.json",
            "--dry-run",
        ],
    );
    assert_eq!(
        dry["changeset"]["ChangeSet"][0]["DetailsDocument"]["AgreementId"],
        agreement
    );
    project.write("broken.json", r#"{"Catalog": "AWSMarketplace", "ChangeSet": [{"ChangeType": "CreateReplacementOffer", "Entity": {"Type": "Offer@1.0"}, "DetailsDocument": {"AgreementId": "{{NOPE}}"}}]}"#);
    let bad = project
        .mpctl(
            &server.url(),
            &[
                "offer",
                "replace",
                agreement,
                "--template",
                "broken.json",
                "--yes",
            ],
        )
        .output()
        .expect_code(2);
    assert!(
        bad.stderr().contains("broken.json") && bad.stderr().contains("NOPE"),
        "{}",
        bad.stderr()
    );
}
