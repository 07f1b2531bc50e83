//! `--plan` is what is sent, for co-sell after submission: lead accept, opportunity import (create
//! and update), engagement create and invite, assign and tags, each planned then run against the
//! emulator (see [`super::plan_fidelity::plan_then_run`]).

use super::plan_fidelity::plan_then_run;
use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn lead_engagement_opportunity_writes_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    let seeded = p
        .mpctl(
            &server.url(),
            &[
                "emulator",
                "seed",
                "lead",
                "--company",
                "Plan Corp",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    let lead = seeded["invitation_id"].as_str().expect("id").to_string();
    plan_then_run(&server, &p, &["lead", "accept", &lead]);
    let accepted = p
        .mpctl(
            &server.url(),
            &["lead", "accept", &lead, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let opp = accepted["opportunity_id"]
        .as_str()
        .expect("opportunity")
        .to_string();
    p.write(
        "opps.csv",
        "partner_opportunity_id,opportunity_id,title,company,business_problem\n\
         crm-9,,New deal,Plan Corp,The customer's nightly batch misses its window.\n",
    );
    let row = format!("crm-lead,{opp},Converted from Lead,Plan Corp,The customer's nightly batch misses its window.\n");
    p.write("opps.csv", &(p.read("opps.csv") + &row));
    plan_then_run(&server, &p, &["opportunity", "import", "opps.csv"]);
    let created = p
        .mpctl(
            &server.url(),
            &[
                "engagement",
                "create",
                "--opportunity",
                &opp,
                "--title",
                "Plan",
                "--plan",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(created["items"][0]["operation"], "CreateEngagement");
    plan_then_run(
        &server,
        &p,
        &[
            "engagement",
            "create",
            "--opportunity",
            &opp,
            "--title",
            "Plan",
        ],
    );
    let listed = p
        .mpctl(&server.url(), &["engagement", "list", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    let mine = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["title"] == "Plan")
        .and_then(|e| e["engagement_id"].as_str())
        .expect("the new engagement")
        .to_string();
    let invite = [
        "engagement",
        "invite",
        &mine,
        "--account",
        "210987654321",
        "--opportunity",
        &opp,
        "--message",
        "Join",
    ];
    plan_then_run(&server, &p, &invite);
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
        "Owner",
    ];
    plan_then_run(&server, &p, &assign);
    plan_then_run(
        &server,
        &p,
        &[
            "opportunity",
            "tags",
            &opp,
            "--set",
            "crm=SF-1",
            "--remove",
            "old",
        ],
    );
}

/// Snapshot and snapshot-job writes: each planned, then sent with the very body it showed.
#[test]
fn snapshot_writes_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    let (eng, opp) = crate::cosell_snapshots::fresh_engagement(&server, &p);
    plan_then_run(
        &server,
        &p,
        &["engagement", "snapshot", &eng, "--opportunity", &opp],
    );
    let create = [
        "engagement",
        "snapshot-job",
        "create",
        &eng,
        "--opportunity",
        &opp,
    ];
    let plan = plan_then_run(&server, &p, &create);
    assert!(
        plan["items"][0]["body"]["ClientToken"].is_string(),
        "{plan}"
    );
    let listed = p
        .mpctl(
            &server.url(),
            &["engagement", "snapshot-jobs", &eng, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let job = listed["items"][0]["job_id"]
        .as_str()
        .expect("job")
        .to_string();
    for action in ["start", "stop", "delete"] {
        plan_then_run(&server, &p, &["engagement", "snapshot-job", action, &job]);
    }
}
