//! `engagement update-context` and `engagement settings` through the built binary against an
//! emulator: a CustomerProject context takes another opportunity's customer and project (and a
//! wrong context exits 2 with nothing sent); the snapshot job role is unset, then set by name
//! (stored as this account's role ARN) and read back; each write's plan is what is sent.

use serde_json::Value;

use crate::cosell_snapshots::fresh_engagement;
use crate::support::accounts::SELLER;
use crate::support::project::Project;
use crate::support::server::Server;
use crate::trust::plan_fidelity::plan_then_run;

fn json(server: &Server, p: &Project, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--output", "json"]);
    p.mpctl(&server.url(), &all).output().expect_code(0).json()
}

/// A second opportunity (another customer) in the same account.
fn other_opportunity(server: &Server, p: &Project) -> String {
    p.write(
        "other.csv",
        "partner_opportunity_id,title,company,website,industry,country,business_problem,stage,target_close_date\n\
         crm-2,Data lake,Other Corp,https://other.example.com,Software and Internet,US,The analytics team waits a day for every report.,Qualified,2031-06-30\n",
    );
    let done = json(server, p, &["opportunity", "import", "other.csv", "--yes"]);
    done["items"][0]["opportunity_id"]
        .as_str()
        .expect("opportunity")
        .to_string()
}

#[test]
fn a_customer_project_context_takes_another_opportunitys_customer_and_project() {
    let server = Server::fast();
    let p = Project::new();
    let (eng, _) = fresh_engagement(&server, &p);
    let other = other_opportunity(&server, &p);
    let shown = json(&server, &p, &["engagement", "show", &eng]);
    assert_eq!(
        shown["contexts"][0]["payload"]["company"], "Snap Corp",
        "{shown}"
    );
    let context = shown["contexts"][0]["context_id"]
        .as_str()
        .expect("context")
        .to_string();
    let update = [
        "engagement",
        "update-context",
        &eng,
        "--context",
        &context,
        "--opportunity",
        &other,
    ];
    let plan = plan_then_run(&server, &p, &update);
    assert_eq!(
        plan["items"][0]["operation"], "UpdateEngagementContext",
        "{plan}"
    );
    let shown = json(&server, &p, &["engagement", "show", &eng]);
    assert_eq!(
        shown["contexts"][0]["payload"]["company"], "Other Corp",
        "{shown}"
    );
    assert_eq!(
        shown["contexts"][0]["payload"]["title"], "Data lake",
        "{shown}"
    );
    let again = json(&server, &p, &update);
    assert_eq!(
        again["context_id"],
        context.as_str(),
        "a re-run reads the new instant: {again}"
    );
    let before = server.count("UpdateEngagementContext");
    let wrong = p
        .mpctl(
            &server.url(),
            &[
                "engagement",
                "update-context",
                &eng,
                "--context",
                "99",
                "--opportunity",
                &other,
            ],
        )
        .output();
    assert_eq!(wrong.code(), 2, "{}", wrong.stderr());
    assert!(
        wrong.stderr().contains("nothing was sent"),
        "{}",
        wrong.stderr()
    );
    assert_eq!(server.count("UpdateEngagementContext"), before);
}

#[test]
fn the_snapshot_job_role_is_unset_then_set_by_name_and_read_back() {
    let server = Server::fast();
    let p = Project::new();
    let unset = json(&server, &p, &["engagement", "settings"]);
    assert!(unset["snapshot_job_role_arn"].is_null(), "{unset}");
    let plan = plan_then_run(
        &server,
        &p,
        &[
            "engagement",
            "settings",
            "--snapshot-job-role",
            "PartnerSnapshots",
        ],
    );
    assert_eq!(
        plan["items"][0]["body"]["ResourceSnapshotJobRoleIdentifier"], "PartnerSnapshots",
        "{plan}"
    );
    let set = json(&server, &p, &["engagement", "settings"]);
    assert_eq!(
        set["snapshot_job_role_arn"],
        format!("arn:aws:iam::{SELLER}:role/PartnerSnapshots"),
        "{set}"
    );
    let bad = p
        .mpctl(
            &server.url(),
            &["engagement", "settings", "--snapshot-job-role", "no spaces"],
        )
        .output();
    assert_eq!(bad.code(), 2, "{}", bad.stderr());
    assert_eq!(server.count("PutSellingSystemSettings"), 1);
}
