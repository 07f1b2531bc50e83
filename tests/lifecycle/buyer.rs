//! `buyer accept|replace` and run-all with a buyer profile, through the binary.

use serde_json::json;

use super::{json_ok, no_stand_in, seller, state, BUYER, OTHER_BUYER};
use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn buyer_accept_creates_the_agreement_once() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = state(&project, "OFFER_ID");
    let done = json_ok(&project, &server, &["buyer", "accept", &offer]);
    let agreement = done["agreement_id"]
        .as_str()
        .expect("agreement")
        .to_string();
    assert_eq!(done["buyer_account_id"], BUYER);
    assert!(done["agreement_request_id"]
        .as_str()
        .unwrap()
        .starts_with("ar-"));
    assert_eq!(done["term_ids"].as_array().unwrap().len(), 5);
    let ops = server.operations();
    for op in [
        "GetOffer",
        "GetOfferTerms",
        "CreateAgreementRequest",
        "AcceptAgreementRequest",
        "GetAgreementEntitlements",
    ] {
        assert!(ops.iter().any(|o| o == op), "{op} not called: {ops:?}");
    }

    let mine = json_ok(
        &project,
        &server,
        &["agreement", "search", "--buyer", BUYER],
    );
    assert_eq!(mine["items"][0]["agreement_id"], agreement.as_str());
    assert_eq!(mine["items"][0]["status"], "ACTIVE");
    let theirs = json_ok(
        &project,
        &server,
        &["agreement", "search", "--buyer", OTHER_BUYER],
    );
    assert_eq!(theirs["items"], json!([]));

    // A re-run reuses the request (same client token): no second agreement.
    let again = json_ok(&project, &server, &["buyer", "accept", &offer]);
    assert_eq!(again["agreement_id"], agreement.as_str());
    let all = json_ok(
        &project,
        &server,
        &["agreement", "search", "--offer", &offer],
    );
    assert_eq!(all["items"].as_array().unwrap().len(), 1);

    // Another targeted buyer can accept too; an untargeted account cannot see the offer.
    let other = json_ok(
        &project,
        &server,
        &["buyer", "accept", &offer, "--account", OTHER_BUYER],
    );
    assert_ne!(other["agreement_id"], agreement.as_str());
    let stranger = project
        .mpctl(
            &server.url(),
            &["buyer", "accept", &offer, "--account", "999999999999"],
        )
        .output()
        .expect_code(1);
    assert!(
        stranger
            .stderr()
            .contains("GetOffer failed: ResourceNotFoundException"),
        "{}",
        stranger.stderr()
    );
    let bad_term = project
        .mpctl(
            &server.url(),
            &[
                "buyer",
                "accept",
                &offer,
                "--terms",
                "term-nope",
                "--account",
                "444455556666",
            ],
        )
        .output()
        .expect_code(2);
    assert!(
        bad_term.stderr().contains("term-nope"),
        "{}",
        bad_term.stderr()
    );
}

/// A free trial (with usage prices after it) for BUYER on the project's product, via the SDK.
fn free_trial_offer(server: &Server, product: &str) -> String {
    let request = json!([
        {"ChangeType": "CreateOffer", "Entity": {"Type": "Offer@1.0"}, "ChangeName": "Trial",
         "DetailsDocument": {"ProductId": product}},
        {"ChangeType": "UpdateInformation", "Entity": {"Type": "Offer@1.0", "Identifier": "$Trial.Entity.Identifier"},
         "DetailsDocument": {"Name": "Free trial", "Description": "30 days free"}},
        {"ChangeType": "UpdateTargeting", "Entity": {"Type": "Offer@1.0", "Identifier": "$Trial.Entity.Identifier"},
         "DetailsDocument": {"PositiveTargeting": {"BuyerAccounts": [BUYER]}}},
        {"ChangeType": "UpdatePricingTerms", "Entity": {"Type": "Offer@1.0", "Identifier": "$Trial.Entity.Identifier"},
         "DetailsDocument": {"PricingModel": "Usage", "Terms": [
            {"Type": "FreeTrialPricingTerm", "Duration": "P30D", "Grants": [{"DimensionKey": "WorkloadSmall"}]},
            {"Type": "UsageBasedPricingTerm", "CurrencyCode": "USD", "RateCards": [{"RateCard": [
                {"DimensionKey": "WorkloadSmall", "Price": "0.10"},
                {"DimensionKey": "WorkloadMedium", "Price": "0.20"},
                {"DimensionKey": "WorkloadLarge", "Price": "0.30"}]}]}]}},
        {"ChangeType": "UpdateLegalTerms", "Entity": {"Type": "Offer@1.0", "Identifier": "$Trial.Entity.Identifier"},
         "DetailsDocument": {"Terms": [{"Type": "LegalTerm", "Documents": [{"Type": "StandardEula", "Version": "2022-07-14"}]}]}},
        {"ChangeType": "ReleaseOffer", "Entity": {"Type": "Offer@1.0", "Identifier": "$Trial.Entity.Identifier"},
         "DetailsDocument": {}}
    ]);
    let catalog = crate::support::catalog_client(server.handle());
    server.block_on(async {
        let mut call = catalog.start_change_set().catalog("AWSMarketplace");
        for c in request.as_array().unwrap() {
            let doc = mpctl::aws::changeset::to_document(&c["DetailsDocument"]);
            let mut entity =
                aws_sdk_marketplacecatalog::types::Entity::builder().r#type("Offer@1.0");
            if let Some(id) = c["Entity"]["Identifier"].as_str() {
                entity = entity.identifier(id);
            }
            let mut change = aws_sdk_marketplacecatalog::types::Change::builder()
                .change_type(c["ChangeType"].as_str().unwrap())
                .entity(entity.build().unwrap())
                .details_document(doc);
            if let Some(n) = c["ChangeName"].as_str() {
                change = change.change_name(n);
            }
            call = call.change_set(change.build().unwrap());
        }
        let id = call
            .send()
            .await
            .expect("start")
            .change_set_id()
            .unwrap()
            .to_string();
        let out = crate::support::catalog::finish(&catalog, &id).await;
        match out.status().map(|s| s.as_str()) {
            Some("SUCCEEDED") => mpctl::aws::report::Outcome::from(out)
                .created_id("CreateOffer")
                .unwrap(),
            _ => panic!("free trial failed: {out:?}"),
        }
    })
}

#[test]
fn a_free_trial_is_replaced_by_the_contract_with_consumption_offer() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let contract = state(&project, "OFFER_ID");
    let trial = free_trial_offer(&server, &state(&project, "PRODUCT_ID"));

    let d = json_ok(&project, &server, &["offer", "describe", &trial]);
    assert_eq!(d["offer"]["pricing_model"], "Usage");
    let first = json_ok(&project, &server, &["buyer", "accept", &trial]);
    let trial_agreement = first["agreement_id"].as_str().unwrap().to_string();

    let done = json_ok(
        &project,
        &server,
        &["buyer", "replace", &trial_agreement, "--offer", &contract],
    );
    assert_eq!(done["replaced_agreement_id"], trial_agreement.as_str());
    let new_agreement = done["agreement_id"].as_str().unwrap().to_string();
    assert_ne!(new_agreement, trial_agreement);

    let replaced = json_ok(
        &project,
        &server,
        &["agreement", "search", "--status", "REPLACED"],
    );
    assert_eq!(
        replaced["items"][0]["agreement_id"],
        trial_agreement.as_str()
    );
    assert_eq!(replaced["items"][0]["offer_id"], trial.as_str());
    let active = json_ok(
        &project,
        &server,
        &[
            "agreement",
            "search",
            "--buyer",
            BUYER,
            "--status",
            "ACTIVE",
        ],
    );
    assert_eq!(active["items"].as_array().unwrap().len(), 1);
    assert_eq!(active["items"][0]["agreement_id"], new_agreement.as_str());
    assert_eq!(active["items"][0]["offer_id"], contract.as_str());
    let terms = json_ok(&project, &server, &["agreement", "terms", &new_agreement]);
    assert!(terms["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["type"] == "PaymentScheduleTerm"));

    // The same command again replays the original request (same client token): no new agreement.
    let again = project
        .mpctl(
            &server.url(),
            &[
                "buyer",
                "replace",
                &trial_agreement,
                "--offer",
                &contract,
                "--account",
                BUYER,
            ],
        )
        .output()
        .expect_code(0)
        .stdout();
    assert!(again.contains(&new_agreement), "{again}");

    // A REPLACED agreement cannot be replaced again (a new request: AWS's reason, one line).
    let inactive = project
        .mpctl(
            &server.url(),
            &["buyer", "replace", &trial_agreement, "--offer", &trial],
        )
        .output()
        .expect_code(1);
    let err = inactive.stderr();
    assert!(
        err.contains("CreateAgreementRequest failed: ValidationException:")
            && err.contains("REPLACED, not ACTIVE"),
        "{err}"
    );
}

#[test]
fn run_all_with_a_buyer_profile_accepts_as_the_buyer() {
    let server = Server::start(no_stand_in());
    let project = Project::new();
    project.write_config(json!({"buyer_profile": "buyer"}));
    project.write(
        "aws_config",
        "[profile buyer]\naws_access_key_id = AKIDBUYER111122223333\naws_secret_access_key = buyer-secret\n",
    );
    project.write("aws_credentials", "");
    let config = project.path("aws_config");
    let creds = project.path("aws_credentials");
    let done = project
        .mpctl(&server.url(), &["run-all"])
        .env("AWS_CONFIG_FILE", config.to_str().unwrap())
        .env("AWS_SHARED_CREDENTIALS_FILE", creds.to_str().unwrap())
        .output()
        .expect_code(0);
    assert!(done.stderr().contains("buyer-accept"), "{}", done.stderr());
    let agreement = state(&project, "AGREEMENT_ID");
    let d = json_ok(&project, &server, &["agreement", "describe", &agreement]);
    assert_eq!(d["agreement"]["acceptor_account_id"], BUYER);
    assert_eq!(state(&project, "OPPORTUNITY_STAGE"), "Committed");
    assert!(server
        .operations()
        .iter()
        .any(|o| o == "AcceptAgreementRequest"));
}
