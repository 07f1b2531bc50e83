//! `--plan` is what is sent, for the events queue: `events setup` (queue, rule, queue policy,
//! target) and `events teardown`, planned then run against the emulator (see
//! [`super::plan_fidelity::plan_then_run`]).

use super::plan_fidelity::plan_then_run;
use crate::support::project::Project;
use crate::support::server::Server;

#[test]
fn events_setup_and_teardown_send_what_their_plans_show() {
    let server = Server::fast();
    let p = Project::new();
    let plan = plan_then_run(&server, &p, &["events", "setup", "--name", "mp-plan"]);
    let ops: Vec<&str> = plan["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["operation"].as_str())
        .collect();
    assert_eq!(
        ops,
        ["CreateQueue", "PutRule", "SetQueueAttributes", "PutTargets"]
    );
    plan_then_run(&server, &p, &["events", "teardown", "--name", "mp-plan"]);
}
