//! The emulator's clock (issue 13, and the AWS review of issue 9): `mpctl emulator advance` and
//! `emulator time` move and read a running emulator's clock through its loopback-only admin
//! path; offers, agreements and invitations expire on it, AWS reviews submitted opportunities on
//! it, and `--data` keeps it across a restart.

use std::time::Duration;

use aws_sdk_marketplaceagreement::types::{AgreementStatus, Filter};
use aws_sdk_partnercentralselling as pcs;
use pcs::types::{
    DeliveryModel, InvitationStatus, Project as PcsProject, RelatedEntityType, ReviewStatus,
    SalesInvolvementType,
};
use serde_json::Value;

use crate::support::deal::{no_stand_in, seller};
use crate::support::partner::create_referral;
use crate::support::project::Project;
use crate::support::server::Server;
use crate::support::{agreement_client, emulator_with, fast_timings, partner_client};

const DAY: Duration = Duration::from_secs(86_400);

fn emulator_time(project: &Project, url: &str) -> chrono::DateTime<chrono::Utc> {
    let out = project.mpctl(url, &["emulator", "time"]).output();
    let out = out.expect_code(0);
    let text = out.stdout();
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .with_timezone(&chrono::Utc)
}

fn advance(project: &Project, url: &str, by: &str) -> Value {
    let out = project
        .mpctl(url, &["--output", "json", "emulator", "advance", by])
        .output()
        .expect_code(0);
    serde_json::from_str(&out.stdout()).expect("JSON result")
}

/// `offer list`'s `expired` for `offer`, and its text table's row.
fn listed_expired(project: &Project, url: &str, offer: &str) -> (bool, String) {
    let args = ["offer", "list", "--output", "json"];
    let json = project.mpctl(url, &args).output().expect_code(0).json();
    let row = json["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["offer_id"] == offer);
    let expired = row
        .and_then(|o| o["expired"].as_bool())
        .expect("offer listed with `expired`");
    let text = project
        .mpctl(url, &["offer", "list"])
        .output()
        .expect_code(0)
        .stdout();
    let line = text
        .lines()
        .find(|l| l.contains(offer))
        .unwrap_or_default()
        .to_string();
    (expired, line)
}

#[test]
fn advance_moves_the_clock_and_an_expired_offer_can_no_longer_be_accepted() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = crate::support::deal::state(&project, "OFFER_ID");
    let (expired, line) = listed_expired(&project, &server.url(), &offer);
    assert!(!expired && !line.contains("expired"), "{line}");
    let before = emulator_time(&project, &server.url());
    let moved = advance(&project, &server.url(), "400d");
    // Expired by the service's clock (the emulator's `Date` header), not the client's.
    let (expired, line) = listed_expired(&project, &server.url(), &offer);
    assert!(expired && line.contains("(expired)"), "{line}");
    let after = emulator_time(&project, &server.url());
    assert!(
        after - before >= chrono::Duration::days(400),
        "{before} → {after}"
    );
    assert_eq!(moved["advanced_seconds"], 400.0 * 86_400.0);
    let refused = project
        .mpctl(&server.url(), &["buyer", "accept", &offer])
        .output()
        .expect_code(1);
    let err = refused.stderr();
    assert!(
        err.contains("ValidationException") && err.contains("expired"),
        "{err}"
    );
}

#[test]
fn an_agreement_past_its_end_is_expired_in_search_and_describe() {
    let server = Server::start(no_stand_in());
    let project = seller(&server);
    let offer = crate::support::deal::state(&project, "OFFER_ID");
    let done = crate::support::deal::json_ok(&project, &server, &["buyer", "accept", &offer]);
    let id = done["agreement_id"]
        .as_str()
        .expect("agreement")
        .to_string();
    let client = agreement_client(server.handle());
    let status = |client: aws_sdk_marketplaceagreement::Client, id: String| async move {
        let described = client
            .describe_agreement()
            .agreement_id(&id)
            .send()
            .await
            .expect("describe");
        let filter = |n: &str, v: &str| Filter::builder().name(n).values(v).build();
        let found = client
            .search_agreements()
            .catalog("AWSMarketplace")
            .filters(filter("PartyType", "Proposer"))
            .filters(filter("AgreementType", "PurchaseAgreement"))
            .send()
            .await
            .expect("search");
        let listed = found
            .agreement_view_summaries()
            .iter()
            .find(|a| a.agreement_id() == Some(id.as_str()))
            .and_then(|a| a.status().cloned());
        (described.status().cloned(), listed)
    };
    let active = Some(AgreementStatus::Active);
    assert_eq!(
        server.block_on(status(client.clone(), id.clone())),
        (active.clone(), active)
    );
    advance(&project, &server.url(), "3y");
    let expired = Some(AgreementStatus::Expired);
    assert_eq!(
        server.block_on(status(client, id)),
        (expired.clone(), expired)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_expires_when_the_clock_passes_its_expiration_date() {
    let h = crate::support::emulator().await;
    let client = partner_client(&h);
    create_referral(&client, "Initech").await;
    let status = || async {
        let listed = client
            .list_engagement_invitations()
            .catalog("Sandbox")
            .participant_type(pcs::types::ParticipantType::Receiver)
            .send()
            .await
            .expect("list");
        listed.engagement_invitation_summaries()[0]
            .status()
            .cloned()
    };
    assert_eq!(status().await, Some(InvitationStatus::Pending));
    h.clock().advance(16 * DAY);
    assert_eq!(status().await, Some(InvitationStatus::Expired));
}

#[test]
fn the_clock_survives_a_data_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("world.json");
    let start = chrono::DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let options = || mpctl_emulator::Options {
        timings: fast_timings(),
        data: Some(data.clone()),
        ..mpctl_emulator::Options::default()
    };
    let project = Project::new();
    let first = Server::with_options(mpctl_emulator::Options {
        start_time: Some(start),
        ..options()
    });
    advance(&project, &first.url(), "30d");
    drop(first);
    let second = Server::with_options(options());
    let now = emulator_time(&project, &second.url());
    let expected = start + chrono::Duration::days(30);
    assert!(
        now >= expected && now - expected < chrono::Duration::minutes(5),
        "{now} is not 30 days after {start}"
    );
}

#[test]
fn the_admin_path_refuses_callers_that_are_not_on_loopback() {
    // The machine's own non-loopback address (a UDP "connect" sends nothing).
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").expect("udp");
    let ip = match socket
        .connect("192.0.2.1:9")
        .and_then(|()| socket.local_addr())
    {
        Ok(addr) if !addr.ip().is_loopback() && !addr.ip().is_unspecified() => addr.ip(),
        _ => {
            eprintln!("no non-loopback interface: only the unit test covers this");
            return;
        }
    };
    let server = Server::with_options(mpctl_emulator::Options {
        bind: std::net::SocketAddr::from(([0, 0, 0, 0], 0)),
        timings: fast_timings(),
        ..mpctl_emulator::Options::default()
    });
    let port = server.handle().addr.port();
    let project = Project::new();
    let remote = format!("http://{ip}:{port}");
    let refused = project
        .mpctl(&remote, &["emulator", "advance", "1d"])
        .output()
        .expect_code(1);
    assert!(
        refused.stderr().contains("403") && refused.stderr().contains("loopback"),
        "{}",
        refused.stderr()
    );
    // The same emulator answers on loopback.
    let local = format!("http://127.0.0.1:{port}");
    advance(&project, &local, "1d");
}

/// A complete AWS-catalog opportunity with `title`, submitted; returns its id.
async fn submitted(client: &pcs::Client, title: &str) -> String {
    let project = PcsProject::builder()
        .title(title)
        .customer_business_problem(super::partner::PROBLEM)
        .delivery_models(DeliveryModel::from("SaaS or PaaS"))
        .build();
    let created = super::partner::complete_opportunity(client, "AWS", title)
        .project(project)
        .send()
        .await
        .expect("create");
    let id = created.id().to_string();
    client
        .associate_opportunity()
        .catalog("AWS")
        .opportunity_identifier(&id)
        .related_entity_type(RelatedEntityType::Solutions)
        .related_entity_identifier(super::partner::SOLUTION)
        .send()
        .await
        .expect("associate");
    client
        .submit_opportunity()
        .catalog("AWS")
        .identifier(&id)
        .involvement_type(SalesInvolvementType::CoSell)
        .send()
        .await
        .expect("submit");
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_reviews_a_submitted_opportunity_on_the_clock_with_marker_outcomes() {
    let h = emulator_with(mpctl_emulator::Timings {
        review_seconds: 3600.0,
        ..fast_timings()
    })
    .await;
    let client = partner_client(&h);
    let plain = submitted(&client, "Billing platform migration").await;
    let action = submitted(&client, "Data lake [review:action-required]").await;
    let rejected = submitted(&client, "Analytics [review:rejected]").await;
    let life = |id: String| {
        let client = client.clone();
        async move {
            let got = client
                .get_opportunity()
                .catalog("AWS")
                .identifier(id)
                .send()
                .await
                .expect("get");
            got.life_cycle().cloned().expect("life cycle")
        }
    };
    assert_eq!(
        life(plain.clone()).await.review_status(),
        Some(&ReviewStatus::Submitted)
    );
    // While AWS holds it, the partner cannot edit it (as before the review was modeled).
    let update = client
        .update_opportunity()
        .catalog("AWS")
        .identifier(&plain)
        .last_modified_date(aws_smithy_types::DateTime::from_secs(0))
        .send()
        .await;
    assert!(update.is_err());
    h.clock().advance(Duration::from_secs(1800));
    assert_eq!(
        life(plain.clone()).await.review_status(),
        Some(&ReviewStatus::InReview)
    );
    h.clock().advance(Duration::from_secs(1800));
    let approved = life(plain).await;
    assert_eq!(approved.review_status(), Some(&ReviewStatus::Approved));
    assert_eq!(approved.review_status_reason(), None);
    let needs = life(action).await;
    assert_eq!(needs.review_status(), Some(&ReviewStatus::ActionRequired));
    assert!(needs.review_status_reason().is_some_and(|r| !r.is_empty()));
    assert!(needs.review_comments().is_some_and(|c| !c.is_empty()));
    let no = life(rejected).await;
    assert_eq!(no.review_status(), Some(&ReviewStatus::Rejected));
    assert!(no.review_status_reason().is_some_and(|r| !r.is_empty()));
}
