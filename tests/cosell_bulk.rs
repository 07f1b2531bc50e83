//! Bulk opportunities through the built binary against an emulator: a bad row is reported
//! `file:line:column` with exit 2 and nothing sent; a 30-row import SIGKILLed at three points
//! and run again leaves exactly 30 opportunities; export from one account, import into another
//! reproduces the opportunities (with AWS's stage exported where AWS has one), and a second
//! import changes nothing.

use serde_json::json;

use crate::support::accounts::{as_account, OTHER_SELLER};
use crate::support::project::Project;
use crate::support::server::Server;

const HEADER: &str = "partner_opportunity_id,title,company,website,industry,country,business_problem,stage,target_close_date,expected_monthly_spend,currency\n";

fn csv(n: usize) -> String {
    let mut out = HEADER.to_string();
    for i in 1..=n {
        out.push_str(&format!(
            "crm-{i:03},Data platform {i},Company {i},https://company{i}.example.com,Software and Internet,US,The customer's reporting cannot keep up with growth.,Prospect,2030-06-30,{}.00,USD\n",
            1000 + i
        ));
    }
    out
}

/// A project whose limiter lets CreateOpportunity through quickly (AWS's 1/s is the default;
/// a seller with a raised quota says so the same way).
fn fast_project() -> Project {
    let project = Project::new();
    project.write_config(
        json!({"campaign": {"quotas": {"AWSPartnerCentralSelling.CreateOpportunity": 200.0, "AWSPartnerCentralSelling.UpdateOpportunity": 200.0}}}),
    );
    project
}

fn sandbox_count(server: &Server, account: Option<&str>) -> usize {
    let client = match account {
        Some(a) => as_account(server.handle(), a).partner,
        None => crate::support::partner_client(server.handle()),
    };
    server.block_on(async {
        let pages = client
            .list_opportunities()
            .catalog("Sandbox")
            .into_paginator()
            .items()
            .send();
        pages.collect::<Vec<_>>().await.len()
    })
}

#[test]
fn a_bad_row_is_reported_with_its_line_and_column_and_nothing_is_sent() {
    let server = Server::fast();
    let project = fast_project();
    let text = csv(3).replace(
        "Company 2,https://company2.example.com,Software and Internet,US,",
        "Company 2,https://company2.example.com,Software and Internet,USA,",
    );
    project.write("opps.csv", &text);
    let out = project
        .mpctl(
            &server.url(),
            &["opportunity", "import", "opps.csv", "--yes"],
        )
        .output()
        .expect_code(2);
    assert!(
        out.stderr().contains("opps.csv:3:6: country"),
        "{}",
        out.stderr()
    );
    assert_eq!(server.count("CreateOpportunity"), 0, "nothing sent");
    assert!(
        !project.path("opps.journal").exists(),
        "no journal for a refused file"
    );
}

#[test]
fn an_import_killed_at_three_points_and_run_again_creates_exactly_thirty() {
    let server = Server::fast();
    let project = fast_project();
    project.write("opps.csv", &csv(30));
    for point in [
        "opportunity-import:after-journal#4",
        "opportunity-import:after-send#9",
        "opportunity-import:after-journal#7",
    ] {
        let killed = project
            .mpctl(
                &server.url(),
                &["opportunity", "import", "opps.csv", "--yes"],
            )
            .env("MPCTL_CRASH_AT", point)
            .output();
        assert!(!killed.out.status.success(), "{point} kills the run");
    }
    let done = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "import",
                "opps.csv",
                "--yes",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(done["count"], 30, "{done}");
    assert_eq!(sandbox_count(&server, None), 30, "exactly 30 opportunities");
    let results = project.read("opps.results.csv");
    assert_eq!(results.lines().count(), 31, "{results}");
    assert!(
        !results.contains(",failed,") && !results.contains(",queued,"),
        "{results}"
    );
    let again = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "import",
                "opps.csv",
                "--yes",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    let statuses: Vec<_> = again["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["status"].clone())
        .collect();
    assert!(statuses.iter().all(|s| s == "done"), "{statuses:?}");
    assert_eq!(sandbox_count(&server, None), 30);
}

#[test]
fn export_then_import_into_another_account_reproduces_the_opportunities() {
    let server = Server::fast();
    let project = fast_project();
    project.write("opps.csv", &csv(4));
    project
        .mpctl(
            &server.url(),
            &["opportunity", "import", "opps.csv", "--yes"],
        )
        .output()
        .expect_code(0);
    // One opportunity goes to AWS, so AWS has a stage for it.
    let first = project.state();
    assert!(first.is_object());
    let client = crate::support::partner_client(server.handle());
    let id = server.block_on(async {
        let listed = client
            .list_opportunities()
            .catalog("Sandbox")
            .send()
            .await
            .expect("list");
        listed.opportunity_summaries()[0]
            .id()
            .expect("id")
            .to_string()
    });
    server
        .block_on(
            client
                .associate_opportunity()
                .catalog("Sandbox")
                .opportunity_identifier(&id)
                .related_entity_type(
                    aws_sdk_partnercentralselling::types::RelatedEntityType::Solutions,
                )
                .related_entity_identifier("S-0059717")
                .send(),
        )
        .expect("associate a solution");
    server
        .block_on(
            client
                .submit_opportunity()
                .catalog("Sandbox")
                .identifier(&id)
                .involvement_type("For Visibility Only".into())
                .send(),
        )
        .expect("submit");
    let exported = project
        .mpctl(
            &server.url(),
            &["opportunity", "export", "export.csv", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(exported["count"], 4);
    assert_eq!(exported["with_aws_stage"], 1, "{exported}");
    let text = project.read("export.csv");
    assert!(
        text.lines()
            .any(|l| l.contains(&id) && l.ends_with(",Submitted,Not Started")),
        "{text}"
    );
    let other = |args: &[&str]| {
        project
            .mpctl(&server.url(), args)
            .env("AWS_ACCESS_KEY_ID", &format!("AKIDACCT{OTHER_SELLER}"))
            .env("AWS_SECRET_ACCESS_KEY", "x")
    };
    other(&["opportunity", "import", "export.csv", "--yes"])
        .output()
        .expect_code(0);
    assert_eq!(sandbox_count(&server, Some(OTHER_SELLER)), 4);
    other(&["opportunity", "export", "copy.csv"])
        .output()
        .expect_code(0);
    let titles = |t: &str| {
        let mut v: Vec<String> = t
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap_or_default().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(titles(&project.read("copy.csv")), titles(&text));
    other(&["opportunity", "import", "export.csv", "--yes"])
        .output()
        .expect_code(0);
    assert_eq!(
        sandbox_count(&server, Some(OTHER_SELLER)),
        4,
        "a second import creates nothing"
    );
}
