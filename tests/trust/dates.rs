//! Dates AWS refuses: a new offer's end date in the past is refused before sending, by the
//! CLI and by the emulator (which runs the same validator on the emulator's clock); `offer
//! expire` on an offer that already ended sends nothing; built-in relative dates count from an
//! emulator's clock, so a rehearsal after `emulator advance` still makes valid offers.

use chrono::{Days, Utc};

use crate::lifecycle::seller;
use crate::support::server::Server;

fn yesterday() -> String {
    (Utc::now().date_naive() - Days::new(1)).to_string()
}

#[test]
fn a_new_offer_ending_in_the_past_is_refused_before_sending() {
    let server = Server::fast();
    let p = seller(&server);
    let url = server.url();
    let offer = p.state()["OFFER_ID"].as_str().expect("offer").to_string();
    let starts = server.count("StartChangeSet");
    let past = yesterday();
    for args in [
        vec![
            "offer",
            "clone",
            offer.as_str(),
            "--buyer",
            "999988887777",
            "--until",
            past.as_str(),
        ],
        vec![
            "changeset",
            "start",
            "@private-offer",
            "--var",
            &format!("EXPIRY_DATE={past}"),
        ],
    ] {
        for plan in [false, true] {
            let mut a = args.clone();
            if plan {
                a.push("--plan");
            }
            let done = p.mpctl(&url, &a).output().expect_code(2);
            assert!(
                done.stderr().contains("in the future"),
                "{a:?}: {}",
                done.stderr()
            );
        }
    }
    assert_eq!(
        server.count("StartChangeSet"),
        starts,
        "nothing was started"
    );
}

#[test]
fn the_emulator_fails_a_change_set_that_creates_an_offer_ending_in_the_past() {
    use crate::support::catalog::{change_errors, finish, start_changes};
    let server = Server::fast();
    let p = seller(&server);
    let product = p.state()["PRODUCT_ID"].clone();
    let client = crate::support::catalog_client(server.handle());
    let changes = [
        serde_json::json!({"ChangeType": "CreateOffer", "ChangeName": "c", "Entity": {"Type": "Offer@1.0"},
                           "DetailsDocument": {"ProductId": product}}),
        serde_json::json!({"ChangeType": "UpdateAvailability",
                           "Entity": {"Type": "Offer@1.0", "Identifier": "$c.Entity.Identifier"},
                           "DetailsDocument": {"AvailabilityEndDate": yesterday()}}),
    ];
    let out = server.block_on(async {
        let id = start_changes(&client, &changes).await.expect("started");
        finish(&client, &id).await
    });
    let errors = change_errors(&out);
    assert!(
        errors
            .iter()
            .any(|(i, code, _)| *i == 1 && code == "PAST_END_DATE"),
        "{errors:?}"
    );
}

#[test]
fn expiring_an_offer_that_already_ended_sends_nothing() {
    let server = Server::fast();
    let p = seller(&server);
    let url = server.url();
    let offer = p.state()["OFFER_ID"].as_str().expect("offer").to_string();
    p.mpctl(&url, &["offer", "expire", &offer])
        .output()
        .expect_code(0);
    let starts = server.count("StartChangeSet");
    // The next day (on the emulator's clock and this machine's alike the end is in the past).
    for plan in [false, true] {
        let mut args = vec!["offer", "expire", offer.as_str(), "--output", "json"];
        if plan {
            args.push("--plan");
        }
        let again = p.mpctl(&url, &args).output().expect_code(0);
        let doc = again.json();
        match plan {
            false => {
                assert_eq!(doc["changeset_id"], serde_json::Value::Null, "{doc}");
                assert_eq!(doc["availability_end_date"], yesterday(), "{doc}");
            }
            true => assert_eq!(doc["count"], 0, "{doc}"),
        }
        assert!(
            again.stderr().contains("already ended") || !plan,
            "{}",
            again.stderr()
        );
    }
    assert_eq!(
        server.count("StartChangeSet"),
        starts,
        "no change set started"
    );
}

#[test]
fn after_the_emulator_advanced_a_year_built_in_dates_count_from_its_clock() {
    let server = Server::fast();
    let p = crate::support::project::Project::new();
    let url = server.url();
    // A seller rehearsing next year's renewals: the emulator is 400 days ahead of this machine.
    server
        .handle()
        .clock()
        .advance(std::time::Duration::from_secs(400 * 86_400));
    // The templates' relative dates (the private offer's end, the opportunity's close date)
    // count from the emulator's today, so AWS's date checks pass on its clock.
    p.mpctl(&url, &["run-all"]).output().expect_code(0);
    let offer = p.state()["OFFER_ID"].as_str().expect("offer").to_string();
    // `offer clone`'s default end (today + 30 days) too: the emulator fails a change set whose
    // offer ends before its today (PAST_END_DATE).
    p.mpctl(&url, &["offer", "clone", &offer, "--buyer", "999988887777"])
        .output()
        .expect_code(0);
}
