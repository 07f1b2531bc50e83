//! Resource snapshots and snapshot jobs through the built binary against an emulator: a seller
//! snapshots the opportunity of an engagement it created and reads its payload; a job's lifecycle create →
//! start → (the opportunity changes → a new revision is listed) → stop → delete; deleting a
//! running job exits 1 with AWS's message; a re-run of the same snapshot is the same request;
//! bad ids exit 2 with nothing sent.

use serde_json::Value;

use crate::support::project::Project;
use crate::support::server::Server;

fn json(server: &Server, p: &Project, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--output", "json"]);
    p.mpctl(&server.url(), &all).output().expect_code(0).json()
}

/// An opportunity imported from a CRM row and an engagement created from it, with no snapshot
/// and no job yet (an accepted lead's engagement has both): (engagement id, opportunity id).
pub fn fresh_engagement(server: &Server, p: &Project) -> (String, String) {
    p.write(
        "opps.csv",
        "partner_opportunity_id,title,company,website,industry,country,business_problem,stage,target_close_date\n\
         crm-1,Billing migration,Snap Corp,https://snap.example.com,Software and Internet,US,The billing platform cannot scale for peak season.,Qualified,2030-12-31\n",
    );
    let done = json(server, p, &["opportunity", "import", "opps.csv", "--yes"]);
    let opp = done["items"][0]["opportunity_id"]
        .as_str()
        .expect("opportunity")
        .to_string();
    let created = json(
        server,
        p,
        &[
            "engagement",
            "create",
            "--opportunity",
            &opp,
            "--title",
            "Snap co-sell",
        ],
    );
    let eng = created["engagement_id"]
        .as_str()
        .expect("engagement")
        .to_string();
    (eng, opp)
}

fn revisions(server: &Server, p: &Project, eng: &str) -> Vec<i64> {
    let listed = json(server, p, &["engagement", "snapshots", eng]);
    let items = listed["items"].as_array().expect("items");
    items
        .iter()
        .filter_map(|s| s["revision"].as_i64())
        .collect()
}

#[test]
fn a_snapshot_is_taken_read_back_and_a_rerun_is_the_same_request() {
    let server = Server::fast();
    let p = Project::new();
    let (eng, opp) = fresh_engagement(&server, &p);
    let taken = json(
        &server,
        &p,
        &["engagement", "snapshot", &eng, "--opportunity", &opp],
    );
    assert_eq!(taken["revision"], 1, "{taken}");
    assert_eq!(taken["template"], "OpportunitySummaryView");
    let again = json(
        &server,
        &p,
        &["engagement", "snapshot", &eng, "--opportunity", &opp],
    );
    assert_eq!(
        again["revision"], 1,
        "an unchanged opportunity: the same request: {again}"
    );
    assert_eq!(revisions(&server, &p, &eng), vec![1]);
    let shown = json(
        &server,
        &p,
        &["engagement", "snapshot-show", &eng, "--opportunity", &opp],
    );
    assert_eq!(shown["revision"], 1, "{shown}");
    assert_eq!(shown["resource_id"], opp.as_str());
    assert_eq!(shown["payload"]["company"], "Snap Corp", "{shown}");
    assert!(shown["payload"]["stage"].is_string(), "{shown}");
    let text = p
        .mpctl(
            &server.url(),
            &["engagement", "snapshot-show", &eng, "--opportunity", &opp],
        )
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        text.contains("Snap Corp") && text.contains("revision 1"),
        "{text}"
    );
    assert!(
        !text.contains("null"),
        "an absent field prints empty: {text}"
    );
    let missing = p
        .mpctl(
            &server.url(),
            &[
                "engagement",
                "snapshot-show",
                &eng,
                "--opportunity",
                &opp,
                "--revision",
                "7",
            ],
        )
        .output();
    assert_eq!(missing.code(), 1, "{}", missing.stderr());
    let bad_template = p
        .mpctl(
            &server.url(),
            &[
                "engagement",
                "snapshot",
                &eng,
                "--opportunity",
                &opp,
                "--template",
                "Nope",
            ],
        )
        .output();
    assert_eq!(bad_template.code(), 1, "{}", bad_template.stderr());
    assert!(
        bad_template.stderr().contains("Unknown snapshot template"),
        "{}",
        bad_template.stderr()
    );
}

#[test]
fn a_snapshot_job_takes_a_revision_when_its_opportunity_changes_and_is_deleted_once_stopped() {
    let server = Server::fast();
    let p = Project::new();
    let (eng, opp) = fresh_engagement(&server, &p);
    let created = json(
        &server,
        &p,
        &[
            "engagement",
            "snapshot-job",
            "create",
            &eng,
            "--opportunity",
            &opp,
        ],
    );
    assert_eq!(created["action"], "created");
    let job = created["job_id"].as_str().expect("job").to_string();
    let listed = json(&server, &p, &["engagement", "snapshot-jobs", &eng]);
    assert_eq!(listed["count"], 1, "{listed}");
    assert_eq!(
        listed["items"][0]["status"], "Stopped",
        "created stopped: {listed}"
    );
    assert_eq!(listed["items"][0]["resource_id"], opp.as_str());
    json(&server, &p, &["engagement", "snapshot-job", "start", &job]);
    let running = json(&server, &p, &["engagement", "snapshot-jobs", &eng]);
    assert_eq!(running["items"][0]["status"], "Running", "{running}");
    assert_eq!(
        revisions(&server, &p, &eng),
        vec![1],
        "starting copies the opportunity once"
    );
    json(
        &server,
        &p,
        &["opportunity", "set-stage", &opp, "Technical Validation"],
    );
    assert_eq!(
        revisions(&server, &p, &eng),
        vec![1, 2],
        "the running job took a new revision after the change"
    );
    let shown = json(
        &server,
        &p,
        &["engagement", "snapshot-show", &eng, "--opportunity", &opp],
    );
    assert_eq!(shown["revision"], 2, "{shown}");
    assert_eq!(shown["payload"]["stage"], "Technical Validation", "{shown}");
    let refused = p
        .mpctl(
            &server.url(),
            &["engagement", "snapshot-job", "delete", &job],
        )
        .output();
    assert_eq!(refused.code(), 1, "{}", refused.stderr());
    assert!(
        refused
            .stderr()
            .contains("is Running; stop it before deleting it"),
        "AWS's message: {}",
        refused.stderr()
    );
    json(&server, &p, &["engagement", "snapshot-job", "stop", &job]);
    json(
        &server,
        &p,
        &["opportunity", "set-stage", &opp, "Business Validation"],
    );
    assert_eq!(
        revisions(&server, &p, &eng),
        vec![1, 2],
        "a stopped job takes none"
    );
    let deleted = json(&server, &p, &["engagement", "snapshot-job", "delete", &job]);
    assert_eq!(deleted["action"], "deleted");
    let after = json(&server, &p, &["engagement", "snapshot-jobs", &eng]);
    assert_eq!(after["count"], 0, "{after}");
}

#[test]
fn bad_snapshot_ids_exit_2_with_nothing_sent() {
    let server = Server::fast();
    let p = Project::new();
    for args in [
        &["engagement", "snapshot-job", "start", "job-ABC"][..],
        &["engagement", "snapshot-job", "delete", "0123456789abc"][..],
        &[
            "engagement",
            "snapshot",
            "eng-abcdefgh123456",
            "--opportunity",
            "X1",
        ][..],
        &[
            "engagement",
            "snapshot-job",
            "create",
            "eng-1",
            "--opportunity",
            "O1",
        ][..],
    ] {
        let out = p.mpctl(&server.url(), args).output();
        assert_eq!(out.code(), 2, "{args:?}: {}", out.stderr());
        assert!(
            out.stderr().contains("nothing was sent"),
            "{}",
            out.stderr()
        );
    }
    assert!(server.handle().requests().is_empty(), "nothing was sent");
}
