//! Engagements and AWS's view through the built binary against an emulator: partner A creates
//! an engagement from its opportunity and invites partner B; the invitation reaches B (and
//! nobody else), B accepts it with `invitation accept`, and `engagement show` lists both as
//! members; `opportunity aws-summary` shows AWS's stage once AWS has the opportunity;
//! `opportunity assign` and `detach` plan, then send; bad flags exit 2 with nothing sent.

use crate::support::accounts::{OTHER_SELLER, SELLER, STRANGER};
use crate::support::project::{Project, Run};
use crate::support::server::Server;

const SOLUTION: &str = "S-0059717";

fn as_account(project: &Project, server: &Server, account: &str, args: &[&str]) -> Run {
    let key = format!("AKIDACCT{account}");
    project
        .mpctl(&server.url(), args)
        .env("AWS_ACCESS_KEY_ID", &key)
        .env("AWS_SECRET_ACCESS_KEY", "x")
}

/// A's opportunity, complete enough to submit; returns its id.
fn opportunity(server: &Server, project: &Project) -> String {
    project.write(
        "opps.csv",
        "partner_opportunity_id,title,company,website,industry,country,business_problem,stage,target_close_date\n\
         crm-1,Billing migration,Acme Corp,https://acme.example.com,Software and Internet,US,The billing platform cannot scale for peak season.,Qualified,2030-12-31\n",
    );
    let done = as_account(
        project,
        server,
        SELLER,
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
    done["items"][0]["opportunity_id"]
        .as_str()
        .expect("id")
        .to_string()
}

#[test]
fn an_engagement_invitation_reaches_partner_b_only_and_b_becomes_a_member() {
    let server = Server::fast();
    let (a, b) = (Project::new(), Project::new());
    let opp = opportunity(&server, &a);
    let created = as_account(
        &a,
        &server,
        SELLER,
        &[
            "engagement",
            "create",
            "--opportunity",
            &opp,
            "--title",
            "Acme co-sell",
            "--output",
            "json",
        ],
    )
    .output()
    .expect_code(0)
    .json();
    let eng = created["engagement_id"].as_str().expect("id").to_string();
    let plan = as_account(
        &a,
        &server,
        SELLER,
        &[
            "engagement",
            "invite",
            &eng,
            "--account",
            OTHER_SELLER,
            "--opportunity",
            &opp,
            "--message",
            "Join us",
            "--plan",
            "--output",
            "json",
        ],
    )
    .output()
    .expect_code(0)
    .json();
    assert_eq!(
        plan["items"][0]["operation"], "CreateEngagementInvitation",
        "{plan}"
    );
    assert_eq!(server.count("CreateEngagementInvitation"), 0);
    let invited = as_account(
        &a,
        &server,
        SELLER,
        &[
            "engagement",
            "invite",
            &eng,
            "--account",
            OTHER_SELLER,
            "--opportunity",
            &opp,
            "--message",
            "Join us",
            "--output",
            "json",
        ],
    )
    .output()
    .expect_code(0)
    .json();
    let invitation = invited["id"].as_str().expect("engi").to_string();
    let listed = |p: &Project, account: &str| {
        let out = as_account(
            p,
            &server,
            account,
            &["invitation", "list", "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
        out["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["invitation_id"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&b, OTHER_SELLER), std::slice::from_ref(&invitation));
    assert!(
        listed(&Project::new(), STRANGER).is_empty(),
        "nobody else receives it"
    );
    as_account(
        &b,
        &server,
        OTHER_SELLER,
        &["invitation", "accept", &invitation],
    )
    .output()
    .expect_code(0);
    let shown = as_account(
        &a,
        &server,
        SELLER,
        &["engagement", "show", &eng, "--output", "json"],
    )
    .output()
    .expect_code(0)
    .json();
    let members: Vec<_> = shown["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| m["account_id"].clone())
        .collect();
    assert_eq!(members, [SELLER, OTHER_SELLER], "{shown}");
    assert_eq!(shown["contexts"][0]["context_type"], "CustomerProject");
    let b_list = as_account(
        &b,
        &server,
        OTHER_SELLER,
        &["engagement", "list", "--output", "json"],
    )
    .output()
    .expect_code(0)
    .json();
    assert_eq!(b_list["items"][0]["engagement_id"], eng.as_str());
    let stranger = as_account(
        &Project::new(),
        &server,
        STRANGER,
        &["engagement", "list", "--output", "json"],
    )
    .output()
    .expect_code(0)
    .json();
    assert_eq!(stranger["count"], 0);
    let snaps = as_account(
        &a,
        &server,
        SELLER,
        &["engagement", "snapshots", &eng, "--output", "json"],
    )
    .output()
    .expect_code(0)
    .json();
    assert_eq!(snaps["count"], 0, "no snapshot was taken: {snaps}");
    let bad = as_account(
        &a,
        &server,
        SELLER,
        &[
            "engagement",
            "invite",
            &eng,
            "--account",
            "12345",
            "--opportunity",
            &opp,
            "--message",
            "x",
        ],
    )
    .output()
    .expect_code(2);
    assert!(bad.stderr().contains("--account"), "{}", bad.stderr());
}

#[test]
fn aws_summary_assign_and_detach() {
    let server = Server::fast();
    let a = Project::new();
    let opp = opportunity(&server, &a);
    let run = |args: &[&str]| as_account(&a, &server, SELLER, args);
    let before = run(&["opportunity", "aws-summary", &opp]).output();
    assert_eq!(
        before.out.status.code(),
        Some(1),
        "AWS has no record before submission"
    );
    let client = crate::support::accounts::as_account(server.handle(), SELLER).partner;
    server.block_on(async {
        client
            .associate_opportunity()
            .catalog("Sandbox")
            .opportunity_identifier(&opp)
            .related_entity_type(aws_sdk_partnercentralselling::types::RelatedEntityType::Solutions)
            .related_entity_identifier(SOLUTION)
            .send()
            .await
            .expect("associate");
        client
            .submit_opportunity()
            .catalog("Sandbox")
            .identifier(&opp)
            .involvement_type("Co-Sell".into())
            .send()
            .await
            .expect("submit");
    });
    let summary = run(&["opportunity", "aws-summary", &opp, "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(summary["summary"]["aws_stage"], "Not Started", "{summary}");
    assert_eq!(summary["summary"]["involvement_type"], "Co-Sell");
    let assign = [
        "opportunity",
        "assign",
        &opp,
        "--email",
        "pat@example.com",
        "--first-name",
        "Pat",
        "--last-name",
        "Lee",
        "--title",
        "OpportunityOwner",
    ];
    let mut planned = assign.to_vec();
    planned.extend(["--plan", "--output", "json"]);
    let plan = run(&planned).output().expect_code(0).json();
    assert_eq!(
        plan["items"][0]["body"]["Assignee"]["Email"],
        "pat@example.com"
    );
    assert_eq!(server.count("AssignOpportunity"), 0);
    run(&assign).output().expect_code(0);
    assert_eq!(server.count("AssignOpportunity"), 1);
    run(&[
        "opportunity",
        "detach",
        &opp,
        "--solution",
        SOLUTION,
        "--offer",
        "offer-abc",
    ])
    .output()
    .expect_code(2);
    assert_eq!(server.count("DisassociateOpportunity"), 0);
    let detached = run(&[
        "opportunity",
        "detach",
        &opp,
        "--solution",
        SOLUTION,
        "--output",
        "json",
    ])
    .output()
    .expect_code(0)
    .json();
    assert_eq!(detached["detail"], format!("Solutions:{SOLUTION}"));
    let tagged = run(&[
        "opportunity",
        "tags",
        &opp,
        "--set",
        "crm=SF-1",
        "--set",
        "region=emea",
        "--output",
        "json",
    ])
    .output()
    .expect_code(0)
    .json();
    assert_eq!(tagged["tags"]["crm"], "SF-1");
    let after = run(&[
        "opportunity",
        "tags",
        &opp,
        "--remove",
        "region",
        "--output",
        "json",
    ])
    .output()
    .expect_code(0)
    .json();
    assert_eq!(after["tags"], serde_json::json!({"crm": "SF-1"}));
    run(&["opportunity", "tags", &opp, "--set", "novalue"])
        .output()
        .expect_code(2);
}
