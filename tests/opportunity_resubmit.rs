//! After a FAILED engagement task, fixing `changesets/opportunity.json` and re-running
//! `create-opportunity` updates the already-created opportunity from the fixed template before
//! submitting it again — no second opportunity, and AWS receives the fix.

use crate::support::partner_client;
use crate::support::project::Project;
use crate::support::server::Server;

const GOOD: &str =
    "The customer needs a managed data catalog across 40 accounts without running servers.";
const FIXED: &str = "The customer needs one governed data catalog for 40 AWS accounts, serverless.";

#[test]
fn a_fixed_template_updates_the_opportunity_before_it_is_resubmitted() {
    let server = Server::fast();
    let project = Project::new();
    let template = project.read("changesets/opportunity.json");
    project.write(
        "changesets/opportunity.json",
        &template.replace(GOOD, "Too short."),
    );
    project
        .mpctl(&server.url(), &["create-opportunity"])
        .output()
        .expect_code(3);
    let id = project.state()["OPPORTUNITY_ID"]
        .as_str()
        .expect("created before the task failed")
        .to_string();

    project.write(
        "changesets/opportunity.json",
        &template.replace(GOOD, FIXED),
    );
    let done = project
        .mpctl(&server.url(), &["create-opportunity", "--output", "json"])
        .output()
        .expect_code(0);
    assert!(
        done.stderr().contains(&format!("updated opportunity {id}")),
        "{}",
        done.stderr()
    );
    let state = project.state();
    assert_eq!(state["OPPORTUNITY_ID"], id.as_str(), "the same opportunity");
    assert!(state["ENGAGEMENT_ID"].is_string(), "{state}");
    assert_eq!(server.counts().2, 1, "no second opportunity");
    let got = server.block_on(async {
        partner_client(server.handle())
            .get_opportunity()
            .catalog("Sandbox")
            .identifier(&id)
            .send()
            .await
            .expect("get")
    });
    assert_eq!(
        got.project().and_then(|p| p.customer_business_problem()),
        Some(FIXED)
    );
    // The update came before the second submission.
    let ops = server.operations();
    let starts: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| o.as_str() == "StartEngagementFromOpportunityTask")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 2, "{ops:?}");
    let first_update = ops
        .iter()
        .position(|o| o == "UpdateOpportunity")
        .expect("an update");
    assert!(
        starts[0] < first_update && first_update < starts[1],
        "{ops:?}"
    );
}
