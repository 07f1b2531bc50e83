//! The co-sell lifecycle commands through the built binary against an emulator:
//! `opportunity get|list|set-stage` and `invitation list|accept|reject`, plus the
//! read-modify-write retry that `set-stage` (and `commit`) share, forced into a conflict.

use std::sync::atomic::{AtomicU32, Ordering};

use aws_sdk_partnercentralselling as pcs;
use pcs::types::{LifeCycle, ReviewStatus, Stage};
use serde_json::Value;

use crate::support::partner::create_referral;
use crate::support::partner_client;
use crate::support::project::Project;
use crate::support::server::Server;

/// Creates a referral in the server's Sandbox and returns the seller's pending invitation id.
pub(crate) fn referral_invitation(server: &Server, project: &Project, company: &str) -> String {
    server.block_on(create_referral(&partner_client(server.handle()), company));
    let listed = project
        .mpctl(
            &server.url(),
            &[
                "invitation",
                "list",
                "--status",
                "PENDING",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    let found = listed["items"]
        .as_array()
        .expect("invitations")
        .iter()
        .find(|i| i["title"] == format!("{company} data lake"))
        .unwrap_or_else(|| panic!("no invitation for {company}: {listed}"));
    assert_eq!(found["status"], "PENDING");
    found["invitation_id"].as_str().expect("id").to_string()
}

fn count(server: &Server, operation: &str) -> usize {
    server
        .operations()
        .iter()
        .filter(|o| o.as_str() == operation)
        .count()
}

fn sandbox_opportunity_count(server: &Server) -> usize {
    server.counts().2
}

#[test]
fn referral_acceptance_end_to_end() {
    let server = Server::fast();
    let project = Project::new();
    let invitation = referral_invitation(&server, &project, "Globex");
    let text = project
        .mpctl(&server.url(), &["invitation", "list"])
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.starts_with("ID  "), "{text}");
    assert!(
        text.contains(&invitation) && text.contains("PENDING"),
        "{text}"
    );

    let accepted = project
        .mpctl(
            &server.url(),
            &["invitation", "accept", &invitation, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(accepted["ok"], true);
    assert_eq!(accepted["status"], "done");
    assert_eq!(accepted["task"]["status"], "COMPLETE");
    let opportunity = accepted["opportunity_id"].as_str().expect("id").to_string();
    let state = project.state();
    assert_eq!(state["REFERRAL_OPPORTUNITY_ID"], opportunity.as_str());
    assert_eq!(state["REFERRAL_INVITATION_ID"], invitation.as_str());
    assert!(
        crate::support::project::nothing_in_flight(&state),
        "nothing left pending: {state}"
    );

    let got = project
        .mpctl(
            &server.url(),
            &["opportunity", "get", &opportunity, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(got["opportunity"]["opportunity_id"], opportunity.as_str());
    assert_eq!(got["opportunity"]["company"], "Globex");
    assert_eq!(got["opportunity"]["title"], "Globex data lake");
    assert_eq!(got["opportunity"]["target_close_date"], "2030-06-30");
    let table = project
        .mpctl(&server.url(), &["opportunity", "get", &opportunity])
        .output()
        .expect_code(0)
        .stdout();
    assert!(
        table.contains("Company") && table.contains("Globex"),
        "{table}"
    );
    // `status` lists the accepted referral.
    let status = project
        .mpctl(&server.url(), &["status", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert!(
        status["items"]
            .as_array()
            .expect("resources")
            .iter()
            .any(|r| r["resource"] == "Referral opportunity" && r["id"] == opportunity.as_str()),
        "{status}"
    );

    // A re-run sends nothing new and reports the saved opportunity.
    let starts = count(&server, "StartEngagementByAcceptingInvitationTask");
    let again = project
        .mpctl(
            &server.url(),
            &["invitation", "accept", &invitation, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(again["status"], "skipped");
    assert_eq!(again["opportunity_id"], opportunity.as_str());
    assert_eq!(
        count(&server, "StartEngagementByAcceptingInvitationTask"),
        starts
    );
    let listed = project
        .mpctl(
            &server.url(),
            &[
                "invitation",
                "list",
                "--status",
                "ACCEPTED",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(listed["count"], 1);
    assert_eq!(listed["items"][0]["invitation_id"], invitation.as_str());
}

#[test]
fn accept_killed_between_start_and_save_resumes_with_one_task() {
    let server = Server::fast();
    let project = Project::new();
    let invitation = referral_invitation(&server, &project, "Initech");
    let crashed = project
        .mpctl(&server.url(), &["invitation", "accept", &invitation])
        .env("MPCTL_CRASH_AT", "invitation-accept:after-start")
        .output();
    assert!(!crashed.out.status.success(), "the crash point aborts");
    let state = project.state();
    let pending = &state["MPCTL"]["pending"][format!("invitation-accept/{invitation}")];
    assert!(
        pending["token"].is_string(),
        "token saved before sending: {state}"
    );
    assert!(
        pending.get("task_id").is_none(),
        "killed before the task id was saved"
    );
    assert_eq!(
        count(&server, "StartEngagementByAcceptingInvitationTask"),
        1
    );

    let resumed = project
        .mpctl(
            &server.url(),
            &["invitation", "accept", &invitation, "--output", "json"],
        )
        .output()
        .expect_code(0)
        .json();
    let opportunity = resumed["opportunity_id"].as_str().expect("id").to_string();
    assert_eq!(
        project.state()["REFERRAL_OPPORTUNITY_ID"],
        opportunity.as_str()
    );
    let tasks = server.block_on(async {
        partner_client(server.handle())
            .list_engagement_by_accepting_invitation_tasks()
            .catalog("Sandbox")
            .send()
            .await
            .expect("list tasks")
    });
    assert_eq!(
        tasks.task_summaries().len(),
        1,
        "the re-sent token replayed the task"
    );
    // The referral itself plus exactly one accepted opportunity.
    assert_eq!(sandbox_opportunity_count(&server), 2);
}

#[test]
fn reject_with_reason_and_bad_reason_exits_2_sending_nothing() {
    let server = Server::fast();
    let project = Project::new();
    let invitation = referral_invitation(&server, &project, "Hooli");
    let before = server.operations().len();
    let bad = project
        .mpctl(
            &server.url(),
            &[
                "invitation",
                "reject",
                &invitation,
                "--reason",
                "Too busy",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(2);
    assert_eq!(bad.json()["ok"], false);
    assert!(
        bad.stderr().contains("--reason 'Too busy'"),
        "{}",
        bad.stderr()
    );
    assert!(
        bad.stderr().contains("\"Unable to support\""),
        "{}",
        bad.stderr()
    );
    assert_eq!(server.operations().len(), before, "nothing was sent");

    let done = project
        .mpctl(
            &server.url(),
            &[
                "invitation",
                "reject",
                &invitation,
                "--reason",
                "next steps UNCLEAR",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(done["status"], "REJECTED");
    assert_eq!(done["reason"], "Next steps unclear");
    let got = server.block_on(async {
        partner_client(server.handle())
            .get_engagement_invitation()
            .catalog("Sandbox")
            .identifier(&invitation)
            .send()
            .await
            .expect("get invitation")
    });
    assert_eq!(got.rejection_reason(), Some("Next steps unclear"));

    // Accepting a rejected invitation: one clear line with the AWS code and message, exit 1.
    let failed = project
        .mpctl(&server.url(), &["invitation", "accept", &invitation])
        .output()
        .expect_code(1);
    let err = failed.stderr();
    let line = err
        .lines()
        .find(|l| l.starts_with("mpctl: error:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("StartEngagementByAcceptingInvitationTask failed: ConflictException:")
            && line.contains("REJECTED"),
        "{err}"
    );
    assert!(project.state().get("REFERRAL_OPPORTUNITY_ID").is_none());
}

/// Creates a Sandbox opportunity in `stage` through the SDK; returns its id.
fn opportunity_in(server: &Server, company: &str, stage: Stage) -> String {
    let client = partner_client(server.handle());
    server.block_on(async {
        client
            .create_opportunity()
            .catalog("Sandbox")
            .customer(
                pcs::types::Customer::builder()
                    .account(
                        pcs::types::Account::builder()
                            .company_name(company)
                            .build()
                            .expect("account"),
                    )
                    .build(),
            )
            .life_cycle(LifeCycle::builder().stage(stage).build())
            .send()
            .await
            .expect("create")
            .id()
            .to_string()
    })
}

fn listed_ids(doc: &Value) -> Vec<String> {
    let mut ids: Vec<String> = doc["items"]
        .as_array()
        .expect("opportunities")
        .iter()
        .map(|o| o["opportunity_id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn opportunity_list_filters_by_stage_and_review_status_across_pages() {
    let server = Server::fast();
    let project = Project::new();
    // More than one page (the emulator's default page holds 20).
    let mut qualified: Vec<String> = (0..22)
        .map(|i| opportunity_in(&server, &format!("Q{i}"), Stage::Qualified))
        .collect();
    qualified.sort();
    let prospect = opportunity_in(&server, "P", Stage::Prospect);
    let all = project
        .mpctl(&server.url(), &["opportunity", "list", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(all["count"], 23);
    let only = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "list",
                "--stage",
                "Qualified",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(listed_ids(&only), qualified);
    let text = project
        .mpctl(
            &server.url(),
            &["opportunity", "list", "--stage", "Prospect"],
        )
        .output()
        .expect_code(0)
        .stdout();
    assert!(text.starts_with("ID "), "{text}");
    assert!(
        text.contains(&prospect) && text.contains("Pending Submission"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    let approved = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "list",
                "--review-status",
                "Approved",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(approved["count"], 0);
    let bad = project
        .mpctl(
            &server.url(),
            &["opportunity", "list", "--stage", "Closed Won"],
        )
        .output()
        .expect_code(2);
    assert!(bad.stderr().contains("Closed Won"), "{}", bad.stderr());
}

#[test]
fn set_stage_moves_the_opportunity_and_keeps_the_state_true() {
    let server = Server::fast();
    let project = Project::new();
    let id = opportunity_in(&server, "Acme", Stage::Prospect);
    project.write(
        "shared_env.json",
        &format!("{{\"OPPORTUNITY_ID\": \"{id}\"}}"),
    );
    let moved = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "set-stage",
                &id,
                "Technical Validation",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(0)
        .json();
    assert_eq!(moved["changed"], true);
    assert_eq!(project.state()["OPPORTUNITY_STAGE"], "Technical Validation");
    // `opportunity get` without an id reads OPPORTUNITY_ID from the state.
    let got = project
        .mpctl(&server.url(), &["opportunity", "get", "--output", "json"])
        .output()
        .expect_code(0)
        .json();
    assert_eq!(got["opportunity"]["opportunity_id"], id.as_str());
    assert_eq!(got["opportunity"]["stage"], "Technical Validation");
    assert_eq!(got["opportunity"]["company"], "Acme");
    let updates = count(&server, "UpdateOpportunity");
    let same = project
        .mpctl(
            &server.url(),
            &["opportunity", "set-stage", &id, "Technical Validation"],
        )
        .output()
        .expect_code(0);
    assert!(
        same.stdout().contains("already Technical Validation"),
        "{}",
        same.stdout()
    );
    assert_eq!(
        count(&server, "UpdateOpportunity"),
        updates,
        "no write when already there"
    );
    let bad = project
        .mpctl(&server.url(), &["opportunity", "set-stage", &id, "Won"])
        .output()
        .expect_code(2);
    assert!(bad.stderr().contains("Won"), "{}", bad.stderr());
}

#[test]
fn aws_errors_and_missing_ids_reach_the_user_as_one_line() {
    let server = Server::fast();
    let project = Project::new();
    let missing = project
        .mpctl(&server.url(), &["opportunity", "get", "--output", "json"])
        .output()
        .expect_code(2);
    assert!(
        missing
            .stderr()
            .contains("OPPORTUNITY_ID is not in the state file"),
        "{}",
        missing.stderr()
    );
    assert_eq!(missing.json()["error"]["exit_code"], 2);
    let failed = project
        .mpctl(
            &server.url(),
            &[
                "opportunity",
                "set-stage",
                "O9999999",
                "Committed",
                "--output",
                "json",
            ],
        )
        .output()
        .expect_code(1);
    let doc = failed.json();
    assert_eq!(doc["ok"], false);
    let error = doc["error"]["message"].as_str().expect("error");
    assert!(
        error.starts_with("GetOpportunity failed: ResourceNotFoundException: ")
            && error.contains("O9999999"),
        "{error}"
    );
    // One line, and the hint that every not-found error carries.
    let stderr = failed.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[1].trim_start().starts_with("hint: check the id"),
        "{stderr}"
    );
    let unknown = project
        .mpctl(
            &server.url(),
            &["invitation", "accept", "engi-0000000000000"],
        )
        .output()
        .expect_code(1);
    assert!(
        unknown.stderr().contains(
            "StartEngagementByAcceptingInvitationTask failed: ResourceNotFoundException:"
        ),
        "{}",
        unknown.stderr()
    );
}

/// The read-modify-write behind `set-stage` and `commit`: another client updates the
/// opportunity between our read and our write, the write gets a ConflictException, and the
/// retry re-reads (keeping the other client's change) and succeeds.
#[test]
fn set_stage_retries_after_a_forced_conflict() {
    let server = Server::fast();
    let id = opportunity_in(&server, "Contoso", Stage::Prospect);
    let url = server.url();
    let edits = AtomicU32::new(0);
    let interfere = || {
        // A second client on its own thread and runtime, while our read is in hand.
        let (url, id) = (url.clone(), id.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let client = pcs::Client::new(&crate::support::sdk_config_at(&url));
                let current = client
                    .get_opportunity()
                    .catalog("Sandbox")
                    .identifier(&id)
                    .send()
                    .await
                    .expect("get");
                let mut lc = mpctl::aws::opportunity_update::editable_life_cycle(&current);
                lc.next_steps = Some("Changed by a colleague".into());
                mpctl::aws::opportunity_update::update_from(
                    &current,
                    lc,
                    client.update_opportunity(),
                )
                .send()
                .await
                .expect("concurrent update");
            });
        })
        .join()
        .expect("interfering thread");
    };
    let printer = mpctl::output::Printer::new(mpctl::output::Format::Text, 1, false);
    let client = partner_client(server.handle());
    let changed = server
        .block_on(mpctl::aws::opportunity_update::update_life_cycle(
            &client,
            &printer,
            "Sandbox",
            &id,
            |lc| {
                if edits.fetch_add(1, Ordering::SeqCst) == 0 {
                    interfere();
                }
                lc.stage = Some(Stage::Committed);
                true
            },
        ))
        .expect("the retry succeeds");
    assert!(changed);
    assert_eq!(edits.load(Ordering::SeqCst), 2, "one conflict, one re-read");
    let statuses: Vec<u16> = server
        .handle()
        .requests()
        .into_iter()
        .filter(|r| r.operation == "UpdateOpportunity")
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        vec![200, 409, 200],
        "colleague, our stale write, our retry"
    );
    let got = server.block_on(async {
        client
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(&id)
            .send()
            .await
            .expect("get")
    });
    let lc = got.life_cycle().expect("life cycle");
    assert_eq!(lc.stage(), Some(&Stage::Committed));
    assert_eq!(
        lc.next_steps(),
        Some("Changed by a colleague"),
        "the retry re-read"
    );
    assert_eq!(lc.review_status(), Some(&ReviewStatus::PendingSubmission));
}

#[test]
fn a_failed_accept_task_exits_3_with_its_reason_and_clears_the_pending_request() {
    // A task long enough that the rejection below lands while it runs, even on a busy machine.
    let server = Server::start(mpctl_emulator::Timings {
        task_seconds: 3.0,
        ..crate::support::fast_timings()
    });
    let project = Project::new();
    let invitation = referral_invitation(&server, &project, "Vandelay");
    let child = project
        .mpctl(&server.url(), &["invitation", "accept", &invitation])
        .spawn_piped();
    let key = format!("invitation-accept/{invitation}");
    // Once the task id is saved the task is running; reject the invitation under it.
    crate::support::wait::until("the task id saved", || {
        project.state()["MPCTL"]["pending"][&key]["task_id"]
            .is_string()
            .then_some(())
    });
    server.block_on(async {
        partner_client(server.handle())
            .reject_engagement_invitation()
            .catalog("Sandbox")
            .identifier(&invitation)
            .rejection_reason("Other")
            .send()
            .await
            .expect("reject while the task runs")
    });
    let out = child.wait_with_output().expect("mpctl finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("ended FAILED: EngagementInvitationConflict:")
            && stderr.contains("REJECTED"),
        "{stderr}"
    );
    let state = project.state();
    assert!(
        crate::support::project::nothing_in_flight(&state),
        "a failed task is over: {state}"
    );
    assert!(state.get("REFERRAL_OPPORTUNITY_ID").is_none(), "{state}");
}
