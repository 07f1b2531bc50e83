//! The lead flow end to end through the built binary against an emulator: `emulator seed lead`
//! (the loopback admin path) puts an AWS lead in the seller's inbox, `lead list` shows it,
//! `lead accept --plan` shows the requests and sends nothing, `lead accept` accepts it and
//! waits for the task that turns it into an opportunity; a re-run, and a run killed after the
//! task started, still leave exactly one opportunity.

use crate::support::project::Project;
use crate::support::server::Server;

/// Seeds a lead for `company`; returns its invitation id.
fn seed(server: &Server, project: &Project, company: &str) -> String {
    let seeded = project
        .mpctl(
            &server.url(),
            &[
                "emulator",
                "seed",
                "lead",
                "--company",
                company,
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(seeded["company"], company);
    let id = seeded["invitation_id"].as_str().expect("id").to_string();
    assert!(id.starts_with("engi-"), "{seeded}");
    id
}

fn accept_json(server: &Server, project: &Project, id: &str) -> serde_json::Value {
    project
        .mpctl(&server.url(), &["lead", "accept", id, "--output", "json"])
        .output()
        .expect_code(0)
        .json()
}

#[test]
fn a_seeded_lead_is_listed_planned_accepted_and_converted_once() {
    let server = Server::fast();
    let project = Project::new();
    let id = seed(&server, &project, "Hooli");
    let text = project
        .mpctl(
            &server.url(),
            &["emulator", "seed", "lead", "--company", "Other"],
        )
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.trim().starts_with("engi-"),
        "text output is the id alone: {text}"
    );
    let listed = project
        .mpctl(
            &server.url(),
            &["lead", "list", "--status", "PENDING", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let ids: Vec<_> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["invitation_id"].clone())
        .collect();
    assert!(ids.contains(&serde_json::json!(id)), "{listed}");
    let plan = project
        .mpctl(
            &server.url(),
            &["lead", "accept", &id, "--plan", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let ops: Vec<_> = plan["items"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| r["operation"].clone())
        .collect();
    assert_eq!(
        ops,
        [
            "AcceptEngagementInvitation",
            "StartOpportunityFromEngagementTask"
        ],
        "{plan}"
    );
    assert_eq!(
        server.count("AcceptEngagementInvitation"),
        0,
        "--plan sends nothing"
    );
    let before = server.counts().2;
    let done = accept_json(&server, &project, &id);
    assert_eq!(done["ok"], true, "{done}");
    assert_eq!(done["accepted_now"], true);
    assert_eq!(done["task_status"], "COMPLETE");
    let opportunity = done["opportunity_id"]
        .as_str()
        .expect("opportunity")
        .to_string();
    let got = project
        .mpctl(
            &server.url(),
            &["opportunity", "get", &opportunity, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(got["opportunity"]["title"], "Converted from Lead", "{got}");
    assert_eq!(got["opportunity"]["company"], "Hooli");
    let again = accept_json(&server, &project, &id);
    assert_eq!(again["accepted_now"], false);
    assert_eq!(
        again["opportunity_id"],
        opportunity.as_str(),
        "a re-run converts nothing twice"
    );
    assert_eq!(server.counts().2, before + 1);
    let listed = project
        .mpctl(&server.url(), &["lead", "list", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    let row = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["invitation_id"] == id.as_str())
        .cloned()
        .expect("row");
    assert_eq!(row["status"], "ACCEPTED");
}

#[test]
fn a_lead_accept_killed_after_the_task_started_resumes_to_one_opportunity() {
    let server = Server::fast();
    let project = Project::new();
    let id = seed(&server, &project, "Initech");
    let before = server.counts().2;
    for point in ["lead-accept:after-accept", "lead-accept:after-start"] {
        let crashed = project
            .mpctl(&server.url(), &["lead", "accept", &id])
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert!(!crashed.out.status.success(), "{point} aborts");
    }
    let done = accept_json(&server, &project, &id);
    assert_eq!(done["task_status"], "COMPLETE");
    assert_eq!(server.counts().2, before + 1, "exactly one opportunity");
}

#[test]
fn a_referral_is_not_a_lead_and_nothing_is_sent() {
    let server = Server::fast();
    let project = Project::new();
    let invitation = crate::cosell_cli::referral_invitation(&server, &project, "Globex");
    let out = project
        .mpctl(&server.url(), &["lead", "accept", &invitation])
        .output()
        .expect_code(2);
    assert!(
        out.stderr().contains("invitation accept"),
        "{}",
        out.stderr()
    );
    assert_eq!(server.count("AcceptEngagementInvitation"), 0);
}

#[test]
fn the_dashboard_cosell_page_shows_leads_engagements_and_aws_stage() {
    let server = Server::fast();
    let project = Project::new();
    let id = seed(&server, &project, "Dash Corp");
    let done = accept_json(&server, &project, &id);
    let engagement = done["engagement_id"]
        .as_str()
        .expect("engagement")
        .to_string();
    // A submitted opportunity: AWS has it, and its own stage for it.
    let client = crate::support::partner_client(server.handle());
    let opp = done["opportunity_id"]
        .as_str()
        .expect("opportunity")
        .to_string();
    server.block_on(async {
        let got = client
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(&opp)
            .send()
            .await
            .expect("get");
        let mut account = got
            .customer()
            .and_then(|c| c.account())
            .cloned()
            .expect("account");
        account.website_url = Some("https://dash.example.com".into());
        let customer = aws_sdk_partnercentralselling::types::Customer::builder()
            .account(account)
            .build();
        let project = got.project().cloned().expect("project");
        client
            .update_opportunity()
            .catalog("Sandbox")
            .identifier(&opp)
            .last_modified_date(*got.last_modified_date())
            .customer(customer)
            .project(project)
            .set_opportunity_type(got.opportunity_type().cloned())
            .set_life_cycle(got.life_cycle().cloned().map(|mut l| {
                l.review_status = None;
                l.next_steps_history = None;
                l
            }))
            .set_marketing(got.marketing().cloned())
            .send()
            .await
            .expect("complete it");
        let call = client
            .associate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(&opp);
        let call = call
            .related_entity_type("Solutions".into())
            .related_entity_identifier("S-0059717");
        call.send().await.expect("associate");
        let call = client
            .submit_opportunity()
            .catalog("Sandbox")
            .identifier(&opp);
        call.involvement_type("Co-Sell".into())
            .send()
            .await
            .expect("submit");
    });
    let dash = crate::support::browser::Dashboard::start(&project, &server.url(), &["--read-only"]);
    let (status, page) = dash.http("GET", &format!("/cosell?token={}", dash.token), &[], "");
    assert_eq!(status, 200, "{page}");
    for wanted in [
        id.as_str(),
        engagement.as_str(),
        "AWS stage",
        "Not Started",
        "Lead",
    ] {
        assert!(
            page.contains(wanted),
            "{wanted} missing from the co-sell page:\n{page}"
        );
    }
}
